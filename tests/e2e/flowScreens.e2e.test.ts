/**
 * Issue 18's screen items in Chromium, landscape 1920×1080 and portrait 1080×1920: presets the card
 * cannot take disabled with the reason, "Cancel the top-up?" with Keep going, the done screen with the
 * new balance, the place-card screen's way out. Each is photographed (artifacts/screenshots/flow18/).
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { expectScreen, layoutProblems, screenshotTo, SCREENSHOTS, startVirtualHarness, type VirtualHarness } from './harness'

let h: VirtualHarness
const DIR = join(SCREENSHOTS, 'flow18')
const NEAR_CAP = '9398000055556666' // 195 000 ₸: 10 000 ₸ would take it over the 200 000 ₸ cap

beforeAll(async () => {
  h = await startVirtualHarness({ timeouts: { doneSeconds: 600, cardWriteSeconds: 600, inactivitySeconds: 600 } }, { language: 'en' })
})
afterAll(async () => {
  await h?.close()
})

const ORIENTATIONS = [
  ['landscape', { width: 1920, height: 1080 }],
  ['portrait', { width: 1080, height: 1920 }]
] as const

/** A tap as a person makes it: not within the tap guard's 400 ms of the last screen change. */
async function tap(page: Page, testid: string): Promise<void> {
  await page.waitForTimeout(450)
  await h.act(() => page.getByTestId(testid).click())
}

async function photograph(page: Page, orientation: string, name: string): Promise<void> {
  expect(await layoutProblems(page)).toEqual([])
  await screenshotTo(page, DIR, `${name}-${orientation}`)
}

describe.each(ORIENTATIONS)('issue 18 screens, %s', (orientation, viewport) => {
  it('disables the presets the card cannot take, asks before Cancel, shows the done screen and the way out of the card write', async () => {
    const page = await h.newPage(viewport)
    await page.goto(h.url)
    await expectScreen(page, 'idle')
    // Presets: the near-cap card takes 5 000 ₸ at most.
    await h.act(() => Promise.resolve(h.runtime.send({ type: 'tapCard', number: NEAR_CAP })), 0)
    await h.settle()
    await expectScreen(page, 'amount')
    await expect.poll(() => page.getByTestId('preset-10000').isDisabled()).toBe(true)
    expect(await page.getByTestId('why-preset-10000').innerText()).toContain('This card can take up to 5,000')
    await photograph(page, orientation, 'amount-presets')
    // Cancel asks first; Keep going stays.
    await tap(page, 'preset-2000')
    await h.settle()
    await expectScreen(page, 'paymentMethod')
    await tap(page, 'cancel')
    await page.getByTestId('cancel-question').waitFor()
    await photograph(page, orientation, 'cancel-question')
    await h.act(() => page.keyboard.press('Escape'))
    await page.getByTestId('cancel-question').waitFor({ state: 'detached' })
    // Cancel answered: back to the attract screen.
    await tap(page, 'cancel')
    await tap(page, 'confirm-cancel')
    await h.settle()
    await expectScreen(page, 'idle')
    h.runtime.send({ type: 'removeCard' })
    // A typed card: the top-up waits for the card to be written, with Later.
    await tap(page, 'start')
    await expectScreen(page, 'card')
    for (const key of '11112222') await h.act(() => page.keyboard.press(key))
    await h.act(() => page.keyboard.press('Enter'))
    await h.settle()
    await expectScreen(page, 'amount')
    await tap(page, 'preset-1000')
    await tap(page, 'pay-cash')
    await h.settle()
    await expectScreen(page, 'cash')
    await photograph(page, orientation, 'cash-still-to-insert')
    await h.act(() => Promise.resolve(h.runtime.send({ type: 'insertBill', currency: 'KZT', value: 1000 })), 0)
    await h.settle()
    await tap(page, 'confirm')
    await h.settle()
    await expectScreen(page, 'cardWrite')
    await page.getByTestId('card-write-later').waitFor()
    await photograph(page, orientation, 'card-write-later')
    await tap(page, 'card-write-later')
    await h.settle()
    await expectScreen(page, 'receipt')
    await page.getByTestId('done-summary').waitFor()
    expect(await page.getByTestId('new-balance').innerText()).toContain(h.runtime.view().receipt!.balanceAfterKzt!.toLocaleString('en-US'))
    await photograph(page, orientation, 'done-pending')
    await tap(page, 'done')
    await h.advanceUntil((v) => v.screen === 'idle')
    await page.close()
  })
})
