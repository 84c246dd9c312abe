/** Views as the core would send them, for mounting screens without a core. */
import { baseSampleView } from '../../src/renderer/src/statechart/sampleViews'
import type { CurrencyCode } from '../../src/core/config'
import type { CashBreakdown, Note, PayingOption } from '../../src/core/money'
import type {
  BankCardView,
  CashView,
  DemoCardView,
  KioskView,
  QuoteView,
  ReceiptView,
  ScreenName,
  ServiceCountersView,
  ServiceSettingsView,
  ServiceView,
  TechnicianView
} from '../../src/core/protocol'

export const KZT = (value: number): Note => ({ currency: 'KZT', value })
export const note = (currency: CurrencyCode, value: number): Note => ({ currency, value })

export const TENGE_NOTES: Note[] = [200, 500, 1000, 2000, 5000, 10000, 20000].map(KZT)
/** The default configuration's notes: tenge, then USD, EUR, RUB and CNY. */
export const ACCEPTED_NOTES: Note[] = [
  ...TENGE_NOTES,
  ...[1, 2, 5, 10, 20, 50, 100].map((v) => note('USD', v)),
  ...[5, 10, 20, 50, 100, 200].map((v) => note('EUR', v)),
  ...[50, 100, 200, 500, 1000, 2000, 5000].map((v) => note('RUB', v)),
  ...[1, 5, 10, 20, 50, 100].map((v) => note('CNY', v))
]

/** The default configuration's demo rates. */
export const RATES = { USD: '471.3725', EUR: '512.40', RUB: '5.1215', CNY: '65.08' } as const

/** A breakdown from its parts (tenge gross, foreign gross, fee, bonus), the rest summed. */
export function breakdown(tengeGrossKzt: number, foreignGrossKzt = 0, feeKzt = 0, bonusKzt = 0): CashBreakdown {
  const grossKzt = tengeGrossKzt + foreignGrossKzt
  const netKzt = grossKzt - feeKzt
  return { tengeGrossKzt, foreignGrossKzt, grossKzt, feeKzt, netKzt, bonusKzt, creditedKzt: netKzt + bonusKzt }
}

/** A quote taken at 14:03:12 Almaty time, held for 120 s (validUntil null: locked). */
export function makeQuote(overrides: Partial<QuoteView> = {}): QuoteView {
  return {
    rates: Object.entries(RATES).map(([currency, rate]) => ({ currency: currency as CurrencyCode, rate })),
    quotedAt: '2025-11-25T09:03:12.000Z',
    validUntil: '2025-11-25T09:05:12.000Z',
    ...overrides
  }
}

/** The paying options for 5 000 ₸ with nothing stacked, as the core computes them with the default config. */
export const OPTIONS_5000: PayingOption[] = [
  { currency: 'KZT', rate: null, units: 5000, notes: [5000], breakdown: breakdown(5000) },
  { currency: 'USD', rate: RATES.USD, units: 11, notes: [10, 1], breakdown: breakdown(0, 5185, 104) },
  { currency: 'EUR', rate: RATES.EUR, units: 10, notes: [10], breakdown: breakdown(0, 5124, 103) },
  { currency: 'RUB', rate: RATES.RUB, units: 1000, notes: [1000], breakdown: breakdown(0, 5121, 103) },
  { currency: 'CNY', rate: RATES.CNY, units: 79, notes: [50, 20, 5, 1, 1, 1, 1], breakdown: breakdown(0, 5141, 103) }
]

/** A full, valid kiosk view (the idle screen in English, the statechart page's sample); `overrides` replace whole fields. */
export function makeView(overrides: Partial<KioskView> = {}): KioskView {
  return { ...baseSampleView(), acceptedNotes: ACCEPTED_NOTES, ...overrides }
}

/** The card 9398 •••• •••• 2222 with 1 500 ₸ on it. */
export const CARD = { masked: '9398 •••• •••• 2222', balanceKzt: 1500 }

/** Stacked cash per currency, in the order first stacked (as the core sums it). */
export function paidOf(stacked: readonly Note[]): CashView['paid'] {
  const paid: CashView['paid'] = []
  for (const n of stacked) {
    const entry = paid.find((p) => p.currency === n.currency)
    if (entry) entry.units += n.value
    else paid.push({ currency: n.currency, units: n.value })
  }
  return paid
}

/**
 * Cash in progress: by default 5 000 ₸ chosen, one 2 000 ₸ note stacked, the quote locked and
 * the tenge option for the rest. Tenge-only stacks get a summed breakdown; pass one for foreign cash.
 */
export function makeCash(overrides: Partial<CashView> = {}): CashView {
  const stacked = overrides.stacked ?? [KZT(2000)]
  const gross = stacked.reduce((sum, n) => sum + (n.currency === 'KZT' ? n.value : 0), 0)
  const cashBreakdown = overrides.breakdown ?? breakdown(gross)
  const remainingKzt = Math.max(0, 5000 - cashBreakdown.netKzt)
  return {
    stacked,
    paid: paidOf(stacked),
    quote: makeQuote(stacked.length > 0 ? { validUntil: null } : {}),
    options:
      stacked.length === 0
        ? OPTIONS_5000
        : remainingKzt > 0
          ? [{ currency: 'KZT', rate: null, units: remainingKzt, notes: [remainingKzt], breakdown: breakdown(gross + remainingKzt) }]
          : [],
    breakdown: cashBreakdown,
    remainingKzt,
    noteInEscrow: null,
    lastReturned: null,
    accepting: true,
    ...overrides
  }
}

/** A completed cash receipt: 5 000 ₸ in tenge notes, 250 ₸ bonus, 1 500 → 6 750 ₸. */
export function makeReceipt(overrides: Partial<ReceiptView> = {}): ReceiptView {
  return {
    transactionId: 'TX-00412783-000042',
    method: 'cash',
    status: 'completed',
    maskedCard: CARD.masked,
    time: '2025-11-25T09:03:12.000Z',
    notes: [KZT(2000), KZT(2000), KZT(1000)],
    notesInDoubt: [],
    quote: null,
    cardPayment: null,
    breakdown: { tengeGrossKzt: 5000, foreignGrossKzt: 0, grossKzt: 5000, feeKzt: 0, netKzt: 5000, bonusKzt: 250, creditedKzt: 5250 },
    balanceBeforeKzt: 1500,
    balanceAfterKzt: 6750,
    printed: 'printed',
    eReceiptUrl: 'https://receipts.demo-transit.kz/r/TX-00412783-000042',
    terminalId: '00412783',
    issuerName: 'Demo Transit Card LLP',
    issuerBin: '210540012345',
    location: 'Almaty, Almaly metro station, entrance hall',
    supportPhone: '+7 727 356 00 00',
    ...overrides
  }
}

/** The same top-up flagged: the host never confirmed the credit, so the balance after is unknown. */
export function makeFlaggedReceipt(overrides: Partial<ReceiptView> = {}): ReceiptView {
  return makeReceipt({ status: 'flagged', balanceAfterKzt: null, ...overrides })
}

/** The same top-up credited at the host but never written onto the card: it activates at the card's next tap. */
export function makePendingReceipt(overrides: Partial<ReceiptView> = {}): ReceiptView {
  return makeReceipt({ status: 'pending', ...overrides })
}

/** The validator jammed on a 5 000 ₸ note after 2 000 ₸ was stacked: credited, and flagged for staff to check the note. */
export function makeInDoubtReceipt(overrides: Partial<ReceiptView> = {}): ReceiptView {
  return makeReceipt({
    status: 'flagged',
    notes: [KZT(2000)],
    notesInDoubt: [KZT(5000)],
    breakdown: breakdown(2000),
    balanceAfterKzt: 3500,
    ...overrides
  })
}

/** The host's cards as the technician view carries them: masked, with a handle (cardRef), no full number. */
export const DEMO_CARDS: DemoCardView[] = [
  { masked: '9398 •••• •••• 2222', cardRef: '2'.repeat(64), balanceKzt: 1500, status: 'active' },
  { masked: '9398 •••• •••• 4444', cardRef: '4'.repeat(64), balanceKzt: 0, status: 'blocked' },
  { masked: '9398 •••• •••• 6666', cardRef: '6'.repeat(64), balanceKzt: 300, status: 'expired' }
]

export function makeTechnicianView(overrides: Partial<TechnicianView> = {}): TechnicianView {
  return {
    kiosk: makeView({ screen: 'cash', card: CARD, amountKzt: 5000, cash: makeCash(), canCancel: true }),
    state: 'session.cash.accepting',
    devices: {
      billValidator: {
        state: 'accepting',
        noteInEscrow: null,
        acceptedNotes: ACCEPTED_NOTES,
        cashbox: [{ currency: 'KZT', value: 2000, count: 3 }],
        condition: null,
        counterfeitNext: false,
        jamNext: false,
        jammedNote: null,
        stackerCapacity: 500
      },
      cardReader: { cardPresent: CARD.masked, state: 'present', readError: false, writingFor: null },
      printer: { fault: null, printed: 1, lastReceipt: 'DEMO TRANSIT CARD LLP\nTOTAL 5 000 KZT', reprintable: ['TX-00412783-000042'] },
      host: { fault: null, address: null, silent: false },
      pos: { fault: null, declineReason: null },
      storage: { fault: null }
    },
    integrity: { journal: null, storage: null, stopped: null, journalUnreadable: null },
    cash: {
      sinceCollection: [{ currency: 'KZT', value: 2000, count: 3 }],
      lifetime: [
        { currency: 'KZT', value: 1000, count: 4 },
        { currency: 'KZT', value: 2000, count: 7 }
      ],
      collections: [
        {
          number: 1,
          removedAt: '2026-11-25T08:00:00.000Z',
          replacedAt: '2026-11-25T08:02:00.000Z',
          expected: [
            { currency: 'KZT', value: 1000, count: 4 },
            { currency: 'KZT', value: 2000, count: 4 }
          ],
          counted: null,
          shortage: [],
          surplus: []
        }
      ]
    },
    marketRates: Object.entries(RATES).map(([currency, rate]) => ({ currency: currency as CurrencyCode, rate })),
    cards: DEMO_CARDS,
    journal: [
      { seq: 1, time: '2025-11-25T09:00:00.000Z', kind: 'cardTapped', data: { card: '9398 •••• •••• 2222' } },
      { seq: 2, time: '2025-11-25T09:00:05.000Z', kind: 'noteStacked', data: { currency: 'KZT', value: 2000 } }
    ],
    armed: [],
    chart: { active: [], events: [] },
    training: null,
    ...overrides
  }
}

/** The bank-card screens' view of a 5 000 ₸ payment (no card fee, no bonus below 10 000 ₸). */
export function makeBankCard(overrides: Partial<BankCardView> = {}): BankCardView {
  return { amountKzt: 5000, breakdown: breakdown(5000), declineReason: null, ...overrides }
}

/** Service mode as the core shows it: an administrator logged in at the menu, unless overridden. */
export function makeServiceView(overrides: Partial<ServiceView> = {}): ServiceView {
  return {
    role: 'administrator',
    pages: ['collection', 'reports', 'journal', 'claims', 'devices', 'settings'],
    pinWrong: false,
    attemptsLeft: 3,
    lockedUntil: null,
    page: { page: 'menu' },
    notice: null,
    training: false,
    ...overrides
  }
}

/** A service screen's kiosk view: the screen, with service mode as given. */
export const makeServiceScreen = (screen: ScreenName, service: Partial<ServiceView> = {}, overrides: Partial<KioskView> = {}): KioskView =>
  makeView({ screen, service: makeServiceView(service), ...overrides })

/** The counters of a day: three 1 000 ₸ and one 2 000 ₸ note in the cassette, 20 USD; two top-ups, one by bank card. */
export const SERVICE_COUNTERS: ServiceCountersView = {
  sinceCollection: [
    { currency: 'KZT', value: 1000, count: 3 },
    { currency: 'KZT', value: 2000, count: 1 },
    { currency: 'USD', value: 20, count: 1 }
  ],
  lifetime: [
    { currency: 'KZT', value: 1000, count: 10 },
    { currency: 'KZT', value: 2000, count: 4 },
    { currency: 'KZT', value: 5000, count: 2 },
    { currency: 'USD', value: 20, count: 1 }
  ],
  period: {
    from: '2026-12-06T03:00:00.000Z',
    cardPayments: { count: 1, amountKzt: 5000 },
    topUps: { count: 2, creditedKzt: 19450 },
    flagged: 1,
    inDoubt: 0
  }
}

/** The settings in force: the default configuration's, a collector's and an administrator's PIN set. */
export const SERVICE_SETTINGS: ServiceSettingsView = {
  rates: [
    { currency: 'USD', rate: RATES.USD },
    { currency: 'EUR', rate: RATES.EUR },
    { currency: 'RUB', rate: RATES.RUB },
    { currency: 'CNY', rate: RATES.CNY }
  ],
  limits: { minTopUpKzt: 100, maxTopUpKzt: 100000, maxBalanceKzt: 200000 },
  fees: { cashKzt: { percent: '0', minKzt: 0 }, cashForeign: { percent: '2', minKzt: 100 }, bankCard: { percent: '0', minKzt: 0 } },
  bonus: [{ fromKzt: 10000, percent: '5', maxKzt: 2000 }],
  pinRoles: ['collector', 'administrator']
}
