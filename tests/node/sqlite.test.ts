import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_CARDS } from '../../src/core/cards'
import { IdempotencyConflictError, MemoryCardStore } from '../../src/core/devices/host'
import { SqliteCardStore } from '../../src/node/sqliteCardStore'
import { GENESIS_HASH, recordHash, verifyChain, type RecordData } from '../../src/core/journal'
import { headPathOf, readJournalHead, SqliteJournal } from '../../src/node/sqliteJournal'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-test-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('SQLite journal', () => {
  it('numbers records in order and keeps them across a reopen', () => {
    const path = join(tempDir(), 'journal.sqlite')
    const journal = new SqliteJournal(path)
    const first = journal.append('kioskStarted', { terminalId: '1' }, Date.UTC(2026, 0, 1))
    expect(first).toMatchObject({ seq: 1, time: '2026-01-01T00:00:00.000Z', kind: 'kioskStarted', data: { terminalId: '1' }, prevHash: GENESIS_HASH })
    expect(first.hash).toBe(recordHash({ seq: 1, time: '2026-01-01T00:00:00.000Z', kind: 'kioskStarted', data: '{"terminalId":"1"}', prevHash: GENESIS_HASH }))
    journal.append('noteStacked', { note: { currency: 'KZT', value: 1000 } } as RecordData<'noteStacked'>, Date.UTC(2026, 0, 1, 0, 0, 1))
    journal.close()
    const reopened = new SqliteJournal(path)
    expect(reopened.all().map((r) => [r.seq, r.kind])).toEqual([
      [1, 'kioskStarted'],
      [2, 'noteStacked']
    ])
    expect(reopened.tail(1)[0]?.data).toEqual({ note: { currency: 'KZT', value: 1000 } })
    // The chain goes on across the reopen.
    reopened.append('noteStacked', { note: { currency: 'KZT', value: 500 } } as RecordData<'noteStacked'>, Date.UTC(2026, 0, 1, 0, 0, 2))
    expect(reopened.all()[2]?.prevHash).toBe(reopened.all()[1]?.hash)
    expect(verifyChain(reopened.stored())).toEqual({ ok: true, records: 3, head: reopened.all()[2]!.hash })
    reopened.close()
  })

  it('chains the records of a journal written before the hash chain existed, once, in order', () => {
    const path = join(tempDir(), 'journal.sqlite')
    const old = new DatabaseSync(path)
    old.exec('CREATE TABLE journal (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL)')
    old.exec(
      `INSERT INTO journal (time, kind, data) VALUES ('2026-01-01T00:00:00.000Z', 'kioskStarted', '{"terminalId":"1"}'), ('2026-01-01T00:00:01.000Z', 'rateChanged', '{}')`
    )
    old.close()
    const journal = new SqliteJournal(path)
    journal.append('kioskStarted', { terminalId: '1' }, Date.UTC(2026, 0, 2))
    expect(verifyChain(journal.stored())).toMatchObject({ ok: true, records: 3 })
    journal.close()
  })

  it('uses WAL with full fsync', () => {
    const path = join(tempDir(), 'journal.sqlite')
    new SqliteJournal(path).close()
    const db = new DatabaseSync(path)
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' })
    db.close()
    // synchronous is per connection: check the journal's own connection setting through a fresh open
    const journal = new SqliteJournal(path) as unknown as { db: DatabaseSync }
    expect(journal.db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 }) // 2 = FULL
  })
})

describe("the journal's head file", () => {
  it('follows every commit in place, and a head torn or edited anchors nothing (its checksum fails): no false alarm', () => {
    const path = join(tempDir(), 'journal.sqlite')
    const journal = new SqliteJournal(path)
    journal.append('kioskStarted', { terminalId: '00412783' }, 0)
    journal.append('transactionStarted', { transactionId: 'T-7', number: 7 } as RecordData<'transactionStarted'>, 1)
    journal.flush()
    const stored = journal.stored()
    expect(readJournalHead(path)).toEqual({ seq: 2, hash: stored[1]!.hash, lastTransactionNumber: 7 })
    journal.append('rateChanged', { currency: 'USD', rate: '470.5', previous: null }, 2)
    journal.flush()
    expect(readJournalHead(path)?.seq).toBe(3)
    journal.close()
    // Half old, half new (a write torn by a power cut), or edited by hand: the checksum no longer matches.
    const text = readFileSync(headPathOf(path), 'utf8')
    writeFileSync(headPathOf(path), text.replace('"seq":3', '"seq":9'))
    expect(readJournalHead(path)).toBeNull()
    writeFileSync(headPathOf(path), text.slice(0, 40))
    expect(readJournalHead(path)).toBeNull()
  })
})

describe('SQLite card store', () => {
  it('seeds the demo cards once and keeps balances across a restart', () => {
    const path = join(tempDir(), 'host.sqlite')
    const store = new SqliteCardStore(path, DEMO_CARDS)
    store.applyCredit({ idempotencyKey: 'T-1', cardNumber: '9398000011112222', amountKzt: 1000, currency: 'KZT' }, '2026-01-01T00:00:00.000Z')
    store.close()
    const reopened = new SqliteCardStore(path, DEMO_CARDS)
    expect(reopened.get('9398000011112222')?.balanceKzt).toBe(1500)
    expect(reopened.list()).toHaveLength(DEMO_CARDS.length)
    reopened.close()
  })

  it('applies a credit once per idempotency key and answers a repeat with the first result', () => {
    const store = new SqliteCardStore(join(tempDir(), 'host.sqlite'), DEMO_CARDS)
    const first = store.applyCredit({ idempotencyKey: 'T-1', cardNumber: '9398000011112222', amountKzt: 1000, currency: 'KZT' }, '2026-01-01T00:00:00.000Z')
    const again = store.applyCredit({ idempotencyKey: 'T-1', cardNumber: '9398000011112222', amountKzt: 1000, currency: 'KZT' }, '2026-01-01T00:00:09.000Z')
    expect(again).toEqual(first)
    expect(store.get('9398000011112222')?.balanceKzt).toBe(1500)
    store.close()
  })

  it.each([
    ['another card', { cardNumber: '9398000033334444', amountKzt: 1000 }, /another card/],
    ['another amount', { cardNumber: '9398000011112222', amountKzt: 2000 }, /another amount/]
  ])('refuses a key used before for %s as a conflict, never as the earlier success, and applies nothing', (_, request, message) => {
    for (const store of [new SqliteCardStore(join(tempDir(), 'host.sqlite'), DEMO_CARDS), new MemoryCardStore(DEMO_CARDS)]) {
      store.applyCredit({ idempotencyKey: 'T-1', cardNumber: '9398000011112222', amountKzt: 1000, currency: 'KZT' }, '2026-01-01T00:00:00.000Z')
      const reused = () => store.applyCredit({ idempotencyKey: 'T-1', currency: 'KZT', ...request }, '2026-01-02T00:00:00.000Z')
      expect(reused).toThrow(IdempotencyConflictError)
      expect(reused).toThrow(message)
      expect(store.get('9398000011112222')?.balanceKzt).toBe(1500)
      expect(store.get('9398000033334444')?.balanceKzt).toBe(12450)
      expect(store.appliedCredits()).toHaveLength(1)
      if (store instanceof SqliteCardStore) store.close()
    }
  })

  it('finds a card by its last 8 digits and rejects a credit to an unknown card', () => {
    const store = new SqliteCardStore(join(tempDir(), 'host.sqlite'), DEMO_CARDS)
    expect(store.findByLast8('33334444').map((c) => c.number)).toEqual(['9398000033334444'])
    expect(() => store.applyCredit({ idempotencyKey: 'T-2', cardNumber: '1111222233334444', amountKzt: 1, currency: 'KZT' }, '')).toThrow(/unknown card/)
    expect(store.get('9398000011112222')?.balanceKzt).toBe(500)
    store.close()
  })
})

describe('card key', () => {
  it('is created once with 32 random bytes, readable by its owner only, and read back after', async () => {
    const { loadOrCreateCardKey } = await import('../../src/node/cardKey')
    const { statSync, writeFileSync } = await import('node:fs')
    const path = join(tempDir(), 'card-key.bin')
    const key = loadOrCreateCardKey(path)
    expect(key).toHaveLength(32)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(loadOrCreateCardKey(path)).toEqual(key)
    expect(loadOrCreateCardKey(join(tempDir(), 'other.bin'))).not.toEqual(key)
    writeFileSync(path, 'short')
    expect(() => loadOrCreateCardKey(path)).toThrow(/shorter than 32 bytes/)
  })
})
