/**
 * The caption player in a browser: the trainer's page (/trainer) loads a library scenario, plays it
 * at 10x on the real kiosk screen framed beside the captions, jumps to a step, and pauses.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../src/hosts/webServer'
import { createNodeKiosk } from '../../src/node/nodeKiosk'
import { nodeTrainingRoom } from '../../src/node/scenarioShelf'
import type { TrainingRoom } from '../../src/core/training/room'
import { launchChromium, ROOT, SCREENSHOTS, screenshotTo } from './harness'

let dataDir: string
let room: TrainingRoom
let host: WebHost
let browser: Browser
let page: Page

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-trainer-'))
  room = nodeTrainingRoom(createNodeKiosk({ dataDir }), dataDir, () => {})
  host = await startWebHost({ runtime: room, rendererDir: join(ROOT, 'out', 'renderer'), port: 0, log: () => {} })
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
})

afterAll(async () => {
  await browser?.close()
  await host?.close()
  room?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const kioskScreen = (screen: string) => page.frameLocator('[data-testid="kiosk-frame"]').getByTestId(`screen-${screen}`)
const caption = () => page.getByTestId('caption')

describe('the trainer\u2019s caption player', () => {
  it('plays a library scenario at 10x on the framed kiosk screen with its captions, jumps to a step and pauses', async () => {
    await page.goto(host.trainerUrl)
    await page.getByTestId('load-library.foreign-note-top-up').click()
    await kioskScreen('idle').waitFor({ timeout: 10_000 })
    await expect.poll(() => caption().textContent()).toBe('The tourist picks a language: English.')

    await page.getByTestId('speed').selectOption('10')
    await page.getByTestId('play').click()
    // The framed kiosk goes through the scenario's screens, and the caption follows its steps.
    await kioskScreen('cash').waitFor({ timeout: 20_000 })
    await kioskScreen('receipt').or(kioskScreen('thankYou')).first().waitFor({ timeout: 20_000 })
    await expect.poll(() => page.getByTestId('player-state').textContent(), { timeout: 20_000 }).toBe('finished · step 10 of 10')
    expect(await caption().textContent()).toBe('Done: the kiosk waits for the next customer.')

    // A jump plays steps 0..5 again at once on a fresh kiosk and pauses before step 6.
    await page.getByTestId('step-6').click()
    await expect.poll(() => page.getByTestId('player-state').textContent(), { timeout: 20_000 }).toBe('paused · step 7 of 10')
    await kioskScreen('cash').waitFor({ timeout: 10_000 })
    expect(await caption().textContent()).toBe('The screen shows exactly what will be credited.')
    await page.getByTestId('caption-language').selectOption('zh')
    expect(await caption().textContent()).toBe('屏幕显示将入账的准确金额。')
    await page.getByTestId('caption-language').selectOption('en')
    await screenshotTo(page, SCREENSHOTS, 'trainer-player')

    // Slowly, so that the pause lands between steps; then it stays where it is.
    await page.getByTestId('speed').selectOption('0.25')
    await page.getByTestId('play').click()
    await expect.poll(() => page.getByTestId('player-state').textContent()).toMatch(/^playing/)
    await page.getByTestId('pause').click()
    await expect.poll(() => page.getByTestId('player-state').textContent()).toMatch(/^paused/)
    const paused = await page.getByTestId('player-state').textContent()
    await page.waitForTimeout(1500)
    expect(await page.getByTestId('player-state').textContent()).toBe(paused)

    // Back to the live kiosk: the frame shows it again.
    await page.getByTestId('stop').click()
    await kioskScreen('idle').waitFor({ timeout: 10_000 })
    expect(room.roomMode).toBe('live')
  })

  it('is framed by its own origin only: another site\u2019s page cannot frame the kiosk screen', async () => {
    // frame-ancestors 'self' (docs/security.md): a page served from another origin framing the kiosk gets nothing.
    const other = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<iframe id="k" src="${host.url}"></iframe>`))
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    try {
      const hostile = await browser.newPage()
      const blocked = hostile.waitForEvent('console', { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 10_000 })
      await hostile.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`)
      expect((await blocked).text()).toContain("frame-ancestors 'self'")
      await hostile.waitForTimeout(500)
      expect(await hostile.frameLocator('#k').getByTestId('screen-idle').count()).toBe(0)
      await hostile.close()
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()))
    }
  })
})
