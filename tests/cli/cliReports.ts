/**
 * What cli.test.ts checks `kiosk-sim run` reports against: the worked examples of docs/money.md,
 * the documented shape of the --json report and of the transcript.
 */
import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { main } from '../../src/cli/main'
import { SCREENS } from '../../src/core/protocol'

export interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs `main(args)` in this process, as bin/kiosk-sim.mjs does: its exit code and what it printed (each line as the binary writes it). */
export async function inProcess(...args: string[]): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => void out.push(`${t}\n`), err: (t) => void err.push(`${t}\n`) })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

/** How each `fails-` scenario must fail: the step (0-based index) and why. */
export const EXPECTED_FAILURES: Record<string, { index: number; error: string }> = {
  'fails-confirm-on-idle.json': { index: 1, error: '"confirm" is not possible on the idle screen' },
  'fails-expectation-balance.json': { index: 5, error: 'balanceKzt is 1500, expected 2000' }
}

/** What each invalid file's error must say (it must name the field). */
export const EXPECTED_INVALID: Record<string, RegExp> = {
  'bad-note-value.json': /^ {2}steps\[3\]\.value: expected an integer from 1 to 1000000$/m,
  'unknown-verb.json': /^ {2}steps\[1\]\.do: unknown verb "insertCoin"; expected one of .*tapCard.*insertBill/m,
  'bad-config-key.json': /^ {2}config\.fees\.cashForeign\.percent: expected a non-negative decimal/m,
  'unknown-config-key.json': /^ {2}config\.limitz: unknown key$/m,
  'bad-card-number.json': /^ {2}cards\[0\]\.number: expected a 16-digit card number$/m,
  'not-json.json': /is not valid JSON: line 3, column 3: comments are not allowed in JSON$/m
}

/** The default quote (config.ts): what a cash transaction reports as `rates` unless a scenario set a rate. */
export const DEFAULT_RATES = { USD: '471.3725', EUR: '512.40', RUB: '5.1215', CNY: '65.08' }

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
export const MONEY_EXAMPLES: Record<string, Expected[]> = {
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

export interface JsonReport {
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

/** The steps a scenario file lists. */
export const stepsOf = (file: string): FileSteps['steps'] => (JSON.parse(readFileSync(file, 'utf8')) as FileSteps).steps

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const STATUSES = ['completed', 'cancelled', 'pending', 'flagged']
const MASKED = /^\d{4} •••• •••• \d{4}$/

/** Every step run appears as a numbered line naming its verb (or `expect`), its outcome and its screen (`report`: the file's --json report). */
export function assertTranscriptListsSteps(file: string, stdout: string, report: JsonReport): void {
  const steps = stepsOf(file)
  expect(stdout).toContain(`Scenario: ${report.name}`)
  for (const step of report.steps) {
    const verb = 'expect' in steps[step.index]! ? 'expect' : String(steps[step.index]!.do)
    const outcome = step.ok ? `ok   → ${step.screen}` : `FAIL → ${step.screen}: `
    expect(stdout, `${file} step ${step.index + 1}`).toMatch(new RegExp(`^ +${step.index + 1}\\. ${verb}\\b.*${escape(outcome)}`, 'm'))
  }
  const skipped = steps.length - report.steps.length
  if (skipped > 0) expect(stdout).toContain(`(${skipped} more step${skipped > 1 ? 's' : ''} not run)`)
  for (const t of report.transactions) expect(stdout).toContain(`Transaction ${t.id}  ${t.status}  card ${t.card}  ${t.method}`)
}

export function assertReportShape(file: string, report: JsonReport): void {
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
