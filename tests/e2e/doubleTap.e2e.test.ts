/**
 * A double tap on Continue (amount) in Chromium: the second tap lands after the payment-method
 * screen has replaced the amount screen, on whatever that screen put under the finger, and the
 * tap guard swallows it (issue 18). After 400 ms the same place takes a tap again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectScreen, startVirtualHarness, type VirtualHarness } from './harness'

let h: VirtualHarness

beforeAll(async () => {
  h = await startVirtualHarness({}, { language: 'en' })
})
afterAll(async () => {
  await h?.close()
})

describe('a double tap', () => {
  it('never lands on the control the next screen puts under the finger', async () => {
    const kiosk = await h.newPage({ width: 1280, height: 800 })
    await kiosk.goto(h.url)
    await expectScreen(kiosk, 'idle')
    expect(h.runtime.send({ type: 'tapCard', number: '9398000033334444' })).toEqual({ ok: true })
    await h.settle()
    await expectScreen(kiosk, 'amount')
    for (const key of ['2', '0', '0', '0']) await h.act(() => kiosk.getByTestId(`keypad-${key}`).click())

    // The amount screen's Continue and the payment screen's Cancel share a place.
    const box = (await kiosk.getByTestId('submit-amount').boundingBox())!
    const x = box.x + box.width / 2
    const y = box.y + box.height / 2
    await h.act(() => kiosk.mouse.click(x, y))
    await expectScreen(kiosk, 'paymentMethod')
    await kiosk.mouse.click(x, y) // the second tap of the double tap, on the new screen
    const under = await kiosk.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.closest('button')?.dataset.testid ?? null, [x, y])
    expect(under).toBe('cancel')
    // Nothing reached the kiosk: still choosing how to pay, the session and amount intact.
    await kiosk.waitForTimeout(100)
    expect(h.runtime.view().screen).toBe('paymentMethod')
    expect(await kiosk.getByTestId('screen-paymentMethod').isVisible()).toBe(true)

    expect(h.runtime.view().cancelQuestion).toBeNull()

    // Later than 400 ms the same place is an ordinary tap again: Cancel asks whether to end the session (the card is known).
    await kiosk.waitForTimeout(450)
    await h.act(() => kiosk.mouse.click(x, y))
    expect(h.runtime.view().screen).toBe('paymentMethod')
    expect(h.runtime.view().cancelQuestion).not.toBeNull()
    await kiosk.close()
  })
})
