/**
 * X and Z reports folded from the journal of a real kiosk's day: the sums are checked against what
 * the journal really holds, a Z closes the period, numbering comes from the journal, and training
 * transactions are left out of every total.
 */
import { describe, expect, it } from 'vitest'
import type { JournalRecord } from '../../../src/core/journal'
import { shiftReportOf, shiftReportRecord } from '../../../src/core/service/shiftReports'
import { DEMO_CARD, makeKiosk, moneyInvariantAfterEach, type TestKiosk } from '../helpers'

moneyInvariantAfterEach()

const TERMINAL = '00412783'
const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })
const USD = (value: number) => ({ type: 'insertBill' as const, currency: 'USD' as const, value })
const nowIso = (k: TestKiosk) => new Date(k.clock.now()).toISOString()

async function cashTopUp(k: TestKiosk, kzt: number, notes: ReturnType<typeof KZT | typeof USD>[]) {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt })
  await k.act({ type: 'payCash' })
  for (const note of notes) await k.act(note)
  await k.act({ type: 'confirm' }, 4)
  await k.act({ type: 'done' }, 5)
  expect(k.screen()).toBe('idle')
}

async function cardTopUp(k: TestKiosk, kzt: number) {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt })
  await k.act({ type: 'payCard' }, 5)
  await k.act({ type: 'done' }, 5)
  expect(k.screen()).toBe('idle')
}

/** A jam after a 2 000 ₸ note was stacked: credited, the 1 000 ₸ note in doubt, the top-up flagged; staff clear the jam. */
async function jammedTopUp(k: TestKiosk) {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 5000 })
  await k.act({ type: 'payCash' })
  await k.act(KZT(2000))
  k.kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
  await k.act(KZT(1000))
  await k.clock.advance(30_000)
  await k.act({ type: 'done' })
  await k.clock.advance(60_000)
  k.kiosk.send({ type: 'clearFault', device: 'billValidator' })
  expect(k.screen()).toBe('idle')
}

/** A morning: cash in tenge, cash in dollars, a bank card, and a jam that flags a top-up. */
async function morning() {
  const k = makeKiosk()
  await cashTopUp(k, 3000, [KZT(2000), KZT(1000)])
  await cashTopUp(k, 3000, [USD(5), USD(2)])
  await cardTopUp(k, 5000)
  await jammedTopUp(k)
  return k
}

type Count = { currency: string; value: number; count: number }
/** Every noteStacked of the records, per denomination, as the report lists them (KZT first, values ascending). */
function stackedIn(records: readonly JournalRecord[]): Count[] {
  const counts: Count[] = []
  for (const r of records) {
    if (r.kind !== 'noteStacked') continue
    const entry = counts.find((c) => c.currency === r.data.note.currency && c.value === r.data.note.value)
    if (entry) entry.count++
    else counts.push({ ...r.data.note, count: 1 })
  }
  const order = ['KZT', 'USD', 'EUR', 'RUB', 'CNY']
  return counts.sort((a, b) => order.indexOf(a.currency) - order.indexOf(b.currency) || a.value - b.value)
}
const reportCounts = (report: ReturnType<typeof shiftReportOf>): Count[] =>
  report.cash.flatMap((c) => c.denominations.map((d) => ({ currency: c.currency, value: d.value, count: d.count })))

const creditedOf = (records: readonly JournalRecord[], method: 'cash' | 'card' | null) => {
  const methods = new Map(records.flatMap((r) => (r.kind === 'transactionStarted' ? [[r.data.transactionId, r.data.method] as const] : [])))
  return records.reduce(
    (sum, r) => (r.kind === 'creditApplied' && (method === null || methods.get(r.data.transactionId) === method) ? sum + r.data.creditedKzt! : sum),
    0
  )
}

describe('the X report', () => {
  it('sums the period as the journal holds it: notes per denomination, tenge credited, bank cards, flagged top-ups, notes in doubt', async () => {
    const k = await morning()
    const records = k.journal.all()
    const report = shiftReportOf(records, { report: 'X', at: nowIso(k), terminalId: TERMINAL })
    expect(report).toMatchObject({ report: 'X', number: 1, terminalId: TERMINAL, from: records[0]!.time, to: nowIso(k) })
    expect(reportCounts(report)).toEqual(stackedIn(records))
    expect(reportCounts(report)).toEqual([
      { currency: 'KZT', value: 1000, count: 1 },
      { currency: 'KZT', value: 2000, count: 2 },
      { currency: 'USD', value: 2, count: 1 },
      { currency: 'USD', value: 5, count: 1 }
    ])
    for (const c of report.cash) {
      for (const d of c.denominations) expect(d.sum).toBe(d.value * d.count)
      expect(c.total).toBe(c.denominations.reduce((s, d) => s + d.sum, 0))
    }
    expect(report.cash.find((c) => c.currency === 'KZT')?.total).toBe(5000)
    expect(report.cashCreditedKzt).toBe(creditedOf(records, 'cash'))
    expect(report.cashCreditedKzt).toBeGreaterThan(5000) // tenge plus the dollars converted
    expect(report.cardPayments).toEqual({ count: 1, amountKzt: 5000 })
    expect(report.topUps).toEqual({ count: 4, creditedKzt: creditedOf(records, null) })
    const flagged = records.find((r) => r.kind === 'transactionFlagged')
    expect(flagged?.kind === 'transactionFlagged' && flagged.data.transactionId).toBeTruthy()
    expect(report.flagged).toEqual([
      { transactionId: flagged!.kind === 'transactionFlagged' ? flagged!.data.transactionId : '', reasons: ['noteInDoubt'], amountKzt: 2000, resolution: null }
    ])
    expect(report.notesInDoubt).toBe(1)
    expect(report.trainingExcluded).toBe(0)
  })

  it('leaves a training transaction out of every total, and says how many it left out', async () => {
    const k = await morning()
    const records = k.journal.all()
    // The kiosk's dollar top-up, as the journal keeps it when started in training mode.
    const started = records.filter((r) => r.kind === 'transactionStarted')
    const trainingId = started[1]!.kind === 'transactionStarted' ? started[1]!.data.transactionId : ''
    const trainingDay = records.map((r) =>
      r.kind === 'transactionStarted' && r.data.transactionId === trainingId ? { ...r, data: { ...r.data, training: true as const } } : r
    )
    const at = nowIso(k)
    const full = shiftReportOf(records, { report: 'X', at, terminalId: TERMINAL })
    const report = shiftReportOf(trainingDay, { report: 'X', at, terminalId: TERMINAL })
    expect(report.trainingExcluded).toBe(1)
    expect(report.cash.map((c) => c.currency)).toEqual(['KZT'])
    expect(reportCounts(report)).toEqual(stackedIn(records.filter((r) => !(r.kind === 'noteStacked' && r.data.transactionId === trainingId))))
    const trainingCredit = records.find((r) => r.kind === 'creditApplied' && r.data.transactionId === trainingId)
    const credited = trainingCredit?.kind === 'creditApplied' ? trainingCredit.data.creditedKzt! : 0
    expect(credited).toBeGreaterThan(0)
    expect(report.cashCreditedKzt).toBe(full.cashCreditedKzt - credited)
    expect(report.topUps).toEqual({ count: 3, creditedKzt: full.topUps.creditedKzt - credited })
    expect(report.cardPayments).toEqual(full.cardPayments)
    expect(report.flagged).toEqual(full.flagged)
  })

  it('leaves a flagged training transaction out of the flagged list and the notes in doubt', async () => {
    const k = await morning()
    const records = k.journal.all()
    const flagged = records.find((r) => r.kind === 'transactionFlagged')
    const id = flagged?.kind === 'transactionFlagged' ? flagged.data.transactionId : ''
    const trainingDay = records.map((r) =>
      r.kind === 'transactionStarted' && r.data.transactionId === id ? { ...r, data: { ...r.data, training: true as const } } : r
    )
    const report = shiftReportOf(trainingDay, { report: 'Z', at: nowIso(k), terminalId: TERMINAL })
    expect(report).toMatchObject({ flagged: [], notesInDoubt: 0, trainingExcluded: 1 })
  })
})

describe('the Z report', () => {
  it('closes the period: the next X starts at its end and counts only what came after', async () => {
    const k = await morning()
    const z = shiftReportOf(k.journal.all(), { report: 'Z', at: nowIso(k), terminalId: TERMINAL })
    k.journal.append('shiftReport', shiftReportRecord(z, 'collector'), k.clock.now())
    await k.clock.advance(60_000)
    const afterZ = k.journal.all().length
    await cashTopUp(k, 1000, [KZT(1000)])
    await cardTopUp(k, 2000)
    const records = k.journal.all()
    const x = shiftReportOf(records, { report: 'X', at: nowIso(k), terminalId: TERMINAL })
    expect(x).toMatchObject({ report: 'X', number: 2, from: z.to })
    expect(reportCounts(x)).toEqual(stackedIn(records.slice(afterZ)))
    expect(reportCounts(x)).toEqual([{ currency: 'KZT', value: 1000, count: 1 }])
    expect(x).toMatchObject({ cashCreditedKzt: 1000, cardPayments: { count: 1, amountKzt: 2000 }, topUps: { count: 2, creditedKzt: 3000 } })
    expect(x).toMatchObject({ flagged: [], notesInDoubt: 0 })
  })

  it('numbers from the journal: Z reports count from 1, an X carries the number of the Z that will close its period', async () => {
    const k = makeKiosk()
    const at = () => nowIso(k)
    expect(shiftReportOf(k.journal.all(), { report: 'X', at: at(), terminalId: TERMINAL }).number).toBe(1)
    await cashTopUp(k, 1000, [KZT(1000)])
    const x1 = shiftReportOf(k.journal.all(), { report: 'X', at: at(), terminalId: TERMINAL })
    k.journal.append('shiftReport', shiftReportRecord(x1, 'collector'), k.clock.now())
    const z1 = shiftReportOf(k.journal.all(), { report: 'Z', at: at(), terminalId: TERMINAL })
    expect([x1.number, z1.number]).toEqual([1, 1])
    k.journal.append('shiftReport', shiftReportRecord(z1, 'collector'), k.clock.now())
    await cashTopUp(k, 2000, [KZT(2000)])
    const z2 = shiftReportOf(k.journal.all(), { report: 'Z', at: at(), terminalId: TERMINAL })
    expect(z2).toMatchObject({ number: 2, from: z1.to })
    k.journal.append('shiftReport', shiftReportRecord(z2, 'administrator'), k.clock.now())
    // After a restart, only the journal is left: it alone gives the next number.
    const stored = k.journal.all().map((r) => JSON.parse(JSON.stringify(r)) as JournalRecord)
    expect(shiftReportOf(stored, { report: 'X', at: at(), terminalId: TERMINAL })).toMatchObject({ number: 3, from: z2.to, cash: [] })
    expect(
      k.journal
        .all()
        .filter((r) => r.kind === 'shiftReport')
        .map((r) => r.data)
    ).toEqual([
      { report: 'X', number: 1, from: x1.from, to: x1.to, role: 'collector' },
      { report: 'Z', number: 1, from: z1.from, to: z1.to, role: 'collector' },
      { report: 'Z', number: 2, from: z2.from, to: z2.to, role: 'administrator' }
    ])
  })
})

describe('bad input', () => {
  it('names the field', () => {
    const k = makeKiosk()
    const records = k.journal.all()
    expect(() => shiftReportOf(records, { report: 'X', at: 'yesterday', terminalId: TERMINAL })).toThrow(/^at: /)
    expect(() => shiftReportOf(records, { report: 'X', at: nowIso(k), terminalId: '' })).toThrow(/^terminalId: /)
    expect(() => shiftReportOf(records, { report: 'Y' as 'X', at: nowIso(k), terminalId: TERMINAL })).toThrow(/^report: /)
  })

  it('refuses a moment before the end of the last Z report', async () => {
    const k = makeKiosk()
    await cashTopUp(k, 1000, [KZT(1000)])
    const z = shiftReportOf(k.journal.all(), { report: 'Z', at: nowIso(k), terminalId: TERMINAL })
    k.journal.append('shiftReport', shiftReportRecord(z, 'collector'), k.clock.now())
    expect(() => shiftReportOf(k.journal.all(), { report: 'X', at: new Date(k.clock.now() - 1000).toISOString(), terminalId: TERMINAL })).toThrow(
      /^at: .* before the end of Z report 1/
    )
  })
})
