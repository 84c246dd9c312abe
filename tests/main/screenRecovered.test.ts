/** The journal record main writes when it reloads a window (`screenRecovered`), through the real kiosk and its SQLite journal. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { verifyChain } from '../../src/core/journal'
import { summarizeRecord } from '../../src/core/service/journalQuery'
import { readJournalFile } from '../../src/node/journalFile'
import { createNodeKiosk } from '../../src/node/nodeKiosk'
import { nodeTrainingRoom } from '../../src/node/scenarioShelf'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('screenRecovered', () => {
  it('is written durably through the training room into the live kiosk’s chained journal', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-recovered-'))
    dirs.push(dataDir)
    const room = nodeTrainingRoom(createNodeKiosk({ dataDir }), dataDir, () => {})
    let told = 0
    room.subscribe(() => told++)
    room.recordScreenRecovered({ window: 'kiosk', reason: 'crashed', exitCode: 139 })
    room.recordScreenRecovered({ window: 'technician', reason: 'unresponsive' })
    // Durable before anyone is told: read from the file while the kiosk still runs.
    const stored = readJournalFile(join(dataDir, 'journal.sqlite')).filter((r) => r.kind === 'screenRecovered')
    expect(stored.map((r) => JSON.parse(r.data))).toEqual([
      { window: 'kiosk', reason: 'crashed', exitCode: 139 },
      { window: 'technician', reason: 'unresponsive' }
    ])
    expect(told).toBeGreaterThanOrEqual(2)
    room.stop()
    expect(verifyChain(readJournalFile(join(dataDir, 'journal.sqlite'))).ok).toBe(true)
  })

  it('reads as one line in the service journal', () => {
    const record = { seq: 1, time: '2026-01-01T00:00:00.000Z', kind: 'screenRecovered' as const, prevHash: '', hash: '' }
    expect(summarizeRecord({ ...record, data: { window: 'kiosk', reason: 'oom', exitCode: 137 } })).toBe('kiosk reloaded: oom (exit 137)')
    expect(summarizeRecord({ ...record, data: { window: 'statechart', reason: 'unresponsive' } })).toBe('statechart reloaded: unresponsive')
  })
})
