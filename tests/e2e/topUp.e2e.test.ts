/** A person at the web host: tops up a demo card with three notes by clicking, in Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskCardNumber } from '../../src/core/cards'
import { expectScreen, openKioskAndPanel, startHarness, tapButton, type Harness } from './harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

describe('top-up in the browser', () => {
  it('tops up a demo card with three tenge notes from the technician panel', async () => {
    const { kiosk, panel } = await openKioskAndPanel(h)
    await kiosk.getByTestId('lang-en').click()
    await expect.poll(() => kiosk.locator('html').getAttribute('lang')).toMatch(/^en/)

    // The customer taps the card (the trainer does it from the panel).
    await panel.getByTestId(tapButton('9398000011112222')).click()
    await expectScreen(kiosk, 'amount')
    await expect.poll(() => kiosk.getByTestId('card-masked').innerText()).toBe('9398 •••• •••• 2222')
    expect(await kiosk.getByTestId('card-balance').innerText()).toContain('500')

    // A custom amount on the keypad.
    for (const key of ['2', '5', '0', '0']) await kiosk.getByTestId(`keypad-${key}`).click()
    await kiosk.getByTestId('submit-amount').click()
    await expectScreen(kiosk, 'paymentMethod')
    expect(await kiosk.getByTestId('pay-card').isDisabled()).toBe(false) // a bank card works too
    await kiosk.getByTestId('pay-cash').click()
    await expectScreen(kiosk, 'cash')
    expect(await kiosk.getByTestId('no-change').isVisible()).toBe(true)

    for (const [i, value] of [1000, 500, 1000].entries()) {
      await panel.getByTestId(`insert-KZT-${value}`).click()
      await expect.poll(() => kiosk.getByTestId('stacked-notes').locator('li').count(), { timeout: 10_000 }).toBe(i + 1)
    }
    await expect.poll(() => kiosk.getByTestId('cash-paid').innerText()).toMatch(/2[\s,.\u00a0\u202f]?500/)
    expect(await kiosk.getByTestId('cancel').count()).toBe(0)

    await kiosk.getByTestId('confirm').click()
    await expectScreen(kiosk, 'receipt')
    // The receipt is drawn as receiptline SVG, one <tspan> a character: its text without spaces.
    const receipt = ((await kiosk.getByTestId('receipt-svg').textContent()) ?? '').replace(/[\s\u00a0]+/g, '')
    expect(receipt).toContain('Transitcard9398••••••••2222')
    expect(receipt).toContain('Amountcredited2500KZT')
    expect(receipt).toContain('Balanceafter3000KZT')
    expect(await kiosk.getByTestId('receipt-status').innerText()).toBe('Top-up completed')
    await kiosk.getByTestId('done').click()
    await expectScreen(kiosk, 'thankYou')
    await expectScreen(kiosk, 'idle')

    // The host kept the balance; the panel's journal shows the completed top-up.
    expect(h.runtime.technicianView().cards.find((c) => c.masked === maskCardNumber('9398000011112222'))?.balanceKzt).toBe(3000)
    await expect.poll(() => panel.getByTestId('journal').innerText()).toContain('transactionCompleted')
    await kiosk.close()
    await panel.close()
  })
})
