/**
 * Restart after a crash: the kiosk rebuilds what it was doing from the journal and finishes it by
 * the rules — stacked notes credited once (same idempotency key), notes in the path handled as a
 * validator does at power-up, the cashbox count kept — and the money invariant holds.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal, type Journal } from '../../src/core/journal'
import { loadConfig } from '../../src/core/config'
import { Kiosk } from '../../src/core/kiosk'
import { summarizeTransactions } from '../../src/core/report'
import { DEMO_CARD, expectMoneyInvariant, makeKiosk, START, type TestKiosk, txId, testBootNonce } from './helpers'

const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })

/**
 * The kiosk loses power: the old runtime is abandoned as it is (its clock never moves again, so
 * nothing more of it runs) and a new one starts on the same journal and host database.
 */
function restart(k: TestKiosk, config: unknown = {}): TestKiosk {
  const clock = new VirtualClock(k.clock.now() + 5_000)
  const kiosk = new Kiosk({ config: loadConfig(config), clock, journal: k.journal, cards: k.cards, bootNonce: testBootNonce })
  const act = async (intent: Parameters<Kiosk['send']>[0], seconds = 2) => {
    const result = kiosk.send(intent)
    await clock.advance(seconds * 1000)
    return result
  }
  return { ...k, kiosk, clock, act, screen: () => kiosk.view().screen }
}

async function atCash(k: TestKiosk, amount: number) {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: amount })
  await k.act({ type: 'payCash' })
}

const statusOf = (k: TestKiosk, id = txId(1)) => summarizeTransactions(k.journal.all(), k.kiosk.snapshot().context.config).find((t) => t.id === id)

describe('recovery on start', () => {
  it('credits the notes stacked before the crash once, asks for the card, and leaves it pending when it is not presented', async () => {
    const k = makeKiosk()
    await k.act({ type: 'language', code: 'zh' })
    await atCash(k, 3000)
    await k.act(KZT(2000))
    const after = restart(k)
    expect(after.kiosk.view()).toMatchObject({ screen: 'crediting', resumed: true, language: 'zh' })
    await after.clock.advance(1000)
    expect(after.kiosk.view()).toMatchObject({ screen: 'cardWrite', resumed: true, cardWrite: { phase: 'waiting', amountKzt: 2000 } })
    expect(after.cards.get(DEMO_CARD)?.balanceKzt).toBe(2500)
    await after.clock.advance(30_000)
    expect(after.kiosk.view().receipt).toMatchObject({ status: 'pending', notes: [{ value: 2000 }], balanceAfterKzt: 2500 })
    expect(statusOf(after)).toMatchObject({ status: 'pending', stacked: [{ value: 2000 }] })
    expect(
      after.journal
        .all()
        .filter((r) => r.kind === 'kioskStarted')
        .find((r) => r.data.resuming)?.data.resuming
    ).toBe(txId(1))
    expectMoneyInvariant(after)
  })

  it('a customer still there presents the card and gets a completed top-up', async () => {
    const k = makeKiosk()
    await atCash(k, 1000)
    await k.act(KZT(1000))
    const after = restart(k)
    await after.clock.advance(1000)
    await after.act({ type: 'tapCard', number: DEMO_CARD })
    expect(after.kiosk.view()).toMatchObject({ screen: 'receipt', receipt: { status: 'completed' } })
    expect(statusOf(after)?.status).toBe('completed')
    expectMoneyInvariant(after)
  })

  it('a credit the host applied but whose answer the crash lost is asked again with the same key: credited once', async () => {
    const k = makeKiosk()
    await atCash(k, 1000)
    await k.act(KZT(1000))
    k.kiosk.send({ type: 'fault', device: 'host', fault: 'timeoutAfterCredit' })
    await k.act({ type: 'confirm' }, 1) // applied at the host, answer lost; the kiosk is still waiting
    expect(k.cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
    expect(k.journal.all().some((r) => r.kind === 'creditApplied')).toBe(false)
    const after = restart(k)
    await after.clock.advance(40_000)
    expect(after.cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
    expect(after.cards.appliedCredits()).toHaveLength(1)
    const requests = after.journal.all().filter((r) => r.kind === 'creditRequested')
    expect(requests.map((r) => r.data.attempt)).toEqual([1, 2]) // the attempt count goes on
    expect(statusOf(after)?.status).toBe('pending') // credited; the card was not presented
    expectMoneyInvariant(after)
  })

  it('a credit applied and answered but not yet written goes straight to the card write', async () => {
    const k = makeKiosk({ config: { devices: { cardReader: { writeMs: 5000 } } } })
    await atCash(k, 1000)
    await k.act(KZT(1000))
    await k.act({ type: 'confirm' }, 1) // credited; writing takes 5 s
    expect(k.journal.all().some((r) => r.kind === 'creditApplied')).toBe(true)
    const after = restart(k)
    await after.clock.advance(1000)
    expect(after.kiosk.view()).toMatchObject({ screen: 'cardWrite' })
    expect(after.journal.all().filter((r) => r.kind === 'creditRequested')).toHaveLength(1) // not asked again
    await after.act({ type: 'tapCard', number: DEMO_CARD })
    expect(statusOf(after)?.status).toBe('completed')
    expectMoneyInvariant(after)
  })

  it('a note being stacked at the crash is in doubt: journaled at power-up and the transaction flagged with it', async () => {
    const k = makeKiosk()
    await atCash(k, 5000)
    await k.act(KZT(2000))
    await k.act(KZT(1000), 0.2) // on its way into the cassette
    const after = restart(k)
    expect(after.journal.all().find((r) => r.kind === 'noteInDoubt')?.data).toEqual({
      transactionId: txId(1),
      note: { currency: 'KZT', value: 1000 },
      phase: 'powerUp'
    })
    await after.clock.advance(60_000)
    expect(statusOf(after)).toMatchObject({ status: 'flagged', stacked: [{ value: 2000 }], inDoubt: [{ value: 1000 }], creditedKzt: 2000 })
    expect(after.cards.get(DEMO_CARD)?.balanceKzt).toBe(2500)
    expectMoneyInvariant(after)
  })

  it('a note being returned at the crash is pushed back out at power-up; nothing paid, the transaction is cancelled', async () => {
    const capped = [{ number: DEMO_CARD, balanceKzt: 199_500, status: 'active' as const }]
    const k = makeKiosk({ cards: capped })
    await atCash(k, 500)
    await k.act(KZT(1000), 0) // over the cap: on its way back
    const after = restart(k)
    expect(
      after.journal
        .all()
        .filter((r) => r.kind === 'noteReturned')
        .at(-1)?.data
    ).toMatchObject({ reason: 'powerUp', note: { value: 1000 } })
    expect(after.kiosk.view().screen).toBe('idle')
    expect(statusOf(after)?.status).toBe('cancelled')
    expect(after.journal.all().find((r) => r.kind === 'transactionCancelled')?.data).toMatchObject({ reason: 'kioskRestarted' })
    expectMoneyInvariant(after)
  })

  it('a bank-card payment approved before the crash is credited', async () => {
    const k = makeKiosk()
    await k.act({ type: 'tapCard', number: DEMO_CARD })
    await k.act({ type: 'chooseAmount', kzt: 2000 })
    await k.act({ type: 'payCard' }, 1.6) // approved at 1.5 s, the credit on its way
    expect(k.journal.all().some((r) => r.kind === 'cardCharged')).toBe(true)
    const after = restart(k)
    await after.clock.advance(40_000)
    expect(after.cards.get(DEMO_CARD)?.balanceKzt).toBe(2500)
    expect(statusOf(after)?.status).toBe('pending')
    expectMoneyInvariant(after)
  })

  it('a host that cannot be reached at restart: the transaction is flagged for an operator, the notes listed', async () => {
    const k = makeKiosk()
    await atCash(k, 3000)
    await k.act(KZT(2000))
    const after = restart(k, { devices: { host: { latencyMs: 20_000 } } })
    await after.clock.advance(27_000) // the done screen stays 15 s
    expect(after.kiosk.view().screen).toBe('idle')
    expect(after.journal.all().find((r) => r.kind === 'transactionFlagged')?.data).toMatchObject({
      reasons: ['creditOutcomeUnknown'],
      stacked: [{ value: 2000 }]
    })
    expectMoneyInvariant(after)
  })

  it('keeps the cashbox count and the transaction numbers across the restart, and serves the next customer', async () => {
    const k = makeKiosk()
    await atCash(k, 2000)
    await k.act(KZT(1000))
    await k.act(KZT(1000))
    await k.act({ type: 'confirm' })
    await k.clock.advance(10_000)
    const after = restart(k)
    expect(after.kiosk.view().screen).toBe('idle')
    expect(after.kiosk.technicianView().devices.billValidator.cashbox).toEqual([{ currency: 'KZT', value: 1000, count: 2 }])
    await atCash(after, 1000)
    expect(after.kiosk.view().topUp?.transactionId).toBe(txId(2))
    expectMoneyInvariant(after)
  })

  it('a restart during the recovery finishes it all the same, credited once', async () => {
    const k = makeKiosk()
    await atCash(k, 3000)
    await k.act(KZT(2000))
    const first = restart(k)
    await first.clock.advance(400) // the credit is on its way
    const second = restart(first)
    await second.clock.advance(40_000)
    expect(second.cards.appliedCredits()).toHaveLength(1)
    expect(second.cards.get(DEMO_CARD)?.balanceKzt).toBe(2500)
    expectMoneyInvariant(second)
  })

  it('a crash right after the write failed, with a note in doubt: the restart still flags it (found by the crash harness)', async () => {
    const inner = new MemoryJournal()
    let frozen = false
    // The journal stops taking records right after cardWriteFailed: as if the power went then.
    const crashing: Journal = {
      append: (kind, data, time) => {
        if (frozen) return { seq: 0, time: '', kind, data, prevHash: '', hash: '' }
        const record = inner.append(kind, data, time)
        if (kind === 'cardWriteFailed') frozen = true
        return record
      },
      flush: () => inner.flush(),
      tail: (n) => inner.tail(n),
      all: () => inner.all(),
      stored: () => inner.stored(),
      close: () => {}
    }
    const clock = new VirtualClock(START)
    const cards = new MemoryCardStore(DEMO_CARDS)
    const before = new Kiosk({ config: loadConfig(), clock, journal: crashing, cards, bootNonce: testBootNonce })
    const k: TestKiosk = {
      kiosk: before,
      clock,
      journal: inner,
      cards,
      initialCards: DEMO_CARDS.map((c) => ({ ...c })),
      act: async (intent, seconds = 2) => {
        const r = before.send(intent)
        await clock.advance(seconds * 1000)
        return r
      },
      screen: () => before.view().screen
    }
    await k.act({ type: 'start' })
    for (const d of DEMO_CARD.slice(-8)) before.send({ type: 'keypad', key: d as '0' })
    await k.act({ type: 'submitCard' })
    await k.act({ type: 'chooseAmount', kzt: 5000 })
    await k.act({ type: 'payCash' })
    await k.act(KZT(2000))
    before.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
    await k.act(KZT(1000))
    await k.act({ type: 'done' }, 40) // credited; the card never presented: write failed, then the crash
    expect(frozen).toBe(true)
    expect(inner.all().some((r) => r.kind === 'transactionFlagged')).toBe(false)
    const after = restart(k)
    await after.clock.advance(60_000)
    expect(statusOf(after)).toMatchObject({ status: 'flagged', inDoubt: [{ value: 1000 }], stacked: [{ value: 2000 }] })
    expect(after.cards.appliedCredits()).toHaveLength(1)
    expectMoneyInvariant(after)
  })
})
