/**
 * What an action is there for that shows only after it: a quick-random walk takes an action whose transition is not
 * covered yet (freshTransitions), but what a note on its way, a jam armed, a power cut or staff's wrong PINs lead to shows
 * steps later, so it asks aimsOf. Each aim is what a trainer sets the drill up for; tests/model/aims.test.ts plays each
 * where aimsOf names it and checks it is taken.
 */
import type { ScenarioRunner } from '../scenario/runner'
import { SETTLE_LIMIT_MS } from '../scenario/runRules'
import type { ActionStep } from '../scenario/schema'
import type { KeypadKey } from '../protocol'
import type { KioskConfig } from '../config'
import { checkAmount, decideNote } from '../money'
import { applyKeypadKey, MAX_AMOUNT_DIGITS, noteContext, type CardWriteState } from '../machines/kioskContext'
import { activeFault, IN_FLIGHT_ACTIONS, inFlightAims, JAM_WHILE_STACKING } from './actions'
import { hasStaff, isStaffStep, STAFF_PINS } from './staff'
import { olderJournalAims, RESUMED_CREDIT_CONFLICT } from './olderJournal'

/** A jam on a second note, one stacked already: the notice ends in a credit of what was stacked, the jammed note in doubt. */
const JAM_WITH_MONEY_IN = [
  'kiosk: kiosk.session.flow.billJam · customer.done #1',
  'kiosk: kiosk.session.flow.billJam · after noticeDisplay #1',
  'kiosk: kiosk.session.flow.closingTopUp · always #1'
]
/** After a power cut with only a note in doubt and the card found, the recovery has nothing to credit: it flags the transaction. */
const RECOVERY_FLAGS_DOUBT = 'kiosk: kiosk.session.flow.resuming · always #4'
/** A jam on the first note: the notice ends in the transaction flagged (the note in doubt); a power cut then, the recovery flags it. */
const JAM_WITH_NOTHING_IN = [
  'kiosk: kiosk.session.flow.billJam · customer.done #2',
  'kiosk: kiosk.session.flow.billJam · after noticeDisplay #2',
  RECOVERY_FLAGS_DOUBT
]
/** A jammed validator shrugs off another validator drill piled on it (possible on the jam's notice). */
const JAMMED_ON_TOP = ['billValidator: billValidator.jammed · condition #2', 'billValidator: billValidator.jammed · jam']
/** What the notes with something happening on their way (IN_FLIGHT_ACTIONS, each taken on the cash screen) are there for. */
const IN_FLIGHT_LANDINGS = [...new Set(IN_FLIGHT_ACTIONS.flatMap(inFlightAims))]
/** Notes on their way back while staff close the kiosk (the in-flight notes with STAFF_CLOSE): landed on the closed kiosk. */
const STAFF_CLOSE_LANDINGS = ['kiosk: kiosk.closedByStaff · validator.returned', 'kiosk: kiosk.closedByStaff · validator.jammed']
/** After a power cut with money in, the card is looked up by its reference: a host slower than the kiosk's patience outlasts it. */
const RECOVERY_LOOKUP_TIMEOUT = 'kiosk: kiosk.session.flow.identifyingCard · after hostTimeout'
/** After a power cut with money in, the card is looked up by its reference: with the host link down, the lookup is refused. */
const RECOVERY_LOOKUP_REFUSED = 'kiosk: kiosk.session.flow.identifyingCard · error lookupCard'
/** Money confirmed with the host link down: the credit is refused, retried with the same key until the attempts run out, flagged. */
const CREDIT_REFUSED = ['kiosk: kiosk.session.flow.crediting · error creditCard #2', 'kiosk: kiosk.session.flow.creditRetrying · always']
/** A jam armed before a note the kiosk takes strikes at the end of its stacking run. */
const ARMED_JAM = 'billValidator: billValidator.stacking · after stackTime #1'

/**
 * What an action is there for that shows only after it, where the kiosk stands now (as coverageTotals names it):
 * - notes: a note's way (inFlightAims); cash chosen, what those notes show (staff closing the kiosk only where staff have
 *   PINs); a jam on a note being stacked, the notice's credit of the money in or, on the first note, the note in doubt flagged
 *   (a power cut on it, the recovery flagging it), and another drill piled on the jam; the first note taken, the jam on the
 *   next with money in; a note taken with a jam armed (or the jam switched on while the validator waits for notes), the jam
 *   at the end of its stacking; a counterfeit armed or the stacker full while the validator takes notes; a note taken while
 *   its stacking outlasts the customer's time, their time out with the note on its way;
 * - the host: a power cut while the host is slower than the kiosk's patience (or that drill switched on then) with money in
 *   or credited and the card not yet written, the recovery's lookup timing out (refused with the host link down, or the link
 *   lost on the cash screen with money in); money confirmed (or a bank card approved) with the host link down or giving no
 *   answer in time (or the host made so before the customer pays), the credit refused or outwaited; the link lost on the
 *   cash screen with money in, the confirm after it refused; the link lost while the kiosk waits for a card to write (or
 *   that card put there with the link down), the write's confirmation refused;
 * - the card write: paid under a write longer than a step waits, another tap and a full disk during it; a drill during a
 *   write, the write's confirmation refused or outwaited or the write cancelled (writeAims);
 * - the customer: a bank card declined or unanswered (or that drill), back to choose again or leaving; a key leaving an
 *   amount typed the kiosk allows, its submission; a wait on the cash screen outlasting the rate lock with nothing
 *   paid, a fresh quote; Cancel where the kiosk asks first, the screen's own Cancel (cancelAims); a short wait on the done
 *   screen of a receipt that could not be printed, Done on the e-receipt;
 * - staff: the way to the PIN lockout (lockoutAims), and asking for service mode during a session;
 * - an older journal copy: a later note and the confirm of several notes, then (at the attract screen) the copy lacking all
 *   but the first restored and staff accepting it, the resumed credit refused as a conflict (olderJournal.ts).
 * (What only a pull right after an action shows: pulledAims.)
 */
export function aimsOf(step: ActionStep, runner: ScenarioRunner): readonly string[] {
  if (isStaffStep(step)) return [...lockoutAims(step, runner), ...serviceAfterSessionAims(step, runner)]
  if (step.do === 'wait') return [...(waitsForEReceipt(step.seconds, runner) ? [E_RECEIPT_DONE] : []), ...requoteAims(step.seconds, runner)]
  if (step.do === 'tapCard') return cardBackWithHostDownAims(step, runner)
  if (step.do === 'fault' && step.device === 'host' && step.fault === 'down') {
    const confirmRefused = cardBackWithHostDownAims(step, runner)
    if (confirmRefused.length > 0) return confirmRefused
  }
  if (step.do === 'confirm')
    return runner.kiosk.screen() === 'cash' ? [...creditAims(runner), ...writeOutlastsStepAims(runner), ...severalNotesAims(runner)] : []
  if (step.do === 'payCard')
    return runner.kiosk.screen() !== 'paymentMethod'
      ? []
      : runner.kiosk.pos.fault
        ? (BANK_CARD_REFUSED[runner.kiosk.pos.fault.kind] ?? [])
        : [...creditOutwaitedAims(runner), ...writeOutlastsStepAims(runner)]
  if (step.do === 'fault' && step.device === 'pos') return BANK_CARD_REFUSED[step.fault] ?? []
  if (step.do === 'restoreJournal' || step.do === 'acceptJournal') return olderJournalAims(step, runner)
  if (step.do === 'cancel') return cancelAims(runner)
  if (step.do === 'keypad') return typedAmountAims(step.key, runner)
  if (step.do === 'fault' && runner.kiosk.cardReader().getSnapshot().matches('writing')) return writeAims(step, runner)
  if (step.do === 'fault' && step.device === 'billValidator')
    return runner.kiosk.validator().getSnapshot().matches('idle') ? (WHILE_TAKING_NOTES[step.fault] ?? []) : []
  const { context } = runner.kiosk.snapshot()
  const stacked = (context.transaction?.stacked.length ?? 0) > 0
  if (step === JAM_WHILE_STACKING) return [...inFlightAims(step), ...(stacked ? JAM_WITH_MONEY_IN : JAM_WITH_NOTHING_IN), ...JAMMED_ON_TOP]
  if (step.do === 'insertBill') {
    const taken =
      !step.meanwhile && runner.kiosk.screen() === 'cash' && decideNote({ currency: step.currency, value: step.value }, noteContext(context)) === null
    if (!taken) return inFlightAims(step)
    if (runner.kiosk.validator().getSnapshot().context.jamNext) return [ARMED_JAM]
    // The first note taken with no drill on is there for a jam on the next (JAM_WHILE_STACKING is possible with no drill on).
    const first = !stacked && activeFault(runner) === null ? JAM_WITH_MONEY_IN : []
    // A later note, no drill on: a top-up of several notes, whose older journal copy with only the first a walk restores.
    const later = stacked && activeFault(runner) === null ? [RESUMED_CREDIT_CONFLICT] : []
    return stackingOutlastsCustomer(context.config) ? [...first, ...later, TIMED_OUT_NOTE_ON_ITS_WAY] : [...first, ...later]
  }
  // Cash chosen: there for the notes with something happening on their way (staff closing the kiosk only where staff have PINs).
  if (step.do === 'payCash') return hasStaff(context.config) ? IN_FLIGHT_LANDINGS : IN_FLIGHT_LANDINGS.filter((aim) => !STAFF_CLOSE_LANDINGS.includes(aim))
  // The host link lost with money in on the cash screen: the confirm that follows is refused, a power cut's lookup too.
  if (step.do === 'fault' && step.device === 'host' && step.fault === 'down')
    return runner.kiosk.screen() === 'cash' && stacked ? [...CREDIT_REFUSED, RECOVERY_LOOKUP_REFUSED] : []
  // A power cut with the host link down: the recovery's lookup of the card is refused.
  if (step.do === 'powerCut' && runner.kiosk.host.fault === 'down' && recoveryLooksUpCard(runner)) return [RECOVERY_LOOKUP_REFUSED]
  // The host giving no answer in time from before the customer pays (money in on the cash screen, or choosing how to pay).
  const aboutToPay = (runner.kiosk.screen() === 'cash' && stacked) || (runner.kiosk.screen() === 'paymentMethod' && runner.kiosk.pos.fault === null)
  const outwaited = step.do === 'fault' && step.device === 'host' && aboutToPay && answersTooLate(step.fault, runner) ? [CREDIT_OUTWAITED] : []
  const slowHostDrill = step.do === 'fault' && step.device === 'host' && step.fault === 'slow'
  if (step.do !== 'powerCut' && !slowHostDrill) return outwaited
  // The slow host drill switched on then is there for the power cut's lookup too, when the host outwaits the kiosk's patience.
  const slow = slowHostDrill || runner.kiosk.host.fault === 'slow'
  if (slow && hostOutwaitsKiosk(runner) && recoveryLooksUpCard(runner)) return [...outwaited, RECOVERY_LOOKUP_TIMEOUT]
  // Before the credit (on the cash screen or the jam's notice), nothing stacked, a note in doubt (jammed while stacking), the
  // host answering the lookup: the recovery flags the note.
  const beforeCredit = context.credit === null && (runner.kiosk.screen() === 'cash' || runner.kiosk.screen() === 'billJam')
  const onlyInDoubt = !stacked && (context.transaction?.inDoubt.length ?? 0) > 0
  const flagsDoubt = step.do === 'powerCut' && beforeCredit && onlyInDoubt && runner.kiosk.host.fault !== 'down' && !slow
  return flagsDoubt ? [RECOVERY_FLAGS_DOUBT] : outwaited
}

/**
 * Whether a power cut now leaves the recovery a transaction to finish by looking its card up: money in (notes stacked or in
 * doubt, a bank card charged) or credited, and the top-up neither written onto the card nor ended (openTransactions).
 */
function recoveryLooksUpCard(runner: ScenarioRunner): boolean {
  const snapshot = runner.kiosk.snapshot()
  const { transaction, credit, cardWrite, flaggedAt } = snapshot.context
  if (!transaction || flaggedAt !== null || !snapshot.matches({ session: 'flow' })) return false
  const moneyIn = transaction.stacked.length > 0 || transaction.inDoubt.length > 0 || transaction.cardPayment != null || credit !== null
  const written = cardWrite?.purpose === 'topUp' && (cardWrite.phase === 'written' || cardWrite.phase === 'failed')
  const ended = snapshot.matches({ session: { flow: 'closingTopUp' } }) || snapshot.matches({ session: { flow: 'finishing' } })
  return moneyIn && !written && !ended
}

/** Whether the host's slow drill answers after the kiosk stopped waiting. */
function hostOutwaitsKiosk(runner: ScenarioRunner): boolean {
  const { devices, timeouts } = runner.kiosk.snapshot().context.config
  return devices.host.slowLatencyMs > timeouts.hostSeconds * 1000
}

/** The credit asked while the host gives no answer in time (slow past the kiosk's patience, or its answer lost): the kiosk stops waiting and retries. */
const CREDIT_OUTWAITED = 'kiosk: kiosk.session.flow.crediting · after hostTimeout'

/** Money confirmed on the cash screen: refused with the host link down, outwaited when the host gives no answer in time. */
function creditAims(runner: ScenarioRunner): readonly string[] {
  return runner.kiosk.host.fault === 'down' ? CREDIT_REFUSED : creditOutwaitedAims(runner)
}

/** Paid (cash confirmed, or a bank card the terminal approves) while the host gives no answer in time: the credit outwaited. */
function creditOutwaitedAims(runner: ScenarioRunner): readonly string[] {
  return answersTooLate(runner.kiosk.host.fault, runner) ? [CREDIT_OUTWAITED] : []
}

/** Whether the host under `fault` gives no answer in time: its answer lost (before or after the credit), or slow past the kiosk's patience. */
function answersTooLate(fault: string | null, runner: ScenarioRunner): boolean {
  return fault === 'timeoutAfterCredit' || fault === 'timeoutBeforeCredit' || (fault === 'slow' && hostOutwaitsKiosk(runner))
}

/** A bank card the terminal declines or does not answer for: the customer goes back to choose again, or leaves. */
const BANK_CARD_REFUSED: Partial<Record<string, readonly string[]>> = {
  decline: ['kiosk: kiosk.session.flow.bankCardDeclined · customer.back', 'kiosk: kiosk.session.flow.bankCardDeclined · customer.cancel'],
  timeout: ['kiosk: kiosk.session.flow.bankCardTimeout · customer.back', 'kiosk: kiosk.session.flow.bankCardTimeout · customer.cancel']
}

/** The customer's time (inactivity and its warning) runs out while a note is still being stacked: they get another round. */
const TIMED_OUT_NOTE_ON_ITS_WAY = 'kiosk: kiosk.session.flow.cash · session.timedOut #3'

/** Whether a note's stacking outlasts the customer's inactivity time and its warning (the slow stacker drill). */
function stackingOutlastsCustomer(config: KioskConfig): boolean {
  return config.devices.billValidator.stackMs > (config.timeouts.inactivitySeconds + config.timeouts.warningSeconds) * 1000
}

/** Once a card is written the kiosk tells the host (an activation's before going on, a top-up's while the receipt prints). */
const WRITE_CONFIRMATION = {
  activationRefused: 'kiosk: kiosk.session.flow.confirmingActivation · error confirmCardWrite',
  activationOutwaited: 'kiosk: kiosk.session.flow.confirmingActivation · after hostTimeout',
  topUpRefused: 'kiosk: kiosk.session.flow.finishing · error confirmCardWrite'
}
/** The disk failing in the middle of a write: the kiosk leaves the write, and the reader is told to stop. */
const WRITE_CANCELLED = 'cardReader: cardReader.writing · cancelWrite'

/**
 * A drill switched on while a card is being written: the host link down, or slow past the kiosk's patience, is there for the
 * write's confirmation refused or outwaited; a full disk for the write cancelled.
 */
function writeAims(step: Extract<ActionStep, { do: 'fault' }>, runner: ScenarioRunner): readonly string[] {
  if (step.device === 'storage') return step.fault === 'diskFull' ? [WRITE_CANCELLED] : []
  if (step.device !== 'host') return []
  const snapshot = runner.kiosk.snapshot()
  const activation = snapshot.matches({ session: { flow: 'activatingTopUps' } })
  if (step.fault === 'down')
    return activation ? [WRITE_CONFIRMATION.activationRefused] : snapshot.matches({ session: { flow: 'writingCard' } }) ? [WRITE_CONFIRMATION.topUpRefused] : []
  return activation && step.fault === 'slow' && hostOutwaitsKiosk(runner) ? [WRITE_CONFIRMATION.activationOutwaited] : []
}

/** Another card tapped while the reader writes the top-up onto the one it holds: the reader ignores it. */
const TAPPED_WHILE_WRITING = 'cardReader: cardReader.writing · present'

/**
 * Paid with the card on the reader and the host answering, under a write longer than a step waits (the slow card write
 * drill): the step ends in the middle of the write, where another tap and a full disk are there to be tried.
 */
function writeOutlastsStepAims(runner: ScenarioRunner): readonly string[] {
  const cardOnReader = runner.kiosk.cardReader().getSnapshot().context.card !== null
  const slowWrite = runner.kiosk.snapshot().context.config.devices.cardReader.writeMs > SETTLE_LIMIT_MS
  return cardOnReader && slowWrite && runner.kiosk.host.fault === null ? [TAPPED_WHILE_WRITING, WRITE_CANCELLED] : []
}

/** A card pulled mid-write once more after it was asked back: the kiosk gives the write up (the top-up stays pending). */
const WRITE_GIVEN_UP = 'kiosk: kiosk.session.flow.writingCard · reader.writeFailed #1'

/**
 * What an action taken with the card pulled right after it is there for (a walk's pulled choice; the pull comes in the middle
 * of a write the action starts): the card asked back after a pull mid-write, put back and pulled again, the write given up;
 * an action that starts a top-up's write with the card on the reader (money confirmed, a bank card paid), the card asked back
 * for that.
 */
export function pulledAims(step: ActionStep, runner: ScenarioRunner): readonly string[] {
  if (step.do !== 'tapCard' && step.do !== 'confirm' && step.do !== 'payCard') return []
  if (step.do === 'tapCard') return waitingToWriteTopUp(runner)?.askedBack && isSessionCard(step, runner) ? [WRITE_GIVEN_UP] : []
  const screen = runner.kiosk.screen()
  const paid = (step.do === 'confirm' && screen === 'cash') || (step.do === 'payCard' && screen === 'paymentMethod' && runner.kiosk.pos.fault === null)
  const cardOnReader = runner.kiosk.cardReader().getSnapshot().context.card !== null
  return paid && cardOnReader && runner.kiosk.host.fault === null ? [WRITE_GIVEN_UP] : []
}

/**
 * While the kiosk waits for the card to write a top-up onto it (typed, or lifted): the host link lost then is there for the
 * write's confirmation refused once the card is put on the reader, and so is the card put on the reader with the link down.
 */
function cardBackWithHostDownAims(step: Extract<ActionStep, { do: 'tapCard' | 'fault' }>, runner: ScenarioRunner): readonly string[] {
  if (!waitingToWriteTopUp(runner) || runner.kiosk.cardReader().getSnapshot().context.card !== null) return []
  if (step.do === 'fault') return [WRITE_CONFIRMATION.topUpRefused]
  return isSessionCard(step, runner) && runner.kiosk.host.fault === 'down' ? [WRITE_CONFIRMATION.topUpRefused] : []
}

/** The top-up's card write while the kiosk waits for the card on the reader (typed, lifted, or asked back), or null. */
function waitingToWriteTopUp(runner: ScenarioRunner): CardWriteState | null {
  const snapshot = runner.kiosk.snapshot()
  const write = snapshot.context.cardWrite
  return write?.purpose === 'topUp' && write.phase === 'waiting' && snapshot.matches({ session: { flow: 'writingCard' } }) ? write : null
}

/** A tap of the session's card (a tap without a number is of that card). */
function isSessionCard(step: Extract<ActionStep, { do: 'tapCard' }>, runner: ScenarioRunner): boolean {
  return step.number === undefined || step.number === runner.kiosk.snapshot().context.card?.number
}

/** The quote runs out on the cash screen with nothing paid: a fresh one is taken (the validator enabled again). */
const REQUOTED = ['kiosk: kiosk.session.flow.cash.open · always', 'billValidator: billValidator · enable']

/** A wait on the cash screen, nothing paid, outlasting the rate lock but not the customer's time (the patient customer drill). */
function requoteAims(seconds: number, runner: ScenarioRunner): readonly string[] {
  const { context } = runner.kiosk.snapshot()
  const { rateLockSeconds, inactivitySeconds } = context.config.timeouts
  const nothingPaid = (context.transaction?.stacked.length ?? 0) === 0 && context.pendingNote === null
  return runner.kiosk.screen() === 'cash' && nothingPaid && seconds >= rateLockSeconds && seconds < inactivitySeconds ? REQUOTED : []
}

/** A full stacker or the cassette out while the validator waits for notes: it stops taking them. */
const VALIDATOR_STOPS_TAKING = 'billValidator: billValidator.idle · always'

/**
 * A validator drill switched on while it waits for notes: a full stacker or the cassette out stops it taking them; a
 * counterfeit armed has the next note rejected by the validator (and the kiosk told); a jam, with no note in the path,
 * waits armed for the next note the kiosk takes.
 */
const WHILE_TAKING_NOTES: Partial<Record<string, readonly string[]>> = {
  stackerFull: [VALIDATOR_STOPS_TAKING],
  cassetteRemoved: [VALIDATOR_STOPS_TAKING],
  counterfeit: ['billValidator: billValidator.idle · insert #1', 'kiosk: kiosk.session.flow · validator.rejected'],
  jam: [ARMED_JAM]
}

/** Staff who ask for service mode during a session get it when the session ends. */
const SERVICE_AFTER_SESSION = 'kiosk: kiosk.idle · always #3'

/** Staff asking for service mode (the gesture or the door) while a customer is served, not asked already. */
function serviceAfterSessionAims(step: ActionStep, runner: ScenarioRunner): readonly string[] {
  const snapshot = runner.kiosk.snapshot()
  const asking = step.do === 'serviceEntry' || (step.do === 'serviceDoor' && step.open)
  return asking && snapshot.matches('session') && !snapshot.context.serviceWaiting ? [SERVICE_AFTER_SESSION] : []
}

/** Done tapped on the e-receipt: the QR code of a receipt that could not be printed, shown after the done screen's time. */
const E_RECEIPT_DONE = 'kiosk: kiosk.session.flow.finishing.eReceipt · customer.done'

/**
 * A wait on the done screen of a receipt that could not be printed, too short to outlast the e-receipt shown after it: it
 * ends on the done screen or the e-receipt, where Done is then the customer's to tap.
 */
function waitsForEReceipt(seconds: number, runner: ScenarioRunner): boolean {
  const snapshot = runner.kiosk.snapshot()
  const { doneSeconds, eReceiptSeconds } = snapshot.context.config.timeouts
  return (
    snapshot.matches({ session: { flow: { finishing: 'receipt' } } }) &&
    snapshot.context.receiptPrinting === 'failed' &&
    seconds < eReceiptSeconds - doneSeconds
  )
}

/**
 * Staff locked out asking again: service mode asked for where no customer is, three wrong PINs, the lockout left with Cancel
 * or the door closed, then asked for again while it lasts. Each step of the way is there for the lockout's transition at the
 * screen staff came from (and go back to): the attract screen, out of service for the host, or closed by staff.
 */
function lockoutAims(step: ActionStep, runner: ScenarioRunner): readonly string[] {
  const snapshot = runner.kiosk.snapshot()
  const { context } = snapshot
  // Where staff come from, and go back to: closed by staff, out of service for the host, or the attract screen.
  const from = context.closedReason !== null ? 'closedByStaff' : context.hostDown ? 'outOfService' : 'idle'
  const back = `kiosk: kiosk.${from} · service.entryRequested #1`
  const screen = runner.kiosk.screen()
  const asking = (step.do === 'serviceEntry' || (step.do === 'serviceDoor' && step.open)) && (screen === 'idle' || screen === 'outOfService')
  const wrongPin = step.do === 'serviceLogin' && screen === 'servicePin' && !Object.values(STAFF_PINS).includes(step.pin)
  const leaving = (step.do === 'serviceCancel' || (step.do === 'serviceDoor' && !step.open)) && screen === 'serviceLocked'
  return asking || wrongPin || leaving ? [back] : []
}

/**
 * Cancel where the kiosk asks "Cancel the top-up?" first: the question is there for the screen's own Cancel, taken once it
 * is answered with Cancel again (a declined or timed-out bank card, the amount, the payment method, the cash screen).
 */
function cancelAims(runner: ScenarioRunner): readonly string[] {
  const snapshot = runner.kiosk.snapshot()
  const asks = snapshot.machine.getTransitionData(snapshot, { type: 'customer.cancel' }).some((t) => t.source.id === CANCEL_QUESTION_CLOSED)
  if (!asks) return []
  return snapshot._nodes.filter((node) => node.id.startsWith(FLOW)).map((node) => `kiosk: ${node.id} · customer.cancel`)
}

const CANCEL_QUESTION_CLOSED = 'kiosk.session.cancelQuestion.closed'
const FLOW = 'kiosk.session.flow.'

/** An amount typed on the keypad (not a preset chosen) that the kiosk allows: submitted, the customer chooses how to pay. */
const TYPED_AMOUNT_SUBMITTED = 'kiosk: kiosk.session.flow.amount · customer.submitAmount #1'

/** A key on the amount screen that leaves an amount typed the kiosk allows: there for submitting it. */
function typedAmountAims(key: KeypadKey, runner: ScenarioRunner): readonly string[] {
  if (runner.kiosk.screen() !== 'amount') return []
  const { amountEntry, card, config } = runner.kiosk.snapshot().context
  const entry = applyKeypadKey(amountEntry, key, MAX_AMOUNT_DIGITS)
  if (entry === '' || card === null) return []
  return checkAmount(Number(entry), card.balanceKzt, config.limits, config.bonus) === null ? [TYPED_AMOUNT_SUBMITTED] : []
}

/** Money of several notes confirmed, no drill on: at the attract screen after it, the older journal copy with only the first. */
function severalNotesAims(runner: ScenarioRunner): readonly string[] {
  const stacked = runner.kiosk.snapshot().context.transaction?.stacked.length ?? 0
  return stacked > 1 && activeFault(runner) === null ? [RESUMED_CREDIT_CONFLICT] : []
}
