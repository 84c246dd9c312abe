/**
 * The staff reports as receiptline markup for the receipt printer (both paper widths) and the
 * archive's SVG: the X and Z shift reports and the cash collection report with its signature lines.
 * Laid out like the customer receipt: the same escaping, money and time formats, and line wrapping
 * that counts Chinese characters two columns wide, so no printed line is wider than the paper.
 */
import type { CashboxCount } from '../machines/billValidatorMachine'
import type { Language } from '../protocol'
import type { CollectionReport } from '../service/collectionReport'
import type { CurrencyCash, FlaggedLine, PeriodTotals, ShiftReport } from '../service/shiftReports'
import { cleanText, escapeText } from './document'
import { formatAlmatyTime, formatKzt, formatUnits, groupThousands } from './format'
import { REPORT_LABELS, type ReportLabels } from './reportLabels'
import { textWidth, wrapWords } from './width'

export interface ReportDocumentOptions {
  /** Characters per line: 48 (80 mm paper, the default) or 32 (58 mm); at least 24. */
  columns?: number
  /** A reprint: marked as a copy. */
  copy?: boolean
}

const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, key: string) => (values[key] === undefined ? m : String(values[key])))

/** Receiptline lines, with the saved `width` property tracked so each line gets the columns it needs. */
class ReportMarkup {
  readonly lines: string[] = []
  private widths = 'auto'

  constructor(readonly columns: number) {}

  private setWidths(widths: string): void {
    if (widths === this.widths) return
    this.lines.push(`{width:${widths}}`)
    this.widths = widths
  }

  /** A paragraph wrapped at word boundaries; `wide` is double-width text (half the characters fit). */
  text(text: string, align: 'left' | 'center', style: { bold?: boolean; wide?: boolean; invert?: boolean; indent?: boolean } = {}): void {
    this.setWidths('auto')
    const clean = cleanText(text)
    if (clean === '') return
    const indent = style.indent ? 2 : 0
    const marks = `${style.wide ? '^' : ''}${style.bold ? '"' : ''}${style.invert ? '`' : ''}`
    for (const line of wrapWords(clean, Math.floor((this.columns - indent) / (style.wide ? 2 : 1)))) {
      const escaped = marks + escapeText(line)
      this.lines.push(align === 'center' ? escaped : `${'~'.repeat(indent)}${escaped} |`)
    }
  }

  /** A label on the left, its value on the right; the value goes to its own line when both do not fit. */
  row(label: string, value: string, style: { bold?: boolean; indent?: boolean } = {}): void {
    const l = cleanText(label)
    const v = cleanText(value)
    const indent = style.indent ? 2 : 0
    const bold = style.bold ? '"' : ''
    const valueWidth = textWidth(v)
    if (valueWidth > 0 && indent + textWidth(l) + 1 + valueWidth <= this.columns) {
      this.setWidths(`*,${valueWidth}`)
      this.lines.push(`${'~'.repeat(indent)}${bold}${escapeText(l)} | ${bold}${escapeText(v)}`)
      return
    }
    this.text(l, 'left', { bold: style.bold, indent: style.indent })
    this.setWidths('auto')
    for (const line of wrapWords(v, this.columns)) this.lines.push(`| ${bold}${escapeText(line)}`)
  }

  rule(): void {
    this.setWidths('auto')
    this.lines.push('---')
  }

  blank(): void {
    this.setWidths('auto')
    this.lines.push('')
  }

  /** A signature line: the label, then a line to sign on the whole width. */
  signature(label: string): void {
    this.blank()
    this.text(label, 'left')
    this.blank()
    this.setWidths('auto')
    this.lines.push(`${escapeText('_'.repeat(this.columns))} |`)
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`
  }
}

const markupFor = (options: ReportDocumentOptions) => new ReportMarkup(Math.max(24, Math.floor(options.columns ?? 48)))

function header(m: ReportMarkup, L: ReportLabels, title: string, number: number, copy: boolean | undefined): void {
  m.text(title, 'center', { wide: true, bold: true })
  m.text(fill(L.number, { number }), 'center', { bold: true })
  if (copy) m.text(L.copy, 'center', { invert: true })
  m.blank()
}

/** Denomination × count = sum for every currency, and the currency's total. */
function cashLines(m: ReportMarkup, L: ReportLabels, heading: string, cash: readonly CurrencyCash[]): void {
  m.text(heading, 'left', { bold: true })
  if (cash.length === 0) m.text(L.noNotes, 'left', { indent: true })
  for (const c of cash) {
    for (const d of c.denominations) m.row(`${formatUnits(d.value, c.currency)} x ${groupThousands(d.count)}`, formatUnits(d.sum, c.currency), { indent: true })
    m.row(fill(L.total, { currency: c.currency }), formatUnits(c.total, c.currency), { bold: true })
  }
}

/** A per-denomination list (recount, shortage, surplus, training notes): `1 000 KZT x 2`, one per line. */
function countLines(m: ReportMarkup, heading: string, count: readonly CashboxCount[], none: string): void {
  if (count.length === 0) {
    m.row(heading, none)
    return
  }
  m.text(heading, 'left')
  for (const c of count) m.row(`${formatUnits(c.value, c.currency)} x ${groupThousands(c.count)}`, formatUnits(c.value * c.count, c.currency), { indent: true })
}

function flaggedLines(m: ReportMarkup, L: ReportLabels, flagged: readonly FlaggedLine[]): void {
  m.text(fill(L.flagged, { count: flagged.length }), 'left', { bold: true })
  if (flagged.length === 0) m.text(L.none, 'left', { indent: true })
  for (const f of flagged) {
    m.text(f.transactionId, 'left', { indent: true })
    const reasons = f.reasons.map((r) => L.reasons[r]).join(', ')
    m.row(reasons, f.amountKzt === null ? L.amountUnknown : formatKzt(f.amountKzt), { indent: true })
    m.text(L.resolution[f.resolution ?? 'open'], 'left', { indent: true })
  }
}

/** The period's money apart from the cash: credited, bank cards, staff resolutions, notes in doubt, flagged, training left out. */
function totalsLines(m: ReportMarkup, L: ReportLabels, totals: Omit<PeriodTotals, 'cash'>): void {
  m.row(L.cashCredited, formatKzt(totals.cashCreditedKzt), { bold: true })
  m.row(fill(L.topUps, { count: totals.topUps.count }), formatKzt(totals.topUps.creditedKzt))
  m.row(fill(L.cardPayments, { count: totals.cardPayments.count }), formatKzt(totals.cardPayments.amountKzt))
  if (totals.resolved.credited.count > 0)
    m.row(fill(L.resolvedCredited, { count: totals.resolved.credited.count }), formatKzt(totals.resolved.credited.amountKzt))
  if (totals.resolved.refunded.count > 0)
    m.row(fill(L.resolvedRefunded, { count: totals.resolved.refunded.count }), formatKzt(totals.resolved.refunded.amountKzt))
  m.row(L.notesInDoubt, groupThousands(totals.notesInDoubt))
  m.rule()
  flaggedLines(m, L, totals.flagged)
  if (totals.trainingExcluded > 0) {
    m.rule()
    m.text(fill(L.trainingExcluded, { count: totals.trainingExcluded }), 'left')
  }
}

/** An X or Z report in receiptline markup, in `language`, laid out for `options.columns`. */
export function shiftReportDocument(report: ShiftReport, language: Language, options: ReportDocumentOptions = {}): string {
  const L = REPORT_LABELS[language]
  const m = markupFor(options)
  header(m, L, report.report === 'Z' ? L.zTitle : L.xTitle, report.number, options.copy)
  m.row(L.terminal, report.terminalId)
  m.row(L.periodFrom, formatAlmatyTime(report.from, language))
  m.row(L.periodTo, formatAlmatyTime(report.to, language))
  m.rule()
  cashLines(m, L, L.cashTaken, report.cash)
  m.rule()
  totalsLines(m, L, report)
  m.rule()
  m.text(report.report === 'Z' ? L.periodClosed : L.periodOpen, 'center', { bold: true })
  return m.toString()
}

/** A cash collection report in receiptline markup, with its recount (once entered) and the collector's and witness's signature lines. */
export function collectionReportDocument(report: CollectionReport, language: Language, options: ReportDocumentOptions = {}): string {
  const L = REPORT_LABELS[language]
  const m = markupFor(options)
  header(m, L, L.collectionTitle, report.number, options.copy)
  m.row(L.terminal, report.terminalId)
  m.row(L.cassette, report.cassetteId)
  m.row(L.periodFrom, formatAlmatyTime(report.from, language))
  m.row(L.periodTo, formatAlmatyTime(report.to, language))
  m.row(L.removedAt, formatAlmatyTime(report.removedAt, language))
  m.row(L.replacedAt, formatAlmatyTime(report.replacedAt, language))
  m.rule()
  cashLines(m, L, L.cashInCassette, report.cash)
  if (report.trainingNotes.length > 0) countLines(m, L.trainingNotes, report.trainingNotes, L.none)
  m.rule()
  totalsLines(m, L, report)
  m.rule()
  m.text(L.recount, 'left', { bold: true })
  if (report.recount === null) m.text(L.notRecounted, 'left', { indent: true })
  else {
    cashLines(m, L, L.counted, report.recount.counted)
    if (report.recount.shortage.length === 0 && report.recount.surplus.length === 0) m.text(L.recountAgrees, 'left', { bold: true })
    else {
      countLines(m, L.shortage, report.recount.shortage, L.none)
      countLines(m, L.surplus, report.recount.surplus, L.none)
    }
  }
  m.rule()
  m.signature(`${L.collector} (${L.signature})`)
  m.signature(`${L.witness} (${L.signature})`)
  return m.toString()
}
