/**
 * A trainer's class in the browser, end to end: the recorder on the trainer's page records a live
 * session, the caption player plays the recording on the framed kiosk screen with its caption, and
 * the statechart page highlights the states the kiosk is in at every step, live and played alike.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Intent, ScreenName } from '../../src/core/protocol'
import type { TrainingRoom } from '../../src/core/training/room'
import { startWebHost, type WebHost } from '../../src/hosts/webServer'
import { createNodeKiosk } from '../../src/node/nodeKiosk'
import { nodeTrainingRoom } from '../../src/node/scenarioShelf'
import { launchChromium, ROOT, SCREENSHOTS, screenshotTo } from './harness'

let dataDir: string
let room: TrainingRoom
let host: WebHost
let browser: Browser
let trainer: Page
let chart: Page

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-class-'))
  room = nodeTrainingRoom(createNodeKiosk({ dataDir, language: 'en' }), dataDir, () => {})
  host = await startWebHost({ runtime: room, rendererDir: join(ROOT, 'out', 'renderer'), port: 0, log: () => {} })
  browser = await launchChromium()
  trainer = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
  chart = await browser.newPage({ viewport: { width: 1400, height: 900 } })
})

afterAll(async () => {
  await browser?.close()
  await host?.close()
  room?.stop()

  rmSync(dataDir, { recursive: true, force: true })
})

/** The kiosk machine's states the statechart page highlights now. */
const highlighted = (): Promise<string[]> =>
  chart.$$eval('[data-active][data-state^="kiosk."]', (nodes) => nodes.map((n) => (n as HTMLElement).dataset.state!).sort())
/** The kiosk machine's active states as the core has them, for whichever kiosk the room shows. */
const activeInCore = (): string[] =>
  room
    .technicianView()
    .chart.active.filter((id) => id.startsWith('kiosk.'))
    .sort()

/** Waits until the page highlights exactly the kiosk's active states, which include the state of `screen`. */
async function chartFollows(screen: ScreenName): Promise<string[]> {
  await expect.poll(() => room.view().screen, { timeout: 20_000 }).toBe(screen)
  await expect.poll(async () => JSON.stringify(await highlighted()) === JSON.stringify(activeInCore()), { timeout: 10_000 }).toBe(true)
  return activeInCore()
}

const send = (intent: Intent) => expect(room.send(intent)).toEqual({ ok: true })

describe("a trainer's class", () => {
  it('records a session, replays it with the caption player, and the statechart highlights the same states throughout', async () => {
    await chart.goto(host.technicianUrl.replace('/technician', '/statechart'))
    await trainer.goto(host.trainerUrl)
    await trainer.getByTestId('tab-recorder').click()
    await trainer.getByTestId('recorder-name').fill('Class: a cash top-up')
    await trainer.getByTestId('recorder-start').click()
    await expect.poll(() => trainer.getByTestId('recorder-state').textContent()).toMatch(/recording/i)

    // The live session, as a customer and the technician panel would drive it; the chart follows every state.
    const live: string[][] = [await chartFollows('idle')]
    send({ type: 'language', code: 'en' })
    send({ type: 'tapCard', number: '9398000011112222' })
    live.push(await chartFollows('amount'))
    send({ type: 'chooseAmount', kzt: 1000 })
    live.push(await chartFollows('paymentMethod'))
    send({ type: 'payCash' })
    live.push(await chartFollows('cash'))
    send({ type: 'insertBill', currency: 'KZT', value: 1000 })
    await expect.poll(() => room.view().cash?.stacked.length ?? 0, { timeout: 20_000 }).toBe(1)
    send({ type: 'confirm' })
    live.push(await chartFollows('receipt'))
    send({ type: 'done' })
    live.push(await chartFollows('idle'))

    await trainer.getByTestId('recorder-stop').click()
    await expect.poll(() => trainer.getByTestId('recorder-state').textContent()).toMatch(/stopped/i)
    await trainer.getByTestId('caption-0').fill('The tourist switches the kiosk to English.')
    await trainer.getByTestId('caption-0').dispatchEvent('change')
    await expect.poll(() => room.technicianView().training!.recorder.steps[0]?.caption?.en).toBe('The tourist switches the kiosk to English.')
    await trainer.getByTestId('recorder-save').click()
    await expect.poll(() => trainer.getByTestId('recorder-saved').textContent()).toContain('recording.class-a-cash-top-up')
    await screenshotTo(trainer, SCREENSHOTS, 'trainer-recorder')

    // The recording on the shelf, played at 2x on the framed kiosk screen, its caption beside it (the player holds each
    // step's screen 1.5 s of played time, so the page has time to show every state).
    await trainer.getByTestId('tab-player').click()
    await trainer.getByTestId('load-recording.class-a-cash-top-up').click()
    await expect.poll(() => trainer.getByTestId('caption').textContent()).toBe('The tourist switches the kiosk to English.')
    expect(room.technicianView().training!.mode).toBe('playback')
    await trainer.getByTestId('speed').selectOption('2')
    await trainer.getByTestId('play').click()
    const kioskFrame = trainer.frameLocator('[data-testid="kiosk-frame"]')
    const played: string[][] = []
    for (const screen of ['amount', 'paymentMethod', 'cash', 'receipt'] as const) {
      await kioskFrame.getByTestId(`screen-${screen}`).waitFor({ timeout: 20_000 })
      played.push(await chartFollows(screen))
    }
    await expect.poll(() => room.technicianView().training!.player.state, { timeout: 30_000 }).not.toBe('playing')
    expect(room.technicianView().training!.player).toMatchObject({ state: 'finished', error: null })
    played.push(await chartFollows('idle'))
    // The played kiosk went through the states the live one did (the first, idle before the session, aside).
    expect(played).toEqual(live.slice(1))
    await screenshotTo(chart, SCREENSHOTS, 'statechart-playback')

    await trainer.getByTestId('stop').click()
    await expect.poll(() => room.technicianView().training!.mode).toBe('live')
  })

  it('runs a library drill from the Drills tab: the trainee works, a hint costs points, the debrief compares with the reference', async () => {
    await trainer.goto(host.trainerUrl)
    await trainer.getByTestId('tab-drills').click()
    await trainer.getByTestId('drill-choose-printer-jam-test-page').check()
    await trainer.getByTestId('drill-trainee').fill('Aigerim')
    await trainer.getByTestId('drill-start').click()
    await expect.poll(() => trainer.getByTestId('drill-title').textContent(), { timeout: 20_000 }).toBe('A paper jam in the printer: the test page')
    expect(room.technicianView().training!.mode).toBe('drill')
    // The set-up ran on the drill's own kiosk: its printer is jammed, the live kiosk's is not.
    expect(room.technicianView().devices.printer.fault).toBe('jam')
    await trainer.getByTestId('drill-hint').click()
    await trainer.getByTestId('drill-hints').waitFor()

    // The trainee works in service mode and on the technician panel.
    send({ type: 'serviceEntry' })
    send({ type: 'servicePin', pin: '2222' })
    await expect.poll(() => room.view().screen, { timeout: 20_000 }).toBe('serviceMenu')
    const taskDone = (id: string) => expect.poll(() => trainer.getByTestId(`drill-task-${id}`).textContent(), { timeout: 20_000 }).toContain('✓')
    send({ type: 'serviceOpen', page: 'devices' })
    send({ type: 'deviceTest', device: 'printer' })
    await taskDone('test-jammed')
    send({ type: 'clearFault', device: 'printer' })
    await taskDone('clear-paper')
    send({ type: 'deviceTest', device: 'printer' })
    await taskDone('test-printed')
    await screenshotTo(trainer, SCREENSHOTS, 'trainer-drill')
    send({ type: 'serviceLogout' })
    await taskDone('log-out')

    await trainer.getByTestId('drill-finish').click()
    await trainer.getByTestId('drill-debrief').waitFor({ timeout: 20_000 })
    const result = room.technicianView().training!.drill.result!
    expect(result).toMatchObject({ trainee: 'Aigerim', outcome: 'finished', hintsUsed: 1, passed: true })
    expect(result.score).toBe(result.maxScore - 5)
    expect((await trainer.getByTestId('debrief-score').textContent())?.trim()).toBe(
      `${result.score} / ${result.maxScore} points — passed (pass mark ${result.passMark})`
    )
    // The trainee's steps beside the reference solution's, with the journal records that prove them.
    const timeline = trainer.getByTestId('debrief-timeline')
    expect(await timeline.textContent()).toContain('deviceTested')
    expect(await timeline.locator('tbody tr').count()).toBeGreaterThanOrEqual(result.expected.length)
    await screenshotTo(trainer, SCREENSHOTS, 'trainer-debrief')
    // The result is kept under the data folder, as JSON and a printable page.
    expect(
      readdirSync(join(dataDir, 'drills'))
        .filter((f) => f.includes('aigerim-printer-jam-test-page'))
        .sort()
    ).toEqual([expect.stringMatching(/\.html$/), expect.stringMatching(/\.json$/)])
    await trainer.getByTestId('debrief-close').click()
    await expect.poll(() => room.technicianView().training!.mode).toBe('live')
  })
})
