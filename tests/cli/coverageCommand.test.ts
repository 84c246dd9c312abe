/** `kiosk-sim coverage FILE...`: state and transition coverage of scenario files, uncovered listed. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'

const SCENARIOS = join(import.meta.dirname, '../scenarios')

async function cli(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

describe('kiosk-sim coverage', () => {
  it('prints per machine what was covered and lists the rest', async () => {
    const run = await cli('coverage', join(SCENARIOS, 'tenge-top-up.json'), join(SCENARIOS, 'validator-jam-while-stacking.json'))
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Coverage of 2 scenarios \(0 failed\):/)
    expect(run.stdout).toMatch(/ {2}kiosk: states \d+\/\d+ \([\d.]+ %\), transitions \d+\/\d+ \([\d.]+ %\)/)
    expect(run.stdout).toContain('    state not entered: kiosk.session.flow.cardReadError')
    expect(run.stdout).not.toContain('state not entered: kiosk.session.flow.billJam')
    expect(run.stdout).toMatch(/ {2}billValidator: states \d+\/8 /)
    expect(run.stdout).toContain('    state not entered: billValidator.returning') // no note came back in these two
  })

  it('adds up over files and reports JSON for tools', async () => {
    const one = JSON.parse((await cli('coverage', join(SCENARIOS, 'tenge-top-up.json'), '--json')).stdout)
    const two = JSON.parse((await cli('coverage', join(SCENARIOS, 'tenge-top-up.json'), join(SCENARIOS, 'card-read-error-retry.json'), '--json')).stdout)
    const kiosk = (report: { machines: { machine: string; transitions: { covered: number; uncovered: string[] } }[] }) =>
      report.machines.find((m) => m.machine === 'kiosk')!
    expect(kiosk(two).transitions.covered).toBeGreaterThan(kiosk(one).transitions.covered)
    expect(kiosk(one).transitions.uncovered).toContain('kiosk.idle · reader.readFailed')
    expect(kiosk(two).transitions.uncovered).not.toContain('kiosk.idle · reader.readFailed')
    expect(two.scenarios).toEqual([
      { file: join(SCENARIOS, 'tenge-top-up.json'), ok: true },
      { file: join(SCENARIOS, 'card-read-error-retry.json'), ok: true }
    ])
  })

  it('with --allow, adds up every machine outside the allow-list and lists what is left', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-allow-'))
    try {
      const list = join(dir, 'allow.json')
      writeFileSync(
        list,
        JSON.stringify({ unreachable: [{ machine: 'kiosk', transition: 'kiosk.idle · reader.readFailed', reason: 'no read error in this drill' }] })
      )
      const files = [join(SCENARIOS, 'tenge-top-up.json')]
      const plain = JSON.parse((await cli('coverage', ...files, '--json')).stdout)
      const allowed = JSON.parse((await cli('coverage', ...files, '--allow', list, '--json')).stdout)
      const all = plain.machines.reduce((n: number, m: { transitions: { total: number } }) => n + m.transitions.total, 0)
      const covered = plain.machines.reduce((n: number, m: { transitions: { covered: number } }) => n + m.transitions.covered, 0)
      expect(allowed.outsideAllowList.transitions).toMatchObject({ total: all - 1, covered })
      expect(allowed.outsideAllowList.uncovered).not.toContain('kiosk: kiosk.idle · reader.readFailed')
      expect(allowed.outsideAllowList.uncovered).toContain('kiosk: state kiosk.session.flow.billJam')
      const text = await cli('coverage', ...files, '--allow', list)
      expect(text.stdout).toMatch(/Outside the allow-list \(1 entry\): states \d+\/\d+ \([\d.]+ %\), transitions \d+\/\d+ \([\d.]+ %\)/)
      expect(text.stdout).toContain('  not covered: kiosk: state kiosk.session.flow.billJam')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('exits 2 without files or with an invalid one', async () => {
    expect(await cli('coverage')).toMatchObject({ code: 2, stderr: expect.stringContaining('expected one or more scenario FILEs') })
    const invalid = join(SCENARIOS, 'invalid')
    const { readdirSync } = await import('node:fs')
    const first = readdirSync(invalid)[0]!
    expect((await cli('coverage', join(invalid, first))).code).toBe(2)
  })
})

describe('kiosk-sim paths', () => {
  it('writes a generated path as a scenario that kiosk-sim run replays green', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-paths-'))
    try {
      const made = await cli('paths', '--generator', 'quickRandom(length(120))', '--seed', '9', '--out', dir)
      expect(made.code).toBe(0)
      expect(made.stdout).toMatch(/quickRandom-9\.json: 120 steps; states [\d.]+ %, transitions [\d.]+ %$/)
      const file = join(dir, 'quickRandom-9.json')
      const scenario = JSON.parse(readFileSync(file, 'utf8'))
      expect(scenario.steps.filter((s: object) => 'expect' in s)).toHaveLength(120)
      expect((await cli('run', file)).code).toBe(0)
      const json = JSON.parse((await cli('paths', '--generator', 'quickRandom(length(120))', '--seed', '9', '--format', 'json')).stdout)
      expect(json.scenarios[0].steps).toEqual(scenario.steps) // the same seed, the same path
      expect(json.coverage.map((m: { machine: string }) => m.machine)).toEqual(['kiosk', 'billValidator', 'cardReader'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('writes xstate/graph shortest paths, one file per screen, and a one tour: all replay green, the same twice', async () => {
    const { mkdtempSync, readdirSync, readFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-paths-'))
    try {
      const shortest = await cli('paths', '--generator', 'shortest(reached(receipt) or reached(cardBlocked))', '--out', dir)
      expect(shortest.code).toBe(0)
      expect(readdirSync(dir).sort()).toEqual(['shortest-cardBlocked.json', 'shortest-receipt.json'])
      const receipt = JSON.parse(readFileSync(join(dir, 'shortest-receipt.json'), 'utf8'))
      expect(receipt.steps.filter((s: { do?: string }) => s.do).map((s: { do: string }) => s.do)).toEqual(['tapCard', 'chooseAmount', 'payCard'])
      expect(receipt.steps.at(-1)).toEqual({ expect: { screen: 'receipt' } })
      for (const file of readdirSync(dir)) expect((await cli('run', join(dir, file))).code).toBe(0)

      const tour = await cli('paths', '--generator', 'oneTour(length(400))', '--out', dir)
      expect(tour.stdout).toMatch(/oneTour-1\.json: 400 steps, \d+ of the explored graph's \d+ edges; states [\d.]+ %, transitions [\d.]+ %$/)
      const file = join(dir, 'oneTour-1.json')
      const first = readFileSync(file, 'utf8')
      expect((await cli('run', file)).code).toBe(0)
      await cli('paths', '--generator', 'oneTour(length(400))', '--out', dir)
      expect(readFileSync(file, 'utf8')).toBe(first)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)

  it('exits 2 naming what is wrong with the arguments', async () => {
    expect(await cli('paths')).toMatchObject({ code: 2, stderr: expect.stringContaining('--generator is required') })
    expect(await cli('paths', '--generator', 'random(length(5)')).toMatchObject({ code: 2, stderr: expect.stringContaining('expected ")"') })
    expect(await cli('paths', '--generator', 'random(length(5))', '--format', 'svg')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format: expected scenario, json or mermaid')
    })
    expect(await cli('paths', '--generator', 'random(length(5))', '--seed', '-3')).toMatchObject({ code: 2, stderr: expect.stringContaining('--seed') })
    expect(await cli('paths', '--generator', 'random(reached(nowhere))')).toMatchObject({ code: 2, stderr: expect.stringContaining('no such screen') })
    expect(await cli('paths', '--generator', 'random(length(5))', '--profile', 'standard,slowPrinter')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--profile: no drill profile "slowPrinter"; profiles are standard, slowHost')
    })
    expect(await cli('paths', '--generator', 'oneTour(length(5))', '--profile', 'standard,slowHost')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('oneTour runs under one drill profile, got 2')
    })
    expect(await cli('paths', '--generator', 'random(length(5))', '--allow', join(SCENARIOS, 'no-such-list.json'))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no-such-list.json: ENOENT')
    })
    expect(await cli('coverage', join(SCENARIOS, 'tenge-top-up.json'), '--allow', join(SCENARIOS, 'tenge-top-up.json'))).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--allow: .*tenge-top-up\.json: .*unreachable/)
    })
  })

  it('prints the statecharts as Mermaid diagrams: nested states, parallel regions, every transition with a target', async () => {
    const run = await cli('paths', '--format', 'mermaid')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('%% kiosk\nstateDiagram-v2\n  [*] --> kiosk_idle')
    expect(run.stdout).toContain('    state "flow" as kiosk_session_flow {')
    expect(run.stdout).toMatch(/\n {4}--\n {4}state "attention" as kiosk_session_attention \{/) // the parallel region
    expect(run.stdout).toContain('  kiosk_session_flow_cash --> kiosk_session_flow_billJam : validator.jammed [hasJammedNote]')
    expect(run.stdout).toContain('%% cardReader\nstateDiagram-v2')
    expect(run.stdout).toContain('  cardReader_writing --> cardReader_present : after writeTime')
  })
})
