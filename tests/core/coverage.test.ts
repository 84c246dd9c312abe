/** Coverage measured at run time from XState's microsteps, against every state and transition defined. */
import { describe, expect, it } from 'vitest'
import { createActor, fromPromise, setup } from 'xstate'
import { coverageTotals, CoverageRecorder, machineGraph, parseAllowList } from '../../src/core/coverage'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal } from '../../src/core/journal'
import { Kiosk } from '../../src/core/kiosk'
import { DEMO_CARD } from './helpers'

const door = setup({ guards: { isLocked: () => false }, actors: { fetch: fromPromise(async () => 1) } }).createMachine({
  id: 'door',
  initial: 'closed',
  states: {
    closed: { on: { open: [{ guard: 'isLocked', target: 'closed', meta: { requirements: ['REQ-LOCK'] } }, { target: 'opened' }] } },
    opened: { meta: { requirements: ['REQ-OPEN', 'REQ-LOCK'] }, after: { 1000: 'closing' }, on: { close: 'closing' } },
    closing: { invoke: { src: 'fetch', onDone: 'closed' }, always: { guard: 'isLocked', target: 'closed' } }
  }
})

/** A recorder that watched the door opened and closed (the lock never checked again, the timer never run out). */
async function openAndCloseDoor(): Promise<CoverageRecorder> {
  const recorder = new CoverageRecorder([door])
  const actor = createActor(door, { inspect: recorder.inspect }).start()
  actor.send({ type: 'open' })
  actor.send({ type: 'close' })
  await new Promise((r) => setTimeout(r, 0))
  return recorder
}

describe('coverage', () => {
  it('lists every state and transition with readable names', () => {
    const { graph } = machineGraph(door)
    expect(graph.states).toEqual(['door', 'door.closed', 'door.opened', 'door.closing'])
    expect(graph.transitions.map((t) => t.id).sort()).toEqual(
      [
        'door.closed · open #1',
        'door.closed · open #2',
        'door.opened · after 1000',
        'door.opened · close',
        'door.closing · done fetch',
        'door.closing · always'
      ].sort()
    )
    expect(graph.transitions[0]).toMatchObject({ guard: 'isLocked', targets: ['door.closed'] })
  })

  it('counts the states entered and the transitions taken, and names the rest', async () => {
    const recorder = await openAndCloseDoor()
    const [report] = recorder.report()
    expect(report!.states).toEqual({ covered: 4, total: 4, percent: 100, uncovered: [] })
    expect(report!.transitions).toMatchObject({ covered: 3, total: 6, percent: 50 })
    expect([...report!.transitions.uncovered].sort()).toEqual(['door.closed · open #1', 'door.closing · always', 'door.opened · after 1000'])
    // Requirements from meta: met when every state and transition tagged with them was covered.
    expect(report!.requirements).toEqual([
      { requirement: 'REQ-LOCK', covered: 1, total: 2, met: false, uncovered: ['transition door.closed · open #1'] },
      { requirement: 'REQ-OPEN', covered: 1, total: 1, met: true, uncovered: [] }
    ])
  })

  it('measures the kiosk runtime (its machine is a provided copy) and the device actors', async () => {
    const recorder = new CoverageRecorder()
    const clock = new VirtualClock(0)
    const kiosk = new Kiosk({ config: loadConfig(), clock, journal: new MemoryJournal(), cards: new MemoryCardStore(DEMO_CARDS), inspect: recorder.inspect })
    kiosk.send({ type: 'tapCard', number: DEMO_CARD })
    await clock.advance(2000)
    kiosk.send({ type: 'chooseAmount', kzt: 1000 })
    kiosk.send({ type: 'payCash' })
    await clock.advance(1000)
    kiosk.send({ type: 'insertBill', currency: 'KZT', value: 1000 })
    await clock.advance(2000)
    const [kioskCoverage, validator, reader] = recorder.report()
    const taken = (c: typeof kioskCoverage) => new Set(c!.transitions.uncovered)
    expect(taken(kioskCoverage).has('kiosk.idle · reader.cardTapped')).toBe(false)
    expect(taken(kioskCoverage).has('kiosk.session.flow.amount · customer.chooseAmount #1')).toBe(false)
    expect(taken(kioskCoverage).has('kiosk.session.flow.amount · customer.chooseAmount #2')).toBe(true) // never refused
    expect(kioskCoverage!.states.uncovered).toContain('kiosk.session.flow.billJam')
    expect(validator!.states.uncovered).toEqual(['billValidator.returning', 'billValidator.jammed'])
    expect(reader!.machine).toBe('cardReader')
    expect(reader!.states.uncovered).toEqual(['cardReader.writing'])
    const requirement = (id: string) => kioskCoverage!.requirements.find((r) => r.requirement === id)
    expect(requirement('REQ-CASH')).toMatchObject({ met: true })
    expect(requirement('REQ-BILL-JAM')).toMatchObject({ met: false, uncovered: ['state kiosk.session.flow.billJam'] })
  })

  it('leaves an allow-list out of the totals: what it names counts neither as covered nor as missing', async () => {
    const recorder = await openAndCloseDoor()
    const report = recorder.report()
    expect(coverageTotals(report)).toMatchObject({
      states: { covered: 4, total: 4, percent: 100 },
      transitions: { covered: 3, total: 6, percent: 50 },
      allowed: 0
    })
    const allow = parseAllowList(
      {
        unreachable: [{ machine: 'door', transition: 'door.closing · always', reason: 'the lock never engages' }],
        // An allowed transition that is covered after all drops out of both counts.
        notYetCovered: [
          { machine: 'door', transition: 'door.opened · close' },
          { machine: 'door', state: 'door.closing' }
        ]
      },
      [door]
    )
    const totals = coverageTotals(report, allow)
    expect(totals).toMatchObject({ states: { covered: 3, total: 3, percent: 100 }, transitions: { covered: 2, total: 4, percent: 50 }, allowed: 3 })
    expect(totals.uncovered.sort()).toEqual(['door: door.closed · open #1', 'door: door.opened · after 1000'])
  })

  it('refuses an allow-list naming what the machines do not have, or an unreachable entry without its reason', () => {
    const entry = { machine: 'door', transition: 'door.closed · open #1', reason: 'locked doors stay shut' }
    expect(parseAllowList({ unreachable: [entry] }, [door])).toEqual({ unreachable: [entry], notYetCovered: [] })
    expect(() => parseAllowList({ unreachable: [{ ...entry, machine: 'window' }] }, [door])).toThrow('no machine "window" (machines are door)')
    expect(() => parseAllowList({ unreachable: [{ ...entry, transition: 'door.closed · push' }] }, [door])).toThrow('door: no transition "door.closed · push"')
    expect(() => parseAllowList({ unreachable: [], notYetCovered: [{ machine: 'door', state: 'door.ajar' }] }, [door])).toThrow('door: no state "door.ajar"')
    expect(() => parseAllowList({ unreachable: [{ ...entry, reason: '' }] }, [door])).toThrow(/unreachable\.0\.reason/)
    expect(() => parseAllowList({ unreachable: [entry], extra: 1 }, [door])).toThrow(/extra/)
  })
})
