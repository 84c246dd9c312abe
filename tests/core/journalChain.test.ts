/** The journal's hash chain: any record changed, removed, inserted or reordered is caught and named. */
import { describe, expect, it } from 'vitest'
import { chainRecord, GENESIS_HASH, MemoryJournal, recordHash, verifyChain, type StoredRecord } from '../../src/core/journal'

function journalOf(count: number): StoredRecord[] {
  const journal = new MemoryJournal()
  for (let i = 0; i < count; i++)
    journal.append(i % 2 ? 'noteStacked' : 'noteEscrowed', { transactionId: 'T-1', note: { currency: 'KZT', value: 1000 + i } }, Date.UTC(2026, 0, 1, 0, 0, i))
  return journal.stored()
}

/** Re-hashes records from `from` on, as a forger would after an edit. */
function rechain(records: StoredRecord[], from: number): StoredRecord[] {
  const out = records.slice(0, from)
  for (const r of records.slice(from)) {
    const prevHash = out.at(-1)?.hash ?? GENESIS_HASH
    const next = { ...r, prevHash }
    out.push({ ...next, hash: recordHash(next) })
  }
  return out
}

describe('journal hash chain', () => {
  it('verifies an untouched journal and reports its head', () => {
    const records = journalOf(6)
    expect(verifyChain(records)).toEqual({ ok: true, records: 6, head: records[5]!.hash })
    expect(verifyChain([])).toEqual({ ok: true, records: 0, head: GENESIS_HASH })
    expect(records[0]!.prevHash).toBe(GENESIS_HASH)
    expect(records[3]!.prevHash).toBe(records[2]!.hash)
  })

  it('hashes the sequence number, time, kind, data and previous hash', () => {
    const base = chainRecord(1, '2026-01-01T00:00:00.000Z', 'kioskStarted', { terminalId: '1' }, GENESIS_HASH)
    expect(base.hash).toMatch(/^[0-9a-f]{64}$/)
    for (const change of [
      { seq: 2 },
      { time: '2026-01-01T00:00:01.000Z' },
      { kind: 'rateChanged' },
      { data: '{"terminalId":"2"}' },
      { prevHash: '1'.repeat(64) }
    ]) {
      expect(recordHash({ ...base, ...change }), JSON.stringify(change)).not.toBe(base.hash)
    }
  })

  it('names a changed record', () => {
    const records = journalOf(6)
    records[3] = { ...records[3]!, data: records[3]!.data.replace('1003', '5003') }
    expect(verifyChain(records)).toEqual({ ok: false, seq: 4, problem: 'record 4 was changed (its hash does not match its content)' })
  })

  it('names the record after one that was removed, even when the sequence was renumbered and re-hashed after it', () => {
    const records = journalOf(6)
    const gap = [...records.slice(0, 2), ...records.slice(3)]
    expect(verifyChain(gap)).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'found record 4 where record 3 should be: records were removed, repeated or reordered'
    })
    const renumbered = gap.map((r, i) => (i >= 2 ? { ...r, seq: r.seq - 1 } : r))
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, seq: 3 })
  })

  it('names an inserted record even when the forger re-hashed everything after it, unless they re-hash from the insertion on', () => {
    const records = journalOf(5)
    const forged = { ...records[2]!, data: '{"transactionId":"T-9"}' }
    const inserted = [...records.slice(0, 2), forged, ...records.slice(2).map((r) => ({ ...r, seq: r.seq + 1 }))]
    expect(verifyChain(inserted)).toMatchObject({ ok: false, seq: 3 })
    // A full re-hash from the insertion point verifies: that is what the head hash kept elsewhere is for.
    const rehashed = rechain(inserted, 2)
    expect(verifyChain(rehashed)).toMatchObject({ ok: true })
    expect((verifyChain(rehashed) as { head: string }).head).not.toBe((verifyChain(records) as { head: string }).head)
  })

  it('names reordered records', () => {
    const records = journalOf(5)
    const swapped = [records[0]!, records[2]!, records[1]!, records[3]!, records[4]!]
    expect(verifyChain(swapped)).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'found record 3 where record 2 should be: records were removed, repeated or reordered'
    })
    const swappedNumbers = swapped.map((r, i) => ({ ...r, seq: i + 1 }))
    expect(verifyChain(swappedNumbers)).toMatchObject({ ok: false, seq: 2 })
  })

  it('names an unknown kind', () => {
    const records = rechain(
      journalOf(3).map((r, i) => (i === 1 ? { ...r, kind: 'cashTaken' } : r)),
      1
    )
    expect(verifyChain(records)).toMatchObject({ ok: false, seq: 2, problem: 'record 2 has an unknown kind "cashTaken"' })
  })
})

describe('the in-memory journal (hashes worked out when read)', () => {
  const note = (value: number) => ({ transactionId: 'T-1', note: { currency: 'KZT' as const, value } })

  it('hands out records whose hashes are the stored chain, whichever is read first', () => {
    const journal = new MemoryJournal()
    const appended = [1, 2, 3].map((i) => journal.append('noteStacked', note(i * 1000), Date.UTC(2026, 0, 1, 0, 0, i)))
    // The last one read first: every hash before it is worked out on the way.
    expect(appended[2]!.prevHash).toBe(appended[1]!.hash)
    const stored = journal.stored()
    expect(appended.map((r) => [r.prevHash, r.hash])).toEqual(stored.map((r) => [r.prevHash, r.hash]))
    expect(verifyChain(stored)).toEqual({ ok: true, records: 3, head: stored[2]!.hash })
    expect(stored[1]!.hash).toBe(recordHash({ ...stored[1]!, hash: undefined } as Omit<StoredRecord, 'hash'>))
  })

  it('anchors its head at each flush, and keeps it on the record it named when an older copy is restored', () => {
    const journal = new MemoryJournal()
    for (const i of [1, 2, 3]) journal.append('noteStacked', note(i), Date.UTC(2026, 0, 1, 0, 0, i))
    expect(journal.anchoredHead()).toBeNull()
    journal.flush()
    const head = journal.anchoredHead()!
    expect(head).toEqual({ seq: 3, hash: journal.stored()[2]!.hash, lastTransactionNumber: 0 })
    journal.restoreOlderCopy(2)
    // Record 3 is gone and another takes its number: the head still names the old one until a flush moves it.
    journal.append('noteStacked', note(2), Date.UTC(2026, 0, 1, 0, 0, 4))
    journal.append('noteStacked', note(9), Date.UTC(2026, 0, 1, 0, 0, 5))
    expect(journal.anchoredHead()).toEqual(head)
    expect(journal.stored()[2]!.hash).not.toBe(head.hash)
    journal.flush()
    expect(journal.anchoredHead()).toEqual({ seq: 3, hash: journal.stored()[2]!.hash, lastTransactionNumber: 0 })
  })
})

describe('card numbers in the journal', () => {
  it('are masked with a keyed reference; the same card gets the same reference under one key only', async () => {
    const { makeKiosk, DEMO_CARD } = await import('./helpers')
    const { cardReference, protectCardNumber } = await import('../../src/core/cards')
    const { kiosk, act, journal } = makeKiosk()
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'chooseAmount', kzt: 1000 })
    await act({ type: 'payCash' })
    await act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    await act({ type: 'confirm' })
    expect(JSON.stringify(journal.stored())).not.toContain(DEMO_CARD)
    const withoutRef = ({ cardRef: _, ...rest }: Record<string, unknown>) => rest
    const data = JSON.stringify(journal.all().map(({ data }) => withoutRef(data)))
    expect(data).not.toMatch(/\d{16}/) // no full card number anywhere
    const withCard = journal.all().filter((r) => 'card' in r.data)
    expect(withCard.map((r) => r.kind)).toEqual(['transactionStarted', 'creditRequested', 'cardWritten'])
    const refs = new Set(withCard.map((r) => ('cardRef' in r.data ? r.data.cardRef : undefined)))
    expect(refs.size).toBe(1)
    expect(withCard[0]!.data).toMatchObject({ card: '9398 •••• •••• 2222' })
    const key = new TextEncoder().encode('another kiosk')
    expect(cardReference(DEMO_CARD, key)).not.toBe([...refs][0])
    expect(cardReference(DEMO_CARD, key)).toMatch(/^[0-9a-f]{64}$/)
    expect(protectCardNumber({ transactionId: 'T', amountKzt: 5 }, key)).toEqual({ transactionId: 'T', amountKzt: 5 })
    expect(kiosk.error()).toBeNull()
  })
})
