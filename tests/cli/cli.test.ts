/**
 * The real `kiosk-sim` CLI, run as a child process over every scenario in tests/scenarios, plus
 * a few quick in-process calls of main(). Scenario files carry their own expectations (`expect`
 * steps); files named `fails-*.json` are designed to exit 1, files under invalid/ to exit 2.
 */
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { SCREENS } from '../../src/core/protocol'

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

/** How each `fails-` scenario must fail: the step (0-based index) and why. */
const EXPECTED_FAILURES: Record<string, { index: number; error: string }> = {
  'fails-confirm-on-idle.json': { index: 1, error: '"confirm" is not possible on the idle screen' },
  'fails-expectation-balance.json': { index: 5, error: 'balanceKzt is 1500, expected 2000' }
}

/** The default quote (config.ts): what a cash transaction reports as `rates` unless a scenario set a rate. */
const DEFAULT_RATES = { USD: '471.3725', EUR: '512.40', RUB: '5.1215', CNY: '65.08' }

type Expected = {
  status: string
  method: 'cash' | 'card'
  grossKzt: number
  feeKzt: number
  bonusKzt: number
  creditedKzt: number
  rates: Record<string, string>
  returned?: { currency: string; value: number; reason: string }[]
  balanceBeforeKzt: number | null
  balanceAfterKzt: number | null
}
const cash = (gross: number, fee: number, bonus: number, credited: number, before: number, after: number, more: Partial<Expected> = {}): Expected => ({
  status: 'completed',
  method: 'cash',
  grossKzt: gross,
  feeKzt: fee,
  bonusKzt: bonus,
  creditedKzt: credited,
  rates: DEFAULT_RATES,
  returned: [],
  balanceBeforeKzt: before,
  balanceAfterKzt: after,
  ...more
})
const card = (gross: number, fee: number, bonus: number, credited: number, before: number, after: number): Expected => ({
  status: 'completed',
  method: 'card',
  grossKzt: gross,
  feeKzt: fee,
  bonusKzt: bonus,
  creditedKzt: credited,
  rates: {},
  balanceBeforeKzt: before,
  balanceAfterKzt: after
})
const cancelledCard: Expected = {
  status: 'cancelled',
  method: 'card',
  grossKzt: 0,
  feeKzt: 0,
  bonusKzt: 0,
  creditedKzt: 0,
  rates: {},
  balanceBeforeKzt: null,
  balanceAfterKzt: null
}

/**
 * The worked examples of docs/money.md, as the --json report must show them: every transaction of
 * every money-*.json scenario, in order. The numbers are the ones the docs print.
 */
const MONEY_EXAMPLES: Record<string, Expected[]> = {
  // 1. tenge only: 1 000 + 500 + 2 000 for 3 000; 200 returned
  'money-tenge-amount-passed.json': [cash(3500, 0, 0, 3500, 500, 4000, { returned: [{ currency: 'KZT', value: 200, reason: 'amountReached' }] })],
  // 2. 7 USD for 3 000: floor(7 × 471.3725) = 3 299, fee 100
  'money-usd-seven-dollars.json': [cash(3299, 100, 0, 3199, 500, 3699)],
  // 3. 2 000 ₸ + 10 USD: fees 0 + 100
  'money-mixed-usd-tenge.json': [cash(6713, 100, 0, 6613, 500, 7113)],
  // 4. 20 000 ₸: bonus 5 % = 1 000
  'money-bonus-tier.json': [cash(20000, 0, 1000, 21000, 500, 21500)],
  // 5. 50 000 ₸: bonus 2 500 capped at 2 000
  'money-bonus-cap.json': [cash(50000, 0, 2000, 52000, 500, 52500)],
  // 6. 5 000 ₸ + 50 USD: fee ceil(471.36) = 472, bonus floor(1 404.8) = 1 404
  'money-mixed-rounding.json': [cash(28568, 472, 1404, 29500, 500, 30000)],
  // 7. 10 000 returned (balance + credited 200 750 > 200 000)
  'money-returned-over-balance-cap.json': [
    cash(10000, 0, 500, 10500, 185000, 195500, { returned: [{ currency: 'KZT', value: 10000, reason: 'overBalanceCap' }] })
  ],
  // 8. 20 000 returned (net 110 000 > 100 000)
  'money-returned-over-max-top-up.json': [cash(95000, 0, 2000, 97000, 500, 97500, { returned: [{ currency: 'KZT', value: 20000, reason: 'overMaxTopUp' }] })],
  // 9. bank card 12 000 at 1.5 % (min 50): fee 180, bonus 591
  'money-bank-card-fee.json': [card(12000, 180, 591, 12411, 500, 12911)],
  'money-bank-card-declined-then-cash.json': [cancelledCard, cash(5000, 0, 0, 5000, 500, 5500)],
  'money-bank-card-timeout.json': [cancelledCard, card(3000, 0, 0, 3000, 500, 3500)],
  // 10a. setRate USD 480 before the cash screen: 10 USD = 4 800, fee 100
  'money-rate-lock-set-rate-before-cash.json': [cash(4800, 100, 0, 4700, 500, 5200, { rates: { ...DEFAULT_RATES, USD: '480' } })],
  // 10b. setRate USD 500 after a stacked note: the quote 471.3725 holds
  'money-rate-lock-holds-after-stacked-note.json': [cash(3299, 100, 0, 3199, 500, 3699)],
  // 10c. nothing stacked for 121 s: re-quoted at the new market rate 490
  'money-rate-lock-requote.json': [cash(4900, 100, 0, 4800, 500, 5300, { rates: { ...DEFAULT_RATES, USD: '490' } })]
}

/** What each invalid file's error must say (it must name the field). */
const EXPECTED_INVALID: Record<string, RegExp> = {
  'bad-note-value.json': /^ {2}steps\[3\]\.value: expected an integer from 1 to 1000000$/m,
  'unknown-verb.json': /^ {2}steps\[1\]\.do: unknown verb "insertCoin"; expected one of .*tapCard.*insertBill/m,
  'bad-config-key.json': /^ {2}config\.fees\.cashForeign\.percent: expected a non-negative decimal/m,
  'unknown-config-key.json': /^ {2}config\.limitz: unknown key$/m,
  'bad-card-number.json': /^ {2}cards\[0\]\.number: expected a 16-digit card number$/m,
  'not-json.json': /is not valid JSON: line 3, column 3: comments are not allowed in JSON$/m
}

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs `node bin/kiosk-sim.mjs ...args` with the project's Node (vitest already runs on it). */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** Runs every job with at most `limit` child processes at a time. */
async function pool<T>(jobs: (() => Promise<T>)[], limit = 6): Promise<T[]> {
  const results: T[] = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++
      results[i] = await jobs[i]!()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker))
  return results
}

interface JsonReport {
  name: string
  ok: boolean
  steps: { index: number; do?: string; expect?: Record<string, unknown>; ok: boolean; screen: string; error?: string }[]
  transactions: {
    id: string
    card: string
    status: string
    method: string
    stacked: { currency: string; value: number }[]
    returned: { currency: string; value: number; reason: string }[]
    grossKzt: number
    feeKzt: number
    bonusKzt: number
    creditedKzt: number
    balanceBeforeKzt: number | null
    balanceAfterKzt: number | null
    rates: Record<string, string>
  }[]
  cards: Record<string, { balanceKzt: number }>
  cashbox: { currency: string; value: number; count: number }[]
  collections: { number: number; expected: { currency: string; value: number; count: number }[] }[]
  counters: { sinceCollection: { currency: string; value: number; count: number }[]; lifetime: { currency: string; value: number; count: number }[] }
}

interface FileSteps {
  steps: Record<string, unknown>[]
}

const jsonRuns = new Map<string, Run>()
const textRuns = new Map<string, Run>()
const reportOf = (file: string): JsonReport => JSON.parse(jsonRuns.get(file)!.stdout) as JsonReport
const stepsOf = (file: string): FileSteps['steps'] => (JSON.parse(readFileSync(file, 'utf8')) as FileSteps).steps

beforeAll(async () => {
  const files = [...passing, ...failing, ...invalid]
  const jobs = files.flatMap((file) => [
    async () => jsonRuns.set(file, await cli('run', file, '--json')),
    async () => textRuns.set(file, await cli('run', file))
  ])
  await pool(jobs)
}, 120_000)

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
    assertTranscriptListsSteps(file, run.stdout)
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
    assertTranscriptListsSteps(file, run.stdout)
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

describe('kiosk-sim arguments (child process)', () => {
  const file = join(SCENARIOS, 'tenge-top-up.json')

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

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const STATUSES = ['completed', 'cancelled', 'pending', 'flagged']
const MASKED = /^\d{4} •••• •••• \d{4}$/

/** Every step run appears as a numbered line naming its verb (or `expect`), its outcome and its screen. */
function assertTranscriptListsSteps(file: string, stdout: string): void {
  const steps = stepsOf(file)
  const report = reportOf(file)
  expect(stdout).toContain(`Scenario: ${report.name}`)
  for (const step of report.steps) {
    const verb = 'expect' in steps[step.index]! ? 'expect' : String(steps[step.index]!.do)
    const outcome = step.ok ? `ok   → ${step.screen}` : `FAIL → ${step.screen}: `
    expect(stdout, `${rel(file)} step ${step.index + 1}`).toMatch(new RegExp(`^ +${step.index + 1}\\. ${verb}\\b.*${escape(outcome)}`, 'm'))
  }
  const skipped = steps.length - report.steps.length
  if (skipped > 0) expect(stdout).toContain(`(${skipped} more step${skipped > 1 ? 's' : ''} not run)`)
  for (const t of report.transactions) expect(stdout).toContain(`Transaction ${t.id}  ${t.status}  card ${t.card}  ${t.method}`)
}

function assertReportShape(file: string, report: JsonReport): void {
  const steps = stepsOf(file)
  expect(typeof report.ok).toBe('boolean')
  report.steps.forEach((step, i) => {
    expect(step.index).toBe(i)
    expect(typeof step.ok).toBe('boolean')
    expect(SCREENS).toContain(step.screen)
    const source = steps[i]!
    if ('expect' in source) expect(step.expect).toEqual(source.expect)
    else expect(step.do).toBe(source.do)
  })
  const isKzt = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0
  const ids = new Set<string>()
  const stackedCount = new Map<string, number>()
  for (const t of report.transactions) {
    expect(t.id).toMatch(/^\d{8}-\d{6}-[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(ids.has(t.id)).toBe(false)
    ids.add(t.id)
    expect(t.card).toMatch(MASKED)
    expect(STATUSES).toContain(t.status)
    expect(['cash', 'card']).toContain(t.method)
    for (const n of [t.grossKzt, t.feeKzt, t.bonusKzt, t.creditedKzt]) expect(isKzt(n)).toBe(true)
    expect(t.creditedKzt).toBe(t.grossKzt - t.feeKzt + t.bonusKzt)
    expect(t.feeKzt).toBeLessThanOrEqual(t.grossKzt)
    expect(typeof t.rates).toBe('object')
    for (const n of t.stacked) {
      expect(Number.isSafeInteger(n.value) && n.value > 0).toBe(true)
      stackedCount.set(`${n.currency} ${n.value}`, (stackedCount.get(`${n.currency} ${n.value}`) ?? 0) + 1)
    }
    for (const r of t.returned) expect(typeof r.reason).toBe('string')
    // a bank-card payment takes no notes; a completed cash payment took at least one
    if (t.method === 'card') expect(t.stacked).toEqual([])
    if (t.status === 'completed') {
      expect(t.balanceAfterKzt! - t.balanceBeforeKzt!).toBe(t.creditedKzt)
      if (t.method === 'cash') expect(t.stacked.length).toBeGreaterThan(0)
    }
    if (t.status === 'cancelled') expect(t.stacked).toEqual([])
  }
  for (const [number, card] of Object.entries(report.cards)) {
    expect(number).toMatch(/^\d{16}$/)
    expect(isKzt(card.balanceKzt)).toBe(true)
  }
  // the cashbox and the cash collected from it hold exactly the stacked notes
  const cashbox = new Map<string, number>()
  for (const c of [...report.cashbox, ...report.collections.flatMap((collection) => collection.expected)]) {
    expect(Object.keys(c).sort()).toEqual(['count', 'currency', 'value'])
    expect(c.count).toBeGreaterThan(0)
    cashbox.set(`${c.currency} ${c.value}`, (cashbox.get(`${c.currency} ${c.value}`) ?? 0) + c.count)
  }
  expect(cashbox).toEqual(stackedCount)
  // the lifetime counter is every stacked note; since the collection, what the cassette holds
  expect(new Map(report.counters.lifetime.map((c) => [`${c.currency} ${c.value}`, c.count]))).toEqual(stackedCount)
  expect(new Map(report.counters.sinceCollection.map((c) => [`${c.currency} ${c.value}`, c.count]))).toEqual(
    new Map(report.cashbox.map((c) => [`${c.currency} ${c.value}`, c.count]))
  )
}
