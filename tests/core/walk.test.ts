/** Generators and stop conditions, and seeded walks over the live core that replay as scenarios. */
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../src/core/scenario/schema'
import { asksForFullCoverage, isBounded, isSatisfied, parseGenerator } from '../../src/core/testing/generator'
import { walk } from '../../src/core/testing/walk'
import { memoryRunner } from '../../src/core/testing/play'
import { profilesNamed } from '../../src/core/testing/profiles'
import { CoverageRecorder } from '../../src/core/coverage'
import { loadConfig } from '../../src/core/config'

describe('generator syntax', () => {
  it('parses generators and stop conditions, "and" binding tighter than "or"', () => {
    expect(parseGenerator('random(length(50))')).toEqual({ generator: 'random', stop: { kind: 'length', steps: 50 } })
    expect(parseGenerator(' quickRandom( transitions(100) or length(500) and reached(billJam) ) ')).toEqual({
      generator: 'quickRandom',
      stop: {
        kind: 'or',
        left: { kind: 'transitions', percent: 100 },
        right: { kind: 'and', left: { kind: 'length', steps: 500 }, right: { kind: 'reached', screen: 'billJam' } }
      }
    })
    expect(parseGenerator('random((states(50) or seconds(2)) and length(10))').stop).toMatchObject({ kind: 'and', left: { kind: 'or' } })
  })

  it('says what it expected and where', () => {
    expect(() => parseGenerator('walk(length(5))')).toThrow(
      'generator "walk(length(5))": expected a generator: random, quickRandom, weightedRandom, oneTour, shortest ' +
        "(or GraphWalker's quick_random, weighted_random, a_star, shortest_all_paths) at position 1"
    )
    expect(() => parseGenerator('random(length(0))')).toThrow(/expected a number of steps above 0 at position 15/)
    expect(() => parseGenerator('random(transitions(150))')).toThrow(/expected a percentage above 0, at most 100/)
    expect(() => parseGenerator('random(coverage(5))')).toThrow(
      `generator "random(coverage(5))": expected a stop condition: transitions(N), states(N), length(N), reached(SCREEN) or seconds(N) ` +
        "(or requirements(N), never, reached_edge(T), and GraphWalker's edge_coverage, vertex_coverage, requirement_coverage, reached_vertex, " +
        'time_duration) at position 8 (found "coverage(5))")'
    )
    expect(() => parseGenerator('random(length(5)) extra')).toThrow(/expected the end at position 19/)
    expect(() => parseGenerator('random(length(5)')).toThrow(/expected "\)" at position 17 \(found the end\)/)
  })

  it('evaluates and bounds conditions', () => {
    const progress = { steps: 10, transitionsPercent: 40, statesPercent: 80, screensSeen: new Set(['cash']), elapsedSeconds: 1 }
    expect(isSatisfied(parseGenerator('random(length(10) and reached(cash))').stop, progress)).toBe(true)
    expect(isSatisfied(parseGenerator('random(transitions(50) or states(90))').stop, progress)).toBe(false)
    expect(isBounded(parseGenerator('random(transitions(100))').stop)).toBe(false)
    expect(isBounded(parseGenerator('random(transitions(100) or length(9))').stop)).toBe(true)
    expect(isBounded(parseGenerator('random(transitions(100) and length(9))').stop)).toBe(false)
    expect(asksForFullCoverage(parseGenerator('quickRandom(transitions(100))').stop)).toBe(true)
    expect(asksForFullCoverage(parseGenerator('quickRandom(transitions(100) and reached(receipt))').stop)).toBe(true)
    expect(asksForFullCoverage(parseGenerator('quickRandom(transitions(100) or reached(receipt))').stop)).toBe(false)
    expect(asksForFullCoverage(parseGenerator('quickRandom(transitions(99) or states(100))').stop)).toBe(false)
  })
})

describe('walks', () => {
  it('the same seed gives the same path, another seed another', async () => {
    const spec = parseGenerator('random(length(60))')
    const a = await walk({ spec, seed: 11 })
    const b = await walk({ spec, seed: 11 })
    const c = await walk({ spec, seed: 12 })
    expect(a.paths[0]!.scenario.steps).toEqual(b.paths[0]!.scenario.steps)
    expect(a.paths[0]!.scenario.steps).not.toEqual(c.paths[0]!.scenario.steps)
    expect(a.paths[0]!.scenario.steps).toHaveLength(120) // each action followed by the screen it led to
  })

  it('writes a path that replays green as a scenario', async () => {
    const result = await walk({ spec: parseGenerator('quickRandom(length(300))'), seed: 5 })
    const scenario = parseScenario(JSON.parse(JSON.stringify({ name: result.paths[0]!.scenario.name, steps: result.paths[0]!.scenario.steps })))
    const replay = await memoryRunner(scenario).run()
    expect(replay.ok, JSON.stringify(replay.steps.at(-1))).toBe(true)
  })

  it('quickRandom steers to what is not covered: more transitions than random in as many steps', async () => {
    let random = 0
    let quick = 0
    for (const seed of [1, 2, 3]) {
      random += (await walk({ spec: parseGenerator('random(length(150))'), seed })).coverage[0]!.transitions.covered
      quick += (await walk({ spec: parseGenerator('quickRandom(length(150))'), seed })).coverage[0]!.transitions.covered
    }
    expect(quick).toBeGreaterThan(random)
  })

  it('stops when the condition holds, or at the safety limit when it cannot', async () => {
    const reached = await walk({ spec: parseGenerator('random(reached(cash) or length(5000))'), seed: 2 })
    expect(reached.stoppedBy).toBe('condition')
    expect(reached.unmet).toEqual([])
    expect(reached.paths[0]!.scenario.steps.at(-1)).toEqual({ expect: { screen: 'cash' } })
    const capped = await walk({ spec: parseGenerator('random(transitions(100))'), seed: 2, safetyLimit: 40 })
    expect(capped).toMatchObject({ stoppedBy: 'safetyLimit' })
    expect(capped.unmet).toEqual([expect.stringMatching(/^edge_coverage\(100\): [\d.]+ % \(\d+ transitions not taken\)$/)])
    expect(capped.paths[0]!.scenario.steps).toHaveLength(80)
    await expect(walk({ spec: parseGenerator('random(reached(nowhere))'), seed: 1 })).rejects.toThrow(/reached\(nowhere\): no such screen/)
  })

  it('under several drill profiles: fresh legs take the profiles in turn with their config, then it goes back; every leg replays green, the same seed the same legs', async () => {
    const profiles = profilesNamed(['standard', 'slowHost'])
    /** A recorder that has seen a long standard walk already, so the legs soon find nothing new and the walk goes back. */
    const walked = async () => {
      const recorder = new CoverageRecorder()
      await walk({ spec: parseGenerator('quickRandom(length(3000))'), seed: 3, recorder })
      return recorder
    }
    // Most seeds go back within 4000 actions (7 of 1–10 when written); which do changes whenever the walk does: the first
    // of 1–5 that does is checked.
    const spec = parseGenerator('quickRandom(length(4000))')
    let seed = 0
    let result: Awaited<ReturnType<typeof walk>> | undefined
    while (seed < 5 && !result?.paths.some((p) => p.wentBackAfter !== undefined))
      result = await walk({ spec, seed: ++seed, profiles, recorder: await walked() })
    // It stopped at 4000 actions (goings-back replayed included), its condition met, and says so.
    expect(result).toMatchObject({ stoppedBy: 'condition', unmet: [] })
    const fresh = result!.paths.filter((p) => p.wentBackAfter === undefined)
    expect(fresh.map((p) => p.profile.name)).toEqual(fresh.map((_, i) => profiles[i % 2]!.name))
    for (const { scenario, profile } of result!.paths) expect(scenario.config).toEqual(loadConfig(profile.config))
    expect(result!.paths.find((p) => p.profile.name === 'slowHost')!.scenario.config.devices.host.slowLatencyMs).toBe(15_000)
    const wentBack = result!.paths.filter((p) => p.wentBackAfter !== undefined)
    expect(wentBack.length).toBeGreaterThan(0)
    for (const { scenario } of result!.paths) {
      const replay = await memoryRunner(parseScenario(JSON.parse(JSON.stringify(scenario)))).run()
      expect(replay.ok, `${scenario.name}: ${JSON.stringify(replay.steps.at(-1))}`).toBe(true)
    }
    const again = await walk({ spec, seed, profiles, recorder: await walked() })
    expect(again.paths.map((p) => p.scenario.steps)).toEqual(result!.paths.map((p) => p.scenario.steps))
  }, 120_000)
})
