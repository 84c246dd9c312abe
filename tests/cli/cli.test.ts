/**
 * `kiosk-sim run` over every scenario in tests/scenarios: each file's --json report from main() in
 * process (what bin/kiosk-sim.mjs calls), its transcript from that report, and the real binary, as a
 * child process, on a passing, a failing and an invalid file (its --json and text output must be
 * main()'s, byte for byte) and on its arguments. Scenario files carry their own
 * expectations (`expect` steps); files named `fails-*.json` are designed to exit 1, files under
 * invalid/ to exit 2.
 */
import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadScenarioFile } from '../../src/cli/inputFiles'
import { main } from '../../src/cli/main'
import { formatTranscript } from '../../src/cli/transcript'
import type { ScenarioReport } from '../../src/core/scenario/runner'
import {
  assertReportShape,
  assertTranscriptListsSteps,
  DEFAULT_RATES,
  escape,
  EXPECTED_FAILURES,
  inProcess,
  type Run,
  EXPECTED_INVALID,
  MONEY_EXAMPLES,
  stepsOf,
  type JsonReport
} from './cliReports'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCENARIOS = join(ROOT, 'tests/scenarios')
const INVALID = join(SCENARIOS, 'invalid')
const BIN = join(ROOT, 'bin/kiosk-sim.mjs')

const rel = (path: string) => relative(ROOT, path)
const valid = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.json'))
  .sort()
const passing = valid.filter((f) => !f.startsWith('fails-')).map((f) => join(SCENARIOS, f))
const failing = valid.filter((f) => f.startsWith('fails-')).map((f) => join(SCENARIOS, f))
const invalid = readdirSync(INVALID)
  .sort()
  .map((f) => join(INVALID, f))

/** Runs `node bin/kiosk-sim.mjs ...args` with the project's Node (vitest already runs on it). */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/**
 * Each file's --json run by main() in process. A child process per file cost about 1.3 s of CPU to
 * start (tsx compiling the CLI again) — 75 files, the suite's slowest file; the binary itself is
 * checked below on one file of each kind against these runs.
 */
const jsonRuns = new Map<string, Run>()
/**
 * Each file's transcript. A run's transcript is `formatTranscript` of the report its --json run
 * prints (runCommand: one report, printed either way), so each scenario is played once: a second
 * play would repeat, in service mode, every scrypt PIN check. The binary's own text mode is
 * checked against these below; an invalid file is never played, and main() gives its message.
 */
const textRuns = new Map<string, Run>()
const reportOf = (file: string): JsonReport => JSON.parse(jsonRuns.get(file)!.stdout) as JsonReport

/** A passing, a failing and an invalid file, with their exit codes: what the binary itself runs. */
const BY_THE_BINARY: readonly [string, number][] = [
  [join(SCENARIOS, 'tenge-top-up.json'), 0],
  [join(SCENARIOS, 'fails-expectation-balance.json'), 1],
  [join(INVALID, 'bad-config-key.json'), 2]
]

beforeAll(async () => {
  for (const file of [...passing, ...failing, ...invalid]) jsonRuns.set(file, await inProcess('run', file, '--json'))
  for (const file of [...passing, ...failing]) {
    const report = reportOf(file) as unknown as ScenarioReport
    textRuns.set(file, { code: jsonRuns.get(file)!.code, stdout: `${formatTranscript(loadScenarioFile(file), report)}\n`, stderr: '' })
  }
  for (const file of invalid) textRuns.set(file, await inProcess('run', file))
}, 600_000)

describe('the scenario files', () => {
  it('include passing, failing and invalid scenarios, each failing or invalid one with its expected error listed here', () => {
    expect(passing.length).toBeGreaterThanOrEqual(14)
    expect(failing.map((f) => f.split('/').at(-1)).sort()).toEqual(Object.keys(EXPECTED_FAILURES).sort())
    expect(invalid.map((f) => f.split('/').at(-1)).sort()).toEqual(Object.keys(EXPECTED_INVALID).sort())
  })

  it('every money-*.json scenario has its worked-example numbers in MONEY_EXAMPLES, and every entry has its file', () => {
    expect(valid.filter((f) => f.startsWith('money-')).sort()).toEqual(Object.keys(MONEY_EXAMPLES).sort())
  })

  it('every passing scenario encodes its outcome with expect steps', () => {
    for (const file of passing)
      expect(
        stepsOf(file).some((s) => 'expect' in s),
        rel(file)
      ).toBe(true)
  })
})

describe.each(passing.map((f) => [rel(f), f]))('kiosk-sim run %s', (_name, file) => {
  it('exits 0 with every step possible and every expectation held (--json)', () => {
    const run = jsonRuns.get(file)!
    expect(run.stderr, run.stderr).not.toMatch(/invalid scenario/)
    expect(run.code, run.stdout).toBe(0)
    const report = reportOf(file)
    expect(report.ok).toBe(true)
    expect(report.steps).toHaveLength(stepsOf(file).length)
    for (const step of report.steps) expect(step.ok, JSON.stringify(step)).toBe(true)
  })

  it('exits 0 and prints a transcript listing each step', () => {
    const run = textRuns.get(file)!
    expect(run.code, run.stdout + run.stderr).toBe(0)
    assertTranscriptListsSteps(file, run.stdout, reportOf(file))
    expect(run.stdout).toMatch(new RegExp(`^PASSED \\(${stepsOf(file).length} steps\\)$`, 'm'))
  })

  it('prints a JSON report of the documented shape, consistent with itself', () => {
    assertReportShape(file, reportOf(file))
  })
})

describe.each(failing.map((f) => [rel(f), f]))('kiosk-sim run %s (designed to fail)', (name, file) => {
  const expected = () => EXPECTED_FAILURES[name.split('/').at(-1)!]!

  it('exits 1 and the JSON report names the failing step and why', () => {
    const run = jsonRuns.get(file)!
    expect(run.code, run.stdout + run.stderr).toBe(1)
    const report = reportOf(file)
    expect(report.ok).toBe(false)
    const last = report.steps.at(-1)!
    expect(last.index).toBe(expected().index)
    expect(last.ok).toBe(false)
    expect(last.error).toContain(expected().error)
    // the run stops at the failing step
    expect(report.steps).toHaveLength(expected().index + 1)
    for (const step of report.steps.slice(0, -1)) expect(step.ok).toBe(true)
    assertReportShape(file, report)
  })

  it('exits 1 and the transcript says which step failed and why', () => {
    const run = textRuns.get(file)!
    expect(run.code).toBe(1)
    const { index, error } = expected()
    expect(run.stdout).toMatch(new RegExp(`^ +${index + 1}\\. .*FAIL → \\w+: .*${escape(error)}`, 'm'))
    expect(run.stdout).toMatch(new RegExp(`^FAILED at step ${index + 1}$`, 'm'))
    assertTranscriptListsSteps(file, run.stdout, reportOf(file))
  })
})

describe.each(invalid.map((f) => [rel(f), f]))('kiosk-sim run %s (invalid)', (name, file) => {
  for (const mode of ['--json', 'transcript'] as const) {
    it(`exits 2 with a message naming the field (${mode})`, () => {
      const run = (mode === '--json' ? jsonRuns : textRuns).get(file)!
      expect(run.code, run.stdout + run.stderr).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain(`${file}: invalid scenario`)
      expect(run.stderr).toMatch(EXPECTED_INVALID[name.split('/').at(-1)!]!)
    })
  }
})

describe("the issue's example (tests/scenarios/tenge-top-up.json) --json", () => {
  const file = join(SCENARIOS, 'tenge-top-up.json')

  it('credits the card to 1500 and leaves one 1000 ₸ note in the cashbox', () => {
    const report = reportOf(file)
    expect(report.cards['9398000011112222']!.balanceKzt).toBe(1500)
    expect(report.cards).toEqual({ '9398000011112222': { balanceKzt: 1500 } })
    expect(report.cashbox).toEqual([{ currency: 'KZT', value: 1000, count: 1 }])
  })

  it('reports each step with its index, verb, outcome and screen', () => {
    expect(reportOf(file).steps).toEqual([
      { index: 0, do: 'tapCard', ok: true, screen: 'amount' },
      { index: 1, do: 'chooseAmount', ok: true, screen: 'paymentMethod' },
      { index: 2, do: 'payCash', ok: true, screen: 'cash' },
      { index: 3, do: 'insertBill', ok: true, screen: 'cash' },
      { index: 4, do: 'confirm', ok: true, screen: 'receipt' },
      { index: 5, do: 'wait', ok: true, screen: 'idle' },
      { index: 6, expect: { screen: 'idle' }, ok: true, screen: 'idle' }
    ])
  })

  it('reports the completed transaction with a masked card', () => {
    const [t, ...more] = reportOf(file).transactions
    expect(more).toEqual([])
    expect(t).toMatchObject({
      id: expect.stringMatching(/^00412783-000001-[0-9A-Z]{8}$/),
      card: '9398 •••• •••• 2222',
      status: 'completed',
      method: 'cash',
      stacked: [{ currency: 'KZT', value: 1000 }],
      returned: [],
      grossKzt: 1000,
      feeKzt: 0,
      bonusKzt: 0,
      creditedKzt: 1000
    })
    // the quote taken when the cash screen opened: the default rates, though only tenge was paid
    expect(t!.rates).toEqual(DEFAULT_RATES)
    // the full number appears once, as the key of cards; transactions show it masked
    expect(jsonRuns.get(file)!.stdout.split('9398000011112222')).toHaveLength(2)
  })
})

describe.each(Object.entries(MONEY_EXAMPLES))('worked example %s --json', (name, expected) => {
  it('reports gross, fee, bonus, credited, rates, returned notes and balances as docs/money.md computes them', () => {
    const report = reportOf(join(SCENARIOS, name))
    expect(report.ok).toBe(true)
    expect(report.transactions).toHaveLength(expected.length)
    report.transactions.forEach((t, i) => {
      const e = expected[i]!
      const { returned, ...numbers } = e
      expect({
        status: t.status,
        method: t.method,
        grossKzt: t.grossKzt,
        feeKzt: t.feeKzt,
        bonusKzt: t.bonusKzt,
        creditedKzt: t.creditedKzt,
        rates: t.rates,
        balanceBeforeKzt: t.balanceBeforeKzt,
        balanceAfterKzt: t.balanceAfterKzt
      }).toEqual(numbers)
      if (returned) expect(t.returned).toEqual(returned)
      if (e.method === 'card') expect(t.stacked).toEqual([])
    })
  })
})

describe('reports of particular scenarios', () => {
  it('three notes: all three stacked, 3500 credited, 4000 on the card', () => {
    const report = reportOf(join(SCENARIOS, 'three-notes-top-up.json'))
    const [t] = report.transactions
    expect(t!.stacked).toEqual([
      { currency: 'KZT', value: 1000 },
      { currency: 'KZT', value: 500 },
      { currency: 'KZT', value: 2000 }
    ])
    expect(t!.creditedKzt).toBe(3500)
    expect(report.cards['9398000011112222']!.balanceKzt).toBe(4000)
    expect(report.cashbox).toEqual([
      { currency: 'KZT', value: 500, count: 1 },
      { currency: 'KZT', value: 1000, count: 1 },
      { currency: 'KZT', value: 2000, count: 1 }
    ])
  })

  it('a returned note is listed in returned, with its reason, and is not an error', () => {
    const report = reportOf(join(SCENARIOS, 'passing-note-accepted-next-returned.json'))
    expect(report.ok).toBe(true)
    const [t] = report.transactions
    expect(t!.stacked).toEqual([
      { currency: 'KZT', value: 1000 },
      { currency: 'KZT', value: 1000 }
    ])
    expect(t!.returned).toEqual([{ currency: 'KZT', value: 500, reason: 'amountReached' }])
    expect(report.cashbox).toEqual([{ currency: 'KZT', value: 1000, count: 2 }])
    expect(textRuns.get(join(SCENARIOS, 'passing-note-accepted-next-returned.json'))!.stdout).toMatch(/returned: 500 ₸ \(amountReached\)/)
  })

  it('foreign notes: converted once, foreign fee, locked rates reported', () => {
    const report = reportOf(join(SCENARIOS, 'foreign-dollars-converted-once.json'))
    const [t] = report.transactions
    expect(t).toMatchObject({ grossKzt: 1414, feeKzt: 100, bonusKzt: 0, creditedKzt: 1314, rates: { USD: '471.3725' }, status: 'completed' })
    expect(report.cashbox).toEqual([{ currency: 'USD', value: 1, count: 3 }])
  })

  it('cancel before any note: a cancelled transaction, an empty cashbox, the balance unchanged', () => {
    const report = reportOf(join(SCENARIOS, 'cancel-on-cash-before-any-note.json'))
    expect(report.transactions.map((t) => t.status)).toEqual(['cancelled'])
    expect(report.cashbox).toEqual([])
    expect(report.cards['9398000011112222']!.balanceKzt).toBe(500)
  })

  it('card problems open no transaction', () => {
    for (const f of ['blocked-card.json', 'expired-card.json', 'unknown-card-back-to-card.json', 'amount-below-minimum-refused.json']) {
      expect(reportOf(join(SCENARIOS, f)).transactions, f).toEqual([])
    }
  })

  it('inactivity with money in completes the transaction (including a 60 s wait on the virtual clock)', () => {
    const file = join(SCENARIOS, 'inactivity-timeout-with-money-completes.json')
    expect(stepsOf(file)).toContainEqual({ do: 'wait', seconds: 60 })
    const report = reportOf(file)
    expect(report.transactions.map((t) => t.status)).toEqual(['completed'])
    expect(report.transactions[0]).toMatchObject({ creditedKzt: 2000, balanceBeforeKzt: 500, balanceAfterKzt: 2500 })
  })

  it('a failing expectation still reports what happened up to it', () => {
    const report = reportOf(join(SCENARIOS, 'fails-expectation-balance.json'))
    expect(report.transactions.map((t) => t.status)).toEqual(['completed'])
    expect(report.cards['9398000011112222']!.balanceKzt).toBe(1500)
  })
})

// A child process takes about 1 s to start, far more on a busy machine: more than vitest's default 5 s per test.
describe('kiosk-sim arguments (child process)', { timeout: 60_000 }, () => {
  const file = join(SCENARIOS, 'tenge-top-up.json')

  it('prints the transcript of the report its --json run prints, with the same exit code, for a passing, a failing and an invalid file', async () => {
    const runs = await Promise.all(BY_THE_BINARY.map(([f]) => cli('run', f)))
    runs.forEach((run, i) => {
      const [f, code] = BY_THE_BINARY[i]!
      expect(run.code, rel(f)).toBe(code)
      expect(run.stdout, rel(f)).toBe(textRuns.get(f)!.stdout)
      expect(run.stderr, rel(f)).toBe(textRuns.get(f)!.stderr)
    })
    expect(runs[0]!.stdout).toMatch(/^PASSED \(7 steps\)$/m)
  })

  it('prints, with --json, the report main() prints in process, byte for byte, with the same exit code', async () => {
    const runs = await Promise.all(BY_THE_BINARY.map(([f]) => cli('run', f, '--json')))
    runs.forEach((run, i) => {
      const [f, code] = BY_THE_BINARY[i]!
      expect(run.code, rel(f)).toBe(code)
      expect(run.stdout, rel(f)).toBe(jsonRuns.get(f)!.stdout)
      expect(run.stderr, rel(f)).toBe(jsonRuns.get(f)!.stderr)
    })
    expect(JSON.parse(runs[0]!.stdout)).toMatchObject({ ok: true })
  })

  it('an unknown flag exits 2 naming the flag', async () => {
    const run = await cli('run', file, '--verbose')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--verbose')
    expect(run.stdout).toBe('')
  })

  it('a missing file exits 2 with the path in the message', async () => {
    const missing = join(SCENARIOS, 'no-such-scenario.json')
    const run = await cli('run', missing)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`cannot read ${missing}`)
  })

  it('run with no file exits 2', async () => {
    const run = await cli('run')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('expected exactly one scenario FILE, got 0')
  })

  it('run with two files exits 2', async () => {
    const run = await cli('run', file, file)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('got 2')
  })

  it('an unknown command exits 2 and no command prints the usage and exits 2', async () => {
    const [unknown, none] = await Promise.all([cli('frobnicate'), cli()])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown command "frobnicate"')
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('Usage:')
  })

  it('help exits 0 with the usage', async () => {
    const run = await cli('help')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('kiosk-sim run FILE [--json]')
  })
})

describe('main() in process', () => {
  const capture = () => {
    const out: string[] = []
    const err: string[] = []
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } }
  }

  it("runs the issue's example and prints the JSON report", async () => {
    const c = capture()
    expect(await main(['run', join(SCENARIOS, 'tenge-top-up.json'), '--json'], c.io)).toBe(0)
    const report = JSON.parse(c.out.join('\n')) as JsonReport
    expect(report.ok).toBe(true)
    expect(report.cards['9398000011112222']).toEqual({ balanceKzt: 1500 })
    expect(c.err).toEqual([])
  })

  it('returns 1 for a step not possible and prints the reason', async () => {
    const c = capture()
    expect(await main(['run', join(SCENARIOS, 'fails-confirm-on-idle.json')], c.io)).toBe(1)
    expect(c.out.join('\n')).toContain('"confirm" is not possible on the idle screen')
  })

  it('returns 2 for an invalid file, naming the field on stderr', async () => {
    const c = capture()
    expect(await main(['run', join(INVALID, 'bad-note-value.json')], c.io)).toBe(2)
    expect(c.err.join('\n')).toContain('steps[3].value: expected an integer from 1 to 1000000')
    expect(c.out).toEqual([])
  })

  it('returns 2 for a missing file, an unknown flag and a missing FILE', async () => {
    const c = capture()
    expect(await main(['run', 'nowhere/missing.json'], c.io)).toBe(2)
    expect(c.err.join('\n')).toContain('cannot read nowhere/missing.json')
    expect(await main(['run', join(SCENARIOS, 'tenge-top-up.json'), '--fast'], c.io)).toBe(2)
    expect(c.err.join('\n')).toContain('--fast')
    expect(await main(['run'], c.io)).toBe(2)
    expect(c.out).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
