/**
 * What the walks have not covered yet: the coverage so far (worked out again only when something
 * new is covered), the progress the stop conditions read, and the actions that would take a
 * transition not covered yet.
 */
import type { AnyMachineSnapshot, EventObject } from 'xstate'
import {
  COVERED_MACHINES,
  coverageTotals,
  machineGraph,
  transitionKey,
  type AllowList,
  type CoverageRecorder,
  type CoverageTotals,
  type TransitionDefinitionLike
} from '../coverage'
import type { ActionStep } from '../scenario/schema'
import { activeMetaFlag, type KioskSnapshot } from '../view'
import { aimsOf } from './aims'
import { takesEventType } from '../machines/eventTypes'
import type { ScenarioRunner } from '../scenario/runner'
import type { WalkProgress } from './generator'
import { runnerNow } from './play'
import { coverageDetails } from './progress'
import { isStaffStep, staffEvents } from './staff'

/**
 * Progress for the stop conditions: the percentages (and the requirements met) are of all the machines' states and transitions,
 * the allow-list's left out; the states and transitions covered as ids. Cached by the recorder's size, as walks ask at every step.
 */
export function progressOf(
  recorder: CoverageRecorder,
  steps: number,
  screensSeen: ReadonlySet<string>,
  elapsedSeconds: number,
  allow?: AllowList
): WalkProgress {
  const { totals } = coverageNow(recorder, allow)
  return {
    steps,
    transitionsPercent: totals.transitions.percent,
    statesPercent: totals.states.percent,
    screensSeen,
    elapsedSeconds,
    ...coverageDetails(recorder, allow),
    statesLeft: totals.states.total - totals.states.covered,
    transitionsLeft: totals.transitions.total - totals.transitions.covered
  }
}

const coverageSoFar = new WeakMap<CoverageRecorder, Map<AllowList | undefined, { size: number; totals: CoverageTotals; uncovered: ReadonlySet<string> }>>()

/**
 * coverageTotals of the recorder's report, and what it leaves uncovered as a set (`machine:
 * transition`, `machine: state X`): computed again only once something new is covered, as walks
 * ask at every step.
 */
export function coverageNow(recorder: CoverageRecorder, allow: AllowList | undefined): { totals: CoverageTotals; uncovered: ReadonlySet<string> } {
  const byAllowList = coverageSoFar.get(recorder) ?? new Map()
  coverageSoFar.set(recorder, byAllowList)
  const last = byAllowList.get(allow)
  if (last?.size === recorder.size) return last
  const totals = coverageTotals(recorder.report(), allow)
  const now = { size: recorder.size, totals, uncovered: new Set(totals.uncovered) }
  byAllowList.set(allow, now)
  return now
}

/**
 * The actions that would take a transition not covered yet: a customer intent or a tap the kiosk
 * machine has an uncovered transition for, a note or a fault switch a device machine has one for,
 * a staff step whose event the kiosk machine has one for (staffEvents: the gesture or the door
 * asking for service mode, a PIN checked, a page opened, a switch), or a wait outlasting a timer
 * whose transition is uncovered, or an action while what it is there for and shows only later is uncovered (aimsOf: a
 * note's way, a jam with money in or armed, a power cut under a slow host, staff's way to the lockout …). (What else a
 * power cut or a typed card number leads to shows only later: they are tried as untried actions.)
 */
export function freshActions(runner: ScenarioRunner, possible: readonly ActionStep[], recorder: CoverageRecorder): ActionStep[] {
  return [...freshTransitions(runner, possible, recorder).keys()]
}

/** freshActions, each with the transitions not covered yet it would take (`machine: transition`, as coverageTotals names them). */
export function freshTransitions(runner: ScenarioRunner, possible: readonly ActionStep[], recorder: CoverageRecorder): Map<ActionStep, string[]> {
  return joinFresh(freshParts(runner, possible, recorder), possible)
}

/** Both parts of freshParts together, the machines' first, in the order of `possible`. */
export function joinFresh({ byMachines, byAims }: FreshParts, possible: readonly ActionStep[]): Map<ActionStep, string[]> {
  const fresh = new Map<ActionStep, string[]>()
  for (const step of possible) {
    const ids = [...(byMachines.get(step) ?? []), ...(byAims.get(step) ?? [])]
    if (ids.length > 0) fresh.set(step, ids)
  }
  return fresh
}

export interface FreshParts {
  byMachines: Map<ActionStep, string[]>
  byAims: Map<ActionStep, string[]>
}

/**
 * freshTransitions in two parts: what the machines say an action takes now (sure: the same situation again, the same action
 * takes it), and what it is there for that shows only after it (aimsOf: later choices may miss it).
 */
export function freshParts(runner: ScenarioRunner, possible: readonly ActionStep[], recorder: CoverageRecorder): FreshParts {
  const { uncovered } = coverageNow(recorder, undefined)
  const snapshots = machineSnapshots(runner)
  const uncoveredIds = (machine: string, t: unknown): string[] => {
    const id = GRAPHS.get(machine)?.get(transitionKey(t as TransitionDefinitionLike))
    return id !== undefined && uncovered.has(`${machine}: ${id}`) ? [`${machine}: ${id}`] : []
  }
  // Only a machine with an uncovered transition leaving one of its active states can take one (most often none can), and only
  // for an event one of those states has transitions for: XState's selection, guards and all, is the costly part.
  const sources = uncoveredSources(recorder, uncovered)
  const sourceStates = new Map<AnyMachineSnapshot, SourceState[]>()
  const activeSources = (snapshot: AnyMachineSnapshot): SourceState[] => {
    let active = sourceStates.get(snapshot)
    if (active === undefined) {
      const from = sources.get(snapshot.machine.id)
      const nodes = (snapshot as unknown as { _nodes?: SourceState[] })._nodes ?? []
      sourceStates.set(snapshot, (active = from === undefined ? [] : nodes.filter((node) => from.has(node.id))))
    }
    return active
  }
  const takesUncovered = (snapshot: AnyMachineSnapshot, event: EventObject & Record<string, unknown>): string[] =>
    activeSources(snapshot).some((node) => takesEventType(node, event.type))
      ? snapshot.machine.getTransitionData(snapshot, event).flatMap((t) => uncoveredIds(snapshot.machine.id, t))
      : []
  const transitionsOf = (step: ActionStep): string[] =>
    machineEventsOf(runner, step, snapshots).flatMap(({ snapshot, event }) => takesUncovered(snapshot, event))
  const byMachines = new Map<ActionStep, string[]>()
  const byAims = new Map<ActionStep, string[]>()
  // No uncovered transition left anywhere (with the allow-list's, which a walk's own never empties): none is fresh.
  if (uncovered.size === 0) return { byMachines, byAims }
  for (const step of possible) {
    const taken = transitionsOf(step)
    if (taken.length > 0) byMachines.set(step, taken)
    // What an action is there for that shows only after it (aims.ts): fresh while uncovered.
    const aimed = aimsOf(step, runner).filter((aim) => uncovered.has(aim))
    if (aimed.length > 0) byAims.set(step, aimed)
  }
  return { byMachines, byAims }
}

/** An active state node, as freshTransitions reads it: its id, and the event descriptors of its transitions. */
interface SourceState {
  id: string
  transitions: ReadonlyMap<string, unknown>
}

/** The three machines' snapshots as they stand: read once per step by whoever asks of several actions. */
export interface MachineSnapshots {
  kiosk: AnyMachineSnapshot
  validator: AnyMachineSnapshot
  reader: AnyMachineSnapshot
}

/** The snapshots of the kiosk's machines now. */
export function machineSnapshots(runner: ScenarioRunner): MachineSnapshots {
  return { kiosk: runner.kiosk.snapshot(), validator: runner.kiosk.validator().getSnapshot(), reader: runner.kiosk.cardReader().getSnapshot() }
}

/** A machine event and the snapshot of the machine it goes to. */
interface MachineEvent {
  snapshot: AnyMachineSnapshot
  event: EventObject & Record<string, unknown>
}

/**
 * The machine events an action sends now, each with the snapshot of the machine that receives it: a customer intent or a tap
 * to the kiosk, a note or a fault switch to its device (and a validator's new condition on to the kiosk), a staff step's events (staffEvents: the gesture or the door asking for
 * service mode, a PIN checked, a page opened, a switch), and for a wait the timers it outlasts (guards as they stand now).
 * A power cut, a journal restored and a typed card number send none that can be told in advance.
 */
export function machineEventsOf(
  runner: ScenarioRunner,
  step: ActionStep,
  { kiosk, validator, reader }: MachineSnapshots = machineSnapshots(runner)
): MachineEvent[] {
  if (step.do === 'wait') {
    const fired = [kiosk, validator, reader].flatMap((snapshot) =>
      timersOf(snapshot).flatMap((t) => (t.ms <= step.seconds * 1000 ? [{ snapshot, event: { type: t.eventType } }] : []))
    )
    return timesOut(kiosk as KioskSnapshot, step.seconds) ? [...fired, { snapshot: kiosk, event: { type: 'session.timedOut' } }] : fired
  }
  if (step.do === 'fault' || step.do === 'clearFault') {
    const device = deviceEvents(step)
    // Clearing a host that is slow or loses answers tells the kiosk nothing: only a link that was down comes back up.
    if (device === null || (step.do === 'clearFault' && step.device === 'host' && runner.kiosk.host.fault !== 'down')) return []
    const sent = [{ snapshot: device.machine === 'kiosk' ? kiosk : device.machine === 'billValidator' ? validator : reader, event: device.event }]
    // A condition the validator did not have (or a jam cleared) it reports to the kiosk, which handles it where it stands.
    const condition = device.event.type === 'condition' ? (device.event.condition as string | null) : undefined
    if (condition !== undefined && condition !== (validator.context as { condition: string | null }).condition)
      sent.push({ snapshot: kiosk, event: { type: 'validator.conditionChanged', condition } })
    return sent
  }
  if (step.do === 'insertBill') {
    const note = { currency: step.currency, value: step.value }
    const sent: MachineEvent[] = [{ snapshot: validator, event: { type: 'insert', note } }]
    // A counterfeit armed: the validator taking notes rejects the next one itself and tells the kiosk.
    if (validator.matches('idle') && (validator.context as { counterfeitNext: boolean }).counterfeitNext)
      sent.push({ snapshot: kiosk, event: { type: 'validator.rejected', note, reason: 'counterfeit' } })
    return sent
  }
  if (step.do === 'removeCard') {
    const sent: MachineEvent[] = [{ snapshot: reader, event: { type: 'remove' } }]
    // A card pulled in the middle of a write: the reader tells the kiosk the write failed.
    const { writeFor } = reader.context as { writeFor: string | null }
    if (reader.matches('writing')) sent.push({ snapshot: kiosk, event: { type: 'reader.writeFailed', number: writeFor, reason: 'cardRemoved' } })
    return sent
  }
  if (isStaffStep(step)) {
    const events = staffEvents(step, kiosk, runnerNow(runner)) ?? []
    // A login from outside the PIN pad is judged by its gesture; what its PIN does, once on the pad.
    return events.slice(0, step.do === 'serviceLogin' ? 1 : events.length).map((event) => ({ snapshot: kiosk, event }))
  }
  if (step.do === 'powerCut' || step.do === 'restoreJournal' || step.do === 'enterCard' || step.do === 'serviceLogin') return []
  const intent = runner.intentOf(step)
  const event = intent && runner.kiosk.eventFor(intent)
  return event ? [{ snapshot: kiosk, event }] : []
}

/**
 * Whether the customer's time runs out during a wait of `seconds` (the screen where it does then hears `session.timedOut`, a
 * warning's last tick away): the warning's seconds left, or, on a screen awaiting the customer, the inactivity time and the
 * whole warning (counted in full, as timersOf counts delays). Not with a note on its way: its landing gives them more time.
 */
function timesOut(kiosk: KioskSnapshot, seconds: number): boolean {
  const { context } = kiosk
  if (context.pendingNote !== null) return false
  if (kiosk.matches({ session: { attention: 'warning' } })) return seconds >= context.warningSecondsLeft
  if (!kiosk.matches({ session: { attention: 'watching' } })) return false
  const { inactivitySeconds, warningSeconds } = context.config.timeouts
  return activeMetaFlag(kiosk, 'awaitingCustomer') && seconds >= inactivitySeconds + warningSeconds
}

const sourcesSoFar = new WeakMap<CoverageRecorder, { size: number; sources: Map<string, Set<string>> }>()

/** Per machine, the states the uncovered transitions (`machine: source · event`) leave from; worked out again once something new is covered. */
function uncoveredSources(recorder: CoverageRecorder, uncovered: ReadonlySet<string>): Map<string, Set<string>> {
  const last = sourcesSoFar.get(recorder)
  if (last?.size === recorder.size) return last.sources
  const sources = new Map<string, Set<string>>()
  for (const item of uncovered) {
    const colon = item.indexOf(': ')
    const dot = item.indexOf(' · ')
    if (dot === -1) continue
    const machine = item.slice(0, colon)
    const set = sources.get(machine) ?? new Set<string>()
    set.add(item.slice(colon + 2, dot))
    sources.set(machine, set)
  }
  sourcesSoFar.set(recorder, { size: recorder.size, sources })
  return sources
}

const timersSoFar = new WeakMap<AnyMachineSnapshot, { ms: number; eventType: string }[]>()

/** The timers of a snapshot's active states, with their delays: worked out once per snapshot, as each wait of a step asks. */
function timersOf(snapshot: AnyMachineSnapshot): { ms: number; eventType: string }[] {
  let timers = timersSoFar.get(snapshot)
  if (!timers) {
    const nodes = (snapshot as unknown as { _nodes?: { after: { delay: string | number; eventType: string }[] }[] })._nodes ?? []
    timers = nodes.flatMap((node) => node.after.map((t) => ({ ms: delayMs(snapshot, t.delay), eventType: t.eventType })))
    timersSoFar.set(snapshot, timers)
  }
  return timers
}

/** A timer's delay in milliseconds: a number, or a named delay the machine computes from its context. */
function delayMs(snapshot: AnyMachineSnapshot, delay: string | number): number {
  if (typeof delay === 'number') return delay
  const named = (snapshot.machine.implementations.delays as Record<string, unknown>)[delay]
  if (typeof named === 'number') return named
  return typeof named === 'function' ? Number(named({ context: snapshot.context, event: { type: '' } })) : Infinity
}

/** The machine event a fault switch sends (as Kiosk.setFault does), or null for the devices without a machine (the printer, the POS). */
function deviceEvents(step: Extract<ActionStep, { do: 'fault' | 'clearFault' }>): { machine: string; event: EventObject & Record<string, unknown> } | null {
  const on = step.do === 'fault'
  if (step.device === 'host')
    return step.do === 'clearFault'
      ? { machine: 'kiosk', event: { type: 'host.up' } }
      : step.fault === 'down'
        ? { machine: 'kiosk', event: { type: 'host.down' } }
        : null
  if (step.device === 'cardReader') return { machine: 'cardReader', event: { type: 'readError', on } }
  if (step.device !== 'billValidator') return null
  if (step.do === 'clearFault') return { machine: 'billValidator', event: { type: 'condition', condition: null } }
  if (step.fault === 'jam') return { machine: 'billValidator', event: { type: 'jam' } }
  if (step.fault === 'counterfeit') return { machine: 'billValidator', event: { type: 'counterfeitNext' } }
  return { machine: 'billValidator', event: { type: 'condition', condition: step.fault } }
}

const GRAPHS = new Map(COVERED_MACHINES.map((m) => [m.id, machineGraph(m).ids]))
