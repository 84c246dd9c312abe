/** Views as the core would send them, for mounting screens without a core. */
import type { Note } from '../../src/core/money'
import type { CashView, DemoCardView, KioskView, ReceiptView, TechnicianView } from '../../src/core/protocol'

export const KZT = (value: number): Note => ({ currency: 'KZT', value })

export const ACCEPTED_NOTES: Note[] = [200, 500, 1000, 2000, 5000, 10000, 20000].map(KZT)

/** A full, valid kiosk view (the idle screen in English); `overrides` replace whole fields. */
export function makeView(overrides: Partial<KioskView> = {}): KioskView {
  return {
    screen: 'idle',
    language: 'en',
    terminal: { id: '00412783', location: 'Almaty, Almaly metro station, entrance hall', supportPhone: '+7 727 356 00 00', demo: true },
    limits: { minTopUpKzt: 100, maxTopUpKzt: 100000, maxBalanceKzt: 200000 },
    amountPresetsKzt: [1000, 2000, 5000, 10000],
    acceptedNotes: ACCEPTED_NOTES,
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
    receipt: null,
    paymentMethods: { cash: true, card: false },
    ...overrides
  }
}

/** The card 9398 •••• •••• 2222 with 1 500 ₸ on it. */
export const CARD = { masked: '9398 •••• •••• 2222', balanceKzt: 1500 }

/** Cash in progress: by default 5 000 ₸ chosen, one 2 000 ₸ note stacked. */
export function makeCash(overrides: Partial<CashView> = {}): CashView {
  const stacked = overrides.stacked ?? [KZT(2000)]
  const gross = stacked.reduce((sum, note) => sum + note.value, 0)
  return {
    stacked,
    breakdown: { tengeGrossKzt: gross, foreignGrossKzt: 0, grossKzt: gross, feeKzt: 0, netKzt: gross, bonusKzt: 0, creditedKzt: gross },
    remainingKzt: Math.max(0, 5000 - gross),
    noteInEscrow: null,
    lastReturned: null,
    accepting: true,
    ...overrides
  }
}

export function makeReceipt(overrides: Partial<ReceiptView> = {}): ReceiptView {
  return {
    transactionId: 'TX-00412783-000042',
    maskedCard: CARD.masked,
    time: '2025-11-25T09:03:12.000Z',
    notes: [KZT(2000), KZT(2000), KZT(1000)],
    breakdown: { tengeGrossKzt: 5000, foreignGrossKzt: 0, grossKzt: 5000, feeKzt: 0, netKzt: 5000, bonusKzt: 250, creditedKzt: 5250 },
    balanceBeforeKzt: 1500,
    balanceAfterKzt: 6750,
    terminalId: '00412783',
    issuerName: 'Demo Transit Card LLP',
    issuerBin: '210540012345',
    location: 'Almaty, Almaly metro station, entrance hall',
    supportPhone: '+7 727 356 00 00',
    ...overrides
  }
}

export const DEMO_CARDS: DemoCardView[] = [
  { number: '9398000011112222', masked: '9398 •••• •••• 2222', balanceKzt: 1500, status: 'active' },
  { number: '9398000033334444', masked: '9398 •••• •••• 4444', balanceKzt: 0, status: 'blocked' },
  { number: '9398000055556666', masked: '9398 •••• •••• 6666', balanceKzt: 300, status: 'expired' }
]

export function makeTechnicianView(overrides: Partial<TechnicianView> = {}): TechnicianView {
  return {
    kiosk: makeView({ screen: 'cash', card: CARD, amountKzt: 5000, cash: makeCash(), canCancel: true }),
    state: 'session.cash.accepting',
    devices: {
      billValidator: { state: 'accepting', noteInEscrow: null, acceptedNotes: ACCEPTED_NOTES, cashbox: [{ currency: 'KZT', value: 2000, count: 3 }] },
      cardReader: { cardPresent: '9398000011112222' },
      printer: { printed: 1, lastReceipt: 'DEMO TRANSIT CARD LLP\nTOTAL 5 000 KZT' },
      host: { state: 'up' }
    },
    cards: DEMO_CARDS,
    journal: [
      { seq: 1, time: '2025-11-25T09:00:00.000Z', kind: 'cardTapped', data: { card: '9398 •••• •••• 2222' } },
      { seq: 2, time: '2025-11-25T09:00:05.000Z', kind: 'noteStacked', data: { currency: 'KZT', value: 2000 } }
    ],
    ...overrides
  }
}
