/**
 * A transaction id never repeats, and a host that meets one again for other money never says yes.
 * Ids are `<terminal>-<number>-<8 characters>` with the characters derived from each start's secret
 * nonce: two kiosks that begin numbering afresh (a journal restored, deleted, a reinstall) give
 * different ids to the same number. Should a key come back all the same, the host refuses it as a
 * conflict and the kiosk flags the top-up with its reference: nothing credited twice, nothing lost.
 */
import { describe, expect, it } from 'vitest'
import { auditKiosk } from '../../src/core/kioskAudit'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal } from '../../src/core/journal'
import { fixedBootNonce, Kiosk } from '../../src/core/kiosk'
import { receiptTokenFor, transactionIdFor } from '../../src/core/machines/kioskContext'
import type { Intent } from '../../src/core/protocol'
import { DEMO_CARD, START } from './helpers'

/** A kiosk on a fresh journal (numbering from 1) over the given host store. */
function freshKiosk(cards: MemoryCardStore, bootNonce?: string) {
  const clock = new VirtualClock(START)
  const journal = new MemoryJournal()
  const kiosk = new Kiosk({ config: loadConfig(), clock, journal, cards, ...(bootNonce ? { bootNonce: () => bootNonce } : {}) })
  const act = async (intent: Intent, seconds = 2) => {
    kiosk.send(intent)
    await clock.advance(seconds * 1000)
  }
  return { kiosk, journal, clock, act }
}

async function topUp(act: (intent: Intent, seconds?: number) => Promise<void>, kzt: number) {
  await act({ type: 'tapCard', number: DEMO_CARD })
  await act({ type: 'chooseAmount', kzt })
  await act({ type: 'payCash' })
  await act({ type: 'insertBill', currency: 'KZT', value: kzt })
  await act({ type: 'confirm' })
}

describe('transaction ids', () => {
  it('differ between two kiosks that number afresh (journal lost or restored), so the host credits both', async () => {
    const cards = new MemoryCardStore(DEMO_CARDS)
    const a = freshKiosk(cards)
    await topUp(a.act, 1000)
    const b = freshKiosk(cards)
    await topUp(b.act, 1000)
    const ids = [a, b].map((k) => k.kiosk.view().receipt!.transactionId)
    expect(ids[0]).toMatch(/^00412783-000001-[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(ids[1]).toMatch(/^00412783-000001-[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(ids[0]).not.toBe(ids[1])
    expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(2500)
    expect(cards.appliedCredits().map((c) => c.transactionId)).toEqual(ids)
  })

  it('are derived from the start nonce and the number: stable for one start, unrelated across starts', () => {
    const nonce = fixedBootNonce('one start')
    expect(transactionIdFor('00412783', 7, nonce)).toBe(transactionIdFor('00412783', 7, nonce))
    const suffixes = new Set(Array.from({ length: 2000 }, (_, i) => transactionIdFor('00412783', 1, fixedBootNonce(`start ${i}`)).slice(-8)))
    expect(suffixes.size).toBe(2000)
  })

  it('give e-receipt tokens of 128 bits that are neither the id nor guessable from a neighbour', () => {
    const nonce = fixedBootNonce('tokens')
    const tokens = Array.from({ length: 50 }, (_, i) => receiptTokenFor(i + 1, nonce))
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(new Set(tokens).size).toBe(50)
    // Consecutive numbers share no prefix longer than chance would give.
    const shared = tokens.slice(1).map((t, i) => [...t].findIndex((c, j) => c !== tokens[i]![j]))
    expect(Math.max(...shared)).toBeLessThan(4)
  })
})

describe('a reused idempotency key', () => {
  it('for another amount is a conflict at the host: the top-up is flagged with its reference, the earlier credit untouched, nothing doubled', async () => {
    const cards = new MemoryCardStore(DEMO_CARDS)
    // The same start nonce twice: the id collision a restored journal could cause if ids were only numbers.
    const nonce = fixedBootNonce('repeated start')
    const first = freshKiosk(cards, nonce)
    await topUp(first.act, 1000)
    expect(first.kiosk.view().receipt?.status).toBe('completed')
    const second = freshKiosk(cards, nonce)
    await topUp(second.act, 2000)
    const receipt = second.kiosk.view().receipt!
    expect(receipt.transactionId).toBe(first.kiosk.view().receipt?.transactionId)
    expect(receipt).toMatchObject({ status: 'flagged', balanceAfterKzt: null, notes: [{ currency: 'KZT', value: 2000 }] })
    const records = second.journal.all()
    expect(records.find((r) => r.kind === 'creditFailed')?.data).toMatchObject({ reason: 'conflict', attempt: 1 })
    expect(records.filter((r) => r.kind === 'creditRequested')).toHaveLength(1) // a conflict is not retried
    expect(records.find((r) => r.kind === 'transactionFlagged')?.data).toMatchObject({
      reasons: ['creditConflict'],
      stacked: [{ value: 2000 }],
      credited: false
    })
    // The host kept the first credit only; the customer's 2 000 ₸ are in the flag, with the reference.
    expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
    expect(cards.appliedCredits()).toHaveLength(1)
    // The second kiosk's journal accounts for its money: flagged with the notes listed, and the host's credit under the key is the first one's.
    expect(auditKiosk(second.kiosk, second.journal, cards, DEMO_CARDS).violations.filter((v) => !v.startsWith('host: credit'))).toEqual([])
  })

  it('for the same card and amount is the same credit, answered with its first result (a retry, not a new top-up)', async () => {
    const cards = new MemoryCardStore(DEMO_CARDS)
    const applied = cards.applyCredit({ idempotencyKey: 'K-1', cardNumber: DEMO_CARD, amountKzt: 1000, currency: 'KZT' }, '2026-12-06T09:00:00.000Z')
    expect(cards.applyCredit({ idempotencyKey: 'K-1', cardNumber: DEMO_CARD, amountKzt: 1000, currency: 'KZT' }, '2026-12-06T09:05:00.000Z')).toEqual(applied)
    expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
  })
})
