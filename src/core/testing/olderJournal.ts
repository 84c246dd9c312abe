/**
 * A journal restored from an older copy, as a walk drills it: the copy that lacks a note stacked before the last top-up's
 * credit is the one that makes the recovery ask the host to credit the same transaction for less, which the host refuses as
 * a conflict (the kiosk flags it). The fixed `restoreJournal` of PATH_ACTIONS drops 12 records, which lands there only by
 * chance, so right after such a top-up a walk may also restore exactly that copy (`olderCopyLackingANote`).
 */
import { transactionBreakdown } from '../machines/kioskContext'
import { recoverFromJournal } from '../recovery'
import type { ScenarioRunner } from '../scenario/runner'
import type { ActionStep } from '../scenario/schema'
import type { Journal, JournalRecord } from '../journal'

/** How many records before an older copy's end are read for the transaction it leaves open (one spans a few dozen). */
const OPEN_TRANSACTION_SPAN = 200

/** The host answers a resumed transaction's credit with a conflict: its key was applied before for another amount. */
export const RESUMED_CREDIT_CONFLICT = 'kiosk: kiosk.session.flow.crediting · error creditCard #1'

/**
 * A journal restored from an older copy (or, the kiosk having noticed, staff accepting it) whose open transaction the host
 * credited already for another amount than the older copy's notes make: the recovery's credit refused as a conflict.
 */
export function olderJournalAims(step: Extract<ActionStep, { do: 'restoreJournal' | 'acceptJournal' }>, runner: ScenarioRunner): readonly string[] {
  if (step.do === 'acceptJournal' && runner.kiosk.screen() !== 'journalUntrusted') return []
  const records = step.do === 'acceptJournal' ? lastRecords(runner, OPEN_TRANSACTION_SPAN) : olderCopy(runner, step.dropLast)
  return resumedCreditConflicts(records, runner) ? [RESUMED_CREDIT_CONFLICT] : []
}

/** The journal's last records as an older copy lacking the last `dropLast` would end. */
function olderCopy(runner: ScenarioRunner, dropLast: number): JournalRecord[] {
  const records = lastRecords(runner, dropLast + OPEN_TRANSACTION_SPAN)
  return records.slice(Math.max(0, records.length - dropLast - OPEN_TRANSACTION_SPAN), -dropLast)
}

const lastRead = new WeakMap<Journal, { last: string; records: JournalRecord[] }>()

/**
 * At least the journal's last `count` records (fewer when it has fewer), read again only once it changed: a walk asks at every
 * step at the attract screen, where the journal mostly stays as it was.
 */
function lastRecords(runner: ScenarioRunner, count: number): JournalRecord[] {
  const { journal } = runner
  // The last record's hash names the journal's state (an older copy restored and written on may reach the same length).
  const last = journal.tail(1)[0]?.hash ?? ''
  const known = lastRead.get(journal)
  if (known && known.last === last && (known.records.length >= count || known.records.length < OPEN_TRANSACTION_SPAN * 2)) return known.records
  const records = journal.tail(Math.max(count, OPEN_TRANSACTION_SPAN * 2))
  lastRead.set(journal, { last, records })
  return records
}

/** Whether the transaction `records` leave open, resumed, is credited again for another amount than the host applied under its id. */
function resumedCreditConflicts(records: readonly JournalRecord[], runner: ScenarioRunner): boolean {
  const { interrupted } = recoverFromJournal(records)
  // Resumed, it is credited again only when no answer to its credit was journaled and money went in (the recovery's rules).
  if (!interrupted || interrupted.credit !== null) return false
  const { transaction } = interrupted
  if (transaction.stacked.length === 0 && transaction.cardPayment == null) return false
  const earlier = runner.cards.creditOf?.(transaction.id)
  if (!earlier) return false
  const { config } = runner.kiosk.snapshot().context
  return transactionBreakdown({ transaction, config, amountKzt: interrupted.amountKzt }).creditedKzt !== earlier.amountKzt
}

type RestoreStep = Extract<ActionStep, { do: 'restoreJournal' }>

const restores = new Map<number, RestoreStep>()

/**
 * At the attract screen right after a top-up of several notes: the older copy that ends with its first note stacked (its
 * credit then asked for less), when the host would refuse that as a conflict; null otherwise. One step per length, so a
 * walk's map names it alike each time.
 */
export function olderCopyLackingANote(runner: ScenarioRunner): RestoreStep | null {
  const records = lastRecords(runner, OPEN_TRANSACTION_SPAN)
  const started = records.findLastIndex((r) => r.kind === 'transactionStarted')
  if (started < 0) return null
  const firstStacked = records.findIndex((r, i) => i > started && r.kind === 'noteStacked')
  if (firstStacked < 0) return null
  const dropLast = records.length - 1 - firstStacked
  if (dropLast === 0 || !resumedCreditConflicts(records.slice(0, firstStacked + 1), runner)) return null
  let step = restores.get(dropLast)
  if (!step) restores.set(dropLast, (step = { do: 'restoreJournal', dropLast }))
  return step
}

/** Whether a step is one olderCopyLackingANote offered. */
export function isOlderCopyLackingANote(step: ActionStep): boolean {
  return step.do === 'restoreJournal' && restores.get(step.dropLast) === step
}
