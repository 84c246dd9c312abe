/**
 * The web host over a kiosk whose journal cannot be written: it never crashes (a view push once
 * threw an uncaught error here and took the host down), the customer screen turns to the
 * storageFailed screen, the technician panel names the failure, and the kiosk carries on by itself
 * once the journal can be written again. And one kiosk per data folder: a second web host on it
 * refuses to start with one line.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServerMessage } from '../../src/core/protocol'
import { createNodeKiosk } from '../../src/node/nodeKiosk'
import { connect, get, startTestHost, type TestHost } from './fixture'

const ROOT = resolve(import.meta.dirname, '../..')
const hosts: TestHost[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const kioskScreen = (m: ServerMessage) => (m.type === 'view' ? m.view.screen : m.type === 'technicianView' ? m.view.kiosk.screen : null)

describe('the web host over a failing disk', () => {
  it('stays up while the journal is locked by another program, shows storageFailed and names it, then carries on by itself', { timeout: 20_000 }, async () => {
    const t = await startTestHost({ kiosk: { journal: { busyTimeoutMs: 30 }, storageRetryMs: 200 } })
    hosts.push(t)
    const customer = await connect(t, 'kiosk')
    const staff = await connect(t, 'technician', { key: t.key })
    const other = new DatabaseSync(join(t.dir, 'data', 'journal.sqlite'))
    other.exec('BEGIN IMMEDIATE')
    try {
      // Anything the journal must hold: here a new market rate.
      staff.socket.send(JSON.stringify({ type: 'setRate', currency: 'USD', rate: '480.5' }))
      await customer.next((m) => kioskScreen(m) === 'storageFailed')
      const failing = await staff.next((m) => m.type === 'technicianView' && m.view.integrity.storage !== null)
      expect(failing.type === 'technicianView' && failing.view.integrity.storage).toMatchObject({
        failure: 'locked',
        message: expect.stringMatching(/locked by another process/)
      })
      // Still serving while the disk refuses.
      expect((await get(t, '/')).status).toBe(200)
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    const from = customer.messages.length
    await customer.next((m) => kioskScreen(m) === 'idle', from)
    expect(t.runtime.storageOutage()).toBeNull()
    expect((await get(t, '/')).status).toBe(200)
  })

  it('a second web host on the same data folder refuses to start with one line naming the kiosk that runs there', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-lock-'))
    dirs.push(dataDir)
    const running = createNodeKiosk({ dataDir })
    try {
      const second = spawnSync(
        join(ROOT, 'node_modules/.bin/node'),
        ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'src/hosts/web.ts', '--port', '0', '--data', dataDir],
        { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }
      )
      expect(second.status).toBe(2)
      const lines = second.stderr.trim().split('\n')
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `^web host: another kiosk \\(process ${process.pid} on .*\\) is running on the data folder .*: stop it first, or give this one another folder \\(--data DIR\\)$`
          )
        )
      ])
      expect(second.stderr).not.toMatch(/\n\s+at /)
    } finally {
      running.stop()
    }
  })
})
