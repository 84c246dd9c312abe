/**
 * The core's customer intents per second against XState's own event rate, in one run (issue 19).
 *
 * - **core**: the whole kiosk (`Kiosk`: its XState machines, bill validator and card reader actors,
 *   money rules, hash-chained in-memory journal, views built for a listening screen) on a virtual
 *   clock, doing complete cash top-ups: tap, amount, cash, three tenge notes, confirm, card
 *   removed, done. Every intent is followed by the screen's `view()` (what a host sends out) and
 *   by the virtual time the step takes (the host's answer, the validator's stacking, the printer).
 * - **raw XState**: a machine of the same size (as many state nodes as the kiosk machine, a context
 *   with as many keys, one `assign` and one guard per transition), sent one event after another.
 *
 * Both run untimed first (JIT); the figures are CPU time of this process (`process.cpuUsage`), so a
 * loaded machine distorts them less. The ratio is the core's intents per second over the raw events
 * per second. docs/benchmarks.md has the figures and how to read them.
 */
import { parseScriptArgs } from './scriptArgs'
import { assign, createActor, setup, type InspectionEvent } from 'xstate'
import type { CardRecord } from '../src/core/cards'
import { VirtualClock } from '../src/core/clock'
import { loadConfig } from '../src/core/config'
import { MemoryCardStore } from '../src/core/devices/host'
import { MemoryJournal } from '../src/core/journal'
import { Kiosk } from '../src/core/kiosk'
import { billValidatorMachine } from '../src/core/machines/billValidatorMachine'
import { cardReaderMachine } from '../src/core/machines/cardReaderMachine'
import { kioskMachine } from '../src/core/machines/kiosk/machine'
import type { Intent } from '../src/core/protocol'
import { wholeNumberOption } from './wholeNumberOption'

/** CPU seconds (user + system) that `run` takes. */
async function cpuSeconds(run: () => unknown): Promise<number> {
  const started = process.cpuUsage()
  await run()
  const used = process.cpuUsage(started)
  return (used.user + used.system) / 1e6
}

/** One cash top-up as a customer does it, with the virtual time each step takes. */
const SESSION: readonly [Intent, number][] = [
  [{ type: 'chooseAmount', kzt: 1500 }, 10],
  [{ type: 'payCash' }, 10],
  [{ type: 'insertBill', currency: 'KZT', value: 1000 }, 700],
  [{ type: 'insertBill', currency: 'KZT', value: 200 }, 700],
  [{ type: 'insertBill', currency: 'KZT', value: 500 }, 700],
  [{ type: 'confirm' }, 2_000],
  [{ type: 'removeCard' }, 10],
  [{ type: 'done' }, 5_000]
]

/** The whole core in memory: `sessions` cash top-ups; returns the intents sent. `inspect` watches the kiosk's actor system. */
export async function coreRun(sessions: number, inspect?: (event: InspectionEvent) => void): Promise<number> {
  const clock = new VirtualClock(Date.UTC(2026, 11, 7, 6))
  const cards: CardRecord[] = Array.from({ length: 100 }, (_, i) => ({
    number: `9398${String(8_000_000_000 + i).padStart(12, '0')}`,
    balanceKzt: 0,
    status: 'active'
  }))
  // A cassette that never fills: the bench measures throughput, not the stacker-full drill.
  const config = loadConfig({ devices: { billValidator: { stackerCapacity: 1_000_000 } } })
  const kiosk = new Kiosk({ config, clock, journal: new MemoryJournal(), cards: new MemoryCardStore(cards), ...(inspect ? { inspect } : {}) })
  // A screen listening, as every host has one: it takes the view after each change.
  let views = 0
  kiosk.subscribe(() => void (kiosk.view().screen && views++))
  let intents = 0
  const step = async (intent: Intent, ms: number) => {
    const result = kiosk.send(intent)
    if (!result.ok) throw new Error(`${intent.type}: ${result.error}`)
    intents++
    await clock.advance(ms)
  }
  for (let i = 0; i < sessions; i++) {
    await step({ type: 'tapCard', number: cards[i % cards.length]!.number }, 400)
    for (const [intent, ms] of SESSION) await step(intent, ms)
    if (kiosk.view().screen !== 'idle') throw new Error(`session ${i} ended on ${kiosk.view().screen}`)
  }
  kiosk.stop()
  if (views === 0) throw new Error('no screen was told of any change')
  return intents
}

/**
 * What XState does for one customer intent, counted by an inspector on a run of its own (inspection
 * costs time): events received and transitions taken (microsteps) by each kind of actor — the kiosk
 * machine, the devices' machines, the promise and callback actors it invokes (host calls, timers) —
 * and actions run. Each of these is at least one raw event's work.
 */
export async function xstateWorkPerIntent(sessions = 20): Promise<{ events: Record<string, number>; microsteps: number; actions: number }> {
  const events: Record<string, number> = {}
  let microsteps = 0
  let actions = 0
  const kind = (ref: object) => {
    const src = (ref as { src?: unknown }).src
    return typeof src === 'string' ? src : ((src as { id?: string } | undefined)?.id ?? 'invoked')
  }
  const intents = await coreRun(sessions, (e) => {
    if (e.type === '@xstate.event') events[kind(e.actorRef)] = (events[kind(e.actorRef)] ?? 0) + 1
    else if (e.type === '@xstate.microstep') microsteps++
    else if (e.type === '@xstate.action') actions++
  })
  const per = (n: number) => n / intents
  const named = ['kiosk', 'billValidator', 'cardReader']
  const perKind: Record<string, number> = {}
  for (const [k, n] of Object.entries(events))
    perKind[named.includes(k) ? k : 'invoked actors'] = (perKind[named.includes(k) ? k : 'invoked actors'] ?? 0) + per(n)
  return { events: perKind, microsteps: per(microsteps), actions: per(actions) }
}

/** A state node and every node under it. */
const stateNodes = (node: { states: Record<string, unknown> }): number =>
  1 + Object.values(node.states).reduce<number>((n, child) => n + stateNodes(child as { states: Record<string, unknown> }), 0)

type MachineSize = { states: number; contextKeys: number }

/** The sizes (state nodes, context keys) of the kiosk machine and of the devices' machines it runs. */
function machineSizes(): Record<'kiosk' | 'billValidator' | 'cardReader', MachineSize> {
  const clock = new VirtualClock(0)
  const kiosk = new Kiosk({ config: loadConfig({}), clock, journal: new MemoryJournal(), cards: new MemoryCardStore([]) })
  const keys = (context: object) => Object.keys(context).length
  const sizes = {
    kiosk: { states: stateNodes(kioskMachine.root), contextKeys: keys(kiosk.snapshot().context) },
    billValidator: { states: stateNodes(billValidatorMachine.root), contextKeys: keys(kiosk.validator().getSnapshot().context) },
    cardReader: { states: stateNodes(cardReaderMachine.root), contextKeys: keys(kiosk.cardReader().getSnapshot().context) }
  }
  kiosk.stop()
  return sizes
}

/** A machine of that size: a ring of `states` states, each `next` event guarded and assigning one context key. */
function rawMachine(states: number, contextKeys: number) {
  const context: Record<string, number> = {}
  for (let k = 0; k < contextKeys; k++) context[`key${k}`] = 0
  const m = setup({
    types: { context: {} as Record<string, number>, events: {} as { type: 'next'; by: number } },
    guards: { positive: ({ event }) => event.by > 0 },
    actions: { bump: assign(({ context, event }, params: { key: string }) => ({ [params.key]: (context[params.key] ?? 0) + event.by })) }
  })
  const ring: Record<string, { on: { next: { target: string; guard: 'positive'; actions: { type: 'bump'; params: { key: string } } } } }> = {}
  for (let i = 0; i < states; i++)
    ring[`s${i}`] = { on: { next: { target: `s${(i + 1) % states}`, guard: 'positive', actions: { type: 'bump', params: { key: `key${i % contextKeys}` } } } } }
  return m.createMachine({ id: 'raw', context, initial: 's0', states: ring })
}

/** Sends `events` events to a started actor of the raw machine; returns them. */
function rawRun(machine: ReturnType<typeof rawMachine>, events: number): number {
  const actor = createActor(machine)
  actor.subscribe(() => undefined)
  actor.start()
  for (let i = 0; i < events; i++) actor.send({ type: 'next', by: 1 })
  actor.stop()
  return events
}

/** Runs both, prints them and their ratio; returns the ratio (core intents per second over raw events per second). */
export async function coreBench(sessions = 300): Promise<number> {
  const sizes = machineSizes()
  const size = sizes.kiosk
  const machine = rawMachine(size.states, size.contextKeys)
  const rawEvents = sessions * 200
  await coreRun(Math.min(50, sessions))
  rawRun(machine, 20_000)
  let intents = 0
  const coreCpu = await cpuSeconds(async () => void (intents = await coreRun(sessions)))
  const rawCpu = await cpuSeconds(() => rawRun(machine, rawEvents))
  const corePer = (coreCpu / intents) * 1e6
  const rawPer = (rawCpu / rawEvents) * 1e6
  const ratio = rawPer / corePer
  console.log(`core vs XState (CPU time; a machine of ${size.states} state nodes, ${size.contextKeys} context keys)`)
  console.log(`core      : ${sessions} sessions, ${intents} customer intents in ${coreCpu.toFixed(2)} s CPU → ${corePer.toFixed(0)} µs per intent`)
  console.log(`raw XState: ${rawEvents} events in ${rawCpu.toFixed(2)} s CPU → ${rawPer.toFixed(1)} µs per event`)
  console.log(`ratio     : ${(ratio * 100).toFixed(1)} % of the raw event rate (target ≥ 25 %)`)
  // The floor under the core: its XState events, each priced as one raw event on a machine of its own machine's size
  // (the invoked promise and callback actors' events priced at nothing), and no other work at all.
  const work = await xstateWorkPerIntent()
  const eventsPerIntent = Object.values(work.events).reduce((a, b) => a + b, 0)
  const split = Object.entries(work.events).map(([k, n]) => `${k} ${n.toFixed(2)}`)
  console.log(
    `per intent: ${eventsPerIntent.toFixed(2)} XState events (${split.join(', ')}), ${work.microsteps.toFixed(2)} microsteps, ${work.actions.toFixed(2)} actions`
  )
  let floor = 0
  const priced: string[] = []
  for (const kind of ['kiosk', 'billValidator', 'cardReader'] as const) {
    const { states, contextKeys } = sizes[kind]
    const events = 20_000
    const raw = rawMachine(states, contextKeys)
    rawRun(raw, events)
    const per = ((await cpuSeconds(() => rawRun(raw, events))) / events) * 1e6
    floor += (work.events[kind] ?? 0) * per
    priced.push(`${kind} ${per.toFixed(1)} µs (${states} nodes, ${contextKeys} keys)`)
  }
  console.log(`raw event : ${priced.join(', ')}`)
  console.log(
    `floor     : those events alone, nothing else: ${floor.toFixed(0)} µs per intent → at most ${((rawPer / floor) * 100).toFixed(0)} % of the raw rate`
  )
  return ratio
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseScriptArgs({ options: { sessions: { type: 'string', default: '300' } } })
  await coreBench(wholeNumberOption('sessions', values.sessions))
}
