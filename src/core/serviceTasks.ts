/**
 * What staff's service tasks do with the devices and the journal (the desk has checked the role):
 * reprints, device tests and customers' claims on flagged transactions. The shift and collection
 * reports are ./serviceReports.ts.
 */
import type { ActorRefFrom } from 'xstate'
import type { KioskClock } from './clock'
import type { SimulatedHost } from './devices/host'
import type { SimulatedPrinter } from './devices/printer'
import type { JournalKind, JournalRecord, RecordData } from './journal'
import type { KeptReceipts } from './keptReceipts'
import type { billValidatorMachine } from './machines/billValidatorMachine'
import type { cardReaderMachine } from './machines/cardReaderMachine'
import type { ServiceNotice, StaffIntent } from './protocol'
import type { SendResult } from './runtime'
import type { ServiceRole } from './service/roles'

export interface TaskDevices {
  clock: KioskClock
  terminalId: () => string
  host: SimulatedHost
  printer: SimulatedPrinter
  receipts: KeptReceipts
  validator: () => ActorRefFrom<typeof billValidatorMachine>
  cardReader: () => ActorRefFrom<typeof cardReaderMachine>
  records: () => JournalRecord[]
  record: <K extends JournalKind>(kind: K, data: RecordData<K>) => void
}

type Done = (notice: ServiceNotice) => void

/** Prints a receipt of the period again (kept since the start, or from the receipt archive after a restart). */
export function reprintReceipt(d: TaskDevices, transactionId: string, done: Done): SendResult {
  return d.receipts.reprint(transactionId, (printed) =>
    done(printed.ok ? { kind: 'receiptReprinted', transactionId } : { kind: 'refused', message: `the printer did not print the copy: ${printed.reason}` })
  )
}

/** The test page: terminal, time, every column width's ruler, so staff see the paper and the head work. */
function testPage(terminalId: string, time: string): string {
  return [
    '^^^TEST PAGE',
    '',
    `|Terminal | ${terminalId}|`,
    `|Time | ${time}|`,
    '',
    '1234567890'.repeat(5).slice(0, 42),
    '-',
    'ABCDEF abcdef 0123456789 ₸ Ә Қ 中文',
    ''
  ].join('\n')
}

/** Print a test page, the validator's self-test, the card reader's test: each journaled with its outcome. */
export function testDevice(d: TaskDevices, device: 'printer' | 'billValidator' | 'cardReader', role: ServiceRole, done: Done): SendResult {
  const finish = (ok: boolean, detail: string) => {
    d.record('deviceTested', { device, ok, detail, role })
    done({ kind: 'deviceTested', device, ok, detail })
  }
  if (device === 'printer') {
    d.printer.print(testPage(d.terminalId(), new Date(d.clock.now()).toISOString())).then(
      () => finish(true, d.printer.fault === 'paperLow' ? 'printed; paper low' : 'printed'),
      (err: { reason?: string }) => finish(false, err.reason ?? 'error')
    )
    return { ok: true }
  }
  if (device === 'billValidator') {
    const { condition, jammedNote, cashbox, stackerCapacity } = d.validator().getSnapshot().context
    const notes = cashbox.reduce((n, c) => n + c.count, 0)
    if (jammedNote || condition === 'jam') finish(false, 'jammed: clear the note path')
    else if (condition !== null) finish(false, condition)
    else finish(true, `ready; ${notes} of ${stackerCapacity} notes in the cassette`)
    return { ok: true }
  }
  const reader = d.cardReader().getSnapshot()
  if (reader.context.readError) finish(false, 'cannot read cards')
  else if (reader.matches('writing')) finish(false, 'busy writing a card')
  else finish(true, 'ready')
  return { ok: true }
}

/**
 * A customer's claim on a flagged transaction: credited with the transaction's own idempotency key
 * (a credit that did land after all is answered with its first result, never applied twice), or
 * refunded in cash by staff. Either is journaled with the role; a transaction is resolved once.
 */
/** Credits staff sent that the host has not answered yet, per host: the transaction may not be resolved again meanwhile. */
const creditsOnTheirWay = new WeakMap<object, Set<string>>()

export function resolveFlagged(d: TaskDevices, intent: Extract<StaffIntent, { type: 'resolveFlagged' }>, role: ServiceRole, done: Done): SendResult {
  const { transactionId } = intent
  const pending = creditsOnTheirWay.get(d.host) ?? new Set<string>()
  creditsOnTheirWay.set(d.host, pending)
  if (pending.has(transactionId)) return { ok: false, error: `a credit of ${transactionId} is on its way to the host: wait for its answer` }
  const records = d.records()
  const flag = records.findLast((r) => r.kind === 'transactionFlagged' && r.data.transactionId === transactionId)
  if (!flag || flag.kind !== 'transactionFlagged') return { ok: false, error: `${transactionId} is not a flagged transaction of this kiosk` }
  if (records.some((r) => r.kind === 'flaggedResolved' && r.data.transactionId === transactionId))
    return { ok: false, error: `${transactionId} is resolved already` }
  const started = records.find((r) => r.kind === 'transactionStarted' && r.data.transactionId === transactionId)
  const note = intent.note !== undefined ? { note: intent.note } : {}
  if (intent.resolution === 'refund') {
    d.record('flaggedResolved', { transactionId, resolution: 'refunded', role, amountKzt: flag.data.grossKzt ?? 0, ...note })
    done({ kind: 'flaggedResolved', transactionId, resolution: 'refunded' })
    return { ok: true }
  }
  if (flag.data.reasons.includes('creditConflict'))
    return { ok: false, error: `the host holds ${transactionId}'s key for another card or amount: record a refund, or ask the issuer` }
  // The host confirmed this key's credit (the notes stacked before a jam): the same key would only get that answer
  // again, and a note found later is not in it. Paying it out is a refund.
  if (flag.data.credited === true)
    return { ok: false, error: `the host credited ${transactionId} already (its stacked notes): a note in doubt found later is paid out: record a refund` }
  const amountKzt = flag.data.creditedKzt ?? 0
  if (amountKzt <= 0) return { ok: false, error: `${transactionId} has nothing to credit: record a refund instead` }
  if (!started || started.kind !== 'transactionStarted') return { ok: false, error: `${transactionId} has no card in the journal: record a refund instead` }
  const { cardRef } = started.data
  pending.add(transactionId)
  void d.host
    .lookupCard({ reference: cardRef })
    .then((found) => {
      if (!found.found) throw new Error('the host does not know the card')
      return d.host.credit({ idempotencyKey: transactionId, cardNumber: found.card.number, amountKzt, currency: 'KZT' })
    })
    .finally(() => pending.delete(transactionId))
    .then(
      () => {
        d.record('flaggedResolved', { transactionId, resolution: 'credited', role, amountKzt, idempotencyKey: transactionId, ...note })
        done({ kind: 'flaggedResolved', transactionId, resolution: 'credited' })
      },
      (err: unknown) => done({ kind: 'refused', message: `the credit did not go through: ${err instanceof Error ? err.message : String(err)}` })
    )
  return { ok: true }
}
