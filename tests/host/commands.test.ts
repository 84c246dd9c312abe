/** `kiosk-sim host` and `kiosk-sim fleet` as a user runs them: arguments checked by name, the host served, a fleet's JSON report. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { hostCommand } from '../../src/cli/hostCommand'
import { DEMO_CARD_KEY } from '../../src/core/cards'
import { MemoryCardStore } from '../../src/core/devices/host'
import { fleetCards } from '../../src/hostServer/fleetCards'
import { buildHostServer } from '../../src/hostServer/server'

const dir = mkdtempSync(join(tmpdir(), 'host-commands-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('kiosk-sim host', () => {
  it('refuses a bad port or card count, naming the option', async () => {
    expect(await cli('host', '--port', 'http')).toMatchObject({ code: 2, err: expect.stringContaining('--port: expected a port number') })
    expect(await cli('host', '--cards', '-5')).toMatchObject({ code: 2 })
    expect((await cli('host', '--cards', 'many')).err).toContain('--cards: expected a whole number of fleet cards')
  })

  it('serves the API on its data folder until stopped', async () => {
    const out: string[] = []
    let stop!: () => void
    const stopped = new Promise<void>((resolve) => (stop = resolve))
    const exit = hostCommand({ port: '0', data: join(dir, 'host'), cards: '10' }, { out: (t) => out.push(t), err: (t) => out.push(t) }, stopped)
    await expect.poll(() => out.length, { timeout: 15_000 }).toBeGreaterThan(1)
    const url = /Host: +(http:\/\/\S+)/.exec(out[0]!)![1]!
    const document = (await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string }
    expect(document.openapi).toBe('3.1.0')
    const lookup = await fetch(`${url}/v1/cards/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: fleetCards(10)[9]!.number })
    })
    expect(await lookup.json()).toMatchObject({ found: true, card: { balanceKzt: 0, status: 'active' } })
    stop()
    expect(await exit).toBe(0)
  })
})

describe('kiosk-sim fleet', () => {
  it('refuses missing or bad options, and a URL where no host answers', async () => {
    expect((await cli('fleet')).err).toContain("--url: expected the host's URL")
    expect((await cli('fleet', '--url', 'http://127.0.0.1:9', '--kiosks', '0')).err).toContain('--kiosks: expected a whole number from 1 to 512')
    expect((await cli('fleet', '--url', 'http://127.0.0.1:9', '--duration', '2s')).err).toContain('--duration: expected whole seconds')
    const nobody = await cli('fleet', '--url', 'http://127.0.0.1:9', '--kiosks', '1')
    expect(nobody).toMatchObject({ code: 2, err: expect.stringContaining('no host answers at http://127.0.0.1:9') })
  })

  it('runs kiosks in worker threads and prints one JSON object with a clean audit', async () => {
    const app = buildHostServer({ store: new MemoryCardStore(fleetCards(20)), cardKey: DEMO_CARD_KEY })
    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    try {
      const run = await cli('fleet', '--url', url, '--kiosks', '2', '--duration', '1', '--cards', '20', '--seed', '3', '--json')
      expect(run.code, run.err).toBe(0)
      const report = JSON.parse(run.out) as Record<string, unknown>
      expect(report).toMatchObject({ seed: 3, kiosks: 2, lost: 0, doubled: 0, flagged: 0, violations: [] })
      expect(report.completed).toBeGreaterThan(0)
      expect(report.completed).toBe((report.perSecond as number[]).reduce((a, b) => a + b, 0))
    } finally {
      await app.close()
    }
  }, 120_000)
})
