/**
 * Views to draw a state's screen with when that state is not the active one: the live view (for
 * the terminal, language and limits) with the screen changed and the parts that screen reads filled
 * with a sample top-up (card 9398 •••• •••• 2222, 5 000 ₸ in tenge notes).
 */
import type { CashView, KioskView, ReceiptView, ScreenName } from '../../../core/protocol'

const CARD = { masked: '9398 •••• •••• 2222', balanceKzt: 1500 }
const BREAKDOWN = { tengeGrossKzt: 2000, foreignGrossKzt: 0, grossKzt: 2000, feeKzt: 0, netKzt: 2000, bonusKzt: 0, creditedKzt: 2000 }

/** A kiosk view with nothing in progress (the idle screen in English). */
export function baseSampleView(): KioskView {
  return {
    screen: 'idle',
    language: 'en',
    terminal: { id: '00412783', location: 'Almaty, Almaly metro station, entrance hall', supportPhone: '+7 727 356 00 00', demo: true },
    limits: { minTopUpKzt: 100, maxTopUpKzt: 100000, maxBalanceKzt: 200000 },
    amountPresets: [1000, 2000, 5000, 10000].map((kzt) => ({ kzt, available: true })),
    acceptedNotes: [1000, 2000, 5000, 10000].map((value) => ({ currency: 'KZT', value })),
    cardEntry: '',
    amountEntry: '',
    card: null,
    maxAmountKzt: null,
    amountKzt: null,
    amountRefusal: null,
    cash: null,
    canCancel: false,
    canGoBack: false,
    canConfirm: false,
    warning: null,
    cancelQuestion: null,
    cardOnReader: true,
    receipt: null,
    receiptPaper: '80mm',
    paymentMethods: { cash: true, card: false },
    cashUnavailable: null,
    notesInDoubt: [],
    pendingTopUps: null,
    cardWrite: null,
    resumed: false,
    cardPreview: null,
    bankCard: null,
    topUp: null,
    outOfService: null,
    service: null,
    training: false,
    moneyOutcome: null
  }
}

export function sampleCash(): CashView {
  return {
    stacked: [{ currency: 'KZT', value: 2000 }],
    paid: [{ currency: 'KZT', units: 2000 }],
    quote: null,
    options: [],
    breakdown: BREAKDOWN,
    remainingKzt: 3000,
    noteInEscrow: null,
    lastReturned: null,
    accepting: true
  }
}

export function sampleReceipt(): ReceiptView {
  return {
    transactionId: 'TX-00412783-000042',
    method: 'cash',
    status: 'completed',
    maskedCard: CARD.masked,
    time: '2025-11-25T09:03:12.000Z',
    notes: [{ currency: 'KZT', value: 2000 }],
    notesInDoubt: [],
    quote: null,
    cardPayment: null,
    breakdown: BREAKDOWN,
    balanceBeforeKzt: 1500,
    balanceAfterKzt: 3500,
    printed: 'printed',
    eReceiptUrl: 'https://receipts.demo-transit.kz/r/TX-00412783-000042',
    terminalId: '00412783',
    issuerName: 'Demo Transit Card LLP',
    issuerBin: '210540012345',
    location: 'Almaty, Almaly metro station, entrance hall',
    supportPhone: '+7 727 356 00 00'
  }
}

/** A sample view of `screen`, on the live view's terminal and language when there is one. */
export function sampleViewFor(screen: ScreenName, live: KioskView | null): KioskView {
  const base = { ...(live ?? baseSampleView()), screen, warning: null, service: null }
  const session = { card: CARD, amountKzt: 5000, maxAmountKzt: 100000, canCancel: true, canGoBack: true }
  switch (screen) {
    case 'idle':
    case 'card':
      return { ...base, card: null }
    case 'amount':
    case 'paymentMethod':
      return { ...base, ...session }
    case 'cash':
      return { ...base, ...session, cash: sampleCash() }
    case 'receipt':
    case 'thankYou':
      return { ...base, ...session, receipt: sampleReceipt() }
    default:
      return { ...base, ...session }
  }
}
