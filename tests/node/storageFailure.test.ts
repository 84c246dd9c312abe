/**
 * Failing storage on the real SQLite files: the journal's disk full, its database locked by another
 * program past the busy timeout, its file deleted under the running kiosk, its folder read-only.
 * Each time the kiosk stops taking cash at once (storageFailed), says what became of the customer's
 * money, names the failure for staff, loses no record, and carries on by itself once a write
 * succeeds again: the interrupted top-up is finished from the journal.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { auditKiosk } from '../../src/core/kioskAudit'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { JournalWriteError, verifyChain } from '../../src/core/journal'
import type { Kiosk } from '../../src/core/kiosk'
import type { Intent } from '../../src/core/protocol'
import { createNodeKiosk } from '../../src/node/nodeKiosk'
import { readJournalFile } from '../../src/node/journalFile'
import { readJournalHead, SqliteJournal, storageFailureOf } from '../../src/node/sqliteJournal'

const CARD = '9398000011112222'
const dirs: string[] = []
const cleanups: (() => void)[] = []
afterEach(() => {
  // Last in, first out: a kiosk stops before the disk it runs on is unmounted.
  for (const c of cleanups.splice(0).reverse()) c()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function kioskIn(dataDir: string, options: { busyTimeoutMs?: number } = {}) {
  const clock = new VirtualClock(Date.UTC(2026, 11, 6, 9))
  const kiosk = createNodeKiosk({ dataDir, clock, storageRetryMs: 1000, journal: options })
  cleanups.push(() => kiosk.stop())
  const act = async (intent: Intent, seconds = 2) => {
    const result = kiosk.send(intent)
    await clock.advance(seconds * 1000)
    return result
  }
  return { kiosk, clock, act, journalPath: join(dataDir, 'journal.sqlite') }
}

function tempDataDir(base = tmpdir()): string {
  const dir = mkdtempSync(join(base, 'kiosk-storage-'))
  dirs.push(dir)
  return dir
}

/** A 1 000 ₸ note stacked towards a 2 000 ₸ top-up: money in, not yet credited. */
async function noteStacked(act: (intent: Intent, seconds?: number) => Promise<unknown>) {
  await act({ type: 'tapCard', number: CARD })
  await act({ type: 'chooseAmount', kzt: 2000 })
  await act({ type: 'payCash' })
  await act({ type: 'insertBill', currency: 'KZT', value: 1000 })
}

/** What the customer and staff see while the journal cannot be written. */
function expectOutOfService(kiosk: Kiosk, failure: string) {
  const view = kiosk.view()
  expect(view.screen).toBe('storageFailed')
  expect(view.moneyOutcome).toMatchObject({ stacked: [{ currency: 'KZT', value: 1000 }], credited: false, creditedKzt: 1000 })
  expect(view.moneyOutcome?.reference).toMatch(/^00412783-000001-[0-9A-Z]{8}$/)
  const tech = kiosk.technicianView()
  expect(tech.integrity.storage).toMatchObject({ failure, simulated: false })
  // Cash stops at once: a note pushed now is refused at the slot, never stacked.
  expect(kiosk.send({ type: 'insertBill', currency: 'KZT', value: 1000 }).ok).toBe(true)
  expect(kiosk.validator().getSnapshot().value).toBe('disabled')
}

/** After the failure: the top-up finished from the journal, every record on disk in one intact chain. */
async function expectRecovered(kiosk: Kiosk, clock: VirtualClock, journalPath: string) {
  await clock.advance(60_000)
  expect(kiosk.storageOutage()).toBeNull()
  expect(kiosk.view().screen).toBe('idle')
  const stored = readJournalFile(journalPath)
  expect(verifyChain(stored)).toMatchObject({ ok: true })
  const kinds = stored.map((r) => r.kind)
  expect(kinds).toContain('storageFailed')
  expect(kinds).toContain('storageRestored')
  // The stacked note was credited once the journal could be written (pending: the card had left the reader).
  const applied = stored.filter((r) => r.kind === 'creditApplied').map((r) => JSON.parse(r.data) as { creditedKzt: number })
  expect(applied).toEqual([expect.objectContaining({ creditedKzt: 1000 })])
  expect(auditKiosk(kiosk, kioskJournal(kiosk), kioskCards(kiosk), DEMO_CARDS).violations).toEqual([])
}

// The audit needs the kiosk's own stores (private deps): reached the way a test may.
const kioskJournal = (kiosk: Kiosk) => (kiosk as unknown as { deps: { journal: Parameters<typeof auditKiosk>[1] } }).deps.journal
const kioskCards = (kiosk: Kiosk) => (kiosk as unknown as { deps: { cards: Parameters<typeof auditKiosk>[2] } }).deps.cards

describe('failing storage', () => {
  it('the journal database full (SQLITE_FULL): the flush fails naming it, the records stay queued and go to disk in order once space is freed', () => {
    const path = join(tempDataDir(), 'journal.sqlite')
    const journal = new SqliteJournal(path, { maxPageCount: 40 })
    cleanups.push(() => journal.close())
    journal.append('kioskStarted', { terminalId: '00412783' }, 0)
    journal.flush()
    // Another program fills the database file up to the journal's page limit.
    const filler = new DatabaseSync(path)
    cleanups.push(() => filler.close())
    filler.exec('CREATE TABLE filler (blob BLOB)')
    const pages = (filler.prepare('PRAGMA page_count').get() as { page_count: number }).page_count
    filler.prepare('INSERT INTO filler VALUES (zeroblob(?))').run((40 - pages) * 4096)
    for (let i = 0; i < 200; i++) journal.append('rateChanged', { currency: 'USD', rate: `${470 + i}.25`, previous: null }, i)
    expect(() => journal.flush()).toThrow(JournalWriteError)
    expect(() => journal.flush()).toThrow(/the disk is full/)
    expect(journal.queued()).toBe(200)
    // Staff free the space: the next flush writes all 200, in order, in one chain with the first.
    filler.exec('DROP TABLE filler')
    journal.flush()
    expect(journal.queued()).toBe(0)
    const stored = readJournalFile(path)
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: 201 }, (_, i) => i + 1))
    expect(verifyChain(stored)).toMatchObject({ ok: true, records: 201 })
    expect(readJournalHead(path)).toMatchObject({ seq: 201, hash: stored.at(-1)!.hash })
  })

  it('the journal locked by another program past the busy timeout: out of service, then on by itself once it lets go', async () => {
    const dataDir = tempDataDir()
    const { kiosk, clock, act, journalPath } = kioskIn(dataDir, { busyTimeoutMs: 20 })
    await noteStacked(act)
    const other = new DatabaseSync(journalPath)
    cleanups.push(() => other.close())
    other.exec('BEGIN IMMEDIATE')
    await act({ type: 'confirm' })
    expectOutOfService(kiosk, 'locked')
    await clock.advance(5_000)
    expect(kiosk.view().screen).toBe('storageFailed')
    other.exec('ROLLBACK')
    await expectRecovered(kiosk, clock, journalPath)
  })

  it('the journal file deleted under the running kiosk: noticed at the next write, written back whole from the open database', async () => {
    const dataDir = tempDataDir()
    const { kiosk, clock, act, journalPath } = kioskIn(dataDir)
    await noteStacked(act)
    const before = readJournalFile(journalPath).length
    for (const suffix of ['', '-wal', '-shm']) rmSync(journalPath + suffix, { force: true })
    await act({ type: 'confirm' }, 0)
    expectOutOfService(kiosk, 'fileDeleted')
    await expectRecovered(kiosk, clock, journalPath)
    // Nothing written before the deletion was lost with the file.
    expect(readJournalFile(journalPath).length).toBeGreaterThan(before)
  })

  it.skipIf(!canMakeImmutable())(
    'files made read-only under the kiosk (chattr +i): the head beside the journal cannot be written, the kiosk stops until it can',
    async () => {
      const dataDir = tempDataDir()
      const { kiosk, clock, act, journalPath } = kioskIn(dataDir)
      await noteStacked(act)
      const head = `${journalPath}-head`
      execFileSync('chattr', ['+i', head])
      cleanups.push(() => execFileSync('chattr', ['-i', head]))
      await act({ type: 'confirm' }, 0)
      expectOutOfService(kiosk, 'readOnly')
      execFileSync('chattr', ['-i', head])
      await expectRecovered(kiosk, clock, journalPath)
    }
  )

  it.skipIf(!canMountTmpfs())('a really full disk (a 1 MB tmpfs filled by another file): the same, and on again once the file is gone', async () => {
    const mount = mkdtempSync(join(tmpdir(), 'kiosk-tmpfs-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount])
    cleanups.push(() => {
      execFileSync('umount', [mount])
      rmSync(mount, { recursive: true, force: true })
    })
    const dataDir = join(mount, 'data')
    const { kiosk, clock, act, journalPath } = kioskIn(dataDir)
    await noteStacked(act)
    const ballast = join(mount, 'ballast')
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${ballast}`, 'bs=64k', 'count=64'], { stdio: 'ignore' })
    } catch {
      // dd stops with "No space left on device": the disk is full, as wanted.
    }
    await act({ type: 'confirm' }, 0)
    expectOutOfService(kiosk, 'diskFull')
    rmSync(ballast)
    await expectRecovered(kiosk, clock, journalPath)
    expect(readdirSync(dataDir)).toContain('journal.sqlite-head')
  })
})

describe('what a storage error is called', () => {
  it('names real SQLite errors: full, read-only, locked', () => {
    const dir = tempDataDir()
    const full = new DatabaseSync(join(dir, 'full.sqlite'))
    full.exec('PRAGMA max_page_count = 3; CREATE TABLE t (b BLOB)')
    expect(storageFailureOf(errorOf(() => full.prepare('INSERT INTO t VALUES (zeroblob(100000))').run())).failure).toBe('diskFull')
    full.close()
    const readOnly = new DatabaseSync(join(dir, 'full.sqlite'), { readOnly: true })
    expect(storageFailureOf(errorOf(() => readOnly.exec('DELETE FROM t'))).failure).toBe('readOnly')
    readOnly.close()
    const holder = new DatabaseSync(join(dir, 'full.sqlite'))
    holder.exec('BEGIN EXCLUSIVE')
    const waiter = new DatabaseSync(join(dir, 'full.sqlite'))
    waiter.exec('PRAGMA busy_timeout = 0')
    expect(storageFailureOf(errorOf(() => waiter.exec('BEGIN IMMEDIATE'))).failure).toBe('locked')
    waiter.close()
    holder.close()
  })
})

function errorOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected it to fail')
}

describe('one kiosk per data folder', () => {
  it('a second kiosk on the same folder refuses to start, naming the one that runs; it starts once the first has stopped', () => {
    const dataDir = tempDataDir()
    const first = createNodeKiosk({ dataDir, clock: new VirtualClock(0) })
    expect(() => createNodeKiosk({ dataDir, clock: new VirtualClock(0) })).toThrow(
      new RegExp(`another kiosk \\(process ${process.pid}.*is running on the data folder`)
    )
    first.stop()
    const second = createNodeKiosk({ dataDir, clock: new VirtualClock(0) })
    second.stop()
    expect(existsSync(join(dataDir, 'kiosk.lock'))).toBe(true)
  })
})

function canMakeImmutable(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-chattr-'))
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' })
    execFileSync('chattr', ['-i', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function canMountTmpfs(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-mount-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' })
    execFileSync('umount', [dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
