/**
 * Armed faults (docs/devices.md): a fault armed on a kiosk event fires at its n-th such event, not
 * earlier, through the technician's own path (journaled as a `deviceFault`), and strikes what is in
 * progress. One-shot; `disarm` calls them off; a power cut forgets them.
 */
import { describe, expect, it, vi } from 'vitest'
import { summarizeTransactions } from '../../src/core/report'
import { parseIntent, type Intent } from '../../src/core/protocol'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal } from '../../src/core/journal'
import { ScenarioRunner } from '../../src/core/scenario/runner'
import { parseScenario, type ScenarioError } from '../../src/core/scenario/schema'
import { DEMO_CARD, START, atCashScreen, expectMoneyInvariant, makeKiosk, moneyInvariantAfterEach, type TestKiosk } from './helpers'

moneyInvariantAfterEach()

const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })
const arm = (fields: Record<string, unknown>) => ({ type: 'arm', ...fields }) as Intent
const kinds = (k: TestKiosk) => k.journal.all().map((r) => r.kind)
const status = (k: TestKiosk) => summarizeTransactions(k.journal.all(), k.kiosk.snapshot().context.config).at(-1)?.status

/** A 1 000 ₸ cash top-up with the card left on the reader (it is written at once): up to the confirm, not waiting for what follows. */
async function payThousand(k: TestKiosk): Promise<void> {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 1000 })
  await k.act({ type: 'payCash' })
  await k.act(KZT(1000))
  k.kiosk.send({ type: 'confirm' })
}

describe('armed faults', () => {
  it('a jam on the 2nd stacked note: the first goes in, the second jams while stacking and is in doubt', async () => {
    const k = await atCashScreen(3000)
    const { kiosk, act, journal } = k
    expect(kiosk.send(arm({ when: 'noteStacking', nth: 2, then: { do: 'fault', device: 'billValidator', fault: 'jam' } }))).toEqual({ ok: true })
    expect(kiosk.technicianView().armed).toEqual([
      { id: 1, when: 'noteStacking', nth: 2, seen: 0, then: { do: 'fault', device: 'billValidator', fault: 'jam' } }
    ])
    // Armed on the event, not on the validator: nothing is set on the device yet.
    expect(kiosk.technicianView().devices.billValidator.jamNext).toBe(false)
    await act(KZT(1000))
    expect(kiosk.view().cash?.stacked).toEqual([{ currency: 'KZT', value: 1000 }])
    expect(kiosk.technicianView().armed[0]?.seen).toBe(1)
    expect(kinds(k)).not.toContain('deviceFault')
    await act(KZT(1000))
    expect(kiosk.view()).toMatchObject({ screen: 'billJam', notesInDoubt: [{ value: 1000 }], topUp: { breakdown: { creditedKzt: 1000 } } })
    expect(kiosk.technicianView().armed).toEqual([])
    expect(journal.all().find((r) => r.kind === 'noteInDoubt')?.data).toMatchObject({ note: { value: 1000 }, phase: 'stacking' })
    const order = kinds(k)
    expect(order.indexOf('deviceFault')).toBeGreaterThan(order.lastIndexOf('noteEscrowed'))
    expect(order.indexOf('deviceFault')).toBeLessThan(order.indexOf('noteInDoubt'))
    expect(journal.all().find((r) => r.kind === 'deviceFault')?.data).toEqual({ device: 'billValidator', fault: 'jam' })
    await act({ type: 'done' })
    await k.clock.advance(30_000)
    expect(status(k)).toBe('flagged')
    expect(k.cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
  })

  it('the host down after the 2nd credit: both credits succeed, then the kiosk sees the host down', async () => {
    const k = makeKiosk()
    const { kiosk, clock, journal, cards } = k
    kiosk.send(arm({ when: 'credited', nth: 2, then: { do: 'fault', device: 'host', fault: 'down' } }))
    await payThousand(k)
    await clock.advance(20_000)
    expect(status(k)).toBe('completed')
    expect(kiosk.host.fault).toBeNull()
    expect(kiosk.technicianView().armed[0]).toMatchObject({ seen: 1, nth: 2 })
    expect(kiosk.view().screen).toBe('idle')
    await k.act({ type: 'removeCard' })
    await payThousand(k)
    await clock.advance(20_000)
    expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(2500)
    expect(journal.all().filter((r) => r.kind === 'creditApplied')).toHaveLength(2)
    expect(kiosk.host.fault).toBe('down')
    // Down after that credit's answer: the fault is journaled right after the credit it waited for.
    const order = kinds(k)
    expect(order.indexOf('deviceFault')).toBe(order.lastIndexOf('creditApplied') + 1)
    expect(kiosk.view().screen).toBe('outOfService')
    expect(kiosk.technicianView().armed).toEqual([])
  })

  it('paper out during the next receipt: that receipt fails, the screen keeps it, nothing earlier was touched', async () => {
    const k = makeKiosk()
    const { kiosk, clock, journal } = k
    kiosk.send(arm({ when: 'receiptPrinting', then: { do: 'fault', device: 'printer', fault: 'paperOut' } }))
    await payThousand(k)
    await clock.advance(300) // crediting: no receipt yet
    expect(kiosk.printer.fault).toBeNull()
    await clock.advance(2_000)
    expect(kiosk.printer.fault).toBe('paperOut')
    expect(kiosk.view().receipt).toMatchObject({ status: 'completed', printed: 'failed' })
    expect(journal.all().find((r) => r.kind === 'receiptNotPrinted')?.data).toMatchObject({ reason: 'paperOut' })
    expect(kiosk.printer.printed).toEqual([])
    expect(kinds(k).indexOf('deviceFault')).toBeGreaterThan(kinds(k).indexOf('cardWritten'))
  })

  it('the card pulled during the next write: asked back and not put back, the top-up stays pending for the next tap', async () => {
    const k = makeKiosk()
    const { kiosk, clock, journal, cards } = k
    kiosk.send(arm({ when: 'cardWriting', then: { do: 'removeCard' } }))
    await payThousand(k)
    await clock.advance(2_000)
    expect(kiosk.technicianView().devices.cardReader.cardPresent).toBeNull()
    // The first pull asks the card back (issue 18); the write is given up once the wait for it runs out.
    expect(kiosk.view().cardWrite).toMatchObject({ phase: 'waiting', problem: 'pulled' })
    await clock.advance(30_000)
    expect(journal.all().find((r) => r.kind === 'cardWriteFailed')?.data).toMatchObject({ reason: 'notPresented' })
    expect(kinds(k)).not.toContain('cardWritten')
    expect(kiosk.view().receipt?.status).toBe('pending')
    expect(cards.pendingTopUps(DEMO_CARD)).toHaveLength(1)
    expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
  })

  it('the POS silent on the next payment: that payment times out, the one after it is approved once cleared', async () => {
    const k = makeKiosk()
    const { kiosk, act, clock, journal } = k
    kiosk.send(arm({ when: 'bankCardPayment', then: { do: 'fault', device: 'pos', fault: 'timeout' } }))
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'chooseAmount', kzt: 1000 })
    expect(kiosk.pos.fault).toBeNull()
    await act({ type: 'payCard' }, 59)
    expect(kiosk.pos.fault).toEqual({ kind: 'timeout' })
    expect(kiosk.view().screen).toBe('bankCard')
    await clock.advance(1000)
    expect(kiosk.view().screen).toBe('bankCardTimeout')
    expect(kinds(k)).toContain('cardTimedOut')
    expect(journal.all().find((r) => r.kind === 'deviceFault')?.data).toEqual({ device: 'pos', fault: 'timeout' })
    // One-shot: cleared by staff, the next payment goes through and nothing fires again.
    kiosk.send({ type: 'clearFault', device: 'pos' })
    await act({ type: 'back' })
    await act({ type: 'payCard' }, 3)
    expect(kiosk.view().screen).toBe('receipt')
    expect(journal.all().filter((r) => r.kind === 'deviceFault')).toHaveLength(2)
  })

  it('a decline armed with its reason acts on that payment', async () => {
    const k = makeKiosk()
    const { kiosk, act } = k
    kiosk.send(arm({ when: 'bankCardPayment', then: { do: 'fault', device: 'pos', fault: 'decline', reason: 'wrongPin' } }))
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'chooseAmount', kzt: 1000 })
    await act({ type: 'payCard' }, 3)
    expect(kiosk.view()).toMatchObject({ screen: 'bankCardDeclined', bankCard: { declineReason: 'wrongPin' } })
  })

  it('fires on the session started from the attract screen and on the note held in escrow', async () => {
    const k = makeKiosk()
    const { kiosk, act } = k
    kiosk.send(arm({ when: 'sessionStarted', then: { do: 'fault', device: 'printer', fault: 'paperLow' } }))
    kiosk.send(arm({ when: 'noteEscrowed', then: { do: 'fault', device: 'billValidator', fault: 'jam' } }))
    expect(kiosk.printer.fault).toBeNull()
    await act({ type: 'tapCard', number: DEMO_CARD })
    expect(kiosk.printer.fault).toBe('paperLow')
    await act({ type: 'chooseAmount', kzt: 1000 })
    await act({ type: 'payCash' })
    await act(KZT(1000))
    expect(kiosk.view()).toMatchObject({ screen: 'billJam', notesInDoubt: [{ value: 1000 }] })
    expect(kiosk.technicianView().armed).toEqual([])
    await act({ type: 'done' })
    await k.clock.advance(30_000)
  })

  it('tells the screens when a fault is armed, disarmed or counts an event', async () => {
    const { kiosk, act } = makeKiosk()
    const told = vi.fn()
    kiosk.subscribe(told)
    kiosk.send(arm({ when: 'sessionStarted', nth: 2, then: { do: 'removeCard' } }))
    expect(told).toHaveBeenCalledTimes(1)
    told.mockClear()
    let seenWhenTold: number[] = []
    kiosk.subscribe(() => (seenWhenTold = kiosk.technicianView().armed.map((a) => a.seen)))
    await act({ type: 'start' })
    expect(seenWhenTold).toEqual([1])
    told.mockClear()
    kiosk.send({ type: 'disarm' })
    expect(told).toHaveBeenCalledTimes(1)
  })

  it('disarm calls off every armed fault not yet fired', async () => {
    const k = await atCashScreen(2000)
    const { kiosk, act } = k
    kiosk.send(arm({ when: 'noteStacking', then: { do: 'fault', device: 'billValidator', fault: 'jam' } }))
    kiosk.send(arm({ when: 'receiptPrinting', then: { do: 'fault', device: 'printer', fault: 'jam' } }))
    expect(kiosk.technicianView().armed.map((a) => a.id)).toEqual([1, 2])
    expect(kiosk.send({ type: 'disarm' })).toEqual({ ok: true })
    expect(kiosk.technicianView().armed).toEqual([])
    await act(KZT(2000))
    expect(kiosk.view().cash?.stacked).toEqual([{ currency: 'KZT', value: 2000 }])
    await act({ type: 'confirm' }, 2)
    expect(kiosk.view().receipt).toMatchObject({ status: 'completed', printed: 'printed' })
    expect(kiosk.printer.printed).toHaveLength(1)
    expect(kinds(k)).not.toContain('deviceFault')
  })

  it('a power cut forgets them: the kiosk that starts from the journal has none armed', async () => {
    const initialCards = DEMO_CARDS.map((c) => ({ ...c }))
    const [clock, journal, cards] = [new VirtualClock(START), new MemoryJournal(), new MemoryCardStore(initialCards)]
    const steps = [
      { do: 'arm', when: 'sessionStarted', then: { do: 'fault', device: 'printer', fault: 'paperOut' } },
      { do: 'powerCut' },
      { do: 'start' },
      { expect: { screen: 'card' } }
    ]
    const scenario = parseScenario({ steps })
    const runner = new ScenarioRunner(scenario, { clock, journal, cards })
    const before = runner.kiosk
    expect(await runner.runStep(scenario.steps[0]!, 0)).toMatchObject({ ok: true })
    expect(before.technicianView().armed).toHaveLength(1)
    expect(runner.canPerform({ do: 'disarm' })).toBe(true)
    for (const [index, step] of scenario.steps.entries()) if (index > 0) expect(await runner.runStep(step, index)).toMatchObject({ ok: true })
    expect(runner.kiosk).not.toBe(before)
    expect(runner.kiosk.technicianView().armed).toEqual([])
    expect(runner.kiosk.printer.fault).toBeNull()
    expect(journal.all().some((r) => r.kind === 'deviceFault')).toBe(false)
    expectMoneyInvariant({ kiosk: runner.kiosk, journal, cards, initialCards })
  })

  describe('bad input names the field', () => {
    it.each([
      [{ when: 'noteStacked', then: { do: 'removeCard' } }, 'when: expected one of noteEscrowed, noteStacking'],
      [{ when: 'credited', nth: 0, then: { do: 'removeCard' } }, 'nth: expected an integer from 1 to 99'],
      [{ when: 'credited', then: { do: 'fault', device: 'printer', fault: 'down' } }, 'then.fault: expected one of paperLow, paperOut, jam for printer'],
      [{ when: 'credited', then: { do: 'fault', device: 'printer', fault: 'jam', reason: 'wrongPin' } }, 'then.reason: only a pos decline takes a reason'],
      [{ when: 'credited', then: { do: 'unplug' } }, 'then.do']
    ])('%j', (fields, error) => {
      const { kiosk } = makeKiosk()
      const result = kiosk.send(arm(fields))
      expect(result.ok).toBe(false)
      expect(!result.ok && result.error).toContain(error)
      expect(kiosk.technicianView().armed).toEqual([])
    })

    it('in an intent from a window: the protocol names it, and the kiosk screen may not arm', () => {
      const bad = { type: 'arm', when: 'credited', nth: 100, then: { do: 'fault', device: 'host', fault: 'paperOut' } }
      expect(parseIntent(bad, 'technician')).toEqual({ ok: false, error: 'invalid intent at nth: expected an integer from 1 to 99' })
      const wrongFault = { ...bad, nth: 2 }
      expect(parseIntent(wrongFault, 'technician')).toEqual({
        ok: false,
        error: 'invalid intent at then.fault: expected one of down, slow, timeoutAfterCredit, timeoutBeforeCredit for host'
      })
      const good = { type: 'arm', when: 'credited', nth: 2, then: { do: 'fault', device: 'host', fault: 'down' } }
      expect(parseIntent(good, 'technician')).toEqual({ ok: true, intent: good })
      expect(parseIntent(good, 'kiosk')).toEqual({ ok: false, error: 'the kiosk screen may not send "arm"' })
      expect(parseIntent({ type: 'disarm' }, 'kiosk')).toEqual({ ok: false, error: 'the kiosk screen may not send "disarm"' })
    })

    it('in a scenario file: the step and field are named', () => {
      const issues = (step: unknown) => {
        try {
          parseScenario({ steps: [{ do: 'start' }, step] })
        } catch (err) {
          return (err as ScenarioError).issues
        }
        throw new Error('expected the step to be refused')
      }
      expect(issues({ do: 'arm', when: 'credited', nth: 0, then: { do: 'removeCard' } })).toEqual(['steps[1].nth: expected an integer from 1 to 99'])
      expect(issues({ do: 'arm', when: 'noteStacked', then: { do: 'removeCard' } })[0]).toMatch(/^steps\[1\]\.when: expected one of noteEscrowed, /)
      expect(issues({ do: 'arm', when: 'credited', then: { do: 'fault', device: 'pos', fault: 'jam' } })).toEqual([
        'steps[1].then.fault: expected one of decline, timeout for pos'
      ])
      expect(issues({ do: 'disarm', when: 'credited' })).toEqual(['steps[1].when: unknown key'])
    })
  })
})
