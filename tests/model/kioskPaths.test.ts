/**
 * Model-based tests of the kiosk: xstate/graph's shortest path to every state of the explored
 * graph, and its simple paths to the receipt, each replayed on a fresh core with, after every
 * step, the state the graph says it leads to, the screen it shows, a view that serialises, and
 * the money audit (nothing lost or doubled, the journal's hash chain intact).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { auditKiosk } from '../../src/core/kioskAudit'
import { DEMO_CARDS } from '../../src/core/cards'
import {
  TOUR_ACTIONS,
  exploreKiosk,
  kioskStateKey,
  shortestPaths,
  shortestPathsToScreens,
  simplePathsTo,
  type GeneratedPath,
  type KioskGraph
} from '../../src/core/testing/explore'
import { oneTour } from '../../src/core/testing/tour'
import { SCREENS } from '../../src/core/protocol'
import { pathRunner } from '../../src/core/testing/play'
import { STAFF_PROFILE } from '../../src/core/testing/profiles'
import type { ScenarioRunner } from '../../src/core/scenario/runner'

/** What a customer does at the kiosk (the graph's action names): simple paths are drawn over these. */
const CUSTOMER = [
  'tapCard 9398000011112222',
  'removeCard',
  'chooseAmount 2000',
  'chooseAmount 5000',
  'keypad 5',
  'submitAmount',
  'payCash',
  'payCard',
  'insertBill KZT 1000',
  'insertBill KZT 5000',
  'insertBill USD 20',
  'confirm',
  'back',
  'cancel',
  'start',
  'enterCard 11112222'
]

/**
 * The host's drills only (down, slow, an answer lost before or after the credit), and no staff
 * switches: the graph every shortest path of which is replayed here (about 470 states). The
 * other drills' graph (EXPLORED_ACTIONS) is tests/model/shortestPaths.test.ts's.
 */
const ACTIONS = TOUR_ACTIONS

/** A graph a tour can take whole: a card tapped and taken off, cancel, and time. */
const SMALL = ['tapCard 9398000011112222', 'removeCard', 'cancel', 'wait 65']

let graph: KioskGraph
/** Each shortest path's steps → the vertex it ends in: the states a path passes through are its prefixes' ends. */
let endOf: Map<string, string>

beforeAll(async () => {
  // Under the drill with staff (they have PINs): service mode is explored too.
  graph = await exploreKiosk({ actions: ACTIONS, limit: 2000, profile: STAFF_PROFILE })
  endOf = new Map(shortestPaths(graph).map((p) => [JSON.stringify(p.steps), p.target]))
}, 120_000)

/** Replays a generated path, checking the graph's prediction and the money after every step. */
async function replayChecked(path: GeneratedPath, states: string[]): Promise<ScenarioRunner> {
  const runner = pathRunner([...path.steps], undefined, STAFF_PROFILE)
  for (const [index, step] of path.steps.entries()) {
    const report = await runner.runStep(step, index)
    const where = `step ${index + 1} of [${path.steps.map((s) => s.do).join(', ')}]`
    expect(report.ok, `${where}: ${report.error}`).toBe(true)
    expect(kioskStateKey(runner), where).toBe(states[index])
    expect(runner.kiosk.view().screen, where).toBe(graph.vertices.get(states[index]!)!.screen)
    expect(() => JSON.stringify(runner.kiosk.view()), where).not.toThrow()
    expect(auditKiosk(runner.kiosk, runner.journal, runner.cards, DEMO_CARDS).violations, where).toEqual([])
  }
  return runner
}

/** The vertices a shortest path passes through: every prefix of a shortest path is a shortest path too. */
function statesAlong(path: GeneratedPath): string[] {
  return path.steps.map((_, i) => endOf.get(JSON.stringify(path.steps.slice(0, i + 1))) ?? '(not a shortest path)')
}

describe('the explored kiosk graph', () => {
  it('is explored completely within its limit and rests on every screen but the passing ones and those of other drills', () => {
    expect(graph.truncated).toBe(false)
    const screens = new Set([...graph.vertices.values()].map((v) => v.screen))
    // Shown only while a step settles (a lookup, a payment, a credit), and the screens of the card-reader, POS, validator and storage drills.
    expect(SCREENS.filter((s) => !screens.has(s))).toEqual([
      'checkingCard',
      'cardReadError',
      'bankCard',
      'bankCardDeclined',
      'bankCardTimeout',
      'billJam',
      'crediting',
      'storageFailed'
    ])
  })

  it('every shortest path replays to the state the graph predicts, the money audit clean after every step', async () => {
    const paths = shortestPaths(graph)
    expect(paths.length).toBe(graph.vertices.size)
    for (const path of paths) {
      const runner = await replayChecked(path, statesAlong(path))
      runner.kiosk.stop()
    }
  }, 120_000)

  it("simple paths to the receipt over the customer's own actions go different ways and all replay clean", async () => {
    const paths = simplePathsTo(graph, 'receipt', { actions: CUSTOMER, limit: 40 })
    expect(paths.length).toBe(40)
    expect(new Set(paths.map((p) => JSON.stringify(p.steps))).size).toBe(40)
    expect(paths.some((p) => p.steps.some((s) => s.do === 'insertBill'))).toBe(true)
    for (const path of paths) {
      const runner = pathRunner([...path.steps], undefined, STAFF_PROFILE)
      for (const [index, step] of path.steps.entries()) {
        expect((await runner.runStep(step, index)).ok).toBe(true)
        expect(auditKiosk(runner.kiosk, runner.journal, runner.cards, DEMO_CARDS).violations).toEqual([])
      }
      expect(runner.kiosk.view().screen).toBe('receipt')
      runner.kiosk.stop()
    }
  }, 120_000)

  it('gives the shortest path to each screen', () => {
    const toScreens = shortestPathsToScreens(graph)
    expect(toScreens.map((p) => p.screen)).toContain('receipt')
    const receipt = toScreens.find((p) => p.screen === 'receipt')!
    // A tap, an amount and the bank card (left on the reader for the write): nothing shorter prints a receipt.
    expect(receipt.steps.map((s) => s.do)).toEqual(['tapCard', 'chooseAmount', 'payCard'])
  })
})

describe('one tour of the explored graph', () => {
  it('says its condition stopped it when its condition held', async () => {
    const tour = await oneTour(graph, { profile: STAFF_PROFILE, until: (actions) => actions >= 5 })
    expect(tour).toMatchObject({ stoppedBy: 'condition', edgesTotal: [...graph.edges.values()].reduce((n, out) => n + out.size, 0) })
    expect(tour.steps.filter((s) => 'do' in s)).toHaveLength(5)
  })

  it('says the safety limit stopped it when it did, even with a condition still unmet', async () => {
    const tour = await oneTour(graph, { profile: STAFF_PROFILE, maxSteps: 7, until: () => false })
    expect(tour.stoppedBy).toBe('safetyLimit')
    expect(tour.steps.filter((s) => 'do' in s)).toHaveLength(7)
  })

  it('takes every edge of a small graph and says so, or says its unmet condition was left with no edge to take', async () => {
    const small = await exploreKiosk({ actions: SMALL.map((name) => graph.actions.get(name)!), profile: STAFF_PROFILE })
    const all = await oneTour(small, { profile: STAFF_PROFILE })
    expect(all).toMatchObject({ stoppedBy: 'allEdges', edgesTaken: all.edgesTotal })
    expect(all.edgesTotal).toBeGreaterThan(5)
    // An unmet condition: every edge taken is no reason to say the condition was met.
    const unmet = await oneTour(small, { profile: STAFF_PROFILE, until: () => false })
    expect(unmet.stoppedBy).toBe('allEdges')
    const actions = all.steps.filter((s) => 'do' in s).length
    const met = await oneTour(small, { profile: STAFF_PROFILE, until: (done) => done >= actions })
    expect(met).toMatchObject({ stoppedBy: 'condition', edgesTaken: all.edgesTotal })
  })
})
