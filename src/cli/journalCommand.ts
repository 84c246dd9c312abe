/** `kiosk-sim journal verify PATH` and `journal export PATH --csv [filters]` (docs/journal.md). */
import { checkJournal, toJournalRecord, verifyChain, type AnyJournalRecord, type StoredRecord } from '../core/journal'
import { parseJournalFilter, selectJournal, type JournalFilter } from '../core/service/journalQuery'
import { journalCsv, JournalFileError, readJournalFile } from '../node/journalFile'
import { headPathOf, readJournalHead } from '../node/sqliteJournal'
import { USAGE, type Output } from './usage'

/** The export's filter options, as the journal viewer's query names them. */
const FILTER_FLAGS = { from: '--from', to: '--to', kinds: '--kind', transaction: '--transaction', card: '--card' } as const
type FilterOptions = { from?: string; to?: string; kind?: string; transaction?: string; card?: string }

/** `journal verify PATH` and `journal export PATH --csv [--from ISO] [--to ISO] [--kind K,K] [--transaction REF] [--card LAST4]`. */
export function journalCommand(args: string[], options: { csv?: boolean; json?: boolean } & FilterOptions, io: Output): number {
  const [action, ...paths] = args
  if (action !== 'verify' && action !== 'export') {
    io.err(`kiosk-sim journal: expected "verify" or "export", got ${action ? `"${action}"` : 'nothing'}\n\n${USAGE}`)
    return 2
  }
  if (paths.length !== 1) {
    io.err(`kiosk-sim journal ${action}: expected exactly one journal PATH, got ${paths.length}\n\n${USAGE}`)
    return 2
  }
  if (action === 'export' && !options.csv) {
    io.err(`kiosk-sim journal export: say the format: --csv\n\n${USAGE}`)
    return 2
  }
  const given = filterInput(options)
  if (action === 'verify' && given) {
    io.err(
      `kiosk-sim journal verify: ${Object.keys(given)
        .map((f) => FILTER_FLAGS[f as keyof typeof FILTER_FLAGS])
        .join(', ')}: only for export\n\n${USAGE}`
    )
    return 2
  }
  let filter: JournalFilter | null = null
  if (given) {
    const checked = parseJournalFilter(given, (field) => FILTER_FLAGS[field as keyof typeof FILTER_FLAGS] ?? field)
    if (!checked.ok) {
      io.err(checked.errors.map((e) => `kiosk-sim journal export: ${e}`).join('\n'))
      return 2
    }
    filter = checked.value
  }
  const path = paths[0]!
  let records
  try {
    records = readJournalFile(path)
  } catch (err) {
    if (!(err instanceof JournalFileError)) throw err
    io.err(`kiosk-sim journal ${action}: ${err.message}`)
    return 2
  }
  if (action === 'export') {
    io.out(journalCsv(filter ? filtered(records, filter) : records).replace(/\r\n$/, ''))
    return 0
  }
  const verdict = verifyChain(records)
  if (!verdict.ok) {
    io.out(`${path}: BROKEN at record ${verdict.seq}: ${verdict.problem}`)
    return 1
  }
  // The chain alone cannot show a journal restored from an older copy, cut short or swapped: its head, kept beside it, can.
  const anchored = readJournalHead(path)
  const trust = checkJournal(records, anchored)
  if (!trust.ok) {
    io.out(`${path}: ${trust.problem === 'rolledBack' ? 'ROLLED BACK' : 'REPLACED'}: ${trust.message}`)
    return 1
  }
  io.out(
    `${path}: intact — ${verdict.records} records, sequence 1–${verdict.records}, head ${verdict.head}${anchored ? ', matching its head file' : ` (no head file ${headPathOf(path)} beside it: a rollback could not be noticed)`}`
  )
  // Rollbacks and breaks staff accepted stay visible: the records the journal lost are not in it.
  for (const r of records) {
    if (r.kind !== 'journalAccepted') continue
    const data = JSON.parse(r.data) as { problem?: string; message?: string }
    io.out(`  record ${r.seq} (${r.time}): staff accepted this journal after it failed its check at start (${data.problem}): ${data.message}`)
  }
  return 0
}

/** The filter options given, as the journal viewer's query (null: none given, the whole journal). */
function filterInput(options: FilterOptions): Record<string, unknown> | null {
  const input: Record<string, unknown> = {}
  if (options.from !== undefined) input.from = options.from
  if (options.to !== undefined) input.to = options.to
  if (options.kind !== undefined) input.kinds = options.kind.split(',').map((k) => k.trim())
  if (options.transaction !== undefined) input.transaction = options.transaction
  if (options.card !== undefined) input.card = options.card
  return Object.keys(input).length > 0 ? input : null
}

/** The stored records that match the filter, in journal order; a record whose data is not a JSON object matches none (`journal verify` names it). */
function filtered(records: StoredRecord[], filter: JournalFilter): StoredRecord[] {
  const read = new Map<AnyJournalRecord, StoredRecord>()
  for (const stored of records) {
    try {
      const record = toJournalRecord(stored)
      if (typeof record.data === 'object' && record.data !== null) read.set(record, stored)
    } catch {
      // Left out: its transaction, card or even kind cannot be trusted.
    }
  }
  return selectJournal([...read.keys()], filter).map((r) => read.get(r)!)
}
