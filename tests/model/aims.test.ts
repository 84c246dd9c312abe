/**
 * What an action is there for that shows only after it (src/core/testing/aims.ts): where aimsOf names an aim, taking the
 * action (and, for a jam's notice, ending it) takes it; where the situation does not set it up, aimsOf names none. A walk
 * takes an aimed action while its aim is uncovered, so an aim that did not hold would keep it taking that action in vain.
 */
import { describe, expect, it } from 'vitest'
import { CoverageRecorder } from '../../src/core/coverage'
import type { ActionStep, Step } from '../../src/core/scenario/schema'
import { actionName, IN_FLIGHT_ACTIONS, inFlightAims, JAM_WHILE_STACKING, possibleActions } from '../../src/core/testing/actions'
import { aimsOf, pulledAims } from '../../src/core/testing/aims'
import { pathRunner, takeAndPull, takeAndRecord } from '../../src/core/testing/play'
import { profilesNamed, STAFF_PROFILE, STANDARD_PROFILE, type DrillProfile } from '../../src/core/testing/profiles'
import { STAFF_PINS } from '../../src/core/testing/staff'

const TO_CASH: ActionStep[] = [{ do: 'tapCard', number: '9398000011112222' }, { do: 'chooseAmount', kzt: 2000 }, { do: 'payCash' }]
const NOTE: ActionStep = { do: 'insertBill', currency: 'KZT', value: 1000 }
const JAM: ActionStep = { do: 'fault', device: 'billValidator', fault: 'jam' }
const WRONG_PIN: ActionStep = { do: 'serviceLogin', pin: '9999' }
const SLOW_HOST: ActionStep = { do: 'fault', device: 'host', fault: 'slow' }
const JAM_WITH_MONEY_IN = [
  'kiosk: kiosk.session.flow.billJam · customer.done #1',
  'kiosk: kiosk.session.flow.billJam · after noticeDisplay #1',
  'kiosk: kiosk.session.flow.closingTopUp · always #1'
]
const JAM_WITH_NOTHING_IN = [
  'kiosk: kiosk.session.flow.billJam · customer.done #2',
  'kiosk: kiosk.session.flow.billJam · after noticeDisplay #2',
  'kiosk: kiosk.session.flow.resuming · always #4'
]
const JAMMED_ON_TOP = ['billValidator: billValidator.jammed · condition #2', 'billValidator: billValidator.jammed · jam']

/**
 * Plays `before` on a fresh kiosk, asks aimsOf of `action` there, then plays it and `after`: the aims, and which of them
 * the recorder saw taken.
 */
async function aimed(before: ActionStep[], action: ActionStep, after: ActionStep[] = [], profile: DrillProfile = STANDARD_PROFILE) {
  const recorder = new CoverageRecorder()
  const runner = pathRunner([], recorder.inspect, profile)
  const steps = [...before, action, ...after]
  let aims: readonly string[] = []
  for (const [index, step] of steps.entries()) {
    if (index === before.length) aims = aimsOf(step, runner)
    const report = await runner.runStep(step, index)
    expect(report.ok, `${actionName(step)}: ${report.error}`).toBe(true)
  }
  runner.kiosk.stop()
  const uncovered = new Set(recorder.report().flatMap((m) => m.transitions.uncovered.map((t) => `${m.machine}: ${t}`)))
  return { aims, taken: aims.filter((aim) => !uncovered.has(aim)) }
}

describe('aimsOf', () => {
  it('a jam on a note being stacked after one was stacked: the notice ends in a credit of the money in (done, or its timer)', async () => {
    const jamWhileStacking = JAM_WHILE_STACKING
    expect(actionName(jamWhileStacking)).toBe('insertBill KZT 1000 meanwhile fault billValidator jam')
    const stackingJam = 'billValidator: billValidator.stacking · jam'
    const done = await aimed([...TO_CASH, NOTE], jamWhileStacking, [{ do: 'done' }])
    expect(done.aims).toEqual([stackingJam, ...JAM_WITH_MONEY_IN, ...JAMMED_ON_TOP])
    expect(done.taken).toEqual([stackingJam, 'kiosk: kiosk.session.flow.billJam · customer.done #1', 'kiosk: kiosk.session.flow.closingTopUp · always #1'])
    const waited = await aimed([...TO_CASH, NOTE], jamWhileStacking, [{ do: 'wait', seconds: 65 }])
    expect(waited.taken).toContain('kiosk: kiosk.session.flow.billJam · after noticeDisplay #1')
    // Another validator drill piled on the jam's notice: the jammed validator shrugs it off.
    const again = await aimed([...TO_CASH, NOTE], jamWhileStacking, [JAM])
    const stackerFull = await aimed([...TO_CASH, NOTE], jamWhileStacking, [{ do: 'fault', device: 'billValidator', fault: 'stackerFull' }])
    expect([...again.taken, ...stackerFull.taken]).toEqual(expect.arrayContaining(JAMMED_ON_TOP))
    // With nothing stacked, the notice ends in the note in doubt flagged; a power cut on it, the recovery flags it.
    const first = await aimed(TO_CASH, jamWhileStacking, [{ do: 'done' }])
    expect(first.aims).toEqual([stackingJam, ...JAM_WITH_NOTHING_IN, ...JAMMED_ON_TOP])
    expect(first.taken).toEqual([stackingJam, 'kiosk: kiosk.session.flow.billJam · customer.done #2'])
    expect((await aimed(TO_CASH, jamWhileStacking, [{ do: 'wait', seconds: 65 }])).taken).toContain(JAM_WITH_NOTHING_IN[1])
    expect((await aimed(TO_CASH, jamWhileStacking, [{ do: 'powerCut' }])).taken).toContain(JAM_WITH_NOTHING_IN[2])
  })

  it('the first note the kiosk takes, no drill on: there for a jam on the next, with money in', async () => {
    const first = await aimed(TO_CASH, NOTE, [JAM_WHILE_STACKING, { do: 'done' }])
    expect(first.aims).toEqual(JAM_WITH_MONEY_IN)
    expect(first.taken).toEqual(JAM_WITH_MONEY_IN.filter((a) => !a.includes('after noticeDisplay')))
    // A second note, a note given back, or a drill on (the jam on a note needs none): not there for it.
    // (A second note is there for a top-up of several notes: the older journal copy's conflict, the test below.)
    expect((await aimed([...TO_CASH, NOTE], NOTE)).aims).toEqual(['kiosk: kiosk.session.flow.crediting · error creditCard #1'])
    expect((await aimed(TO_CASH, { do: 'insertBill', currency: 'EUR', value: 500 })).aims).toEqual([])
    expect((await aimed([...TO_CASH, { do: 'fault', device: 'printer', fault: 'paperOut' }], NOTE)).aims).toEqual([])
  })

  it('a note the kiosk takes with a jam armed: the jam at the end of its stacking run', async () => {
    const armed = await aimed([...TO_CASH, JAM], NOTE)
    expect(armed.aims).toEqual(['billValidator: billValidator.stacking · after stackTime #1'])
    expect(armed.taken).toEqual(armed.aims)
    // A note it gives back never reaches the stacker.
    expect((await aimed([...TO_CASH, JAM], { do: 'insertBill', currency: 'EUR', value: 500 })).aims).toEqual([])
    // The jam switched on with no note in the path is there for it too: it waits armed for the next note.
    expect(await aimed(TO_CASH, JAM, [NOTE])).toEqual({ aims: armed.aims, taken: armed.aims })
    expect((await aimed(TO_CASH.slice(0, 2), JAM)).aims).toEqual([])
  })

  it('a power cut with money in while the host outwaits the kiosk: the recovery’s lookup times out', async () => {
    const slowHost = profilesNamed(['slowHost'])[0]!
    const cut: ActionStep = { do: 'powerCut' }
    const timedOut = await aimed([...TO_CASH, NOTE, SLOW_HOST], cut, [], slowHost)
    expect(timedOut.aims).toEqual(['kiosk: kiosk.session.flow.identifyingCard · after hostTimeout'])
    expect(timedOut.taken).toEqual(timedOut.aims)
    // The drill switched on with money in is there for it too: the power cut after it takes it (the confirm after it, the
    // credit outwaited: the test below).
    const drill = await aimed([...TO_CASH, NOTE], SLOW_HOST, [cut], slowHost)
    expect(drill.aims).toContain(timedOut.aims[0])
    expect(drill.taken).toEqual(timedOut.aims)
    // Under the factory timings the slow host still answers in time; with nothing paid there is nothing to recover.
    expect((await aimed([...TO_CASH, NOTE, SLOW_HOST], cut)).aims).toEqual([])
    expect((await aimed([...TO_CASH, SLOW_HOST], cut, [], slowHost)).aims).toEqual([])
    // Paid by bank card, the card typed and not yet on the reader for the write: the recovery looks it up too.
    const typed: ActionStep[] = [{ do: 'enterCard', digits: '11112222' }, { do: 'chooseAmount', kzt: 2000 }, { do: 'payCard' }]
    const writing = await aimed([...typed, SLOW_HOST], cut, [], slowHost)
    expect(writing).toEqual({ aims: timedOut.aims, taken: timedOut.aims })
    // Once the card is written, the top-up is done: nothing to recover.
    const written = [{ do: 'tapCard', number: '9398000011112222' }, { do: 'chooseAmount', kzt: 2000 }, { do: 'payCard' }] as ActionStep[]
    expect((await aimed([...written, SLOW_HOST], cut, [], slowHost)).aims).toEqual([])
  })

  it('pulled right after (pulledAims): money confirmed with the card on the reader, the card asked back; put back, the write given up', async () => {
    const givenUp = 'kiosk: kiosk.session.flow.writingCard · reader.writeFailed #1'
    const putBack: ActionStep = { do: 'tapCard', number: '9398000011112222' }
    const recorder = new CoverageRecorder()
    const steps: Step[] = []
    const runner = pathRunner(steps, recorder.inspect, STANDARD_PROFILE)
    for (const step of [...TO_CASH, NOTE]) await takeAndRecord(runner, steps, step)
    // The write the confirm starts is pulled mid-way (as a walk's pulled choice): the card is asked back.
    expect(pulledAims({ do: 'confirm' }, runner)).toEqual([givenUp])
    await takeAndPull(runner, steps, { do: 'confirm' })
    expect(runner.kiosk.snapshot().context.cardWrite).toMatchObject({ phase: 'waiting', askedBack: true })
    // Another card is not the one asked back; the same one, pulled again mid-write, and the write is given up.
    expect(pulledAims({ do: 'tapCard', number: '9398000055556666' }, runner)).toEqual([])
    expect(pulledAims(putBack, runner)).toEqual([givenUp])
    await takeAndPull(runner, steps, putBack)
    runner.kiosk.stop()
    expect(recorder.report()[0]!.transitions.uncovered).not.toContain(givenUp.replace('kiosk: ', ''))
    // With the host link down the confirm starts no write; a tap not pulled is no pull.
    const down = pathRunner([], undefined, STANDARD_PROFILE)
    for (const [index, step] of [...TO_CASH, NOTE, { do: 'fault', device: 'host', fault: 'down' } as ActionStep].entries()) await down.runStep(step, index)
    expect(pulledAims({ do: 'confirm' }, down)).toEqual([])
    expect(aimsOf({ do: 'confirm' }, down)).not.toContain(givenUp)
    down.kiosk.stop()
  })

  it('the host link lost while the kiosk waits for a typed card to write it, or the card put there with the link down: the confirmation refused', async () => {
    const refused = 'kiosk: kiosk.session.flow.finishing · error confirmCardWrite'
    const down: ActionStep = { do: 'fault', device: 'host', fault: 'down' }
    const card: ActionStep = { do: 'tapCard', number: '9398000011112222' }
    const waiting: ActionStep[] = [{ do: 'enterCard', digits: '11112222' }, TO_CASH[1]!, TO_CASH[2]!, NOTE, { do: 'confirm' }]
    expect(await aimed(waiting, down, [card])).toEqual({ aims: [refused], taken: [refused] })
    expect(await aimed([...waiting, down], card)).toEqual({ aims: [refused], taken: [refused] })
    // With the link up the card is written and confirmed; another card is not the one to write.
    expect((await aimed(waiting, card)).aims).toEqual([])
    expect((await aimed([...waiting, down], { do: 'tapCard', number: '9398000055556666' })).aims).toEqual([])
  })

  it('the host link lost on the cash screen with money in: the confirm that follows refused, retried until the attempts run out', async () => {
    const down: ActionStep = { do: 'fault', device: 'host', fault: 'down' }
    const refused = ['kiosk: kiosk.session.flow.crediting · error creditCard #2', 'kiosk: kiosk.session.flow.creditRetrying · always']
    const lookupRefused = 'kiosk: kiosk.session.flow.identifyingCard · error lookupCard'
    expect(await aimed([...TO_CASH, NOTE], down, [{ do: 'confirm' }])).toEqual({ aims: [...refused, lookupRefused], taken: refused })
    // A power cut instead: the recovery's lookup of the card is refused (the power cut itself is there for that).
    expect(await aimed([...TO_CASH, NOTE], down, [{ do: 'powerCut' }])).toEqual({ aims: [...refused, lookupRefused], taken: [lookupRefused] })
    expect(await aimed([...TO_CASH, NOTE, down], { do: 'powerCut' })).toEqual({ aims: [lookupRefused], taken: [lookupRefused] })
    // With nothing paid the kiosk closes the session instead.
    expect((await aimed(TO_CASH, down)).aims).toEqual([])
  })

  it('a wait on the cash screen outlasting the rate lock, nothing paid: a fresh quote, the validator enabled again', async () => {
    const patient = profilesNamed(['patientCustomer'])[0]!
    const requoted = ['kiosk: kiosk.session.flow.cash.open · always', 'billValidator: billValidator · enable']
    const wait: ActionStep = { do: 'wait', seconds: 65 }
    expect(await aimed(TO_CASH, wait, [], patient)).toEqual({ aims: requoted, taken: requoted })
    // Money in keeps the quote; under the factory timings the customer's time runs out first.
    expect((await aimed([...TO_CASH, NOTE], wait, [], patient)).aims).toEqual([])
    expect((await aimed(TO_CASH, wait)).aims).toEqual([])
  })

  it('a bank card the terminal declines or does not answer for (the drill, or paying with it on): back to choose again, or leave', async () => {
    const toPayment = TO_CASH.slice(0, 2)
    for (const fault of ['decline', 'timeout'] as const) {
      const screen = fault === 'decline' ? 'bankCardDeclined' : 'bankCardTimeout'
      const refused = [`kiosk: kiosk.session.flow.${screen} · customer.back`, `kiosk: kiosk.session.flow.${screen} · customer.cancel`]
      const drill: ActionStep = { do: 'fault', device: 'pos', fault }
      expect((await aimed(toPayment, drill)).aims, fault).toEqual(refused)
      const back = await aimed([...toPayment, drill], { do: 'payCard' }, [{ do: 'back' }])
      expect(back, fault).toEqual({ aims: refused, taken: [refused[0]] })
      const left = await aimed([...toPayment, drill], { do: 'payCard' }, [{ do: 'cancel' }, { do: 'cancel' }])
      expect(left.taken, fault).toEqual([refused[1]])
    }
    // Approved, with the host answering: nothing shows later.
    expect((await aimed(toPayment, { do: 'payCard' })).aims).toEqual([])
  })

  it('a bank card approved while the host is slower than the kiosk’s patience: the credit outwaited', async () => {
    const slowHost = profilesNamed(['slowHost'])[0]!
    const outwaited = 'kiosk: kiosk.session.flow.crediting · after hostTimeout'
    const slow = [TO_CASH[0]!, SLOW_HOST, TO_CASH[1]!]
    expect(await aimed(slow, { do: 'payCard' }, [{ do: 'wait', seconds: 35 }], slowHost)).toEqual({ aims: [outwaited], taken: [outwaited] })
    expect((await aimed(slow, { do: 'payCard' })).aims).toEqual([])
  })

  it('a note the kiosk takes while its stacking outlasts the customer’s time: timed out with the note on its way, another round', async () => {
    const slowStacker = profilesNamed(['slowStacker'])[0]!
    const onItsWay = 'kiosk: kiosk.session.flow.cash · session.timedOut #3'
    const first = await aimed(TO_CASH, NOTE, [], slowStacker)
    expect(first.aims).toEqual([...JAM_WITH_MONEY_IN, onItsWay])
    expect(first.taken).toEqual([onItsWay])
    // A note it gives back, or the factory timings: not there for it.
    expect((await aimed(TO_CASH, { do: 'insertBill', currency: 'EUR', value: 500 }, [], slowStacker)).aims).toEqual([])
    expect((await aimed(TO_CASH, NOTE)).aims).not.toContain(onItsWay)
  })

  it('cash chosen: there for what each note with something happening on its way shows (staff closing the kiosk where staff have PINs)', async () => {
    const closing = (note: ActionStep) => actionName(note).includes('setOutOfService')
    for (const profile of [STANDARD_PROFILE, STAFF_PROFILE]) {
      const notes = IN_FLIGHT_ACTIONS.filter((note) => profile === STAFF_PROFILE || !closing(note))
      const shown = new Set<string>()
      for (const note of notes) {
        const cash = await aimed(TO_CASH.slice(0, 2), TO_CASH[2]!, [note], profile)
        // Each note takes what it is there for, and cash was there for it.
        expect(cash.taken).toEqual(expect.arrayContaining([...inFlightAims(note)]))
        for (const aim of inFlightAims(note)) shown.add(aim)
      }
      const cash = await aimed(TO_CASH.slice(0, 2), TO_CASH[2]!, [], profile)
      expect(new Set(cash.aims)).toEqual(shown)
    }
    // Without staff PINs no one can close the kiosk: cash is not there for those notes.
    const standard = await aimed(TO_CASH.slice(0, 2), TO_CASH[2]!)
    expect(standard.aims).not.toContain('kiosk: kiosk.closedByStaff · validator.returned')
    expect((await aimed(TO_CASH.slice(0, 2), TO_CASH[2]!, [], STAFF_PROFILE)).aims).toContain('kiosk: kiosk.closedByStaff · validator.returned')
  })

  it('a key that leaves an amount typed the kiosk allows: submitted, the customer chooses how to pay', async () => {
    const submitted = 'kiosk: kiosk.session.flow.amount · customer.submitAmount #1'
    const amount = TO_CASH.slice(0, 1)
    const five: ActionStep = { do: 'keypad', key: '5' }
    // 555 ₸ is allowed; so is 555 again after a backspace from 5555.
    expect(await aimed([...amount, five, five], five, [{ do: 'submitAmount' }])).toEqual({ aims: [submitted], taken: [submitted] })
    expect(await aimed([...amount, five, five, five, five], { do: 'keypad', key: 'backspace' }, [{ do: 'submitAmount' }])).toEqual({
      aims: [submitted],
      taken: [submitted]
    })
    // 55 ₸ is under the minimum top-up; nothing typed is not submitted.
    expect((await aimed([...amount, five], five)).aims).toEqual([])
    expect((await aimed([...amount, five], { do: 'keypad', key: 'backspace' })).aims).toEqual([])
  })

  it('paid with the card on the reader under a write longer than a step waits: another tap, or a full disk, during the write', async () => {
    const slowCardWrite = profilesNamed(['slowCardWrite'])[0]!
    const tapped = 'cardReader: cardReader.writing · present'
    const cancelled = 'cardReader: cardReader.writing · cancelWrite'
    const other: ActionStep = { do: 'tapCard', number: '9398000055556666' }
    const diskFull: ActionStep = { do: 'fault', device: 'storage', fault: 'diskFull' }
    expect(await aimed([...TO_CASH, NOTE], { do: 'confirm' }, [other], slowCardWrite)).toEqual({ aims: [tapped, cancelled], taken: [tapped] })
    expect(await aimed(TO_CASH.slice(0, 2), { do: 'payCard' }, [diskFull], slowCardWrite)).toEqual({ aims: [tapped, cancelled], taken: [cancelled] })
    // Under the factory timings the write ends within the step.
    expect((await aimed([...TO_CASH, NOTE], { do: 'confirm' })).aims).toEqual([])
  })

  it('money confirmed with the host link down: the credit refused, retried until the attempts run out', async () => {
    const down: ActionStep = { do: 'fault', device: 'host', fault: 'down' }
    const refused = await aimed([...TO_CASH, NOTE, down], { do: 'confirm' })
    expect(refused.aims).toEqual(['kiosk: kiosk.session.flow.crediting · error creditCard #2', 'kiosk: kiosk.session.flow.creditRetrying · always'])
    expect(refused.taken).toEqual(refused.aims)
    expect((await aimed([...TO_CASH, NOTE], { do: 'confirm' })).aims).toEqual([])
  })

  it('a short wait on the done screen of a receipt that could not be printed: Done on the e-receipt', async () => {
    const unprinted: ActionStep[] = [
      { do: 'tapCard', number: '9398000011112222' },
      { do: 'chooseAmount', kzt: 2000 },
      { do: 'fault', device: 'printer', fault: 'paperOut' },
      { do: 'payCash' },
      NOTE,
      { do: 'confirm' }
    ]
    const eReceiptDone = 'kiosk: kiosk.session.flow.finishing.eReceipt · customer.done'
    const wait: ActionStep = { do: 'wait', seconds: 10 }
    expect(await aimed(unprinted, wait, [wait, { do: 'done' }])).toEqual({ aims: [eReceiptDone], taken: [eReceiptDone] })
    // Long enough to outlast the e-receipt, or on a printed receipt's done screen: not there for it.
    expect((await aimed(unprinted, { do: 'wait', seconds: 35 })).aims).toEqual([])
    expect(
      (
        await aimed(
          unprinted.filter((s) => s.do !== 'fault'),
          wait
        )
      ).aims
    ).toEqual([])
  })

  it('staff’s way to the lockout and back, asking again while it lasts: each step is there for the lockout where they came from', async () => {
    const idleLockout = 'kiosk: kiosk.idle · service.entryRequested #1'
    const way: ActionStep[] = [{ do: 'serviceEntry' }, WRONG_PIN, WRONG_PIN, WRONG_PIN, { do: 'serviceCancel' }]
    for (let i = 0; i < way.length; i++) expect((await aimed(way.slice(0, i), way[i]!, [], STAFF_PROFILE)).aims, actionName(way[i]!)).toEqual([idleLockout])
    // Asked for again while the lockout lasts: the lockout's transition at the attract screen.
    expect(await aimed(way, { do: 'serviceEntry' }, [], STAFF_PROFILE)).toEqual({ aims: [idleLockout], taken: [idleLockout] })
    const again = await aimed(way.slice(0, 4), { do: 'serviceCancel' }, [{ do: 'serviceEntry' }], STAFF_PROFILE)
    expect(again.taken).toEqual([idleLockout])
    // Out of service for the host, staff come back there.
    const down: ActionStep = { do: 'fault', device: 'host', fault: 'down' }
    const fromDown = await aimed([down, ...way.slice(0, 4)], { do: 'serviceCancel' }, [{ do: 'serviceEntry' }], STAFF_PROFILE)
    expect(fromDown).toEqual({
      aims: ['kiosk: kiosk.outOfService · service.entryRequested #1'],
      taken: ['kiosk: kiosk.outOfService · service.entryRequested #1']
    })
    // A right PIN is not on the way.
    expect((await aimed([{ do: 'serviceEntry' }], { do: 'serviceLogin', pin: STAFF_PINS.administrator }, [], STAFF_PROFILE)).aims).toEqual([])
  })

  it('money confirmed while the host gives no answer in time (its answer lost, or slow past the kiosk’s patience): the credit outwaited', async () => {
    const outwaited = 'kiosk: kiosk.session.flow.crediting · after hostTimeout'
    const lost: ActionStep = { do: 'fault', device: 'host', fault: 'timeoutAfterCredit' }
    expect(await aimed([...TO_CASH, NOTE, lost], { do: 'confirm' }, [{ do: 'wait', seconds: 35 }])).toEqual({ aims: [outwaited], taken: [outwaited] })
    const slowHost = profilesNamed(['slowHost'])[0]!
    expect(await aimed([...TO_CASH, NOTE, SLOW_HOST], { do: 'confirm' }, [{ do: 'wait', seconds: 35 }], slowHost)).toEqual({
      aims: [outwaited],
      taken: [outwaited]
    })
    // Under the factory timings the slow host answers in time.
    expect((await aimed([...TO_CASH, NOTE, SLOW_HOST], { do: 'confirm' })).aims).toEqual([])
  })

  it('the host made to give no answer in time before the customer pays (money in on the cash screen, or choosing how to pay): the credit outwaited', async () => {
    const outwaited = 'kiosk: kiosk.session.flow.crediting · after hostTimeout'
    const lost: ActionStep = { do: 'fault', device: 'host', fault: 'timeoutBeforeCredit' }
    const confirmed: ActionStep[] = [{ do: 'confirm' }, { do: 'wait', seconds: 35 }]
    expect(await aimed([...TO_CASH, NOTE], lost, confirmed)).toEqual({ aims: [outwaited], taken: [outwaited] })
    const slowHost = profilesNamed(['slowHost'])[0]!
    // The slow drill is there for a power cut's lookup outwaited too (a later power cut, not a confirm, takes that).
    const lookupOutwaited = 'kiosk: kiosk.session.flow.identifyingCard · after hostTimeout'
    expect(await aimed([...TO_CASH, NOTE], SLOW_HOST, confirmed, slowHost)).toEqual({ aims: [outwaited, lookupOutwaited], taken: [outwaited] })
    const paid: ActionStep[] = [{ do: 'payCard' }, { do: 'wait', seconds: 35 }]
    expect(await aimed(TO_CASH.slice(0, 2), lost, paid)).toEqual({ aims: [outwaited], taken: [outwaited] })
    // Nothing in yet on the cash screen (no confirm to follow), or a host that answers in time under the factory timings.
    expect((await aimed(TO_CASH, lost)).aims).toEqual([])
    expect((await aimed([...TO_CASH, NOTE], SLOW_HOST)).aims).toEqual([])
  })

  it('the host link down or slow while a card is written: the write’s confirmation refused or outwaited; a full disk: the write cancelled', async () => {
    // Under this profile a write (150 s) outlasts a step's settling (120 s): the next step comes in the middle of it.
    const slowWrite = profilesNamed(['slowCardWrite'])[0]!
    const down: ActionStep = { do: 'fault', device: 'host', fault: 'down' }
    const longWait: ActionStep = { do: 'wait', seconds: 200 }
    // A top-up's write after the credit: its confirmation goes while the receipt prints, and fails with the link down.
    const credited: ActionStep[] = [...TO_CASH, NOTE, { do: 'confirm' }]
    const topUp = await aimed(credited, down, [longWait], slowWrite)
    expect(topUp).toEqual({ aims: ['kiosk: kiosk.session.flow.finishing · error confirmCardWrite'], taken: topUp.aims })
    // Unconfirmed, the top-up stays pending at the host: the card's next tap writes it again (an activation).
    const activation: ActionStep[] = [...credited, down, longWait, { do: 'clearFault', device: 'host' }, longWait, TO_CASH[0]!]
    const refused = await aimed(activation, down, [longWait], slowWrite)
    expect(refused).toEqual({ aims: ['kiosk: kiosk.session.flow.confirmingActivation · error confirmCardWrite'], taken: refused.aims })
    const outwaited = await aimed(activation, SLOW_HOST, [longWait], slowWrite)
    expect(outwaited).toEqual({ aims: ['kiosk: kiosk.session.flow.confirmingActivation · after hostTimeout'], taken: outwaited.aims })
    const diskFull = await aimed(activation, { do: 'fault', device: 'storage', fault: 'diskFull' }, [], slowWrite)
    expect(diskFull).toEqual({ aims: ['cardReader: cardReader.writing · cancelWrite'], taken: diskFull.aims })
    // With no write in progress, none.
    expect((await aimed(TO_CASH, down)).aims).toEqual([])
  })

  it('a full stacker or the cassette out while the validator waits for notes: it stops taking them', async () => {
    const stops = 'billValidator: billValidator.idle · always'
    for (const fault of ['stackerFull', 'cassetteRemoved'] as const)
      expect(await aimed(TO_CASH, { do: 'fault', device: 'billValidator', fault }), fault).toEqual({ aims: [stops], taken: [stops] })
    // Before the cash screen the validator is not taking notes.
    expect((await aimed(TO_CASH.slice(0, 2), { do: 'fault', device: 'billValidator', fault: 'stackerFull' })).aims).toEqual([])
  })

  it('a counterfeit armed while the validator takes notes: the next note rejected, the kiosk told', async () => {
    const counterfeit: ActionStep = { do: 'fault', device: 'billValidator', fault: 'counterfeit' }
    const rejected = await aimed(TO_CASH, counterfeit, [NOTE])
    expect(rejected).toEqual({
      aims: ['billValidator: billValidator.idle · insert #1', 'kiosk: kiosk.session.flow · validator.rejected'],
      taken: rejected.aims
    })
    expect((await aimed(TO_CASH.slice(0, 2), counterfeit)).aims).toEqual([])
  })

  it('staff asking for service mode during a session: the attract screen opens it once the session ends', async () => {
    const afterSession = 'kiosk: kiosk.idle · always #3'
    const asked = await aimed(TO_CASH.slice(0, 2), { do: 'serviceEntry' }, [{ do: 'wait', seconds: 200 }], STAFF_PROFILE)
    expect(asked).toEqual({ aims: [afterSession], taken: [afterSession] })
    const door = await aimed(TO_CASH.slice(0, 2), { do: 'serviceDoor', open: true }, [], STAFF_PROFILE)
    expect(door.aims).toEqual([afterSession])
    // Asked already, or no session: not there for it.
    expect((await aimed([...TO_CASH.slice(0, 2), { do: 'serviceEntry' }], { do: 'serviceDoor', open: true }, [], STAFF_PROFILE)).aims).toEqual([])
  })

  it('a journal restored from an older copy lacking a note stacked before the credit, accepted by staff: the resumed credit refused as a conflict', async () => {
    const conflict = 'kiosk: kiosk.session.flow.crediting · error creditCard #1'
    const paid: ActionStep[] = [...TO_CASH, NOTE, { do: 'insertBill', currency: 'KZT', value: 5000 }, { do: 'confirm' }, { do: 'wait', seconds: 65 }]
    const runner = pathRunner([], undefined)
    for (const [index, step] of paid.entries()) expect((await runner.runStep(step, index)).ok).toBe(true)
    const kinds = runner.journal.all().map((r) => r.kind)
    runner.kiosk.stop()
    // How many records follow the first note's stacking, and the second's.
    const afterFirst = kinds.length - 1 - kinds.indexOf('noteStacked')
    const afterSecond = kinds.length - 1 - kinds.lastIndexOf('noteStacked')
    const accept: ActionStep = { do: 'acceptJournal' }
    const lacksSecond: ActionStep = { do: 'restoreJournal', dropLast: afterFirst }
    expect(await aimed(paid, lacksSecond, [accept])).toEqual({ aims: [conflict], taken: [conflict] })
    expect(await aimed([...paid, lacksSecond], accept)).toEqual({ aims: [conflict], taken: [conflict] })
    // Both notes there (the same amount asked for again: the host gives its earlier answer), or neither stacked (nothing
    // to credit: the note in doubt flagged).
    for (const dropLast of [afterSecond, afterFirst + 1]) expect((await aimed(paid, { do: 'restoreJournal', dropLast }, [accept])).aims).toEqual([])
    // The way there: a second note, the money of both confirmed; back at the attract screen, that older copy is offered.
    expect((await aimed(paid.slice(0, 4), paid[4]!)).aims).toContain(conflict)
    expect((await aimed(paid.slice(0, 5), paid[5]!)).aims).toContain(conflict)
    expect((await aimed(paid.slice(0, 4), paid[5]!)).aims).not.toContain(conflict)
    const idle = pathRunner([], undefined)
    for (const [index, step] of paid.entries()) await idle.runStep(step, index)
    const offered = possibleActions(idle).filter((step) => step.do === 'restoreJournal')
    idle.kiosk.stop()
    expect(offered).toEqual([{ do: 'restoreJournal', dropLast: 12 }, lacksSecond])
  })

  it('a power cut with only a jammed note in doubt, the host answering: the recovery flags the transaction', async () => {
    const flags = 'kiosk: kiosk.session.flow.resuming · always #4'
    const jammed = [...TO_CASH, JAM, NOTE]
    expect(await aimed(jammed, { do: 'powerCut' })).toEqual({ aims: [flags], taken: [flags] })
    // With money stacked the recovery credits it instead; with the host down it cannot find the card (its lookup refused).
    expect((await aimed([...TO_CASH, NOTE, JAM, NOTE], { do: 'powerCut' })).aims).toEqual([])
    const lookupRefused = 'kiosk: kiosk.session.flow.identifyingCard · error lookupCard'
    expect(await aimed([...jammed, { do: 'fault', device: 'host', fault: 'down' }], { do: 'powerCut' })).toEqual({
      aims: [lookupRefused],
      taken: [lookupRefused]
    })
  })

  it('Cancel where the kiosk asks "Cancel the top-up?" first: the screen’s own Cancel, once answered with Cancel again', async () => {
    const declined: ActionStep[] = [
      { do: 'tapCard', number: '9398000011112222' },
      { do: 'chooseAmount', kzt: 2000 },
      { do: 'fault', device: 'pos', fault: 'decline' },
      { do: 'payCard' }
    ]
    const cancelled = 'kiosk: kiosk.session.flow.bankCardDeclined · customer.cancel'
    expect(await aimed(declined, { do: 'cancel' }, [{ do: 'cancel' }])).toEqual({ aims: [cancelled], taken: [cancelled] })
    // With the question open, Cancel takes the transition itself: nothing shows only later.
    expect((await aimed([...declined, { do: 'cancel' }], { do: 'cancel' })).aims).toEqual([])
  })
})
