/** `kiosk-sim journal verify PATH` and `journal export PATH --csv` (docs/journal.md). */
import { checkJournal, verifyChain } from '../core/journal'
import { journalCsv, JournalFileError, readJournalFile } from '../node/journalFile'
import { headPathOf, readJournalHead } from '../node/sqliteJournal'
import { USAGE, type Output } from './usage'

/** `journal verify PATH` and `journal export PATH --csv`. */
export function journalCommand(args: string[], options: { csv?: boolean; json?: boolean }, io: Output): number {
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
    io.out(journalCsv(records).replace(/\r\n$/, ''))
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
