/** Projects the kiosk machine's snapshot onto the serialisable views the screens render. */
import type { ActorRefFrom, SnapshotFrom } from 'xstate'
import type { cardReaderMachine } from './machines/cardReaderMachine'
import { maskCardNumber } from './cards'
import { locationIn, type CurrencyCode } from './config'
import {
  amountPreset,
  cardBreakdown,
  maxAmountFor,
  payingOption,
  tengeStillToInsert,
  unitsByCurrency,
  type Note,
  type NoteContext,
  type PayingOption
} from './money'
import {
  PAGES_OF_ROLE,
  type CardWriteView,
  type CashView,
  type KioskView,
  type MoneyOutcomeView,
  type QuoteView,
  type ScreenName,
  type ServicePage,
  type ServiceView
} from './protocol'
import { buildReceipt, earlierPendingTopUps, noteContext, transactionBreakdown, type KioskContext } from './machines/kioskContext'
import type { kioskMachine } from './machines/kiosk/machine'
import { takesEventType } from './machines/eventTypes'
import type { KioskStateMeta } from './machines/kiosk/setup'

export type KioskSnapshot = SnapshotFrom<typeof kioskMachine>

/**
 * The screen a state shows, read from the machine: the deepest active state that names one in its
 * `meta` (states that are steps of one screen name the same screen, or none and show their parent's).
 */
export function screenOf(snapshot: KioskSnapshot): ScreenName {
  let screen: ScreenName | undefined
  let depth = -1
  for (const [id, meta] of Object.entries(snapshot.getMeta())) {
    const level = id.split('.').length
    if (meta?.screen && level > depth) [screen, depth] = [meta.screen, level]
  }
  if (!screen) throw new Error(`no state of ${stateName(snapshot)} names its screen`)
  return screen
}

/** The dialog an active state shows over the screen (its meta's `dialog`), or null. */
export function dialogOf(snapshot: KioskSnapshot): KioskStateMeta['dialog'] | null {
  return Object.values(snapshot.getMeta()).find((meta) => meta?.dialog)?.dialog ?? null
}

/** The number of the card on the reader now, from the reader machine the kiosk invokes, or null. */
function cardOnReader(snapshot: KioskSnapshot): string | null {
  const reader = snapshot.children.cardReader as ActorRefFrom<typeof cardReaderMachine> | undefined
  return reader?.getSnapshot().context.card ?? null
}

/** Whether any active state has this flag in its meta (e.g. `beforeCardIdentified`). */
export function activeMetaFlag(snapshot: KioskSnapshot, flag: 'awaitingCustomer' | 'beforeCardIdentified'): boolean {
  return Object.values(snapshot.getMeta()).some((meta) => meta?.[flag] === true)
}

/** A dotted name of the full state, e.g. `session.flow.cash.open + session.attention.watching`. */
export function stateName(snapshot: KioskSnapshot): string {
  const paths: string[] = []
  const walk = (value: unknown, prefix: string): void => {
    if (typeof value === 'string') paths.push(prefix ? `${prefix}.${value}` : value)
    else for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, prefix ? `${prefix}.${k}` : k)
  }
  walk(snapshot.value, '')
  return paths.join(' + ')
}

export function acceptedNotes(config: KioskContext['config']): Note[] {
  const notes: Note[] = []
  for (const [currency, spec] of Object.entries(config.currencies))
    if (spec) for (const value of spec.bills) notes.push({ currency: currency as Note['currency'], value })
  return notes
}

/** Whether an event has a transition other than the inactivity watcher's. */
export function hasFlowTransition(snapshot: KioskSnapshot, event: Parameters<KioskSnapshot['can']>[0]): boolean {
  // Most events a screen does not take at all: no active state outside the watcher has a transition for the type. Telling
  // that from the states' own event names spares XState's selection (which evaluates guards) for each (a walk asks of ~100 actions a step).
  if (!snapshot._nodes.some((node) => !inWatcher(node) && takesEventType(node, event.type))) return false
  return snapshot.machine.getTransitionData(snapshot, event).some((t) => !inWatcher(t.source) && (t.target !== undefined || t.actions.length > 0))
}

/** Whether a state node is the session's inactivity watcher's (it restarts on any customer event). */
const inWatcher = (node: { path: readonly string[] }) => node.path[0] === 'session' && node.path[1] === 'attention'

function quoteView(c: KioskContext): QuoteView | null {
  const quote = c.transaction?.quote
  if (!quote) return null
  return {
    rates: (Object.entries(quote.rates) as [CurrencyCode, string][])
      .filter(([code]) => c.config.currencies[code])
      .map(([currency, rate]) => ({ currency, rate })),
    quotedAt: quote.quotedAt,
    validUntil: c.transaction!.stacked.length > 0 ? null : quote.validUntil
  }
}

/** The last paying options worked out: the cash screen's view is asked for after every step, its options change only with what they read. */
let lastOptions: { ctx: NoteContext; options: PayingOption[] } | null = null

function payingOptions(c: KioskContext): PayingOption[] {
  const ctx = noteContext(c)
  const last = lastOptions?.ctx
  const same = last && (['stacked', 'quote', 'amountKzt', 'balanceKzt', 'config'] as const).every((key) => last[key] === ctx[key])
  if (!same) {
    const options = (Object.keys(c.config.currencies) as CurrencyCode[]).map((code) => payingOption(code, ctx)).filter((o): o is PayingOption => o !== null)
    lastOptions = { ctx, options }
  }
  return [...lastOptions!.options]
}

function cashView(c: KioskContext): CashView {
  const transaction = c.transaction!
  const breakdown = transactionBreakdown(c)
  const options = payingOptions(c)
  return {
    stacked: [...transaction.stacked],
    paid: (Object.entries(unitsByCurrency(transaction.stacked)) as [CurrencyCode, number][]).map(([currency, units]) => ({ currency, units })),
    quote: quoteView(c),
    options,
    breakdown,
    remainingKzt: tengeStillToInsert(noteContext(c)),
    noteInEscrow: c.pendingNote?.note ?? null,
    lastReturned: c.lastReturned,
    accepting: breakdown.netKzt < (c.amountKzt ?? 0)
  }
}

function cardWriteView(c: KioskContext, canLeave: boolean): CardWriteView | null {
  const write = c.cardWrite
  if (!write) return null
  const earlierKzt = earlierPendingTopUps(c).reduce((sum, p) => sum + p.amountKzt, 0)
  const amountKzt = write.purpose === 'topUp' ? transactionBreakdown(c).creditedKzt + earlierKzt : earlierKzt || c.activatedKzt
  const waitSeconds = c.config.timeouts.cardWriteSeconds
  return { purpose: write.purpose, phase: write.phase, problem: write.problem, failure: write.failure, waitSeconds, amountKzt, canLeave }
}

/** What became of the interrupted session's money (storageFailed screen); null when no session was interrupted. */
function moneyOutcome(c: KioskContext): MoneyOutcomeView | null {
  const t = c.transaction
  if (!c.outageInSession || !t) return null
  const moneyIn = t.stacked.length > 0 || t.cardPayment !== null || t.inDoubt.length > 0 || c.credit !== null
  return {
    reference: moneyIn ? t.id : null,
    returned: t.returned.filter((r) => r.reason === 'outOfService').map((r) => r.note),
    stacked: [...t.stacked],
    inDoubt: [...t.inDoubt],
    cardPaid: t.cardPayment !== null,
    credited: c.credit !== null,
    creditedKzt: transactionBreakdown(c).creditedKzt
  }
}

export function toKioskView(snapshot: KioskSnapshot): KioskView {
  const c = snapshot.context
  const screen = screenOf(snapshot)
  const inSession = snapshot.matches('session')
  const can = (type: 'customer.cancel' | 'customer.back' | 'customer.confirm' | 'customer.payCard' | 'customer.payCash') =>
    inSession && hasFlowTransition(snapshot, { type })
  const cardPreview = inSession && c.amountKzt !== null ? cardBreakdown(c.amountKzt, c.config) : null
  return {
    screen,
    language: c.language,
    terminal: {
      id: c.config.terminal.id,
      location: locationIn(c.config.terminal.location, c.language),
      supportPhone: c.config.terminal.supportPhone,
      demo: c.config.terminal.demo
    },
    limits: { ...c.config.limits },
    amountPresets: c.config.amountPresetsKzt.map((kzt) => amountPreset(kzt, inSession && c.card ? c.card.balanceKzt : null, c.config.limits, c.config.bonus)),
    acceptedNotes: acceptedNotes(c.config),
    cardEntry: c.cardEntry,
    amountEntry: c.amountEntry,
    card: inSession && c.card ? { masked: maskCardNumber(c.card.number), balanceKzt: c.card.balanceKzt } : null,
    cardOnReader: inSession && c.card !== null && cardOnReader(snapshot) === c.card.number,
    maxAmountKzt: c.card ? maxAmountFor(c.card.balanceKzt, c.config.limits, c.config.bonus) : null,
    amountKzt: c.amountKzt,
    amountRefusal: screen === 'amount' ? c.amountRefusal : null,
    cash: screen === 'cash' && c.transaction ? cashView(c) : null,
    canCancel: can('customer.cancel'),
    canGoBack: can('customer.back'),
    canConfirm: can('customer.confirm'),
    warning:
      inSession && snapshot.matches({ session: { attention: 'warning' } })
        ? {
            secondsLeft: c.warningSecondsLeft,
            totalSeconds: c.config.timeouts.warningSeconds,
            onExpiry: (c.transaction?.stacked.length ?? 0) > 0 ? 'completeTopUp' : 'endSession'
          }
        : null,
    cancelQuestion:
      dialogOf(snapshot) === 'cancelQuestion' && c.card
        ? { balanceKzt: c.card.balanceKzt, returningNote: c.pendingNote?.phase === 'escrow' ? c.pendingNote.note : null }
        : null,
    receipt: screen === 'receipt' || screen === 'thankYou' ? buildReceipt(c) : null,
    receiptPaper: c.config.devices.printer.paper,
    paymentMethods: { cash: screen === 'paymentMethod' && can('customer.payCash'), card: screen === 'paymentMethod' && can('customer.payCard') },
    cashUnavailable: c.cashUnavailable,
    notesInDoubt: inSession && c.transaction ? [...c.transaction.inDoubt] : [],
    pendingTopUps:
      screen === 'amount' && (c.pendingTopUps.length > 0 || c.activatedKzt > 0)
        ? { count: c.pendingTopUps.length, amountKzt: c.pendingTopUps.reduce((sum, p) => sum + p.amountKzt, 0), activatedKzt: c.activatedKzt }
        : null,
    cardWrite: screen === 'cardWrite' ? cardWriteView(c, inSession && hasFlowTransition(snapshot, { type: 'customer.done' })) : null,
    resumed: inSession && c.resumed,
    topUp: inSession && c.transaction ? { transactionId: c.transaction.id, method: c.transaction.method, breakdown: transactionBreakdown(c) } : null,
    cardPreview,
    bankCard:
      (screen === 'bankCard' || screen === 'bankCardDeclined' || screen === 'bankCardTimeout') && c.amountKzt !== null
        ? { amountKzt: c.amountKzt, breakdown: cardBreakdown(c.amountKzt, c.config), declineReason: c.declineReason }
        : null,
    outOfService: screen !== 'outOfService' ? null : snapshot.matches('closedByStaff') ? 'closedByStaff' : 'hostDown',
    moneyOutcome: screen === 'storageFailed' ? moneyOutcome(c) : null,
    service: snapshot.matches('service') ? serviceView(snapshot) : null,
    training: c.training
  }
}

/** The page of service mode open now (a state per page), or null at the PIN pad and the lockout. */
export function servicePageOf(snapshot: KioskSnapshot): ServicePage | 'menu' | null {
  const value = snapshot.value
  if (typeof value !== 'object' || !('service' in value)) return null
  const service = value.service
  if (typeof service !== 'object' || !('loggedIn' in service)) return null
  return (service.loggedIn as { page: ServicePage | 'menu' }).page
}

/** Service mode as the machine knows it; the runtime adds the open page's data (src/core/servicePages.ts). */
function serviceView(snapshot: KioskSnapshot): ServiceView {
  const c = snapshot.context
  const { pinAttempts } = c
  const { maxPinAttempts } = c.config.service
  const page = servicePageOf(snapshot)
  return {
    role: c.staff?.role ?? null,
    pages: c.staff ? [...PAGES_OF_ROLE[c.staff.role]] : [],
    pinWrong: c.pinWrong,
    attemptsLeft: snapshot.matches({ service: 'locked' }) ? 0 : pinAttempts.lockedUntil !== null ? maxPinAttempts : maxPinAttempts - pinAttempts.failures,
    lockedUntil: snapshot.matches({ service: 'locked' }) && pinAttempts.lockedUntil !== null ? new Date(pinAttempts.lockedUntil).toISOString() : null,
    page: page === null ? null : { page: 'menu' },
    notice: null,
    training: c.training
  }
}
