/** `kiosk-sim coverage FILE...`: state and transition coverage of scenario files, uncovered listed. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'

const SCENARIOS = join(import.meta.dirname, '../scenarios')
const ALLOW_LIST = join(import.meta.dirname, '../coverage-allowlist.json')

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

  it('exits 1 when a file fails, naming the file, the step and the expectation; the file is shrunk beside it, replaying the same failure', async () => {
    const { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-cover-fail-'))
    try {
      // A hand-made scenario with a wrong expect: after a 1000 ₸ top-up of a 500 ₸ card the balance is 1500.
      const wrong = join(dir, 'wrong.json')
      const steps = [
        { do: 'tapCard', number: '9398000011112222' },
        { expect: { screen: 'amount' } },
        { do: 'language', code: 'ru' },
        { do: 'chooseAmount', kzt: 1000 },
        { do: 'payCash' },
        { do: 'insertBill', currency: 'KZT', value: 1000 },
        { do: 'wait', seconds: 10 },
        { do: 'confirm' },
        { expect: { screen: 'receipt', balanceKzt: 2500 } },
        { do: 'done' }
      ]
      writeFileSync(wrong, JSON.stringify({ name: 'wrong balance', config: { limits: { minTopUpKzt: 100 } }, steps }))
      const run = await cli('coverage', join(SCENARIOS, 'tenge-top-up.json'), wrong)
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/^Coverage of 2 scenarios \(1 failed\):/)
      expect(run.stderr).toContain(
        `kiosk-sim coverage: ${wrong} failed: step 9 (expect screen=receipt, balanceKzt=2500) failed: balanceKzt is 1500, expected 2500`
      )
      const shrunkFile = join(dir, 'wrong.shrunk.json')
      expect(run.stderr).toContain(`${wrong}: shrunk to 5 of its 7 action steps`)
      expect(run.stderr).toContain(`: ${shrunkFile}`)
      const shrunk = JSON.parse(readFileSync(shrunkFile, 'utf8'))
      expect(shrunk.config).toEqual({ limits: { minTopUpKzt: 100 } }) // the file's own config, as written
      expect(shrunk.steps.map((s: { do?: string }) => s.do ?? 'expect')).toEqual(['tapCard', 'chooseAmount', 'payCash', 'insertBill', 'confirm', 'expect'])
      expect(shrunk.description).toContain(
        'the 5 that matter: 1. tapCard 9398000011112222, 4. chooseAmount 1000, 5. payCash, 6. insertBill KZT 1000, 8. confirm'
      )
      const replay = await cli('run', shrunkFile, '--no-shrink')
      expect(replay.code).toBe(1)
      expect(replay.stdout).toContain('FAIL → receipt: balanceKzt is 1500, expected 2500')
      const json = JSON.parse((await cli('coverage', wrong, '--json', '--no-shrink')).stdout)
      expect(json.scenarios).toEqual([
        { file: wrong, ok: false, failure: { step: 9, label: 'expect screen=receipt, balanceKzt=2500', error: 'balanceKzt is 1500, expected 2500' } }
      ])
      // run shrinks a failing file the same way; --no-shrink writes nothing
      rmSync(shrunkFile)
      expect((await cli('coverage', wrong, '--no-shrink')).code).toBe(1)
      expect(existsSync(shrunkFile)).toBe(false)
      const ran = await cli('run', wrong)
      expect(ran.code).toBe(1)
      expect(ran.stderr).toContain(`: ${shrunkFile}`)
      expect(JSON.parse(readFileSync(shrunkFile, 'utf8')).steps).toEqual(shrunk.steps)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('does not write a shrunk file when every action step before the failure matters', async () => {
    const { existsSync } = await import('node:fs')
    const run = await cli('coverage', join(SCENARIOS, 'fails-expectation-balance.json'), join(SCENARIOS, 'fails-confirm-on-idle.json'))
    expect(run.code).toBe(1)
    expect(run.stderr).not.toContain('shrunk')
    expect(run.stderr).toContain(`fails-confirm-on-idle.json failed: step 2 (confirm) was not possible: "confirm" is not possible on the idle screen`)
    expect(existsSync(join(SCENARIOS, 'fails-expectation-balance.shrunk.json'))).toBe(false)
    expect(existsSync(join(SCENARIOS, 'fails-confirm-on-idle.shrunk.json'))).toBe(false)
  })

  it('--fail-under N: exit 1 naming the transition coverage below it (outside the allow-list when given); N from 0 to 100', async () => {
    const file = join(SCENARIOS, 'tenge-top-up.json')
    const below = await cli('coverage', file, '--fail-under', '99')
    expect(below.code).toBe(1)
    expect(below.stderr).toMatch(/^kiosk-sim coverage: transition coverage [\d.]+ % of all machines \(\d+\/\d+\) is below --fail-under 99 %$/)
    const allowed = await cli('coverage', file, '--allow', join(SCENARIOS, '../coverage-allowlist.json'), '--fail-under', '99')
    expect(allowed.stderr).toMatch(/transition coverage [\d.]+ % outside the allow-list \(\d+\/\d+\) is below --fail-under 99 %/)
    expect(await cli('coverage', file, '--fail-under', '0')).toMatchObject({ code: 0, stderr: '' })
    expect(await cli('coverage', file, '--fail-under', '101')).toMatchObject({
      code: 2,
      stderr: 'kiosk-sim coverage: --fail-under: expected a percentage from 0 to 100, got "101"'
    })
  })

  it('reports each requirement, outside the allow-list when one is given, in the JSON and the text', async () => {
    const file = join(SCENARIOS, 'tenge-top-up.json')
    const json = JSON.parse((await cli('coverage', file, '--json', '--allow', join(SCENARIOS, '../coverage-allowlist.json'))).stdout)
    const byId = Object.fromEntries(json.requirements.map((r: { requirement: string }) => [r.requirement, r]))
    expect(byId['REQ-CASH']).toMatchObject({ machine: 'kiosk', met: true, covered: 1, total: 1, outsideAllowList: { met: true, covered: 1, total: 1 } })
    expect(byId['REQ-BILL-JAM']).toMatchObject({ met: false, covered: 0, total: 1, uncovered: ['state kiosk.session.flow.billJam'] })
    const text = await cli('coverage', file)
    expect(text.stdout).toMatch(/^Requirements met \d+\/\d+:$/m)
    expect(text.stdout).toContain('  met     REQ-CASH (kiosk) 1/1')
    expect(text.stdout).toContain('  NOT MET REQ-BILL-JAM (kiosk) 0/1; not covered: state kiosk.session.flow.billJam')
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
      expect(made.stdout).toMatch(/quickRandom-9\.json: 120 steps; states [\d.]+ %, transitions [\d.]+ %$/m)
      expect(made.stdout).toMatch(/^Requirements met \d+\/\d+:$/m)
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
      expect(readdirSync(dir).sort()).toEqual(['kiosk-sim-paths.json', 'shortest-cardBlocked.json', 'shortest-receipt.json'])
      const receipt = JSON.parse(readFileSync(join(dir, 'shortest-receipt.json'), 'utf8'))
      expect(receipt.steps.filter((s: { do?: string }) => s.do).map((s: { do: string }) => s.do)).toEqual(['tapCard', 'chooseAmount', 'payCard'])
      expect(receipt.steps.at(-1)).toEqual({ expect: { screen: 'receipt' } })
      for (const file of readdirSync(dir).filter((f) => f.startsWith('shortest-'))) expect((await cli('run', join(dir, file))).code).toBe(0)
      // a transition no path can take: exit 1 naming it and the allow-list's reason, the paths found still written
      const elsewhere = `${dir}-none`
      const unreachable = 'kiosk.idle · host.up'
      const none = await cli(
        'paths',
        '--generator',
        `a_star(reached_edge("${unreachable}") or reached(cardBlocked))`,
        '--allow',
        ALLOW_LIST,
        '--out',
        elsewhere
      )
      expect(none.code).toBe(1)
      expect(none.stderr).toMatch(/the path written is partial:\n {2}no path to kiosk\.idle · host\.up: .*allow-listed as unreachable: With the host down/)
      expect(readdirSync(elsewhere).sort()).toEqual(['kiosk-sim-paths.json', 'shortest-cardBlocked.json'])
      rmSync(elsewhere, { recursive: true })
      // service mode needs staff with PINs: its screens are searched under staffOnDuty, whose config the file carries
      const staff = await cli('paths', '--generator', 'shortest(reached(serviceMenu))', '--out', elsewhere)
      expect(staff.code).toBe(0)
      expect(JSON.parse(readFileSync(join(elsewhere, 'shortest-serviceMenu.json'), 'utf8')).config.service.pins).toBeDefined()
      expect((await cli('run', join(elsewhere, 'shortest-serviceMenu.json'))).code).toBe(0)
      rmSync(elsewhere, { recursive: true })

      const tour = await cli('paths', '--generator', 'oneTour(length(400))', '--out', dir)
      expect(tour.code).toBe(0)
      expect(tour.stdout).toMatch(
        /oneTour-1\.json: 400 steps \(stopped: its condition held\), \d+ of the explored graph's \d+ edges; states [\d.]+ %, transitions [\d.]+ %$/m
      )
      expect(readdirSync(dir).sort()).toEqual(['kiosk-sim-paths.json', 'oneTour-1.json']) // the shortest run's files replaced
      const file = join(dir, 'oneTour-1.json')
      const first = readFileSync(file, 'utf8')
      expect((await cli('run', file)).code).toBe(0)
      await cli('paths', '--generator', 'oneTour(length(400))', '--out', dir)
      expect(readFileSync(file, 'utf8')).toBe(first)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)

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
