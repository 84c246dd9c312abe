/**
 * Shift reports (issue 15): the X report (the period so far) and the Z report (closes the period),
 * folded from the journal. A period runs from the last Z report's `to` (or the journal's first
 * record) to the moment asked for; Z numbers count from 1 and an X carries the number of the Z that
 * will close its period. Training transactions are left out of every total, and counted.
 */
import { CURRENCY_CODES, type CurrencyCode } from '../config'
import { creditsByTransaction } from '../domain/credits'
import { transactionIdOf, type FlagReason, type RecordData } from '../domain/journalRecords'
import type { PaymentMethod } from '../domain/transaction'
import { trainingTransactions } from '../domain/training'
import type { JournalRecord } from '../journal'
import type { CashboxCount } from '../machines/billValidatorMachine'
import type { ServiceRole } from './roles'

/** One denomination of one currency: value × count = sum (in the currency's units). */
export interface DenominationLine {
  value: number
  count: number
  sum: number
}

/** The notes of one currency, per denomination (ascending), and their total in that currency. */
export interface CurrencyCash {
  currency: CurrencyCode
  denominations: DenominationLine[]
  total: number
}

/** A transaction flagged for an operator in the period, and how staff resolved it (by the report's end), if they did. */
export interface FlaggedLine {
  transactionId: string
  reasons: FlagReason[]
  /** The tenge to credit as flagged; null when none was worked out (a jam that flagged a cancelled top-up at once). */
  amountKzt: number | null
  resolution: 'credited' | 'refunded' | null
}

/** The money of a period, from its records: what the shift and the collection reports share. */
export interface PeriodTotals {
  /** Notes stacked in the period, per currency (KZT first) and denomination. */
  cash: CurrencyCash[]
  /** Tenge the host credited in the period for cash top-ups. */
  cashCreditedKzt: number
  /** Bank-card payments approved in the period. */
  cardPayments: { count: number; amountKzt: number }
  /** Top-ups the host credited in the period (cash and bank card). */
  topUps: { count: number; creditedKzt: number }
  /** Flagged transactions resolved by staff in the period. */
  resolved: { credited: { count: number; amountKzt: number }; refunded: { count: number; amountKzt: number } }
  flagged: FlaggedLine[]
  /** Notes the validator jammed on in the period. */
  notesInDoubt: number
  /** Training transactions with records in the period: left out of every total above. */
  trainingExcluded: number
}

export interface ShiftReport extends PeriodTotals {
  report: 'X' | 'Z'
  /** The number of the period (its Z report's), from 1. */
  number: number
  terminalId: string
  /** ISO instants. */
  from: string
  to: string
}

/** A time span of the journal: records after `from` (at `from` too when `fromInclusive`), up to and at `to` (epoch ms). */
export interface TimeSpan {
  from: number
  to: number
  fromInclusive: boolean
}

/** Whether a record's time falls in a span. */
export const inSpan = (time: string, w: TimeSpan): boolean => {
  const t = Date.parse(time)
  return (w.fromInclusive ? t >= w.from : t > w.from) && t <= w.to
}

/** A per-denomination count as per-currency cash lines (KZT first, then USD, EUR, RUB, CNY; values ascending). */
export function cashByCurrency(count: readonly CashboxCount[]): CurrencyCash[] {
  return CURRENCY_CODES.flatMap((currency) => {
    const byValue = new Map<number, number>()
    for (const c of count) if (c.currency === currency && c.count > 0) byValue.set(c.value, (byValue.get(c.value) ?? 0) + c.count)
    if (byValue.size === 0) return []
    const denominations = [...byValue].sort(([a], [b]) => a - b).map(([value, n]) => ({ value, count: n, sum: value * n }))
    return [{ currency, denominations, total: denominations.reduce((s, d) => s + d.sum, 0) }]
  })
}

export { trainingTransactions } from '../domain/training'

/** The money of the journal's records in a span, training transactions left out (and counted). */
export function periodTotals(records: readonly JournalRecord[], span: TimeSpan): PeriodTotals {
  const training = trainingTransactions(records)
  const credits = creditsByTransaction(records)
  const methods = new Map<string, PaymentMethod>()
  for (const r of records) if (r.kind === 'transactionStarted') methods.set(r.data.transactionId, r.data.method)
  const notes: CashboxCount[] = []
  const totals: Omit<PeriodTotals, 'cash'> = {
    cashCreditedKzt: 0,
    cardPayments: { count: 0, amountKzt: 0 },
    topUps: { count: 0, creditedKzt: 0 },
    resolved: { credited: { count: 0, amountKzt: 0 }, refunded: { count: 0, amountKzt: 0 } },
    flagged: [],
    notesInDoubt: 0,
    trainingExcluded: 0
  }
  const trainingSeen = new Set<string>()
  const flagged = new Map<string, FlaggedLine>()
  for (const r of records) {
    if (!inSpan(r.time, span)) continue
    const id = transactionIdOf(r)
    if (id !== null && training.has(id)) {
      trainingSeen.add(id)
      continue
    }
    switch (r.kind) {
      case 'noteStacked': {
        const entry = notes.find((c) => c.currency === r.data.note.currency && c.value === r.data.note.value)
        if (entry) entry.count++
        else notes.push({ currency: r.data.note.currency, value: r.data.note.value, count: 1 })
        break
      }
      case 'cardCharged':
        totals.cardPayments.count++
        totals.cardPayments.amountKzt += r.data.amountKzt ?? credits.get(r.data.transactionId)?.requested?.grossKzt ?? 0
        break
      case 'creditApplied': {
        const credited = r.data.creditedKzt ?? credits.get(r.data.transactionId)?.requested?.creditedKzt ?? 0
        totals.topUps.count++
        totals.topUps.creditedKzt += credited
        if (methods.get(r.data.transactionId) === 'cash') totals.cashCreditedKzt += credited
        break
      }
      case 'noteInDoubt':
        totals.notesInDoubt++
        break
      case 'transactionFlagged': {
        const line = flagged.get(r.data.transactionId)
        if (line) line.reasons = [...new Set([...line.reasons, ...r.data.reasons])]
        else
          flagged.set(r.data.transactionId, {
            transactionId: r.data.transactionId,
            reasons: [...r.data.reasons],
            amountKzt: r.data.creditedKzt ?? null,
            resolution: null
          })
        break
      }
      case 'flaggedResolved': {
        const sum = totals.resolved[r.data.resolution]
        sum.count++
        sum.amountKzt += r.data.amountKzt
        const line = flagged.get(r.data.transactionId)
        if (line) line.resolution = r.data.resolution
        break
      }
    }
  }
  totals.flagged = [...flagged.values()]
  totals.trainingExcluded = trainingSeen.size
  return { cash: cashByCurrency(notes), ...totals }
}

/** An ISO instant given by a caller, checked (the field named when it is not one). */
export function instantOf(value: unknown, field: string): number {
  const t = typeof value === 'string' && value !== '' ? Date.parse(value) : Number.NaN
  if (Number.isNaN(t)) throw new RangeError(`${field}: expected an ISO 8601 instant, got ${JSON.stringify(value)}`)
  return t
}

/** A terminal or cassette id given by a caller, checked. */
export function idOf(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 64) throw new RangeError(`${field}: expected a non-empty id of at most 64 characters`)
  return value
}

/** The Z reports in the journal, oldest first. */
function zReports(records: readonly JournalRecord[]): RecordData<'shiftReport'>[] {
  return records.flatMap((r) => (r.kind === 'shiftReport' && r.data.report === 'Z' ? [r.data] : []))
}

/**
 * The X or Z report at `at`: the period from the last Z report's end (or the journal's first
 * record) to `at`, numbered as the Z that closes it. Throws a RangeError naming the field for a bad
 * `report`, `at` (also one before the last Z report's end) or `terminalId`.
 */
export function shiftReportOf(records: readonly JournalRecord[], options: { report: 'X' | 'Z'; at: string; terminalId: string }): ShiftReport {
  if (options.report !== 'X' && options.report !== 'Z') throw new RangeError(`report: expected "X" or "Z", got ${JSON.stringify(options.report)}`)
  const to = instantOf(options.at, 'at')
  const terminalId = idOf(options.terminalId, 'terminalId')
  const closed = zReports(records)
  const last = closed.at(-1)
  if (last && Date.parse(last.to) > to) throw new RangeError(`at: ${options.at} is before the end of Z report ${last.number} (${last.to})`)
  const from = last ? last.to : (records[0]?.time ?? new Date(to).toISOString())
  const span: TimeSpan = { from: Date.parse(from), to, fromInclusive: last === undefined }
  // Numbering from the journal: the Z reports it holds (a journal without any starts at 1).
  const number = closed.length === 0 ? 1 : Math.max(closed.length, last!.number) + 1
  return { report: options.report, number, terminalId, from, to: new Date(to).toISOString(), ...periodTotals(records, span) }
}

/** The journal record that marks a printed report (`shiftReport`), with the role that asked for it. */
export function shiftReportRecord(report: ShiftReport, role: ServiceRole): RecordData<'shiftReport'> {
  return { report: report.report, number: report.number, from: report.from, to: report.to, role }
}

/** Every X and Z report the journal says was printed, rebuilt from the records before it (what the paper showed). */
export function printedShiftReports(records: readonly JournalRecord[], terminalId: string): ShiftReport[] {
  const printed: ShiftReport[] = []
  records.forEach((r, i) => {
    if (r.kind === 'shiftReport') printed.push(shiftReportOf(records.slice(0, i), { report: r.data.report, at: r.data.to, terminalId }))
  })
  return printed
}
