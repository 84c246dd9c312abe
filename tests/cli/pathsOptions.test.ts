/**
 * `kiosk-sim paths` options beyond one generator: GraphWalker's spellings and chains, weighted_random's --weights file, and
 * --live-safe walks (only what a running kiosk can play, in one leg).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HEADLESS_ONLY } from '../../src/core/testing/liveSafe'
import { inProcess } from './cliReports'

const work = mkdtempSync(join(tmpdir(), 'kiosk-paths-options-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
let folders = 0
const folder = () => join(work, `out-${++folders}`)

const cli = inProcess

/** The verbs of a file's steps, with those taken while a note is on its way (`meanwhile`) after their note's. */
const verbs = (file: string): string[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as { steps: { do?: string; meanwhile?: { do: string }[] }[] }).steps.flatMap((s) =>
    s.do === undefined ? [] : [s.do, ...(s.meanwhile ?? []).map((m) => m.do)]
  )

describe('kiosk-sim paths: GraphWalker spellings and chains', () => {
  it('runs chained generators one after another, each path named after its own generator', async () => {
    const out = folder()
    const run = await cli('paths', '--generator', 'random(length(5)) weighted_random(length(10))', '--profile', 'standard', '--seed', '3', '--out', out)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const files = readdirSync(out).filter((f) => f !== 'kiosk-sim-paths.json')
    expect(files.sort()).toEqual(['random-3-01-standard.json', 'weightedRandom-3-02-standard.json'])
    // length(N) counts the chain's own actions: the second walk takes its 10 after the first's 5.
    expect(verbs(join(out, 'random-3-01-standard.json')).length).toBeGreaterThanOrEqual(5)
    expect(verbs(join(out, 'weightedRandom-3-02-standard.json')).length).toBeGreaterThan(0)
  }, 120_000)

  it("accepts GraphWalker's spellings and suggests the nearest name for a misspelt one", async () => {
    const ok = await cli('paths', '--generator', 'quick_random(edge_coverage(100) || length(8))', '--profile', 'standard', '--format', 'json')
    expect(ok.code).toBe(0)
    const bad = await cli('paths', '--generator', 'random(edge_covrage(100))', '--format', 'json')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/did you mean edge_coverage\?/)
    const half = await cli('paths', '--generator', 'random(length(2.5))', '--format', 'json')
    expect(half.code).toBe(2)
    expect(half.stderr).toMatch(/whole number/)
  })
})

describe('kiosk-sim paths: shortest to a fault screen, a state and a transition', () => {
  it('shortest(reached(billJam)) writes the path to the jam notice (it wrote none before the device drills were explored)', async () => {
    const out = folder()
    const run = await cli('paths', '--generator', 'shortest(reached(billJam)) a_star(reached_edge("cardReader.writing · remove"))', '--out', out)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['kiosk-sim-paths.json', 'shortest-billJam.json', 'shortest-cardReader.writing-remove.json'])
    expect(verbs(join(out, 'shortest-billJam.json'))).toContain('fault')
    for (const file of ['shortest-billJam.json', 'shortest-cardReader.writing-remove.json']) expect((await cli('run', join(out, file))).code).toBe(0)
    // The card pulled mid-write, as the explored graph took it: the file replayed takes the transition.
    const pulled = join(out, 'shortest-cardReader.writing-remove.json')
    expect(verbs(pulled)).toEqual(['tapCard', 'chooseAmount', 'payCard', 'removeCard'])
    const report = JSON.parse((await cli('coverage', pulled, '--json')).stdout) as { machines: { machine: string; transitions: { uncovered: string[] } }[] }
    expect(report.machines.find((m) => m.machine === 'cardReader')!.transitions.uncovered).not.toContain('cardReader.writing · remove')
  }, 120_000)
})

describe('kiosk-sim paths --weights', () => {
  it('a verb weighted 0 never appears in a weighted_random walk; a bad file is refused naming the key', async () => {
    const weights = join(work, 'weights.json')
    writeFileSync(weights, JSON.stringify({ weights: { insertBill: 0, payCash: 0, payCard: 0, cancel: 5 } }))
    const out = folder()
    const run = await cli('paths', '--generator', 'weighted_random(length(200))', '--profile', 'standard', '--seed', '2', '--weights', weights, '--out', out)
    expect(run.code).toBe(0)
    const taken = verbs(join(out, 'weightedRandom-2.json'))
    expect(taken).toHaveLength(200)
    expect(taken.filter((v) => v === 'insertBill' || v === 'payCash' || v === 'payCard')).toEqual([])
    expect(taken.filter((v) => v === 'cancel').length).toBeGreaterThan(5)

    writeFileSync(weights, JSON.stringify({ weights: { insertBil: 1 } }))
    const bad = await cli('paths', '--generator', 'weighted_random(length(5))', '--weights', weights)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/weights\["insertBil"\]: no such action or verb; did you mean "insertBill"\?/)
    const uniform = await cli('paths', '--generator', 'random(length(5))', '--weights', weights)
    expect(uniform.code).toBe(2)
    expect(uniform.stderr).toMatch(/--weights: only weighted_random and quick_random choose by weight/)
  }, 120_000)
})

describe('kiosk-sim paths --live-safe', () => {
  it('writes one leg under the factory timings with nothing only the headless runner can play', async () => {
    const out = folder()
    const run = await cli('paths', '--generator', 'quick_random(length(400))', '--seed', '4', '--live-safe', '--out', out)
    expect(run.code).toBe(0)
    const files = readdirSync(out).filter((f) => f !== 'kiosk-sim-paths.json')
    expect(files).toEqual(['quickRandom-4.json'])
    const scenario = JSON.parse(readFileSync(join(out, files[0]!), 'utf8'))
    expect(scenario.config).toBeUndefined()
    const taken = verbs(join(out, files[0]!))
    expect(taken).toHaveLength(400)
    for (const verb of Object.keys(HEADLESS_ONLY)) expect(taken).not.toContain(verb)
    // The same walk without --live-safe cuts the power where it matters.
    const headless = folder()
    await cli('paths', '--generator', 'quick_random(length(400))', '--seed', '4', '--profile', 'standard', '--out', headless)
    expect(verbs(join(headless, 'quickRandom-4.json'))).toContain('powerCut')

    const several = await cli('paths', '--generator', 'random(length(5))', '--live-safe', '--profile', 'standard,slowHost')
    expect(several.code).toBe(2)
    expect(several.stderr).toMatch(/--profile: a live-safe walk runs under one profile/)
  }, 180_000)
})
