/**
 * The kiosk against a processing centre over HTTP, as a kiosk team starts it: `kiosk-sim host` in one
 * process, the web kiosk with the `--host-url` and `--card-key` that host printed in another, and a
 * person in Chromium topping up a card. The money lands at the host; the panel says where the host
 * is and shows the balances it answered; the journal's card references name cards at the host.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteJournal } from '../../src/node/sqliteJournal'
import { expectScreen, launchChromium, ROOT } from './harness'

const CARD = '9398000011112222'
const children: ChildProcess[] = []
/** The processes and pages the first test starts; the second goes on with them. */
let running: { host: ChildProcess; hostUrl: string; kiosk: Page; panel: Page } | null = null
let dir: string
let browser: Browser

/** Starts a Node process of this project and resolves with its output once `ready` matches it. */
function start(args: string[], ready: RegExp): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(join(ROOT, 'node_modules/.bin/node'), ['--disable-warning=ExperimentalWarning', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  children.push(child)
  let output = ''
  return new Promise((resolve, reject) => {
    const take = (chunk: Buffer) => {
      output += chunk.toString()
      if (ready.test(output)) resolve({ child, output: () => output })
    }
    child.stdout!.on('data', take)
    child.stderr!.on('data', take)
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${output}`)))
  })
}

const line = (output: string, label: string) => new RegExp(`^${label} +(\\S+)`, 'm').exec(output)?.[1]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-remote-host-'))
  browser = await launchChromium()
})
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the web kiosk on kiosk-sim host (--host-url)', () => {
  it('tops up a card at the host over HTTP, the panel naming the host and showing what it answered', async () => {
    const host = await start(['bin/kiosk-sim.mjs', 'host', '--port', '0', '--data', join(dir, 'host'), '--cards', '5'], /^A kiosk: .*$/m)
    // The host prints the kiosk's command: the URL and the card key to share.
    const advice = /npm run web -- --host-url (\S+) --card-key (\S+)/.exec(host.output())
    expect(advice, host.output()).not.toBeNull()
    const [, hostUrl, cardKey] = advice!
    const web = await start(
      ['--import', 'tsx', 'src/hosts/web.ts', '--port', '0', '--data', join(dir, 'kiosk'), '--host-url', hostUrl!, '--card-key', cardKey!],
      /^Card host: .*$/m
    )
    expect(web.output()).toContain(`Card host:        ${hostUrl} (over HTTP; card key ${cardKey})`)
    const kioskUrl = line(web.output(), 'Kiosk:')!
    const panelUrl = line(web.output(), 'Technician panel:')!

    const kiosk = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const panel = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await kiosk.goto(kioskUrl)
    await panel.goto(panelUrl)
    await kiosk.getByTestId('screen-idle').waitFor()
    await expect.poll(() => panel.getByTestId('host-address').innerText()).toContain(hostUrl)
    // Nothing asked of the host yet: the panel does not pretend to know the balance.
    const row = panel.getByTestId('card-9398-2222')
    expect(await row.locator('td').nth(1).innerText()).toBe('—')

    await kiosk.getByTestId('lang-en').click()
    await panel.getByTestId('tap-9398-2222').click()
    await expectScreen(kiosk, 'amount')
    expect(await kiosk.getByTestId('card-balance').innerText()).toContain('500')
    await expect.poll(() => row.locator('td').nth(1).innerText()).toBe('500')
    for (const key of ['1', '0', '0', '0']) await kiosk.getByTestId(`keypad-${key}`).click()
    await kiosk.getByTestId('submit-amount').click()
    await kiosk.getByTestId('pay-cash').click()
    await expectScreen(kiosk, 'cash')
    await panel.getByTestId('insert-KZT-1000').click()
    await kiosk.getByTestId('confirm').click({ timeout: 15_000 })
    await expectScreen(kiosk, 'receipt')
    expect(await kiosk.getByTestId('receipt-status').innerText()).toBe('Top-up completed')
    await expect.poll(() => row.locator('td').nth(1).innerText()).toBe('1500')

    // The host holds the money, written onto the card (nothing pending).
    const lookup = (query: object) =>
      fetch(`${hostUrl}/v1/cards/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(query) }).then((r) =>
        r.json()
      )
    expect(await lookup({ number: CARD })).toMatchObject({ found: true, card: { balanceKzt: 1500 }, pending: [] })
    // The journal names the card by a reference the host resolves with the shared key (how a restart finds the card).
    const journal = new SqliteJournal(join(dir, 'kiosk', 'journal.sqlite'))
    const started = journal.all().find((r) => r.kind === 'transactionStarted')
    journal.close()
    const cardRef = (started?.data as { cardRef?: string } | undefined)?.cardRef
    expect(cardRef).toMatch(/^[0-9a-f]{64}$/)
    expect(await lookup({ reference: cardRef })).toMatchObject({ found: true, card: { number: CARD } })
    await kiosk.getByTestId('done').click()
    running = { host: host.child, hostUrl: hostUrl!, kiosk, panel }
  })

  it('goes out of service when the host stops answering, and back by itself once it answers again', async () => {
    expect(running, 'the first test left the kiosk running').not.toBeNull()
    const { host, hostUrl, kiosk, panel } = running!
    await expectScreen(kiosk, 'idle')
    host.kill('SIGKILL')
    await new Promise((resolve) => host.once('exit', resolve))
    // The next customer's tap gets no answer: the kiosk says so, then stays out of service.
    await kiosk.getByTestId('lang-en').click()
    await kiosk.getByTestId('start').click()
    await expectScreen(kiosk, 'card')
    for (const digit of CARD.slice(-8)) await kiosk.getByTestId(`keypad-${digit}`).click()
    await kiosk.getByTestId('submit-card').click()
    await expectScreen(kiosk, 'serviceUnavailable')
    await kiosk.getByTestId('cancel').click() // Start over
    await expectScreen(kiosk, 'outOfService')
    await expect.poll(() => panel.getByTestId('host-state').innerText()).toBe('not answering (echo test every 5 s)')
    // The same host again, on the same port and data: the kiosk's echo test (every 5 s while down) finds it.
    const port = new URL(hostUrl).port
    await start(['bin/kiosk-sim.mjs', 'host', '--port', port, '--data', join(dir, 'host'), '--cards', '5'], /^A kiosk: .*$/m)
    await kiosk.getByTestId('screen-idle').waitFor({ timeout: 15_000 })
  })

  it('refuses a --card-key file that does not exist, naming the option', async () => {
    const missing = join(dir, 'no-such-key.bin')
    await expect(start(['--import', 'tsx', 'src/hosts/web.ts', '--port', '0', '--data', join(dir, 'k2'), '--card-key', missing], /never/)).rejects.toThrow(
      `--card-key: no such file: ${missing}`
    )
  })
})
