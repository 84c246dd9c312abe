/**
 * The actions generated paths are made of: what customers, the hardware, staff and time can do to
 * the kiosk, as scenario steps. Which are possible depends on the screen (ScenarioRunner.canPerform).
 */
import { DEMO_CARDS } from '../cards'
import { DEVICE_FAULTS, DEVICES, type Device, type ScreenName } from '../protocol'
import type { ScenarioRunner } from '../scenario/runner'
import { meanwhileOf, type ActionStep } from '../scenario/schema'
import { decideNote } from '../money'
import { noteContext } from '../machines/kioskContext'
import { isOlderCopyLackingANote, olderCopyLackingANote } from './olderJournal'
import { runnerNow } from './play'
import { hasStaff, isStaffStep, pinState, STAFF_ACTIONS, STAFF_PINS, staffStepPossible } from './staff'

/** One card of each kind: an active card, one near its balance cap, a blocked and an expired one. */
const CARDS = ['9398000011112222', '9398000055556666', '9398000077778888', '9398000099990000'].filter((n) => DEMO_CARDS.some((c) => c.number === n))

/** The faults a generated path may switch on: every simulated fault (the POS declines for its default reason). */
const FAULTS: ActionStep[] = DEVICES.flatMap((device) => DEVICE_FAULTS[device].map((fault): ActionStep => ({ do: 'fault', device, fault })))

/**
 * Where a generated path switches each fault on: the screens where a trainer's drill makes it
 * matter (a host that times out on the credit, a jam while notes go in). Anywhere else the fault
 * would only copy the whole graph without reaching anything new. Off again when the session ends.
 */
const DRILL_SCREENS: Record<string, readonly ScreenName[]> = {
  'billValidator jam': ['cash', 'billJam'],
  'billValidator counterfeit': ['cash'],
  'billValidator stackerFull': ['paymentMethod', 'cash', 'billJam'],
  // On the PIN pad and out of service too: the kiosk still hears of the cassette and the host link.
  'billValidator cassetteRemoved': ['paymentMethod', 'cash', 'journalUntrusted', 'servicePin', 'outOfService'],
  'cardReader readError': ['idle', 'card', 'cardUnknown', 'cardBlocked', 'cardExpired', 'cardWrite', 'amount'],
  'host down': [
    'idle',
    'journalUntrusted',
    'card',
    'cardReadError',
    'cardUnknown',
    'cardBlocked',
    'cardExpired',
    'amount',
    'paymentMethod',
    'cash',
    'bankCardTimeout',
    'cardWrite',
    'receipt',
    'servicePin',
    // Out of service with no drill on: closed by staff, where the kiosk still follows the host link.
    'outOfService'
  ],
  'host slow': ['card', 'cash', 'cardWrite'],
  'host timeoutAfterCredit': ['cash'],
  'host timeoutBeforeCredit': ['cash'],
  'pos decline': ['paymentMethod'],
  'pos timeout': ['paymentMethod'],
  'printer paperLow': ['paymentMethod'],
  'printer paperOut': ['paymentMethod'],
  'printer jam': ['paymentMethod'],
  // The journal's disk: between sessions, while paying (a note in escrow goes back, stacked ones are
  // credited once it works again), while the card is written and on the receipt.
  'storage diskFull': ['idle', 'amount', 'cash', 'billJam', 'cardWrite', 'receipt'],
  'storage readOnly': ['cash', 'bankCard'],
  'storage locked': ['idle', 'crediting']
}

/**
 * Where a generated path takes the actions that are possible anywhere but matter only on some
 * screens: a power cut where a transaction is open (the recovery has something to do), a note
 * where the validator is, or may soon be, taking notes, a market rate change before and during
 * cash, a language change where the customer is (and on the PIN pad: service mode handles them
 * too). Elsewhere they only make walks wander.
 */
const WHERE_IT_MATTERS: Partial<Record<ActionStep['do'], readonly ScreenName[]>> = {
  powerCut: ['cash', 'billJam', 'cardWrite', 'receipt', 'outOfService', 'storageFailed'],
  // Between sessions: a kiosk brought back with an older copy of its journal (staff then accept it).
  restoreJournal: ['idle'],
  insertBill: ['idle', 'outOfService', 'amount', 'paymentMethod', 'cash', 'storageFailed', 'journalUntrusted', 'servicePin'],
  setRate: ['idle', 'outOfService', 'paymentMethod', 'cash', 'storageFailed', 'journalUntrusted', 'servicePin'],
  language: ['idle', 'outOfService', 'amount', 'cash', 'receipt', 'storageFailed', 'journalUntrusted', 'servicePin']
}

/**
 * What a trainer may pile on a failed disk (one fault at a time otherwise): the host link going down
 * (and, cleared, coming back) and the cassette taken out, both of which the out-of-service kiosk
 * must still hear of.
 */
const ON_A_FAILED_DISK = ['fault host down', 'fault billValidator cassetteRemoved']

const JAM: ActionStep = { do: 'fault', device: 'billValidator', fault: 'jam' }
const DISK_FULL: ActionStep = { do: 'fault', device: 'storage', fault: 'diskFull' }
const HOST_DOWN: ActionStep = { do: 'fault', device: 'host', fault: 'down' }
/** The customer leaves: Cancel asks "Cancel the top-up?" once the card is known, a second Cancel answers it. */
const CANCEL: ActionStep[] = [{ do: 'cancel' }, { do: 'cancel' }]
/** Per note with something happening on its way, the transitions it is there for (as coverageTotals names them): inFlightAims. */
const IN_FLIGHT_AIMS = new Map<ActionStep, readonly string[]>()
const inFlight = (note: { currency: 'KZT' | 'EUR'; value: number }, meanwhile: ActionStep[], aims: readonly string[]): ActionStep => {
  const step: ActionStep = { do: 'insertBill', ...note, meanwhile }
  IN_FLIGHT_AIMS.set(step, aims)
  return step
}
/** A note the kiosk stacks, and one it always gives back: a 500-euro note is not among the euro notes it takes. */
const TAKEN = { currency: 'KZT' as const, value: 1000 }
export const REFUSED_NOTE = { currency: 'EUR' as const, value: 500 }
const STAFF_CLOSE: ActionStep[] = [
  ...CANCEL,
  { do: 'serviceLogin', pin: STAFF_PINS.administrator },
  { do: 'setOutOfService', reason: 'cash collection' },
  { do: 'serviceLogout' }
]
const landing = (state: string, event: 'returned' | 'jammed' | 'stacked') => `kiosk: kiosk.${state} · validator.${event}`
const RETURNING_JAM = 'billValidator: billValidator.returning · jam'

/**
 * Notes with something happening while they are on their way (`insertBill`'s `meanwhile`), as on a real
 * kiosk where a note is pushed in just as the disk fails, the validator jams, the customer walks off
 * (the refused note still on its way back) and the host link drops or staff come: each takes the
 * validator's or the kiosk's handler of a note landing after the screen changed (its aims). The jams after a
 * note is refused strike it on its way back, wherever the kiosk went meanwhile.
 */
/** A note the kiosk takes, jammed on while it is being stacked. */
export const JAM_WHILE_STACKING = inFlight(TAKEN, [JAM], ['billValidator: billValidator.stacking · jam'])

export const IN_FLIGHT_ACTIONS: readonly ActionStep[] = [
  JAM_WHILE_STACKING,
  inFlight(TAKEN, [DISK_FULL], [landing('storageFailed', 'stacked')]),
  inFlight(REFUSED_NOTE, [DISK_FULL], [landing('storageFailed', 'returned')]),
  inFlight(REFUSED_NOTE, [DISK_FULL, JAM], [landing('storageFailed', 'jammed'), RETURNING_JAM]),
  inFlight(REFUSED_NOTE, CANCEL, [landing('idle', 'returned')]),
  inFlight(REFUSED_NOTE, [...CANCEL, JAM], [landing('idle', 'jammed'), RETURNING_JAM]),
  inFlight(REFUSED_NOTE, [{ do: 'back' }], [landing('session.flow', 'returned')]),
  inFlight(REFUSED_NOTE, [{ do: 'back' }, JAM], [landing('session.flow', 'jammed'), RETURNING_JAM]),
  inFlight(REFUSED_NOTE, [...CANCEL, HOST_DOWN], [landing('outOfService', 'returned')]),
  inFlight(REFUSED_NOTE, [...CANCEL, HOST_DOWN, JAM], [landing('outOfService', 'jammed'), RETURNING_JAM]),
  inFlight(REFUSED_NOTE, [...CANCEL, { do: 'serviceEntry' }], [landing('service', 'returned')]),
  inFlight(REFUSED_NOTE, [...CANCEL, { do: 'serviceEntry' }, JAM], [landing('service', 'jammed'), RETURNING_JAM]),
  inFlight(REFUSED_NOTE, STAFF_CLOSE, [landing('closedByStaff', 'returned')]),
  inFlight(REFUSED_NOTE, [...STAFF_CLOSE, JAM], [landing('closedByStaff', 'jammed'), RETURNING_JAM])
]

/**
 * The transitions a note of IN_FLIGHT_ACTIONS is there for (none for any other step): what happens on its way shows only after
 * the note went in, so a quick-random walk cannot see it coming from the machines (freshTransitions asks aimsOf instead).
 */
export function inFlightAims(step: ActionStep): readonly string[] {
  return IN_FLIGHT_AIMS.get(step) ?? []
}

/** The card whose last 8 digits generated paths type instead of tapping it. */
export const TYPED_CARD = CARDS[0]!

export const PATH_ACTIONS: readonly ActionStep[] = [
  ...CARDS.map((number): ActionStep => ({ do: 'tapCard', number })),
  { do: 'removeCard' },
  { do: 'enterCard', digits: TYPED_CARD.slice(-8) },
  { do: 'enterCard', digits: '12345678' },
  { do: 'start' },
  ...[2000, 5000, 150_000].map((kzt): ActionStep => ({ do: 'chooseAmount', kzt })),
  { do: 'keypad', key: '5' },
  { do: 'keypad', key: 'backspace' },
  { do: 'submitAmount' },
  { do: 'payCash' },
  { do: 'payCard' },
  ...[
    { currency: 'KZT' as const, value: 1000 },
    { currency: 'KZT' as const, value: 5000 },
    { currency: 'USD' as const, value: 20 }
  ].map((note): ActionStep => ({ do: 'insertBill', ...note })),
  { do: 'confirm' },
  { do: 'cancel' },
  { do: 'back' },
  { do: 'done' },
  { do: 'moreTime' },
  { do: 'keepGoing' },
  { do: 'language', code: 'zh' },
  { do: 'setRate', currency: 'USD', rate: '471.25' },
  ...[1, 10, 35, 65].map((seconds): ActionStep => ({ do: 'wait', seconds })),
  ...FAULTS,
  ...DEVICES.map((device): ActionStep => ({ do: 'clearFault', device })),
  { do: 'powerCut' },
  { do: 'restoreJournal', dropLast: 12 },
  { do: 'acceptJournal' },
  ...STAFF_ACTIONS,
  ...IN_FLIGHT_ACTIONS
]

/**
 * Actions that, while a drill other than the host's is on, lead to no other screen or transition
 * than their siblings do (the card near its cap, other amounts, notes and keys, more time, the
 * language, a rate, a short wait): each would copy the drill's part of the graph once more.
 */
export const SIBLINGS_WHILE_DRILLING: ReadonlySet<string> = new Set([
  'tapCard 9398000055556666',
  'chooseAmount 5000',
  'chooseAmount 150000',
  'keypad 5',
  'keypad backspace',
  'submitAmount',
  'insertBill KZT 5000',
  'insertBill USD 20',
  'moreTime',
  'language zh',
  'setRate USD 471.25',
  'wait 1'
])

/**
 * How likely a walk is to take an action the machines do not weigh, against 1 for the others (GraphWalker's weighted
 * random): a trainer pulls a fault or the power goes less often than a customer acts, and a drill, once on, is cleared soon,
 * so walks get deep into the flow. The customer's own steps are weighed in the model (a transition's `meta.weight`:
 * choosing an amount, paying in cash and confirming are 2; modelWeights.ts).
 */
export function actionWeight(step: ActionStep): number {
  switch (step.do) {
    case 'fault':
      return 0.3
    case 'powerCut':
      return 0.2
    case 'restoreJournal':
      // The copy that lacks a note of the top-up just made is offered only where it shows something (olderJournal.ts).
      return isOlderCopyLackingANote(step) ? 1 : 0.05
    case 'wait':
      return 0.4
    case 'clearFault':
      return 3
    default:
      return 1
  }
}

const MAX_TYPED_DIGITS = 4

/** The device whose simulated fault is on, or null: generated paths drill one fault at a time. */
export function activeFault(runner: ScenarioRunner): Device | null {
  const { kiosk } = runner
  const validator = kiosk.validator().getSnapshot().context
  if (validator.condition || validator.jamNext || validator.counterfeitNext || validator.jammedNote) return 'billValidator'
  if (kiosk.cardReader().getSnapshot().context.readError) return 'cardReader'
  if (kiosk.host.fault) return 'host'
  if (kiosk.pos.fault) return 'pos'
  if (kiosk.printer.fault) return 'printer'
  if (kiosk.storageDrill()) return 'storage'
  return null
}

/** The actions possible now, with one fault at a time: a fault only when none is on, and clearing only the one that is. */
export function possibleActions(runner: ScenarioRunner, actions: readonly ActionStep[] = PATH_ACTIONS): ActionStep[] {
  const fault = activeFault(runner)
  const screen = runner.kiosk.screen()
  // A drill ends with its session: back at the attract screen, or out of service, staff clear the
  // fault first (or the power goes). A faulty card reader is the one drill that starts at the
  // attract screen: a customer's tap there fails.
  if (fault && (screen === 'idle' || screen === 'outOfService' || screen === 'storageFailed')) {
    const incidental = ['powerCut', 'language', 'setRate', 'insertBill']
    return actions.filter(
      (step) =>
        (step.do === 'clearFault' && step.device === fault) ||
        (fault === 'cardReader' && step.do === 'tapCard' && screen === 'idle') ||
        ((screen === 'outOfService' || screen === 'storageFailed') && incidental.includes(step.do) && meanwhileOf(step).length === 0) ||
        (fault === 'storage' && screen === 'storageFailed' && step.do === 'fault' && ON_A_FAILED_DISK.includes(actionName(step))) ||
        // Staff may enter service mode with the host link down (to collect the cash, print a report).
        (screen === 'outOfService' && isStaffStep(step) && staffStepPossible(step, runner.kiosk.snapshot(), runnerNow(runner)))
    )
  }
  const possible = actions.filter((step) => {
    const where = WHERE_IT_MATTERS[step.do]
    if (where && !where.includes(screen)) return false
    if (step.do === 'insertBill' && step.meanwhile) return fault === null && noteInFlightPossible(runner, step)
    // Replayed, a removeCard right after a step that waited through a card write pulls the card mid-write instead.
    if (step.do === 'removeCard') return !runner.waitedThroughCardWrite
    // A trainer may pile a second validator fault on a jam (jam again, stacker full): the validator must shrug it off.
    const onTop = fault === 'billValidator' && step.do === 'fault' && step.device === 'billValidator' && screen === 'billJam'
    if (step.do === 'fault') return (fault === null || onTop) && (DRILL_SCREENS[`${step.device} ${step.fault}`] ?? []).includes(screen)
    if (step.do === 'clearFault') return step.device === fault
    // Staff only where some role has a PIN (the staffOnDuty drill), and only where the service desk would carry the step out.
    if (isStaffStep(step)) return staffStepPossible(step, runner.kiosk.snapshot(), runnerNow(runner))
    // Four digits reach every kind of typed amount (too small, fine, too large for the card); more only repeat them.
    if (step.do === 'keypad' && step.key !== 'backspace' && runner.kiosk.snapshot().context.amountEntry.length >= MAX_TYPED_DIGITS) return false
    return runner.canPerform(step)
  })
  // Right after a top-up of several notes, the older journal copy that lacks all but the first (olderJournal.ts).
  if (screen === 'idle' && fault === null && possible.some((step) => step.do === 'restoreJournal')) {
    const older = olderCopyLackingANote(runner)
    if (older && !possible.some((step) => step.do === 'restoreJournal' && step.dropLast === older.dropLast)) possible.push(older)
  }
  return possible
}

/**
 * Whether the steps of an IN_FLIGHT_ACTIONS note are possible here: the validator drawing notes in on
 * the cash screen; the customer leaving (cancel, back) only with nothing paid and the note refused, so
 * it is on its way back, and the cancel question not open yet (a note being stacked keeps the customer there); staff only where some role has a PIN.
 */
function noteInFlightPossible(runner: ScenarioRunner, step: Extract<ActionStep, { do: 'insertBill' }>): boolean {
  const { kiosk } = runner
  if (kiosk.screen() !== 'cash' || !runner.canPerform(step)) return false
  const context = kiosk.snapshot().context
  const leaves = meanwhileOf(step).some((s) => s.do === 'cancel' || s.do === 'back')
  const refused = decideNote({ currency: step.currency, value: step.value }, noteContext(context)) !== null
  if (leaves && (!refused || context.pendingNote !== null || (context.transaction?.stacked.length ?? 0) > 0)) return false
  // Leaving is Cancel asked and answered: not with "Cancel the top-up?" already open (the first Cancel would answer it).
  if (leaves && kiosk.view().cancelQuestion !== null) return false
  const staff = meanwhileOf(step).filter(isStaffStep)
  if (staff.length === 0) return true
  // Staff come once the session ends: entry neither requested already nor locked by wrong PINs.
  const snapshot = kiosk.snapshot()
  const entryOpen = !context.serviceWaiting && pinState(snapshot, runnerNow(runner)) === context.config.service.maxPinAttempts
  return entryOpen && (!staff.some((s) => s.do === 'serviceLogin') || hasStaff(context.config))
}

/** A short stable name for an action, e.g. `insertBill KZT 1000`, `fault host down`, `wait 35`, `insertBill EUR 500 meanwhile cancel, fault host down`. */
export function actionName(step: ActionStep): string {
  let name = actionNames.get(step)
  if (name === undefined) {
    const { do: verb, ...rest } = step
    name =
      step.do === 'insertBill' && step.meanwhile
        ? `${verb} ${step.currency} ${step.value} meanwhile ${meanwhileOf(step).map(actionName).join(', ')}`
        : [verb, ...Object.values(rest).map(String)].join(' ')
    actionNames.set(step, name)
  }
  return name
}

/** actionName of each step met (walks ask for the same few dozen steps' names at every action); steps are not changed once made. */
const actionNames = new WeakMap<ActionStep, string>()
