/**
 * The money audit: from the journal and the host's applied credits alone, is any tenge lost or
 * doubled? Used after every fault test, every scenario, and by the crash-test harness after
 * hundreds of kills. Returns the violations found (none: all is well).
 */
import type { CardRecord } from './cards'
import type { KioskConfig } from './config'
import type { AppliedCredit } from './devices/host'
import { cashboxFromJournal } from './domain/cashbox'
import { trainingTransactions } from './domain/training'
import { summarizeTransactions, type TransactionSummary } from './domain/transactionSummaries'
import { verifyChain, type JournalRecord, type JournalRecordOf, type RecordData, type StoredRecord } from './journal'
import type { CashboxCount } from './machines/billValidatorMachine'
import { cardBreakdown, cashBreakdown } from './money'

export { cashboxFromJournal } from './domain/cashbox'

export interface AuditInput {
  /** The journal as stored (hash chain included). */
  stored: readonly StoredRecord[]
  records: readonly JournalRecord[]
  /** Every credit the host applied. */
  credits: readonly AppliedCredit[]
  /** The host's cards now, and as they were before any of these transactions. */
  cardsNow: readonly CardRecord[]
  cardsBefore: readonly CardRecord[]
  config: Pick<KioskConfig, 'fees' | 'bonus'>
  /** The validator's cassette count, checked against the stacked notes since it was last emptied. */
  cashbox?: readonly CashboxCount[]
  /** A transaction still on screen: judged when it ends. */
  openTransactionId?: string
}

export interface AuditResult {
  violations: string[]
  transactions: TransactionSummary[]
}

/**
 * Every stacked note belongs to exactly one started transaction. A transaction with money in
 * (stacked notes or an approved bank-card payment) was credited exactly once by the host with the
 * amount the money rules give, or it is flagged with its notes listed. Every note in doubt is in
 * its transaction's flag. A cancelled transaction took no money. A completed one was written
 * onto the card. No idempotency key was applied twice or without a transaction. Balances moved by
 * exactly the credits applied. The hash chain verifies.
 */
export function auditMoney(input: AuditInput): AuditResult {
  const violations: string[] = []
  const chain = verifyChain(input.stored)
  if (!chain.ok) violations.push(`journal: ${chain.problem}`)
  const keys = new Map<string, AppliedCredit>()
  for (const c of input.credits) {
    if (keys.has(c.transactionId)) violations.push(`host: idempotency key ${c.transactionId} applied twice`)
    keys.set(c.transactionId, c)
  }
  const started = new Map<string, JournalRecordOf<'transactionStarted'>>()
  // Each transaction's first flag, and the transactions a bank card paid.
  const flags = new Map<string, RecordData<'transactionFlagged'>>()
  const cardPaid = new Set<string>()
  for (const r of input.records) {
    if (r.kind === 'transactionStarted') started.set(r.data.transactionId, r)
    else if (r.kind === 'transactionFlagged' && !flags.has(r.data.transactionId)) flags.set(r.data.transactionId, r.data)
    else if (r.kind === 'cardCharged') cardPaid.add(r.data.transactionId)
  }
  for (const r of input.records) {
    if (r.kind === 'noteStacked' && !started.has(r.data.transactionId)) violations.push(`journal: note stacked for no transaction (record ${r.seq})`)
  }
  // A journal staff accepted after it was restored from an older copy (or replaced) lacks the records
  // of its lost tail: the host's credits of those transactions, and what the journal's copy of the
  // transactions begun before the acceptance says of their money, cannot be checked against it. The
  // acceptance record says so; `journal verify` names it.
  const acceptedAt = input.records.find((r) => r.kind === 'journalAccepted' && r.data.problem !== 'chainBroken')?.seq ?? null
  const beforeAcceptance = (id: string) => acceptedAt !== null && (started.get(id)?.seq ?? 0) < acceptedAt
  for (const c of input.credits)
    if (!started.has(c.transactionId) && acceptedAt === null) violations.push(`host: credit ${c.transactionId} belongs to no transaction in the journal`)

  const transactions = summarizeTransactions(input.records, input.config)
  // Training transactions are credited by the training host, never on a real card account: the real host holds none of them.
  const training = trainingTransactions(input.records)
  for (const t of transactions) {
    if (t.id === input.openTransactionId || beforeAcceptance(t.id) || training.has(t.id)) continue
    const flag = flags.get(t.id)
    // The host refused this key as used before for other money: the credit it holds under it is that earlier one's.
    const conflict = (flag?.reasons ?? []).includes('creditConflict')
    const credit = conflict ? undefined : keys.get(t.id)
    const paid = t.method === 'cash' ? t.stacked.length > 0 : cardPaid.has(t.id)
    // A started transaction always journals its amount (null only in a type: the machine's context before one is chosen).
    const expected =
      t.method === 'cash' ? cashBreakdown(t.stacked, t.rates, input.config).creditedKzt : cardBreakdown(t.amountKzt ?? 0, input.config).creditedKzt
    if (paid && t.status !== 'flagged' && !credit) violations.push(`${t.id} (${t.status}): money in but never credited`)
    if (credit && credit.amountKzt !== expected) violations.push(`${t.id}: credited ${credit.amountKzt} ₸, the money rules give ${expected} ₸`)
    if (!paid && credit) violations.push(`${t.id}: credited without money in`)
    if (t.status === 'flagged') {
      if (JSON.stringify(flag?.stacked ?? t.stacked) !== JSON.stringify(t.stacked)) violations.push(`${t.id}: the flag does not list its stacked notes`)
      if (JSON.stringify(flag?.notesInDoubt ?? []) !== JSON.stringify(t.inDoubt)) violations.push(`${t.id}: the flag does not list its notes in doubt`)
    } else if (t.inDoubt.length > 0) violations.push(`${t.id} (${t.status}): notes in doubt but not flagged`)
    if (t.status === 'cancelled' && paid) violations.push(`${t.id}: cancelled with money in`)
    if (t.status === 'completed' && !t.writtenToCard) violations.push(`${t.id}: completed but never written onto the card`)
    if (credit?.written && !t.writtenToCard) violations.push(`${t.id}: the host holds it written, the journal never wrote it`)
  }

  for (const before of input.cardsBefore) {
    const now = input.cardsNow.find((c) => c.number === before.number)
    const applied = input.credits.filter((c) => c.cardNumber === before.number).reduce((sum, c) => sum + c.amountKzt, 0)
    if (now?.balanceKzt !== before.balanceKzt + applied)
      violations.push(`card …${before.number.slice(-4)}: balance ${now?.balanceKzt} ₸, expected ${before.balanceKzt} + ${applied} ₸ credited`)
  }

  if (input.cashbox) {
    const expected = cashboxFromJournal(input.records)
    if (JSON.stringify(normalize(input.cashbox)) !== JSON.stringify(normalize(expected))) {
      violations.push(
        `cashbox: the validator counts ${JSON.stringify(normalize(input.cashbox))}, the journal's stacked notes give ${JSON.stringify(normalize(expected))}`
      )
    }
  }
  return { violations, transactions }
}

const normalize = (cashbox: readonly CashboxCount[]) =>
  [...cashbox].filter((c) => c.count > 0).sort((a, b) => a.currency.localeCompare(b.currency) || a.value - b.value)
