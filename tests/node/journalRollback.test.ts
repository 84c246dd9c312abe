/**
 * A journal restored from an older copy, on the real files of a data folder, the host kept: the
 * kiosk starts out of service and takes no cash, the technician panel and `journal verify` name the
 * rollback; once staff accept the journal, the next top-up gets an id the host has never seen and is
 * credited (both top-ups on the card: never cash stacked and nothing credited).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { VirtualClock } from '../../src/core/clock'
import type { Kiosk } from '../../src/core/kiosk'
import type { Intent } from '../../src/core/protocol'
import { createNodeKiosk } from '../../src/node/nodeKiosk'
import { SqliteCardStore } from '../../src/node/sqliteCardStore'
import { DEMO_CARDS } from '../../src/core/cards'

const CARD = '9398000011112222'
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function cli(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

let clockTime = Date.UTC(2026, 11, 6, 9)

/** Starts a kiosk on the folder (each start on the clock where the last one stopped). */
function start(dataDir: string) {
  const clock = new VirtualClock(clockTime)
  const kiosk = createNodeKiosk({ dataDir, clock })
  const act = async (intent: Intent, seconds = 2) => {
    const result = kiosk.send(intent)
    await clock.advance(seconds * 1000)
    return result
  }
  const stop = () => {
    clockTime = clock.now() + 60_000
    kiosk.stop()
  }
  return { kiosk, clock, act, stop }
}

/** A 1 000 ₸ cash top-up; its receipt as the screen shows it, then back to the attract screen. */
async function topUp(kiosk: Kiosk, act: (intent: Intent, seconds?: number) => Promise<unknown>) {
  await act({ type: 'tapCard', number: CARD })
  await act({ type: 'chooseAmount', kzt: 1000 })
  await act({ type: 'payCash' })
  await act({ type: 'insertBill', currency: 'KZT', value: 1000 })
  await act({ type: 'confirm' })
  const receipt = kiosk.view().receipt!
  await act({ type: 'done' }, 5)
  return receipt
}

const balance = (dataDir: string) => {
  const store = new SqliteCardStore(join(dataDir, 'host.sqlite'), DEMO_CARDS)
  try {
    return { balance: store.get(CARD)!.balanceKzt, credits: store.appliedCredits() }
  } finally {
    store.close()
  }
}

describe('a journal restored from an older copy', () => {
  it('keeps the kiosk out of service until staff accept it; then the next top-up is credited with a new id; journal verify names the rollback', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-rollback-'))
    dirs.push(dataDir)
    const journalPath = join(dataDir, 'journal.sqlite')
    const backup = join(dataDir, 'journal-backup.sqlite')

    // The copy an operator keeps: taken after a first start, before any top-up.
    start(dataDir).stop()
    copyFileSync(journalPath, backup)

    const first = start(dataDir)
    const receipt1 = await topUp(first.kiosk, first.act)
    expect(receipt1.status).toBe('completed')
    first.stop()
    expect(balance(dataDir).balance).toBe(1500)

    // The disk is swapped and the journal restored from the older copy; the host, and the head file beside the journal, stay.
    for (const suffix of ['-wal', '-shm']) rmSync(journalPath + suffix, { force: true })
    copyFileSync(backup, journalPath)

    const verified = await cli('journal', 'verify', journalPath)
    expect(verified.code).toBe(1)
    expect(verified.stdout).toMatch(
      /ROLLED BACK: the journal ends at record \d+, but its head \(kept beside it\) says it reached record \d+: it was restored from an older copy or cut short \(records \d+–\d+ are missing\)/
    )

    const second = start(dataDir)
    const { kiosk, act } = second
    expect(kiosk.view().screen).toBe('journalUntrusted')
    expect(kiosk.technicianView().integrity.journal).toMatchObject({ problem: 'rolledBack', message: expect.stringMatching(/restored from an older copy/) })
    // No cash: a tap starts nothing, a note is refused at the slot.
    expect((await act({ type: 'tapCard', number: CARD })).ok).toBe(false)
    await act({ type: 'removeCard' })
    await act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    expect(kiosk.view().screen).toBe('journalUntrusted')
    expect(kiosk.validator().getSnapshot().context.cashbox).toEqual([])
    // The evidence outlasts a restart: the head is not moved onto the short journal.
    second.stop()
    const third = start(dataDir)
    expect(third.kiosk.view().screen).toBe('journalUntrusted')

    expect(third.kiosk.send({ type: 'acceptJournal' })).toEqual({ ok: true })
    expect(third.kiosk.view().screen).toBe('idle')
    expect(third.kiosk.technicianView().integrity.journal).toBeNull()
    const receipt2 = await topUp(third.kiosk, third.act)
    expect(receipt2.status).toBe('completed')
    // Numbering carries on from the head; the id is one the host has never seen.
    expect(receipt2.transactionId).toMatch(/^00412783-000002-/)
    expect(receipt2.transactionId).not.toBe(receipt1.transactionId)
    expect(receipt2.eReceiptUrl).not.toBe(receipt1.eReceiptUrl)
    third.stop()

    const host = balance(dataDir)
    expect(host.balance).toBe(2500)
    expect(host.credits.map((c) => c.transactionId)).toEqual([receipt1.transactionId, receipt2.transactionId])

    const after = await cli('journal', 'verify', journalPath)
    expect(after.code).toBe(0)
    expect(after.stdout).toMatch(/intact — .*matching its head file/)
    expect(after.stdout).toMatch(/record \d+ .*staff accepted this journal after it failed its check at start \(rolledBack\)/)
  })

  it('a journal cut short, or replaced by another, or deleted with its head left: each named at start and by journal verify', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-rollback-'))
    dirs.push(dataDir)
    const journalPath = join(dataDir, 'journal.sqlite')
    const first = start(dataDir)
    await topUp(first.kiosk, first.act)
    first.stop()

    // Replaced: another kiosk's journal of the same length or longer put in its place.
    const otherDir = mkdtempSync(join(tmpdir(), 'kiosk-other-'))
    dirs.push(otherDir)
    const other = start(otherDir)
    await topUp(other.kiosk, other.act)
    await topUp(other.kiosk, other.act)
    other.stop()
    const original = join(dataDir, 'original.sqlite')
    copyFileSync(journalPath, original)
    copyFileSync(join(otherDir, 'journal.sqlite'), journalPath)
    expect((await cli('journal', 'verify', journalPath)).stdout).toMatch(/REPLACED: record \d+ is not the one its head \(kept beside it\) anchored/)
    const replaced = start(dataDir)
    expect(replaced.kiosk.technicianView().integrity.journal?.problem).toBe('replaced')
    replaced.stop()

    // Deleted (a new disk), the head left: an empty journal that should not be.
    copyFileSync(original, journalPath)
    rmSync(journalPath)
    expect((await cli('journal', 'verify', journalPath)).code).toBe(2) // no journal file at all
    const fresh = start(dataDir)
    expect(fresh.kiosk.view().screen).toBe('journalUntrusted')
    expect(fresh.kiosk.technicianView().integrity.journal?.message).toMatch(
      /the journal is empty, but its head .* says it reached record \d+: it was deleted or replaced/
    )
    fresh.stop()
  })
})
