/** The money audit catches each way a tenge can be lost or doubled (and says which). */
import { describe, expect, it } from 'vitest'
import { auditMoney, type AuditInput } from '../../src/core/audit'
import { chainRecord, GENESIS_HASH, toJournalRecord, type StoredRecord } from '../../src/core/journal'
import { DEMO_CARD, makeKiosk, txId } from './helpers'

/** A finished 2 000 ₸ cash top-up, as audit input. */
async function goodRun(): Promise<AuditInput> {
  const { kiosk, act, clock, journal, cards, initialCards } = makeKiosk()
  await act({ type: 'tapCard', number: DEMO_CARD })
  await act({ type: 'chooseAmount', kzt: 2000 })
  await act({ type: 'payCash' })
  await act({ type: 'insertBill', currency: 'KZT', value: 2000 })
  await act({ type: 'confirm' })
  await clock.advance(10_000)
  return {
    stored: journal.stored(),
    records: journal.all(),
    credits: cards.appliedCredits(),
    cardsNow: cards.list(),
    cardsBefore: initialCards,
    config: kiosk.snapshot().context.config,
    cashbox: kiosk.validator().getSnapshot().context.cashbox
  }
}

/** The journal with `change` applied to its records, re-chained so only the money is wrong. */
function withRecords(input: AuditInput, change: (records: StoredRecord[]) => StoredRecord[]): AuditInput {
  const chained: StoredRecord[] = []
  for (const r of change(input.stored.map((s) => ({ ...s })))) {
    chained.push(chainRecord(chained.length + 1, r.time, r.kind as never, JSON.parse(r.data) as Record<string, unknown>, chained.at(-1)?.hash ?? GENESIS_HASH))
  }
  return { ...input, stored: chained, records: chained.map(toJournalRecord) }
}

describe('money audit', () => {
  it('finds nothing wrong with a good run', async () => {
    const result = auditMoney(await goodRun())
    expect(result.violations).toEqual([])
    expect(result.transactions.map((t) => t.status)).toEqual(['completed'])
  })

  it('names a doubled credit, a lost one, a wrong amount and a balance that moved by itself', async () => {
    const good = await goodRun()
    const credit = good.credits[0]!
    expect(auditMoney({ ...good, credits: [credit, credit] }).violations).toContain(`host: idempotency key ${txId(1)} applied twice`)
    expect(auditMoney({ ...good, credits: [] }).violations).toContain(`${txId(1)} (completed): money in but never credited`)
    expect(auditMoney({ ...good, credits: [{ ...credit, amountKzt: 2200 }] }).violations).toContain(`${txId(1)}: credited 2200 ₸, the money rules give 2000 ₸`)
    const cardsNow = good.cardsNow.map((c) => (c.number === DEMO_CARD ? { ...c, balanceKzt: c.balanceKzt + 1 } : c))
    expect(auditMoney({ ...good, cardsNow }).violations).toContain('card …2222: balance 2501 ₸, expected 500 + 2000 ₸ credited')
    expect(auditMoney({ ...good, credits: [credit, { ...credit, transactionId: 'X-1' }] }).violations).toContain(
      'host: credit X-1 belongs to no transaction in the journal'
    )
  })

  it('names a stacked note of no transaction, a cancel with money in, a note in doubt not flagged, a wrong cashbox, a broken chain', async () => {
    const good = await goodRun()
    const stray = withRecords(good, (rs) => [
      ...rs,
      { ...rs.find((r) => r.kind === 'noteStacked')!, data: '{"transactionId":"Y-1","note":{"currency":"KZT","value":500}}' }
    ])
    expect(auditMoney(stray).violations).toContain(`journal: note stacked for no transaction (record ${stray.records.length})`)
    const cancelled = withRecords(good, (rs) =>
      rs
        .filter((r) => r.kind !== 'transactionCompleted' && r.kind !== 'cardWritten')
        .concat([{ ...rs[0]!, kind: 'transactionCancelled', data: `{"transactionId":"${txId(1)}"}` }])
    )
    expect(auditMoney(cancelled).violations).toContain(`${txId(1)}: cancelled with money in`)
    const doubt = withRecords(good, (rs) => [
      ...rs,
      { ...rs[0]!, kind: 'noteInDoubt', data: `{"transactionId":"${txId(1)}","note":{"currency":"KZT","value":1000}}` }
    ])
    expect(auditMoney(doubt).violations).toContain(`${txId(1)} (completed): notes in doubt but not flagged`)
    expect(auditMoney({ ...good, cashbox: [] }).violations[0]).toMatch(/^cashbox: the validator counts \[\], the journal's stacked notes give/)
    const broken = { ...good, stored: good.stored.map((r, i) => (i === 2 ? { ...r, time: '2020-01-01T00:00:00.000Z' } : r)) }
    expect(auditMoney(broken).violations).toContain('journal: record 3 was changed (its hash does not match its content)')
  })
})
