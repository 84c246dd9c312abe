/**
 * The pure rules of a run, shared by the headless runner (runner.ts) and the live player
 * (src/cli/live.ts), which plays a scenario on a running kiosk over the web host's WebSocket and
 * sees it only through the views it pushes: the intents a step sends, when a step has settled, and
 * how an expectation is checked.
 */
import type { KioskConfig } from '../config'
import type { JournalRecord } from '../journal'
import type { Kiosk } from '../kiosk'
import type { Intent, Language, ScreenName } from '../protocol'
import { summarizeTransactions, type TransactionSummary } from '../report'
import type { ActionStep, Expectation, Step } from './schema'

/** The longest the runner waits for devices to settle after one step (virtual time; real time when played live). */
export const SETTLE_LIMIT_MS = 120_000

/** Whether the runner waits through a card write after step `index`: not when the customer pulls the card next. */
export function waitsThroughCardWrite(steps: readonly Step[], index: number): boolean {
  // A loop, not slice().find(): copying the rest of the steps after each one made long runs quadratic.
  for (let i = index + 1; i < steps.length; i++) {
    const step = steps[i]!
    if ('do' in step) return step.do !== 'removeCard'
  }
  return true
}

/** The intent a step sends; null for a tapCard without a number before any card was identified. */
export function stepIntent(
  step: Exclude<ActionStep, { do: 'wait' | 'enterCard' | 'restoreJournal' | 'serviceLogin' }>,
  sessionCard: string | null
): Intent | null {
  switch (step.do) {
    case 'xReport':
    case 'zReport':
      return { type: 'shiftReport', report: step.do === 'xReport' ? 'X' : 'Z' }
    case 'tapCard': {
      // Without a number: the card of this scenario's session, e.g. held on the reader for the write.
      const number = step.number ?? sessionCard
      return number ? { type: 'tapCard', number } : null
    }
    case 'fault':
      return { type: 'fault', device: step.device, fault: step.fault, ...(step.reason ? { reason: step.reason } : {}) }
    default: {
      // A caption is the trainer's, not the kiosk's: it never becomes part of an intent.
      const { do: type, caption: _caption, ...payload } = step as typeof step & { caption?: unknown }
      return { type, ...payload } as Intent
    }
  }
}

/** The keys an `enterCard` step presses once the card keypad is on screen: clear, the digits, submit. */
export function cardEntryIntents(digits: string): Intent[] {
  return [{ type: 'keypad', key: 'clear' }, ...[...digits].map((d): Intent => ({ type: 'keypad', key: d as '0' })), { type: 'submitCard' }]
}

/** What shows whether the kiosk is still working on the last step. */
export interface Activity {
  screen: ScreenName
  /** The bill validator's state, e.g. `escrowed`. */
  validator: string
  cardWriting: boolean
  printing: boolean
  /** The cash screen is taking a rate quote. */
  quoting: boolean
  /** Pending top-ups written at a tap are being confirmed with the host. */
  confirmingActivation: boolean
}

/** What a kiosk is doing now, for stillWorking (the runner's settling and the recorder's alike). */
export function activityOf(kiosk: Pick<Kiosk, 'snapshot' | 'screen' | 'validator' | 'cardReader' | 'printer'>): Activity {
  const snapshot = kiosk.snapshot()
  return {
    screen: kiosk.screen(),
    validator: String(kiosk.validator().getSnapshot().value),
    cardWriting: kiosk.cardReader().getSnapshot().matches('writing'),
    printing: kiosk.printer.busy,
    quoting: snapshot.matches({ session: { flow: { cash: 'quoting' } } }),
    confirmingActivation: snapshot.matches({ session: { flow: 'confirmingActivation' } })
  }
}

/** Whether a device or the host is still working on the last step (the card write counts only when waited through). */
export function stillWorking(a: Activity, throughCardWrite: boolean): boolean {
  if (a.validator === 'escrowed' || a.validator === 'stacking' || a.validator === 'returning') return true
  if (a.cardWriting) return throughCardWrite
  return a.screen === 'checkingCard' || a.screen === 'bankCard' || a.screen === 'crediting' || a.printing || a.quoting || a.confirmingActivation
}

/** What an expectation is checked against. */
export interface Observation {
  screen: ScreenName
  language: Language
  /** The balance of the scenario's card at the host; null while no card has been identified. */
  balanceKzt: number | null
  /** The latest transaction, if any. */
  latest: TransactionSummary | undefined
  /** Whether the latest transaction's paper receipt was printed. */
  receiptPrinted: boolean
}

/** The latest transaction in the journal and whether its receipt was printed. */
export function latestTransaction(
  records: readonly JournalRecord[],
  config: Pick<KioskConfig, 'fees' | 'bonus'>
): Pick<Observation, 'latest' | 'receiptPrinted'> {
  const latest = summarizeTransactions(records, config).at(-1)
  return { latest, receiptPrinted: latest ? records.some((r) => r.kind === 'receiptPrinted' && r.data.transactionId === latest.id) : false }
}

/** Which expectations do not hold, each as "what is, what was expected"; empty when all hold. */
export function checkExpectation(expect: Expectation, o: Observation): string[] {
  const failures: string[] = []
  const { latest } = o
  if (expect.screen !== undefined && o.screen !== expect.screen) failures.push(`screen is ${o.screen}, expected ${expect.screen}`)
  if (expect.language !== undefined && o.language !== expect.language) failures.push(`language is ${o.language}, expected ${expect.language}`)
  if (expect.balanceKzt !== undefined) {
    if (o.balanceKzt === null) failures.push(`balanceKzt: no card has been identified in this scenario yet`)
    else if (o.balanceKzt !== expect.balanceKzt) failures.push(`balanceKzt is ${o.balanceKzt}, expected ${expect.balanceKzt}`)
  }
  if (expect.transactionStatus !== undefined && latest?.status !== expect.transactionStatus)
    failures.push(latest ? `transactionStatus is ${latest.status}, expected ${expect.transactionStatus}` : `transactionStatus: no transaction yet`)
  if (expect.creditedKzt !== undefined && latest?.creditedKzt !== expect.creditedKzt)
    failures.push(latest ? `creditedKzt is ${latest.creditedKzt}, expected ${expect.creditedKzt}` : `creditedKzt: no transaction yet`)
  if (expect.receiptPrinted !== undefined && o.receiptPrinted !== expect.receiptPrinted)
    failures.push(`receiptPrinted is ${o.receiptPrinted}, expected ${expect.receiptPrinted}`)
  return failures
}
