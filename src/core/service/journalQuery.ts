/**
 * The journal viewer of service mode (issue 15): a query from an untrusted window, checked by
 * `journalQuerySchema`, and the page of journal rows it selects, newest first. Also the filter
 * `kiosk-sim journal export --csv` applies (`journalFilterSchema`, `selectJournal`).
 *
 * A transaction or card filter selects whole transactions: every record of a transaction whose
 * reference matches, or whose start or credit request names the card, also those records of it
 * that name no card themselves (a note stacked, the credit applied, the receipt).
 */
import { z } from 'zod'
import { boundedInt, formatIssue } from '../config'
import { JOURNAL_KINDS, transactionIdOf, type AnyJournalRecord, type JournalKind } from '../domain/journalRecords'
import type { Note } from '../money'
import { groupThousands } from '../receipt/format'

const INSTANT = 'expected an ISO 8601 instant, e.g. 2026-01-15T06:00:00Z'
const TRANSACTION = 'expected a transaction reference as on the receipt: 00412783-000042-K7Q3M9XT, 000042-K7Q3M9XT, K7Q3M9XT or the number 42'
const CARD = 'expected the last 4 digits of the card or its masked number, e.g. 9398 •••• •••• 2222'
/** What a customer may say for a hidden digit of the masked number, and what staff may type for it. */
const MASK = /[•*xX·]/g

/** A reference as spoken or typed: upper case, its parts separated by single hyphens (spaces and dashes alike). */
function referenceParts(text: string): string[] {
  return text
    .trim()
    .toUpperCase()
    .split(/[\s\-\u2010-\u2015]+/)
    .filter((part) => part !== '')
}

/** A card as typed: its last 4 digits ("2222"), or its masked number in the journal's form ("9398 •••• •••• 2222"). */
function normalCard(text: string): string | null {
  const compact = text.replace(/\s+/g, '').replace(MASK, '•')
  const last4 = /^•*(\d{4})$/.exec(compact)
  if (last4) return last4[1]!
  const masked = /^(\d{4})•{8}(\d{4})$/.exec(compact)
  return masked ? `${masked[1]} •••• •••• ${masked[2]}` : null
}

const instant = z.iso.datetime({ offset: true, error: INSTANT })

/** The filters, each optional; together they must all hold (AND). */
const filterShape = {
  from: instant.optional(),
  to: instant.optional(),
  kinds: z
    .array(z.enum(JOURNAL_KINDS, { error: (issue) => `unknown journal kind ${JSON.stringify(String(issue.input).slice(0, 40))}` }))
    .min(1, 'expected at least one journal kind')
    .max(JOURNAL_KINDS.length, `expected at most ${JOURNAL_KINDS.length} journal kinds`)
    .optional(),
  transaction: z
    .string({ error: TRANSACTION })
    .max(64, TRANSACTION)
    .refine((text) => /^[0-9A-Za-z\s\-\u2010-\u2015]+$/.test(text) && referenceParts(text).length >= 1 && referenceParts(text).length <= 3, TRANSACTION)
    .transform((text) => referenceParts(text).join('-'))
    .optional(),
  card: z
    .string({ error: CARD })
    .max(40, CARD)
    .refine((text) => normalCard(text) !== null, CARD)
    .transform((text) => normalCard(text)!)
    .optional()
}

const fromNotAfterTo = (query: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to))
    ctx.addIssue({ code: 'custom', path: ['to'], message: `expected an instant not before from (${query.from})` })
}

/** The filters alone (the CLI's export takes every record that matches). */
export const journalFilterSchema = z.strictObject(filterShape).superRefine(fromNotAfterTo)

/** A journal-viewer query from a window: the filters, a page size (default 50) and where the page ends (`before`: a seq). */
export const journalQuerySchema = z
  .strictObject({
    ...filterShape,
    limit: boundedInt(1, 200).default(50),
    before: boundedInt(1, Number.MAX_SAFE_INTEGER).optional()
  })
  .superRefine(fromNotAfterTo)

export type JournalFilter = z.output<typeof journalFilterSchema>
export type JournalQuery = z.output<typeof journalQuerySchema>
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] }

/** Checks an untrusted query; each error names its field (`from: expected an ISO 8601 instant…`, `kinds[1]: unknown journal kind "x"`). */
export function parseJournalQuery(input: unknown): Checked<JournalQuery> {
  const result = journalQuerySchema.safeParse(input)
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: result.error.issues.flatMap((i) => formatIssue(i)) }
}

/** Checks filters; `fieldName` names a field as the caller's user knows it (the CLI: `kinds` → `--kind`). */
export function parseJournalFilter(input: unknown, fieldName: (field: string) => string = (field) => field): Checked<JournalFilter> {
  const result = journalFilterSchema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  return {
    ok: false,
    errors: result.error.issues.map((i) => `${fieldName(String(i.path[0] ?? '(root)'))}: ${i.code === 'unrecognized_keys' ? 'unknown key' : i.message}`)
  }
}

/** Whether a transaction id (terminal-number-code) is the one a reference names: all of it, its first two or last two parts, its code or its number. */
export function matchesReference(transactionId: string, reference: string): boolean {
  const id = referenceParts(transactionId)
  const ref = referenceParts(reference)
  if (id.length !== 3 || ref.length === 0 || ref.length > 3) return false
  const same = (a: string, b: string) => {
    const [x, y] = [crockford(a), crockford(b)]
    return /^\d+$/.test(x) && /^\d+$/.test(y) ? BigInt(x) === BigInt(y) : x === y
  }
  const at = (offset: number) => ref.every((part, i) => same(id[offset + i]!, part))
  if (ref.length === 3) return at(0)
  if (ref.length === 2) return at(0) || at(1)
  // One part: the number (what people read out) or the code (the part no other transaction shares).
  return same(id[1]!, ref[0]!) || same(id[2]!, ref[0]!)
}

/** Crockford base 32 as read aloud: O is 0, I and L are 1. */
const crockford = (text: string) => text.replace(/O/g, '0').replace(/[IL]/g, '1')

/** Whether a masked card as journaled is the one the filter names (its last 4 digits, or its masked number). */
function matchesCard(stored: string, filter: string): boolean {
  const card = normalCard(stored)
  if (card === null) return false
  return filter.length === 4 ? card.endsWith(filter) : card === filter
}

/** The masked card a record names itself, if any. */
function cardOf(record: AnyJournalRecord): string | null {
  return 'card' in record.data && typeof record.data.card === 'string' ? record.data.card : null
}

/**
 * The records that match every filter given, in journal order. A transaction filter takes every
 * record of the transactions it names; a card filter every record of the transactions whose start
 * or credit request names the card, and any record naming the card itself.
 */
export function selectJournal(records: readonly AnyJournalRecord[], filter: JournalFilter): AnyJournalRecord[] {
  const from = filter.from === undefined ? -Infinity : Date.parse(filter.from)
  const to = filter.to === undefined ? Infinity : Date.parse(filter.to)
  const kinds = filter.kinds && new Set<string>(filter.kinds)
  const ofCard = new Set<string>()
  if (filter.card !== undefined)
    for (const r of records) {
      if ((r.kind === 'transactionStarted' || r.kind === 'creditRequested') && matchesCard(r.data.card, filter.card)) ofCard.add(r.data.transactionId)
    }
  return records.filter((r) => {
    const time = Date.parse(r.time)
    if (!(time >= from && time <= to)) return false
    if (kinds && !kinds.has(r.kind)) return false
    const id = transactionIdOf(r)
    if (filter.transaction !== undefined && (id === null || !matchesReference(id, filter.transaction))) return false
    if (filter.card !== undefined) {
      const card = cardOf(r)
      if (!(id !== null && ofCard.has(id)) && !(card !== null && matchesCard(card, filter.card))) return false
    }
    return true
  })
}

/** One journal record as a row of the viewer: serialisable, the card masked (never its keyed reference). */
export interface JournalRow {
  seq: number
  time: string
  kind: JournalKind
  transactionId: string | null
  /** The masked card the record names, or else the one its transaction started with. */
  card: string | null
  /** What happened, in numbers and codes (no language): "KZT 1000 stacked", "credited 5 000 ₸". */
  summary: string
}

export interface JournalPage {
  rows: JournalRow[]
  /** How many records match the filters (on every page together). */
  total: number
  /** The `before` of the next (older) page, or null when this page holds the oldest match. */
  nextBefore: number | null
}

/** A page of the records matching a query (checked by journalQuerySchema), newest first. */
export function queryJournal(records: readonly AnyJournalRecord[], query: JournalQuery): JournalPage {
  const matching = selectJournal(records, query).sort((a, b) => b.seq - a.seq)
  const older = query.before === undefined ? matching : matching.filter((r) => r.seq < query.before!)
  const page = older.slice(0, query.limit)
  const startedWith = new Map<string, string>()
  for (const r of records) if (r.kind === 'transactionStarted') startedWith.set(r.data.transactionId, r.data.card)
  const rows = page.map((r): JournalRow => {
    const transactionId = transactionIdOf(r)
    const card = cardOf(r) ?? (transactionId === null ? null : (startedWith.get(transactionId) ?? null))
    return { seq: r.seq, time: r.time, kind: r.kind, transactionId, card, summary: summarizeRecord(r) }
  })
  return { rows, total: matching.length, nextBefore: older.length > page.length ? page.at(-1)!.seq : null }
}

const kzt = (amount: number) => `${groupThousands(amount)} ₸`
const note = (n: Note) => `${n.currency} ${n.value}`
/** Notes grouped by denomination: "KZT 1000 ×2, USD 5". */
function notes(list: readonly Note[]): string {
  const counts = new Map<string, number>()
  for (const n of list) counts.set(note(n), (counts.get(note(n)) ?? 0) + 1)
  return [...counts].map(([denomination, count]) => (count > 1 ? `${denomination} ×${count}` : denomination)).join(', ') || '–'
}
const counted = (list: readonly { currency: string; value: number; count: number }[]) =>
  list.map((c) => `${c.currency} ${c.value} ×${c.count}`).join(', ') || '–'
const join = (...parts: (string | false | null | undefined)[]) => parts.filter((p): p is string => typeof p === 'string' && p !== '').join(', ')

/** A record's data in a few numbers and codes, for a list on a screen (no free text but a staff member's own out-of-service reason). */
export function summarizeRecord(r: AnyJournalRecord): string {
  switch (r.kind) {
    case 'kioskStarted':
      return join(`terminal ${r.data.terminalId}`, r.data.resuming && `resuming ${r.data.resuming}`, r.data.journalProblem?.problem)
    case 'rateChanged':
      return `${r.data.currency} ${r.data.rate}${r.data.previous === null ? '' : ` (was ${r.data.previous})`}`
    case 'transactionStarted':
      return join(`no. ${r.data.number}`, r.data.method, r.data.amountKzt !== null && kzt(r.data.amountKzt), r.data.language, r.data.training && 'training')
    case 'ratesQuoted':
      return Object.entries(r.data.rates)
        .map(([currency, rate]) => `${currency} ${rate}`)
        .join(', ')
    case 'noteEscrowed':
      return `${note(r.data.note)} ${r.data.decision}${r.data.reason ? `: ${r.data.reason}` : ''}`
    case 'noteStacked':
      return `${note(r.data.note)} stacked`
    case 'noteReturned':
      return `${note(r.data.note)} returned: ${r.data.reason}`
    case 'cardCharged':
      return join(r.data.amountKzt !== null && `charged ${kzt(r.data.amountKzt)}`, r.data.maskedPan, `auth ${r.data.authCode}`)
    case 'cardDeclined':
      return r.data.reason
    case 'cardTimedOut':
    case 'cardReadFailed':
    case 'transactionCompleted':
      return ''
    case 'creditRequested':
      return join(
        `attempt ${r.data.attempt}`,
        `gross ${kzt(r.data.grossKzt)}`,
        `fee ${kzt(r.data.feeKzt)}`,
        `bonus ${kzt(r.data.bonusKzt)}`,
        `credit ${kzt(r.data.creditedKzt)}`
      )
    case 'creditFailed':
      return `attempt ${r.data.attempt}: ${r.data.reason}`
    case 'creditApplied': {
      const { balanceBeforeKzt: before, balanceAfterKzt: after } = r.data
      return `credited ${kzt(r.data.creditedKzt ?? after - before)}, ${kzt(before)} → ${kzt(after)}`
    }
    case 'cardWritten':
      return join(`written ${kzt(r.data.amountKzt)}`, r.data.activatedAtTap && 'activated at tap')
    case 'cardWriteFailed':
      return r.data.reason
    case 'noteInDoubt':
      return join(`${note(r.data.note)} in doubt`, r.data.phase)
    case 'transactionFlagged':
      return join(r.data.reasons.join(' + '), `stacked ${notes(r.data.stacked)}`, r.data.notesInDoubt.length > 0 && `in doubt ${notes(r.data.notesInDoubt)}`)
    case 'deviceFault':
      return `${r.data.device}: ${r.data.fault ?? 'cleared'}`
    case 'validatorCondition':
      return r.data.condition ?? 'normal'
    case 'receiptPrinted':
      return r.data.reprint ? 'reprint' : ''
    case 'receiptNotPrinted':
      return join(r.data.reason, r.data.reprint && 'reprint')
    case 'transactionCancelled':
      return r.data.reason ?? ''
    case 'journalAccepted':
      return `${r.data.problem}, last no. ${r.data.lastTransactionNumber}`
    case 'recountRecorded':
      return `collection ${r.data.collectionNumber}, shortage ${counted(r.data.shortage)}, surplus ${counted(r.data.surplus)}`
    case 'storageFailed':
      return r.data.failure
    case 'storageRestored':
      return `${r.data.failure}, ${Math.round(r.data.outOfServiceMs / 1000)} s out of service`
    case 'serviceLogin':
      return r.data.role
    case 'serviceLoginFailed':
      return join(`${r.data.attemptsLeft} attempts left`, r.data.locked && 'locked')
    case 'serviceLogout':
      return `${r.data.role}, ${r.data.reason}`
    case 'settingsChanged':
      return `${r.data.role}: ${r.data.section}`
    case 'outOfServiceSwitched':
      return r.data.reason === null ? `${r.data.role}: back in service` : `${r.data.role}: ${r.data.reason.slice(0, 60)}`
    case 'trainingSwitched':
      return `${r.data.role}: training ${r.data.on ? 'on' : 'off'}`
    case 'shiftReport':
      return `${r.data.report} no. ${r.data.number}, ${r.data.from} – ${r.data.to}, ${r.data.role}`
    case 'flaggedResolved':
      return `${r.data.resolution} ${kzt(r.data.amountKzt)}, ${r.data.role}`
    case 'deviceTested':
      return `${r.data.device} ${r.data.ok ? 'ok' : 'failed'}, ${r.data.role}`
    case 'screenRecovered':
      return `${r.data.window} reloaded: ${r.data.reason}${r.data.exitCode === undefined ? '' : ` (exit ${r.data.exitCode})`}`
    default: {
      // A kind this kiosk does not know (a journal from a newer one, or tampered with: `journal verify` names it).
      const unknown: never = r
      void unknown
      return ''
    }
  }
}
