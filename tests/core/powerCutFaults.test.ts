/**
 * Device faults across a power cut of the kiosk. The host link is remote and the POS terminal a
 * separate device; paper stays out of the printer, the stacker full, the card reader faulty: what a
 * trainer switched on is still on when the kiosk starts again from its journal (a scenario's
 * `powerCut`, or `KioskDeps.faultsAtPowerUp`). Not carried: a validator jam and the validator's
 * armed one-shot drills (a stuck note would need the recovery to know about it).
 */
import { describe, expect, it } from 'vitest'
import { DEMO_CARDS, type CardRecord } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal } from '../../src/core/journal'
import { Kiosk, NO_DEVICE_FAULTS } from '../../src/core/kiosk'
import { auditKiosk } from '../../src/core/kioskAudit'
import { summarizeTransactions } from '../../src/core/report'
import { ScenarioRunner } from '../../src/core/scenario/runner'
import { parseScenario, type Step } from '../../src/core/scenario/schema'
import { DEMO_CARD, START, testBootNonce } from './helpers'

/** A scenario runner on a virtual clock, an in-memory journal and the demo cards; steps are played one by one. */
function player(config: unknown = {}) {
  const initialCards: CardRecord[] = DEMO_CARDS.map((c) => ({ ...c }))
  const cards = new MemoryCardStore(initialCards)
  const journal = new MemoryJournal()
  const clock = new VirtualClock(START)
  const scenario = parseScenario({ config, steps: [{ do: 'wait', seconds: 1 }] })
  const runner = new ScenarioRunner(scenario, { clock, journal, cards })
  let index = 0
  /** Plays the steps; each must be possible (an expect step must hold). */
  const play = async (...steps: unknown[]) => {
    for (const raw of steps) {
      const step = parseScenario({ steps: [raw] }).steps[0] as Step
      const report = await runner.runStep(step, index++)
      expect(report, JSON.stringify(raw)).toMatchObject({ ok: true })
    }
  }
  const transaction = (id: string) => summarizeTransactions(journal.all(), scenario.config).find((t) => t.id === id)
  const audit = () => expect(auditKiosk(runner.kiosk, journal, cards, initialCards).violations).toEqual([])
  return { runner, cards, journal, clock, play, transaction, audit, screen: () => runner.kiosk.view().screen }
}

/** The id of transaction number `n` in the player's journal (ids carry each start's random part). */
const idOf = (p: { journal: { all(): { kind: string; data: Record<string, unknown> }[] } }, n: number) =>
  p.journal.all().find((r) => r.kind === 'transactionStarted' && r.data.number === n)?.data.transactionId as string
const cashIn = (kzt: number, note: number) => [
  { do: 'tapCard', number: DEMO_CARD },
  { do: 'chooseAmount', kzt },
  { do: 'payCash' },
  { do: 'insertBill', currency: 'KZT', value: note }
]
const topUp1000 = [...cashIn(1000, 1000), { do: 'confirm' }]

describe('device faults outlast a power cut', () => {
  it('host down: the restarted kiosk is out of service; cleared, it serves the next customer', async () => {
    const p = player()
    await p.play({ do: 'fault', device: 'host', fault: 'down' }, { expect: { screen: 'outOfService' } })
    const before = p.runner.kiosk
    await p.play({ do: 'powerCut' })
    expect(p.runner.kiosk).not.toBe(before)
    expect(p.runner.kiosk.host.fault).toBe('down')
    expect(p.runner.kiosk.deviceFaults()).toEqual({ ...NO_DEVICE_FAULTS, host: 'down' })
    expect(p.screen()).toBe('outOfService')
    expect(p.runner.kiosk.snapshot().context.hostDown).toBe(true)
    expect(p.runner.kiosk.send({ type: 'start' }).ok).toBe(false)
    await p.play({ do: 'clearFault', device: 'host' }, { expect: { screen: 'idle' } })
    await p.play(...topUp1000, { expect: { screen: 'receipt', transactionStatus: 'completed', balanceKzt: 1500 } })
    p.audit()
  })

  it('host down with a note stacked: the recovery cannot identify the card, flags the transaction, then out of service', async () => {
    const p = player()
    await p.play(...cashIn(3000, 2000), { do: 'fault', device: 'host', fault: 'down' }, { expect: { screen: 'cash', transactionStatus: 'pending' } })
    await p.play({ do: 'powerCut' })
    expect(p.journal.all().find((r) => r.kind === 'transactionFlagged')?.data).toMatchObject({
      transactionId: idOf(p, 1),
      reasons: ['creditOutcomeUnknown'],
      stacked: [{ value: 2000 }],
      credited: false
    })
    expect(p.transaction(idOf(p, 1))).toMatchObject({ status: 'flagged', creditedKzt: 2000 })
    expect(p.cards.get(DEMO_CARD)?.balanceKzt).toBe(500)
    // A reference receipt, as for any flagged top-up, though the host could not name the card; then out of service.
    expect(p.screen()).toBe('receipt')
    expect(p.runner.kiosk.view().receipt).toMatchObject({
      status: 'flagged',
      transactionId: idOf(p, 1),
      maskedCard: null,
      balanceBeforeKzt: null,
      balanceAfterKzt: null,
      notes: [{ value: 2000 }]
    })
    expect(p.journal.all().some((r) => r.kind === 'receiptPrinted' && r.data.transactionId === idOf(p, 1))).toBe(true)
    await p.play({ do: 'wait', seconds: 17 })
    expect(p.screen()).toBe('outOfService')
    await p.play({ do: 'clearFault', device: 'host' }, { expect: { screen: 'idle', balanceKzt: 500 } })
    p.audit()
  })

  it('host slow (12 s answers, 10 s host timeout): the recovery lookup times out and the transaction is flagged unidentified', async () => {
    const p = player({ devices: { host: { slowLatencyMs: 12_000 } } })
    await p.play(...cashIn(3000, 2000), { do: 'fault', device: 'host', fault: 'slow' })
    const cutAt = p.clock.now()
    await p.play({ do: 'powerCut' })
    expect(p.runner.kiosk.host.fault).toBe('slow')
    const flagged = p.journal.all().find((r) => r.kind === 'transactionFlagged')
    expect(flagged?.data).toMatchObject({ transactionId: idOf(p, 1), reasons: ['creditOutcomeUnknown'], stacked: [{ value: 2000 }], credited: false })
    expect(Date.parse(flagged!.time) - cutAt).toBe(10_000) // timeouts.hostSeconds, not the host's answer
    expect(p.screen()).toBe('receipt')
    expect(p.runner.kiosk.view().receipt).toMatchObject({ status: 'flagged', maskedCard: null })
    await p.play({ do: 'wait', seconds: 17 })
    expect(p.screen()).toBe('idle')
    expect(p.cards.get(DEMO_CARD)?.balanceKzt).toBe(500)
    await p.play({ do: 'clearFault', device: 'host' }, ...topUp1000, { expect: { screen: 'receipt', transactionStatus: 'completed', balanceKzt: 1500 } })
    p.audit()
  })

  it('printer out of paper: the restarted kiosk prints no receipt until the paper is refilled', async () => {
    const p = player()
    await p.play({ do: 'fault', device: 'printer', fault: 'paperOut' }, { do: 'powerCut' })
    expect(p.runner.kiosk.deviceFaults().printer).toBe('paperOut')
    await p.play(...topUp1000, { expect: { transactionStatus: 'completed', receiptPrinted: false, balanceKzt: 1500 } })
    expect(p.journal.all().find((r) => r.kind === 'receiptNotPrinted')?.data).toMatchObject({ transactionId: idOf(p, 1), reason: 'paperOut' })
    await p.play({ do: 'wait', seconds: 65 }, { expect: { screen: 'idle' } }, { do: 'clearFault', device: 'printer' })
    await p.play(...topUp1000, { expect: { transactionStatus: 'completed', receiptPrinted: true, balanceKzt: 2500 } })
    expect(p.transaction(idOf(p, 2))?.status).toBe('completed')
    p.audit()
  })

  it('stacker full: cash stays off after the restart (no note over capacity); emptied, the count starts afresh', async () => {
    const p = player({ devices: { billValidator: { stackerCapacity: 2 } } })
    await p.play(
      ...cashIn(2000, 1000),
      { do: 'insertBill', currency: 'KZT', value: 1000 },
      { do: 'confirm' },
      { do: 'wait', seconds: 65 },
      { expect: { screen: 'idle' } }
    )
    expect(p.runner.kiosk.technicianView().devices.billValidator.condition).toBe('stackerFull')
    await p.play({ do: 'powerCut' })
    const validator = p.runner.kiosk.technicianView().devices.billValidator
    expect(validator).toMatchObject({ condition: 'stackerFull', state: 'disabled', cashbox: [{ currency: 'KZT', value: 1000, count: 2 }] })
    await p.play({ do: 'tapCard', number: DEMO_CARD }, { do: 'chooseAmount', kzt: 1000 })
    expect(p.runner.kiosk.view()).toMatchObject({ cashUnavailable: 'stackerFull', paymentMethods: { cash: false, card: true } })
    expect(p.runner.canPerform({ do: 'payCash' })).toBe(false)
    await p.play({ do: 'cancel' }, { do: 'cancel' }, { do: 'clearFault', device: 'billValidator' }) // cancel asked and answered; staff emptied the stacker
    expect(p.runner.kiosk.technicianView().devices.billValidator).toMatchObject({ condition: null, cashbox: [] })
    await p.play({ do: 'removeCard' }, ...topUp1000, { expect: { transactionStatus: 'completed', balanceKzt: 3500 } })
    expect(p.runner.kiosk.technicianView().devices.billValidator.cashbox).toEqual([{ currency: 'KZT', value: 1000, count: 1 }])
    p.audit()
  })

  it('a faulty card reader and a declining POS terminal stay so; cleared after the restart, they work', async () => {
    const p = player()
    await p.play(
      { do: 'fault', device: 'cardReader', fault: 'readError' },
      { do: 'fault', device: 'pos', fault: 'decline', reason: 'wrongPin' },
      { do: 'powerCut' }
    )
    expect(p.runner.kiosk.deviceFaults()).toEqual({ ...NO_DEVICE_FAULTS, pos: { kind: 'decline', reason: 'wrongPin' }, cardReadError: true })
    await p.play({ do: 'tapCard', number: DEMO_CARD }, { expect: { screen: 'cardReadError' } })
    await p.play(
      { do: 'clearFault', device: 'cardReader' },
      { do: 'removeCard' },
      { do: 'tapCard', number: DEMO_CARD },
      { do: 'chooseAmount', kzt: 1000 },
      { do: 'payCard' },
      { expect: { screen: 'bankCardDeclined' } }
    )
    expect(p.runner.kiosk.view().bankCard?.declineReason).toBe('wrongPin')
    await p.play(
      { do: 'cancel' },
      { do: 'cancel' }, // the answer to "Cancel the top-up?"
      { do: 'clearFault', device: 'pos' },
      { do: 'removeCard' },
      { do: 'tapCard', number: DEMO_CARD },
      { do: 'chooseAmount', kzt: 1000 },
      { do: 'payCard' }
    )
    expect(p.cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
    p.audit()
  })

  it('not carried: a validator jam, and the armed jam and counterfeit drills', async () => {
    const p = player()
    await p.play(
      ...cashIn(3000, 1000),
      { do: 'fault', device: 'billValidator', fault: 'jam' },
      { do: 'insertBill', currency: 'KZT', value: 1000 },
      { expect: { screen: 'billJam' } }
    )
    expect(p.runner.kiosk.technicianView().devices.billValidator.condition).toBe('jam')
    expect(p.runner.kiosk.deviceFaults().validator).toBeNull()
    await p.play({ do: 'powerCut' })
    expect(p.runner.kiosk.technicianView().devices.billValidator).toMatchObject({ condition: null, jammedNote: null })

    const q = player()
    await q.play(...cashIn(3000, 1000), { do: 'fault', device: 'billValidator', fault: 'jam' }, { do: 'fault', device: 'billValidator', fault: 'counterfeit' })
    expect(q.runner.kiosk.technicianView().devices.billValidator).toMatchObject({ jamNext: true, counterfeitNext: true })
    await q.play({ do: 'powerCut' })
    expect(q.runner.kiosk.technicianView().devices.billValidator).toMatchObject({ condition: null, jamNext: false, counterfeitNext: false })
  })
})

describe('KioskDeps.faultsAtPowerUp', () => {
  const start = (faultsAtPowerUp: ConstructorParameters<typeof Kiosk>[0]['faultsAtPowerUp'], config: unknown = {}) => {
    const journal = new MemoryJournal()
    const clock = new VirtualClock(START)
    const kiosk = new Kiosk({ config: loadConfig(config), clock, journal, cards: new MemoryCardStore(DEMO_CARDS), faultsAtPowerUp, bootNonce: testBootNonce })
    return { kiosk, journal, clock }
  }

  it('puts the faults on before the first screen, reports them, and journals no deviceFault for them', async () => {
    const { kiosk, journal } = start({ host: 'down', printer: 'paperLow', validator: 'cassetteRemoved', cardReadError: true, pos: { kind: 'timeout' } })
    expect(kiosk.view().screen).toBe('outOfService')
    expect(kiosk.deviceFaults()).toEqual({
      host: 'down',
      pos: { kind: 'timeout' },
      printer: 'paperLow',
      validator: 'cassetteRemoved',
      cardReadError: true,
      storage: null
    })
    expect(kiosk.technicianView().devices).toMatchObject({
      host: { fault: 'down' },
      pos: { fault: 'timeout' },
      printer: { fault: 'paperLow' },
      billValidator: { condition: 'cassetteRemoved' },
      cardReader: { readError: true }
    })
    const kinds = journal.all().map((r) => r.kind)
    expect(kinds).not.toContain('deviceFault')
    // The validator reports its condition at power-up, as it does whenever it changes.
    expect(
      journal
        .all()
        .filter((r) => r.kind === 'validatorCondition')
        .map((r) => r.data)
    ).toEqual([{ condition: 'cassetteRemoved' }])
  })

  it('none given: no fault on', () => {
    const { kiosk } = start(undefined)
    expect(kiosk.deviceFaults()).toEqual(NO_DEVICE_FAULTS)
    expect(kiosk.view().screen).toBe('idle')
  })
})
