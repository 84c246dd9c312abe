/**
 * Write-ahead with group commit, checked on the real SQLite file through a second connection:
 * every record behind a state is on disk before any screen sees that state, and before the host
 * is asked to credit; the records of one step share one commit.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { MemoryCardStore } from '../../src/core/devices/host'
import { Kiosk } from '../../src/core/kiosk'
import type { RecordData } from '../../src/core/journal'
import { SqliteJournal } from '../../src/node/sqliteJournal'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-wal-'))
  dirs.push(dir)
  const path = join(dir, 'journal.sqlite')
  const journal = new SqliteJournal(path)
  const clock = new VirtualClock(Date.UTC(2026, 10, 25, 6))
  const kiosk = new Kiosk({ config: loadConfig(), clock, journal, cards: new MemoryCardStore(DEMO_CARDS) })
  const reader = new DatabaseSync(path, { readOnly: true })
  /** What another process would find in the file now. */
  const onDisk = () => reader.prepare('SELECT seq, kind FROM journal ORDER BY seq').all() as { seq: number; kind: string }[]
  return { journal, clock, kiosk, onDisk, close: () => reader.close() }
}

describe('write-ahead journal', () => {
  it('has every record on disk whenever a screen is told about a new state, and before the host credits', async () => {
    const { journal, clock, kiosk, onDisk, close } = setup()
    const checks: string[] = []
    kiosk.subscribe(() => {
      const disk = onDisk()
      const appended = journal.tail(1)[0]?.seq ?? 0 // tail flushes: compare with what was on disk before it
      if ((disk.at(-1)?.seq ?? 0) !== appended) checks.push(`screen told with records ${disk.at(-1)?.seq}…${appended} not on disk`)
    })
    const credit = kiosk.host.credit.bind(kiosk.host)
    kiosk.host.credit = (request) => {
      if (onDisk().at(-1)?.kind !== 'creditRequested') checks.push('the host was asked to credit before creditRequested was on disk')
      return credit(request)
    }
    const act = async (intent: Parameters<Kiosk['send']>[0]) => {
      kiosk.send(intent)
      await clock.advance(2_000)
    }
    await act({ type: 'tapCard', number: '9398000011112222' })
    await act({ type: 'chooseAmount', kzt: 1000 })
    await act({ type: 'payCash' })
    await act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    await act({ type: 'confirm' })
    await clock.advance(10_000)
    expect(onDisk().map((r) => r.kind)).toContain('creditApplied')
    expect(checks).toEqual([])
    close()
    kiosk.stop()
  })

  it('commits the records of one step together and keeps nothing pending after a flush', () => {
    const { journal, onDisk, close, kiosk } = setup()
    const before = onDisk().length
    journal.append('rateChanged', { currency: 'USD', rate: '470' } as RecordData<'rateChanged'>, 0)
    journal.append('rateChanged', { currency: 'EUR', rate: '510' } as RecordData<'rateChanged'>, 0)
    expect(onDisk().length).toBe(before) // not yet committed
    journal.flush()
    expect(
      onDisk()
        .slice(-2)
        .map((r) => r.kind)
    ).toEqual(['rateChanged', 'rateChanged'])
    close()
    kiosk.stop()
  })
})
