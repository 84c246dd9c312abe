import { describe, expect, it } from 'vitest'
import { cashboxFromJournal } from '../../src/core/domain/cashbox'
import { countTopUps } from '../../src/core/domain/counters'
import { creditsByTransaction } from '../../src/core/domain/credits'
import { DEMO_CARD, makeKiosk, moneyInvariantAfterEach } from './helpers'

moneyInvariantAfterEach()

const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })

/** One kiosk, three customers: cash with a returned note, a bank card, and one who leaves before paying. */
async function busyMorning() {
  const k = makeKiosk()
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 3000 })
  await k.act({ type: 'payCash' })
  await k.act(KZT(2000))
  await k.act(KZT(1000))
  await k.act({ type: 'confirm' }, 4)
  await k.act({ type: 'done' }, 5)
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 5000 })
  await k.act({ type: 'payCard' }, 5)
  await k.act({ type: 'done' }, 5)
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 2000 })
  await k.act({ type: 'payCash' })
  await k.act({ type: 'cancel' }, 0) // "Cancel the top-up?"
  await k.act({ type: 'cancel' }, 5)
  expect(k.screen()).toBe('idle')
  return k
}

describe('the folds over the journal', () => {
  it('count top-ups by outcome, every note stacked and the bank-card payments', async () => {
    const { journal, kiosk } = await busyMorning()
    const counters = countTopUps(journal.all(), kiosk.snapshot().context.config)
    expect(counters.topUps).toEqual({ completed: 2, flagged: 0, cancelled: 1, pending: 0 })
    expect(counters.cardPayments).toBe(1)
    expect([...counters.stacked].sort((a, b) => a.value - b.value)).toEqual([
      { currency: 'KZT', value: 1000, count: 1 },
      { currency: 'KZT', value: 2000, count: 1 }
    ])
  })

  it('agree with the devices: the cassette fold is what the validator counted', async () => {
    const { journal, kiosk } = await busyMorning()
    const byValue = (a: { value: number }, b: { value: number }) => a.value - b.value
    expect([...cashboxFromJournal(journal.all())].sort(byValue)).toEqual([...kiosk.validator().getSnapshot().context.cashbox].sort(byValue))
  })

  it('give each credited transaction its host balances, and none to the cancelled one', async () => {
    const { journal } = await busyMorning()
    const credits = creditsByTransaction(journal.all())
    const started = journal.all().flatMap((r) => (r.kind === 'transactionStarted' ? [r.data.transactionId] : []))
    expect(started).toHaveLength(3)
    expect(credits.get(started[0]!)).toMatchObject({ attempts: 1, requested: { creditedKzt: 3000 }, applied: { balanceBeforeKzt: 500, balanceAfterKzt: 3500 } })
    expect(credits.get(started[1]!)?.applied).toMatchObject({ balanceBeforeKzt: 3500 })
    expect(credits.get(started[2]!)).toEqual({ attempts: 0, requested: null, applied: null })
  })
})
