/** A trainer's printer drill in the browser: paper out, the top-up completes, the QR e-receipt shows, staff reprint. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskCardNumber } from '../../src/core/cards'
import { expectScreen, layoutProblems, openKioskAndPanel, screenshot, startHarness, tapButton, type Harness } from './harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

describe('printer out of paper', () => {
  it('completes the top-up and shows the receipt with a QR e-receipt; staff reprint it after refilling', async () => {
    const { kiosk, panel } = await openKioskAndPanel(h)
    await panel.getByTestId('printer-paper-out').click()
    await panel.getByTestId(tapButton('9398000011112222')).click()
    await expectScreen(kiosk, 'amount')
    await kiosk.getByTestId('preset-1000').click()
    await kiosk.getByTestId('pay-cash').click()
    await expectScreen(kiosk, 'cash')
    await panel.getByTestId('insert-KZT-1000').click()
    await kiosk.getByTestId('stacked-notes').waitFor()
    await kiosk.getByTestId('confirm').and(kiosk.locator(':enabled')).waitFor()
    await kiosk.getByTestId('confirm').click()
    await expectScreen(kiosk, 'receipt')
    await kiosk.getByTestId('receipt-not-printed').waitFor()
    const qr = kiosk.getByTestId('e-receipt-qr').locator('svg')
    await qr.waitFor()
    // The e-receipt link carries an unguessable token, never the (countable) transaction id.
    const receipt = h.runtime.view().receipt!
    expect(await kiosk.getByTestId('e-receipt-url').innerText()).toBe(receipt.eReceiptUrl)
    expect(receipt.eReceiptUrl).toMatch(/\/r\/[\w-]{22}$/)
    expect(receipt.eReceiptUrl).not.toContain(receipt.transactionId.slice(0, 15))
    expect(await layoutProblems(kiosk)).toEqual([])
    await screenshot(kiosk, 'ru', 'printer-out-e-receipt') // the default language
    expect(h.runtime.technicianView().cards.find((c) => c.masked === maskCardNumber('9398000011112222'))?.balanceKzt).toBe(1500)

    await panel.getByTestId('printer-ok').click()
    await panel.getByTestId(`reprint-${receipt.transactionId}`).click()
    await expect.poll(() => h.runtime.technicianView().devices.printer.printed).toBe(1)
    await kiosk.close()
    await panel.close()
  })
})
