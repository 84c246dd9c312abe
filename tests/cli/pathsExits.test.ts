/**
 * `kiosk-sim paths` never says green when it is red: exit 1 naming the cause when its condition was
 * not met or the coverage is below --fail-under, exit 2 for a seed out of range or an --out folder
 * holding files it did not write; the manifest lets a second run replace its own files and
 * `coverage` read only those.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'

const ROOT = join(import.meta.dirname, '../..')
const ALLOW_LIST = join(ROOT, 'tests', 'coverage-allowlist.json')
const work = mkdtempSync(join(tmpdir(), 'kiosk-paths-exits-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
let folders = 0
const folder = () => join(work, `out-${++folders}`)

async function cli(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

describe('kiosk-sim paths: exit codes', () => {
  it('refuses a seed outside 0 to 2^32 − 1 (no silent wrap), and takes 2^32 − 1', async () => {
    for (const seed of ['4294967296', '99999999999999999999', '1.5', '1e3', ''])
      expect(await cli('paths', '--generator', 'random(length(3))', '--seed', seed, '--format', 'json')).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(`--seed: expected a whole number from 0 to 4294967295 (2^32 − 1), got "${seed}"`)
      })
    const top = await cli('paths', '--generator', 'random(length(3))', '--seed', '4294967295', '--format', 'json')
    expect(top.code).toBe(0)
    const wrapped = await cli('paths', '--generator', 'random(length(3))', '--seed', '0', '--format', 'json')
    expect(JSON.parse(top.stdout).scenarios).not.toEqual(JSON.parse(wrapped.stdout).scenarios)
  })

  it('exits 1 naming the unmet condition and the figures when a walk stops at its safety limit, and keeps the partial path', async () => {
    const out = folder()
    // Under the factory configuration no staff PIN exists: the service menu cannot be reached.
    const run = await cli('paths', '--generator', 'random(length(30) and reached(serviceMenu))', '--profile', 'standard', '--format', 'json', '--out', out)
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/random-1\.path\.json: 2000 steps \(stopped: at the safety limit; the condition was not met\); states/)
    expect(run.stderr).toContain('kiosk-sim paths: the path written is partial:')
    // The part of the condition that held (length) is not named; the one that did not is.
    expect(run.stderr).toMatch(/\n {2}not met: reached_vertex\(serviceMenu\): not reached$/)
    const json = JSON.parse(readFileSync(join(out, 'random-1.path.json'), 'utf8'))
    expect(json.scenarios).toHaveLength(1)
    expect(json.stoppedBy).toBe('safetyLimit')
    expect(json.problems).toEqual([expect.stringContaining('not met: ')])
  }, 60_000)

  it('--fail-under: exit 1 naming the figure below it, 0 at or above it; a percentage outside 0–100 is refused', async () => {
    const args = ['paths', '--generator', 'random(length(20))', '--profile', 'standard', '--format', 'json']
    const below = await cli(...args, '--fail-under', '99')
    expect(below.code).toBe(1)
    expect(below.stderr).toMatch(/transition coverage [\d.]+ % of all machines \(\d+\/\d+\) is below --fail-under 99 %/)
    expect(JSON.parse(below.stdout).problems).toEqual([expect.stringContaining('below --fail-under 99 %')])
    expect((await cli(...args, '--fail-under', '0')).code).toBe(0)
    const allowed = await cli(...args, '--allow', ALLOW_LIST, '--fail-under', '99.5')
    expect(allowed.stderr).toMatch(/transition coverage [\d.]+ % outside the allow-list \(\d+\/\d+\) is below --fail-under 99.5 %/)
    for (const bad of ['101', '-1', 'most', '50%'])
      expect(await cli(...args, `--fail-under=${bad}`)).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(`--fail-under: expected a percentage from 0 to 100, got "${bad}"`)
      })
  })

  it('--format json reports each requirement, outside the allow-list when one is given; the text lists them', async () => {
    const json = JSON.parse(
      (await cli('paths', '--generator', 'random(length(20))', '--profile', 'standard', '--allow', ALLOW_LIST, '--format', 'json')).stdout
    )
    const cash = json.requirements.find((r: { requirement: string }) => r.requirement === 'REQ-CASH')
    expect(cash).toMatchObject({ machine: 'kiosk', total: 1, outsideAllowList: { total: 1 } })
    expect(cash.met).toBe(cash.covered === 1)
    const text = await cli('paths', '--generator', 'random(length(20))', '--profile', 'standard', '--out', folder())
    expect(text.stdout).toMatch(/^Requirements met \d+\/\d+:$/m)
    expect(text.stdout).toMatch(/^ {2}(met {4}|NOT MET) REQ-CASH \(kiosk\) [01]\/1/m)
  })
})

describe('kiosk-sim paths --out and its manifest', () => {
  const walk = (out: string, seed: string) => cli('paths', '--generator', 'random(length(10))', '--seed', seed, '--profile', 'standard', '--out', out)

  it('writes into a new or empty folder, listing its files with the command, seed and generator', async () => {
    const out = folder()
    mkdirSync(out)
    expect((await walk(out, '1')).code).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['kiosk-sim-paths.json', 'random-1.json'])
    expect(JSON.parse(readFileSync(join(out, 'kiosk-sim-paths.json'), 'utf8'))).toEqual({
      kind: 'kiosk-sim paths manifest',
      command: 'kiosk-sim paths --generator "random(length(10))" --seed 1 --profile standard',
      generator: 'random(length(10))',
      seed: 1,
      files: [{ file: 'random-1.json', kind: 'scenario' }]
    })
  })

  it("a second run into an earlier run's folder replaces exactly that run's files (and the shrunk files beside them)", async () => {
    const out = folder()
    await walk(out, '1')
    writeFileSync(join(out, 'random-1.shrunk.json'), '{}')
    const second = await walk(out, '2')
    expect(second.code, second.stderr).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['kiosk-sim-paths.json', 'random-2.json'])
  })

  it('refuses a folder holding a file it did not write, naming it, before walking', async () => {
    const out = folder()
    mkdirSync(out)
    writeFileSync(join(out, 'notes.txt'), 'mine')
    const refused = await walk(out, '1')
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining(`--out ${out} holds files kiosk-sim paths did not write: notes.txt`) })
    expect(readdirSync(out)).toEqual(['notes.txt'])
    // …also beside an earlier run's files
    const earlier = folder()
    await walk(earlier, '1')
    writeFileSync(join(earlier, 'old-leg.json'), '{}')
    expect((await walk(earlier, '2')).stderr).toContain(`holds files kiosk-sim paths did not write (they are not in its kiosk-sim-paths.json): old-leg.json`)
    // a broken manifest is named too
    const broken = folder()
    mkdirSync(broken)
    writeFileSync(join(broken, 'kiosk-sim-paths.json'), JSON.stringify({ kind: 'kiosk-sim paths manifest', files: [{ file: '../x.json' }] }))
    expect((await walk(broken, '1')).stderr).toMatch(/kiosk-sim-paths\.json: not a kiosk-sim paths manifest: .*files\.0\.file/)
  })

  it('coverage DIR and coverage --manifest replay only the files the manifest lists', async () => {
    const out = folder()
    await walk(out, '1')
    await walk(out, '2')
    writeFileSync(join(out, 'random-2.shrunk.json'), '{ "not": "a scenario" }')
    for (const args of [
      [out],
      ['--manifest', join(out, 'kiosk-sim-paths.json')],
      readdirSync(out)
        .map((f) => join(out, f))
        .filter((f) => !f.includes('shrunk'))
    ]) {
      const run = await cli('coverage', ...args, '--json')
      expect(run.code, run.stderr).toBe(0)
      expect(JSON.parse(run.stdout).scenarios).toEqual([{ file: join(out, 'random-2.json'), ok: true }])
    }
    expect(await cli('coverage', work)).toMatchObject({ code: 2, stderr: expect.stringContaining(`${work} is a folder without a kiosk-sim-paths.json`) })
    const report = folder()
    await cli('paths', '--generator', 'random(length(5))', '--format', 'json', '--out', report)
    expect(await cli('coverage', report)).toMatchObject({ code: 2, stderr: expect.stringContaining('the manifest lists no scenario files') })
  })
})
