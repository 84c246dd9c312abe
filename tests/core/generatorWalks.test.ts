/** The new generators and stop conditions on real walks: reached states and transitions, requirements, truthful results, weights, a_star, chains. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CoverageRecorder, coverageTotals, parseAllowList } from '../../src/core/coverage'
import type { ActionStep, Step } from '../../src/core/scenario/schema'
import { parseGenerator, parseGenerators } from '../../src/core/testing/generator'
import { generateChain, generatePaths, walk } from '../../src/core/testing/walk'
import { tourGraph } from '../../src/core/testing/explore'
import { loadWeights } from '../../src/core/testing/weights'
import { pathRunner } from '../../src/core/testing/play'
import { progressOf } from '../../src/core/testing/uncovered'

const ALLOW = parseAllowList(JSON.parse(readFileSync(join(__dirname, '../coverage-allowlist.json'), 'utf8')))
const actionsOf = (steps: readonly Step[]) => steps.filter((s): s is ActionStep => 'do' in s)

describe('reached_vertex and reached_edge on real walks', () => {
  it('stops once the transition is taken', async () => {
    const edge = 'kiosk.session.flow.amount · customer.chooseAmount #1'
    const result = await walk({ spec: parseGenerator(`random(reached_edge("${edge}") or length(3000))`), seed: 2 })
    expect(result).toMatchObject({ stoppedBy: 'condition', unmet: [] })
    expect(result.coverage[0]!.transitions.uncovered).not.toContain(edge)
    const steps = actionsOf(result.paths[0]!.scenario.steps)
    expect(steps.length).toBeLessThan(3000)
    // It stopped right after the choice of an amount that was taken.
    expect(steps.at(-1)!.do).toMatch(/chooseAmount|removeCard/)
  })

  it('stops once the state is entered, and a screen by its name as before', async () => {
    const state = await walk({ spec: parseGenerator('random(reached_vertex(kiosk.session.flow.paymentMethod) or length(3000))'), seed: 4 })
    expect(state).toMatchObject({ stoppedBy: 'condition', unmet: [] })
    expect(state.paths[0]!.scenario.steps.at(-1)).toEqual({ expect: { screen: 'paymentMethod' } })
    const screen = await walk({ spec: parseGenerator('random(reached_vertex(paymentMethod) or length(3000))'), seed: 4 })
    expect(screen.paths[0]!.scenario.steps).toEqual(state.paths[0]!.scenario.steps)
  })

  it('refuses a walk to a state that does not exist before taking a step', async () => {
    await expect(walk({ spec: parseGenerator('random(reached_vertex(kiosk.session.flow.nowhere))'), seed: 1 })).rejects.toThrow(/no such state/)
  })
})

describe('requirement coverage', () => {
  it('reads the requirements met as the coverage report counts them, outside the allow-list when given', async () => {
    const recorder = new CoverageRecorder()
    await walk({ spec: parseGenerator('quick_random(length(200))'), seed: 3, recorder })
    const requirements = recorder.report().flatMap((m) => m.requirements)
    const unmet = requirements.filter((r) => !r.met).map((r) => r.requirement)
    expect(unmet.length).toBeGreaterThan(0)
    const progress = progressOf(recorder, 200, new Set(), 0)
    expect(progress.requirementsUnmet).toEqual(unmet)
    expect(progress.requirementsPercent).toBe(Math.floor(((requirements.length - unmet.length) / requirements.length) * 1000) / 10)
    // The allow-list leaves its transitions out of the requirements they carry: never fewer met.
    expect(progressOf(recorder, 200, new Set(), 0, ALLOW).requirementsPercent).toBeGreaterThanOrEqual(progress.requirementsPercent!)
  })

  it('walks on until the requirements are met, and says which are not when it is stopped first', async () => {
    const met = await walk({ spec: parseGenerator('quick_random(requirement_coverage(50) or length(3000))'), seed: 3 })
    expect(met).toMatchObject({ stoppedBy: 'condition', unmet: [] })
    const stopped = await walk({ spec: parseGenerator('random(requirement_coverage(100))'), seed: 3, safetyLimit: 30 })
    expect(stopped.stoppedBy).toBe('safetyLimit')
    expect(stopped.unmet).toEqual([expect.stringMatching(/^requirement_coverage\(100\): [\d.]+ % \(\d+ requirements not met: REQ-[A-Z-]+(, REQ-[A-Z-]+)*\)$/)])
  })
})

describe('truthful results', () => {
  it('a walk stopped before its condition held says what was not met, with the figures', async () => {
    const result = await walk({ spec: parseGenerator('random(edge_coverage(100) and length(20) or reached_vertex(billJam))'), seed: 6, safetyLimit: 40 })
    expect(result.stoppedBy).toBe('safetyLimit')
    const left = coverageTotals(result.coverage).transitions
    expect(result.unmet).toEqual([
      `edge_coverage(100): ${left.percent} % (${left.total - left.covered} transitions not taken)`,
      'reached_vertex(billJam): not reached'
    ])
  })

  it('a walk its length stopped met its condition: nothing unmet', async () => {
    const result = await walk({ spec: parseGenerator('random(edge_coverage(100) or length(25))'), seed: 6 })
    expect(result).toMatchObject({ stoppedBy: 'condition', unmet: [] })
    expect(actionsOf(result.paths[0]!.scenario.steps)).toHaveLength(25)
  })
})

describe('over the explored state graph: a_star (shortest) and the tour', () => {
  // Exploring the kiosk's graph takes about a minute of CPU, once per process; the tests below share it.
  beforeAll(() => tourGraph(), 600_000)

  it('a tour says "condition" only when its condition holds', async () => {
    const held = await generatePaths({ spec: parseGenerator('shortest_all_paths(length(30))'), seed: 1 })
    expect(held).toMatchObject({ stoppedBy: 'condition', unmet: [] })
    const capped = await generatePaths({ spec: parseGenerator('oneTour(edge_coverage(100))'), seed: 1, safetyLimit: 30 })
    expect(capped.stoppedBy).toBe('safetyLimit')
    expect(capped.unmet).toEqual([expect.stringMatching(/^edge_coverage\(100\): [\d.]+ % \(\d+ transitions not taken\)$/)])
  }, 60_000)

  it('finds the shortest path to a screen', async () => {
    const result = await generatePaths({ spec: parseGenerator('a_star(reached_vertex(receipt))'), seed: 1 })
    expect(result).toMatchObject({ stoppedBy: 'condition', unmet: [], notFound: [] })
    expect(result.paths).toHaveLength(1)
    expect(actionsOf(result.paths[0]!.scenario.steps).map((s) => s.do)).toEqual(['tapCard', 'chooseAmount', 'payCard'])
    expect(result.paths[0]!.scenario.steps.at(-1)).toEqual({ expect: { screen: 'receipt' } })
    expect(result.paths[0]!.generator).toBe('shortest')
  }, 60_000)

  it('names the targets it found no path to, and why', async () => {
    const unreachable = 'kiosk.outOfService · host.down'
    const result = await generatePaths({
      spec: parseGenerator(`a_star(reached_vertex(receipt) and reached_edge("${unreachable}") and reached_vertex(billValidator.jammed))`),
      seed: 1,
      allow: ALLOW
    })
    expect(result.stoppedBy).toBe('noRoute')
    expect(result.paths.map((p) => p.scenario.name)).toEqual(['shortest path to receipt', 'shortest path to billValidator.jammed'])
    const reason = ALLOW.unreachable.find((u) => u.transition === unreachable)!.reason
    expect(result.notFound).toEqual([{ target: unreachable, reason: `${unreachable} is allow-listed as unreachable: ${reason}` }])
    expect(result.unmet).toEqual([`reached_edge("${unreachable}"): no path (${unreachable} is allow-listed as unreachable: ${reason})`])
  }, 60_000)
})

describe('weighted_random', () => {
  const count = (steps: readonly Step[], verb: string) => actionsOf(steps).filter((s) => s.do === verb).length

  it('takes the weights of a file: a verb weighted 0 never appears, one weighted high appears more', async () => {
    const spec = parseGenerator('weighted_random(length(300))')
    let plain = { insertBill: 0, cancel: 0 }
    let weighted = { insertBill: 0, cancel: 0 }
    const weight = loadWeights({ weights: { insertBill: 0, cancel: 20 } })
    for (const seed of [1, 2]) {
      const a = (await walk({ spec, seed })).paths[0]!.scenario.steps
      const b = (await walk({ spec, seed, weight })).paths[0]!.scenario.steps
      plain = { insertBill: plain.insertBill + count(a, 'insertBill'), cancel: plain.cancel + count(a, 'cancel') }
      weighted = { insertBill: weighted.insertBill + count(b, 'insertBill'), cancel: weighted.cancel + count(b, 'cancel') }
    }
    expect(plain.insertBill).toBeGreaterThan(0)
    expect(weighted.insertBill).toBe(0)
    expect(weighted.cancel).toBeGreaterThan(plain.cancel * 2)
  })

  it('weighs an action by its name over its verb, and the rest by default', () => {
    const weight = loadWeights({ $comment: 'notes', weights: { insertBill: 0, 'insertBill USD 20': 7 } })
    const runner = pathRunner([])
    expect(weight({ do: 'insertBill', currency: 'USD', value: 20 }, runner)).toBe(7)
    expect(weight({ do: 'insertBill', currency: 'KZT', value: 1000 }, runner)).toBe(0)
    expect(weight({ do: 'powerCut' }, runner)).toBe(0.2)
    runner.kiosk.stop()
  })

  it('refuses a weights file that is not right, naming the key', () => {
    expect(() => loadWeights({ weights: { insertBil: 1 } })).toThrow('weights["insertBil"]: no such action or verb; did you mean "insertBill"?')
    expect(() => loadWeights({ weights: { powerCut: -1, confirm: '2' } })).toThrow(
      'weights["powerCut"]: expected a number of at least 0, got -1; weights["confirm"]: expected a number of at least 0, got "2"'
    )
    expect(() => loadWeights({ insertBill: 1 })).toThrow(/weights: expected \{ "weights"/)
    expect(() => loadWeights({ weights: {}, extra: 1 })).toThrow('weights file: unexpected key "extra"')
  })
})

describe('chains', () => {
  it('runs the generators one after another on one recorder; the paths are all of theirs in order', async () => {
    const result = await generateChain({ specs: parseGenerators('random(length(20)) then quick_random(length(30))'), seed: 3 })
    expect(result).toMatchObject({ stoppedBy: 'condition', unmet: [] })
    expect(result.paths.map((p) => [p.generator, actionsOf(p.scenario.steps).length])).toEqual([
      ['random', 20],
      ['quickRandom', 30]
    ])
    const alone = await walk({ spec: parseGenerator('random(length(20))'), seed: 3 })
    expect(result.paths[0]!.scenario.steps).toEqual(alone.paths[0]!.scenario.steps)
    expect(coverageTotals(result.coverage).transitions.covered).toBeGreaterThan(coverageTotals(alone.coverage).transitions.covered)
  })

  it('says which generator of the chain did not meet its condition', async () => {
    const result = await generateChain({ specs: parseGenerators('random(length(10)) random(edge_coverage(100))'), seed: 3, safetyLimit: 15 })
    expect(result.stoppedBy).toBe('safetyLimit')
    expect(result.unmet).toEqual([expect.stringMatching(/^generator 2 \(random\): edge_coverage\(100\): [\d.]+ % \(\d+ transitions not taken\)$/)])
  })
})
