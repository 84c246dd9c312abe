/** The view is built once per kiosk snapshot and its paying options only when what they read changed: what callers get stays current and their own. */
import { describe, expect, it } from 'vitest'
import type { CurrencyCode } from '../../src/core/config'
import { noteContext } from '../../src/core/machines/kioskContext'
import { payingOption, type PayingOption } from '../../src/core/money'
import { atCashScreen, moneyInvariantAfterEach, type TestKiosk } from './helpers'

moneyInvariantAfterEach()

/** The paying options worked out afresh from the kiosk's context, as the cash screen must show them. */
function freshOptions(k: TestKiosk): PayingOption[] {
  const context = k.kiosk.snapshot().context
  return (Object.keys(context.config.currencies) as CurrencyCode[]).flatMap((code) => payingOption(code, noteContext(context)) ?? [])
}

describe('the view of a snapshot', () => {
  it('gives each caller its own copy: a change to one reaches neither the kiosk nor the next caller', async () => {
    const k = await atCashScreen(1500)
    const first = k.kiosk.view()
    const second = k.kiosk.view()
    expect(second).toEqual(first)
    expect(second).not.toBe(first)
    first.screen = 'idle'
    first.canCancel = !first.canCancel
    expect(k.kiosk.view()).toEqual(second)
    expect(k.kiosk.view().screen).toBe('cash')
  })

  it('follows every step, and shows the paying options of the notes stacked now, kiosk after kiosk', async () => {
    const a = await atCashScreen(1500)
    const b = await atCashScreen(2000)
    const before = a.kiosk.view().cash!
    expect(before.options).toEqual(freshOptions(a))
    expect(before.options.length).toBeGreaterThan(0)
    await a.act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    const after = a.kiosk.view().cash!
    expect(after.stacked).toEqual([{ currency: 'KZT', value: 1000 }])
    expect(after.options).toEqual(freshOptions(a))
    expect(after.options).not.toEqual(before.options)
    // A second note (the quote locked by the first stays as it was): the options follow the notes alone.
    await a.act({ type: 'insertBill', currency: 'KZT', value: 200 })
    expect(a.kiosk.view().cash!.options).toEqual(freshOptions(a))
    expect(a.kiosk.view().cash!.options).not.toEqual(after.options)
    // Another kiosk, another amount, asked in between: each gets its own.
    expect(b.kiosk.view().cash!.options).toEqual(freshOptions(b))
    expect(a.kiosk.view().cash!.options).toEqual(freshOptions(a))
    expect(b.kiosk.view().cash!.options).not.toEqual(a.kiosk.view().cash!.options)
  })
})
