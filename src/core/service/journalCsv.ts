/**
 * The journal as CSV for an auditor (`kiosk-sim journal export --csv`, the service mode's export):
 * RFC 4180, CRLF line ends, one row per record.
 */
import type { StoredRecord } from '../journal'

export const JOURNAL_CSV_COLUMNS = ['seq', 'time', 'kind', 'transactionId', 'card', 'cardRef', 'data', 'prevHash', 'hash'] as const

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field a spreadsheet
 * would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, so a journal tampered with cannot make the auditor's spreadsheet act (CSV injection).
 */
export function csvField(value: unknown): string {
  const raw = value === undefined || value === null ? '' : String(value)
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The journal as CSV for an auditor: one row per record, the card masked with its keyed reference, the full data as JSON. */
export function journalCsv(records: readonly StoredRecord[]): string {
  const lines = [JOURNAL_CSV_COLUMNS.join(',')]
  for (const r of records) {
    let data: Record<string, unknown> = {}
    try {
      const parsed: unknown = JSON.parse(r.data)
      if (parsed !== null && typeof parsed === 'object') data = parsed as Record<string, unknown>
    } catch {
      // A damaged record is exported as it is; `journal verify` names it.
    }
    lines.push([r.seq, r.time, r.kind, data.transactionId, data.card, data.cardRef, r.data, r.prevHash, r.hash].map(csvField).join(','))
  }
  return lines.join('\r\n') + '\r\n'
}
