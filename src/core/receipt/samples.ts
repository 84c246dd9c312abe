/**
 * Sample receipts made with the kiosk's own money rules and demo configuration: for tests, docs
 * and previews of the receipt layout.
 */
import { DEFAULT_CONFIG, locationIn } from '../config'
import { cardBreakdown, cashBreakdown, type Note } from '../money'
import type { ReceiptView } from '../protocol'
import { eReceiptUrlFor } from './document'

const terminal = DEFAULT_CONFIG.terminal

const BALANCE_BEFORE = 500

function base(transactionId: string): Omit<ReceiptView, 'method' | 'notes' | 'quote' | 'cardPayment' | 'breakdown' | 'balanceAfterKzt'> {
  return {
    transactionId,
    status: 'completed',
    notesInDoubt: [],
    maskedCard: '9398 •••• •••• 2222',
    time: '2025-05-14T10:30:05.000Z',
    balanceBeforeKzt: BALANCE_BEFORE,
    printed: 'printing',
    eReceiptUrl: eReceiptUrlFor(terminal.eReceiptBaseUrl, transactionId),
    terminalId: terminal.id,
    issuerName: terminal.issuerName,
    issuerBin: terminal.issuerBin,
    location: locationIn(terminal.location, 'en'),
    supportPhone: terminal.supportPhone
  }
}

/** Cash with US dollars (100, 50, 20, 5) and two 1 000 tenge notes at the demo USD rate. */
export function sampleCashReceipt(): ReceiptView {
  const notes: Note[] = [
    { currency: 'USD', value: 100 },
    { currency: 'USD', value: 50 },
    { currency: 'USD', value: 20 },
    { currency: 'USD', value: 5 },
    { currency: 'KZT', value: 1000 },
    { currency: 'KZT', value: 1000 }
  ]
  const rates = { USD: DEFAULT_CONFIG.currencies.USD!.rate }
  const breakdown = cashBreakdown(notes, rates, DEFAULT_CONFIG)
  const b = base('00412783-000042')
  return {
    ...b,
    method: 'cash',
    notes,
    quote: { rates, quotedAt: '2025-05-14T10:28:41.000Z' },
    cardPayment: null,
    breakdown,
    balanceAfterKzt: BALANCE_BEFORE + breakdown.creditedKzt
  }
}

/** A bank-card payment of 5 000 tenge. */
export function sampleCardReceipt(): ReceiptView {
  const breakdown = cardBreakdown(5000, DEFAULT_CONFIG)
  const b = base('00412783-000043')
  return {
    ...b,
    method: 'card',
    notes: [],
    quote: null,
    cardPayment: { maskedPan: '4400 •••• •••• 1234', authCode: '083412' },
    breakdown,
    balanceAfterKzt: BALANCE_BEFORE + breakdown.creditedKzt
  }
}

/** Tenge cash whose credit outcome is unknown (host timeout): flagged, balance after unknown. */
export function sampleFlaggedReceipt(): ReceiptView {
  const notes: Note[] = [
    { currency: 'KZT', value: 2000 },
    { currency: 'KZT', value: 500 }
  ]
  const breakdown = cashBreakdown(notes, {}, DEFAULT_CONFIG)
  return { ...base('00412783-000044'), status: 'flagged', method: 'cash', notes, quote: null, cardPayment: null, breakdown, balanceAfterKzt: null }
}

/** Tenge cash credited at the host but not written onto the card (pulled mid-write): pending. */
export function samplePendingReceipt(): ReceiptView {
  const notes: Note[] = [{ currency: 'KZT', value: 1000 }]
  const breakdown = cashBreakdown(notes, {}, DEFAULT_CONFIG)
  const b = base('00412783-000045')
  return { ...b, status: 'pending', method: 'cash', notes, quote: null, cardPayment: null, breakdown, balanceAfterKzt: BALANCE_BEFORE + breakdown.creditedKzt }
}

/** The validator jammed on a 5 000 ₸ note after 2 000 ₸ was stacked: 2 000 credited, the jammed note in doubt, flagged. */
export function sampleNoteInDoubtReceipt(): ReceiptView {
  const notes: Note[] = [{ currency: 'KZT', value: 2000 }]
  const breakdown = cashBreakdown(notes, {}, DEFAULT_CONFIG)
  const b = base('00412783-000046')
  return {
    ...b,
    status: 'flagged',
    method: 'cash',
    notes,
    notesInDoubt: [{ currency: 'KZT', value: 5000 }],
    quote: null,
    cardPayment: null,
    breakdown,
    balanceAfterKzt: BALANCE_BEFORE + breakdown.creditedKzt
  }
}

/** The validator jammed on the first note (5 000 ₸): nothing stacked, nothing credited, the note in doubt, flagged. */
export function sampleJamNothingStackedReceipt(): ReceiptView {
  const breakdown = cashBreakdown([], {}, DEFAULT_CONFIG)
  return {
    ...base('00412783-000047'),
    status: 'flagged',
    method: 'cash',
    notes: [],
    notesInDoubt: [{ currency: 'KZT', value: 5000 }],
    quote: null,
    cardPayment: null,
    breakdown,
    balanceAfterKzt: null
  }
}

/** Tenge cash flagged after a power cut, its card not identified: no card, no balances; the reference finds it. */
export function sampleUnidentifiedCardReceipt(): ReceiptView {
  const notes: Note[] = [
    { currency: 'KZT', value: 2000 },
    { currency: 'KZT', value: 1000 }
  ]
  const breakdown = cashBreakdown(notes, {}, DEFAULT_CONFIG)
  return {
    ...base('00412783-000048'),
    status: 'flagged',
    maskedCard: null,
    balanceBeforeKzt: null,
    method: 'cash',
    notes,
    quote: null,
    cardPayment: null,
    breakdown,
    balanceAfterKzt: null
  }
}
