/**
 * Model-based tests of the device actors with xstate/graph over the machines themselves: the
 * shortest path to every distinct state (value and context) of the bill validator and the card
 * reader, with events drawn from what the kiosk and the hardware can send and the delays each
 * state configures. Each path is then run on a real actor of that machine — invoked by a parent
 * that collects its reports, on a virtual clock whose timers fire for the `after` steps — and
 * after every step the actor is where the model says, and the device's own invariants hold:
 * every note that went in is accounted for exactly once, and the cashbox counts exactly the
 * notes reported stacked; a card is reported written only while it is on the pad and asked for.
 */
import { createActor, setup, type AnyActorRef, type AnyStateMachine, type EventObject } from 'xstate'
import { getAdjacencyMap, getShortestPaths, type StatePath } from 'xstate/graph'
import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../src/core/clock'
import { billValidatorMachine, type BillValidatorEvent } from '../../src/core/machines/billValidatorMachine'
import { cardReaderMachine, type CardReaderEvent } from '../../src/core/machines/cardReaderMachine'

type Snapshot = ReturnType<AnyStateMachine['transition']>

/** The `after` events the active states configure, as xstate/graph must be told them. */
function delayedEvents(snapshot: Snapshot): EventObject[] {
  const nodes = (snapshot as unknown as { _nodes: { after: { eventType: string }[] }[] })._nodes
  return [...new Set(nodes.flatMap((n) => n.after.map((t) => t.eventType)))].map((type) => ({ type }))
}

/**
 * xstate/graph runs a machine with no parent, and the devices report to theirs (sendParent): give
 * the traversal a parent that hears nothing (the traversal's scope defers no effects anyway).
 */
function withSilentParent(machine: AnyStateMachine): AnyStateMachine {
  type Scope = { self: object }
  const scoped = (scope: Scope) => ({ ...scope, self: Object.assign(Object.create(scope.self) as object, { _parent: scope.self }) })
  const logic = Object.create(machine) as AnyStateMachine & Record<string, unknown>
  logic.transition = ((snapshot: Snapshot, event: EventObject, scope: Scope) => machine.transition(snapshot, event, scoped(scope) as never)) as never
  logic.getInitialSnapshot = ((scope: Scope, input: unknown) => machine.getInitialSnapshot(scoped(scope) as never, input)) as never
  return logic
}

const isDelayed = (event: EventObject) => event.type.startsWith('xstate.after.')

/** Runs a path on a live actor of `machine` under a parent that keeps every report it sends. */
async function runPath(
  machine: AnyStateMachine,
  input: unknown,
  path: StatePath<Snapshot, EventObject>,
  check: (device: Snapshot, reports: EventObject[], sent: EventObject[]) => void
) {
  const clock = new VirtualClock(0)
  const reports: EventObject[] = []
  const parent = setup({ actors: { device: machine } }).createMachine({
    invoke: { id: 'device', src: 'device', input },
    on: { '*': { actions: ({ event }) => reports.push(event) } }
  })
  const actor = createActor(parent, { clock })
  actor.start()
  const device = actor.getSnapshot().children.device as AnyActorRef
  const sent: EventObject[] = []
  for (const [index, step] of path.steps.entries()) {
    if (index === 0) continue // the initial state
    if (isDelayed(step.event)) {
      const due = clock.nextDue()
      expect(due, `${step.event.type}: no timer pending`).not.toBeNull()
      await clock.advance(due! - clock.now())
    } else {
      device.send(step.event)
      sent.push(step.event)
      await clock.advance(0)
    }
    const live = device.getSnapshot() as Snapshot
    const where = `${path.steps.map((s) => s.event.type).join(' → ')} (step ${index})`
    expect(live.value, where).toEqual(step.state.value)
    expect(live.context, where).toEqual(step.state.context)
    check(live, reports, sent)
  }
  actor.stop()
}

const NOTE = { currency: 'KZT', value: 1000 } as const
const VALIDATOR_INPUT = { stackMs: 1500, returnMs: 1000, escrowMs: 5000, stackerCapacity: 2 }
const VALIDATOR_COMMANDS: BillValidatorEvent[] = [
  { type: 'insert', note: NOTE },
  { type: 'enable' },
  { type: 'disable' },
  { type: 'stack' },
  { type: 'return' },
  { type: 'condition', condition: 'cassetteRemoved' },
  { type: 'condition', condition: null },
  { type: 'counterfeitNext' },
  { type: 'jam' },
  { type: 'disarm' }
]

/** Cashbox size aside (it grows without end), the validator's state is what its guards read. */
const serializeValidator = (s: Snapshot) => {
  const { cashbox, ...rest } = s.context as { cashbox: { count: number }[] }
  return JSON.stringify([
    s.value,
    rest,
    Math.min(
      cashbox.reduce((n, c) => n + c.count, 0),
      VALIDATOR_INPUT.stackerCapacity
    )
  ])
}

function validatorInvariants(device: Snapshot, reports: EventObject[], sent: EventObject[]) {
  const count = (type: string) => reports.filter((r) => r.type === type).length
  const jammedOnNote = reports.filter((r) => r.type === 'validator.jammed' && (r as EventObject & { note?: unknown }).note !== null).length
  const inPath = ['escrowed', 'stacking', 'returning'].includes(device.value as string) ? 1 : 0
  // Every note pushed in is stacked, handed back, refused or jammed on — once — or still in the path.
  const accounted =
    count('validator.stacked') + count('validator.returned') + count('validator.rejected') + count('validator.refusedAtEntry') + jammedOnNote + inPath
  expect(accounted).toBe(sent.filter((e) => e.type === 'insert').length)
  // The cashbox holds the notes stacked since the cassette was last emptied (taken out, or full, and put back).
  let sinceEmptied = 0
  let condition: unknown = null
  for (const r of reports) {
    if (r.type === 'validator.stacked') sinceEmptied++
    if (r.type === 'validator.conditionChanged') {
      const next = (r as EventObject & { condition?: unknown }).condition
      if (next === null && (condition === 'stackerFull' || condition === 'cassetteRemoved')) sinceEmptied = 0
      condition = next
    }
  }
  const cashbox = (device.context as { cashbox: { count: number }[] }).cashbox
  expect(cashbox.reduce((n, c) => n + c.count, 0)).toBe(sinceEmptied)
}

const READER_INPUT = { writeMs: 1200 }
const CARD = '9398000011112222'
const OTHER = '9398000033334444'
const READER_COMMANDS: CardReaderEvent[] = [
  { type: 'present', number: CARD },
  { type: 'present', number: OTHER },
  { type: 'remove' },
  { type: 'write', number: CARD },
  { type: 'cancelWrite' },
  { type: 'readError', on: true },
  { type: 'readError', on: false }
]

function readerInvariants(device: Snapshot, reports: EventObject[]) {
  const context = device.context as { card: string | null; writeFor: string | null }
  const last = reports.at(-1) as { type: string; number?: string } | undefined
  if (last?.type === 'reader.cardWritten') expect(last.number).toBe(context.card)
  if (device.value === 'writing') expect(context.card).toBe(context.writeFor)
  // A write either lands, fails because the card left, or is still going: never both.
  const written = reports.filter((r) => r.type === 'reader.cardWritten').length
  const failed = reports.filter((r) => r.type === 'reader.writeFailed').length
  expect(written + failed).toBeLessThanOrEqual(reports.filter((r) => r.type === 'reader.writing').length)
}

const DEVICES = [
  {
    name: 'bill validator',
    machine: billValidatorMachine,
    input: VALIDATOR_INPUT,
    commands: VALIDATOR_COMMANDS as EventObject[],
    serialize: serializeValidator,
    check: validatorInvariants
  },
  {
    name: 'card reader',
    machine: cardReaderMachine,
    input: READER_INPUT,
    commands: READER_COMMANDS as EventObject[],
    serialize: (s: Snapshot) => JSON.stringify([s.value, s.context]),
    check: readerInvariants
  }
] as const

describe.each(DEVICES)('the $name, model-based', ({ machine, input, commands, serialize, check }) => {
  const options = {
    input,
    events: (s: Snapshot) => [...commands, ...delayedEvents(s)],
    serializeState: serialize,
    limit: 5000
  }

  it('xstate/graph reaches every state, and each shortest path runs the same on a live actor', async () => {
    const paths = getShortestPaths(withSilentParent(machine as AnyStateMachine), options as never) as StatePath<Snapshot, EventObject>[]
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)))
    // `settling` is transient: it always leaves at once, so no snapshot ever rests in it.
    const states = Object.keys((machine as AnyStateMachine).root.states).filter((s) => s !== 'settling')
    expect(states.filter((s) => !reached.has(JSON.stringify(s)))).toEqual([])
    expect(paths.length).toBeGreaterThan(states.length)
    for (const path of paths) await runPath(machine as AnyStateMachine, input, path, check)
  })

  it('every edge of the adjacency map — the shortest path to a state plus one event — runs the same on a live actor', async () => {
    const logic = withSilentParent(machine as AnyStateMachine)
    const toState = new Map((getShortestPaths(logic, options as never) as StatePath<Snapshot, EventObject>[]).map((p) => [serialize(p.state), p]))
    const adjacency = getAdjacencyMap(logic, options as never) as unknown as Record<
      string,
      { transitions: Record<string, { event: EventObject; state: Snapshot }> }
    >
    let edges = 0
    for (const [key, { transitions }] of Object.entries(adjacency)) {
      const prefix = toState.get(key)!
      for (const { event, state } of Object.values(transitions)) {
        await runPath(machine as AnyStateMachine, input, { ...prefix, state, steps: [...prefix.steps, { event, state }] }, check)
        edges++
      }
    }
    expect(edges).toBeGreaterThan(toState.size)
  })
})
