/** Printer faults: the top-up still completes; the receipt is on screen with its QR e-receipt; staff reprint later. */
import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../src/core/clock'
import { PRINTED_KEPT, SimulatedPrinter } from '../../src/core/devices/printer'
import { RECEIPT_LABELS } from '../../src/core/receipt/labels'
import { DEMO_CARD, atCashScreen, moneyInvariantAfterEach, txId } from './helpers'

moneyInvariantAfterEach()

const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })

describe('receipt printer', () => {
  it.each(['paperOut', 'jam'] as const)('completes the top-up when the printer has %s, and keeps the receipt on screen for its QR code', async (fault) => {
    const { kiosk, act, clock, cards, journal, screen } = await atCashScreen(1000)
    kiosk.send({ type: 'fault', device: 'printer', fault })
    await act(KZT(1000))
    await act({ type: 'confirm' }, 1)
    expect(cards.get(DEMO_CARD)?.balanceKzt).toBe(1500)
    expect(kiosk.view().receipt).toMatchObject({
      status: 'completed',
      printed: 'failed',
      eReceiptUrl: expect.stringMatching(/^https:\/\/receipts\.demo-transit\.kz\/r\/[\w-]{22}$/)
    })
    // The e-receipt link is an unguessable token, never the (countable) transaction id.
    expect(kiosk.view().receipt?.eReceiptUrl).not.toContain(txId(1).slice(0, 15))
    expect(journal.all().find((r) => r.kind === 'receiptNotPrinted')?.data).toEqual({ transactionId: txId(1), reason: fault })
    await clock.advance(20_000)
    expect(screen()).toBe('receipt') // 30 s to scan the QR code instead of 15
    await clock.advance(10_000)
    expect(screen()).toBe('thankYou')
    expect(kiosk.printer.printed).toHaveLength(0)
  })

  it('prints with low paper and warns staff', async () => {
    const { kiosk, act, clock } = await atCashScreen(1000)
    kiosk.send({ type: 'fault', device: 'printer', fault: 'paperLow' })
    await act(KZT(1000))
    await act({ type: 'confirm' }, 1)
    expect(kiosk.view().receipt?.printed).toBe('printed')
    expect(kiosk.technicianView().devices.printer).toMatchObject({ fault: 'paperLow', printed: 1 })
    await clock.advance(5000)
  })

  it('reprints a receipt for staff once the paper is back', async () => {
    const { kiosk, act, clock, journal } = await atCashScreen(1000)
    kiosk.send({ type: 'fault', device: 'printer', fault: 'paperOut' })
    await act(KZT(1000))
    await act({ type: 'confirm' }, 1)
    await clock.advance(40_000)
    expect(kiosk.technicianView().devices.printer.reprintable).toEqual([txId(1)])
    kiosk.send({ type: 'clearFault', device: 'printer' })
    expect(kiosk.send({ type: 'reprint', transactionId: txId(1) })).toEqual({ ok: true })
    await clock.advance(1000)
    expect(kiosk.printer.printed).toHaveLength(1)
    expect(kiosk.printer.printed[0]).toContain('00412783\\-000001') // receiptline escapes the '-'
    expect(kiosk.printer.printed[0]).toContain(RECEIPT_LABELS.ru.copy)
    expect(journal.all().at(-1)).toMatchObject({ kind: 'receiptPrinted', data: { transactionId: txId(1), reprint: true } })
    expect(kiosk.send({ type: 'reprint', transactionId: 'nope' })).toEqual({ ok: false, error: 'no receipt for nope on this kiosk since it started' })
  })

  it('keeps only its last receipts to read back, and counts every one (a day of receipts would grow its memory)', async () => {
    const clock = new VirtualClock(0)
    const printer = new SimulatedPrinter(clock, 10)
    const jobs = Array.from({ length: PRINTED_KEPT + 7 }, (_, i) => printer.print(`receipt ${i + 1}`))
    await clock.advance(10)
    await Promise.all(jobs)
    expect(printer.printedCount).toBe(PRINTED_KEPT + 7)
    expect(printer.printed).toHaveLength(PRINTED_KEPT)
    expect(printer.printed[0]).toBe('receipt 8')
    expect(printer.printed.at(-1)).toBe(`receipt ${PRINTED_KEPT + 7}`)
  })
})
