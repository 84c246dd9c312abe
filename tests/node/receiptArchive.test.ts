import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal } from '../../src/core/journal'
import { fixedBootNonce, Kiosk } from '../../src/core/kiosk'
import { escapeText, receiptDocument } from '../../src/core/receipt/document'
import { FileReceiptArchive } from '../../src/node/receiptArchive'
import { receiptFilePaths } from '../../src/node/receipts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function topUp(language: 'kk' | 'zh' | 'en', printerFault?: 'paperOut', options: { dir?: string; config?: unknown; kzt?: number } = {}) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kiosk-receipts-'))
  dirs.push(dir)
  const clock = new VirtualClock(Date.UTC(2026, 10, 25, 6))
  // One start nonce for every kiosk here: two kiosks on fresh journals then give the same id, as ids of numbers alone once did.
  const kiosk = new Kiosk({
    config: loadConfig(options.config ?? {}),
    clock,
    journal: new MemoryJournal(),
    cards: new MemoryCardStore(DEMO_CARDS),
    receiptArchive: new FileReceiptArchive(dir),
    bootNonce: () => fixedBootNonce('receipt archive')
  })
  if (printerFault) kiosk.send({ type: 'fault', device: 'printer', fault: printerFault })
  const steps = [
    { type: 'language', code: language },
    { type: 'tapCard', number: '9398000011112222' },
    { type: 'chooseAmount', kzt: options.kzt ?? 3000 },
    { type: 'payCash' },
    ...(options.kzt === undefined
      ? ([
          { type: 'insertBill', currency: 'USD', value: 5 },
          { type: 'insertBill', currency: 'USD', value: 2 }
        ] as const)
      : ([{ type: 'insertBill', currency: 'KZT', value: options.kzt }] as const)),
    { type: 'confirm' }
  ] as const
  for (const step of steps) {
    kiosk.send(step)
    await clock.advance(2000)
  }
  const receipt = kiosk.view().receipt!
  return { dir, kiosk, receipt, id: receipt.transactionId }
}

describe('receipt files', () => {
  it('keeps every receipt as receiptline source, SVG and ESC/POS bytes in the customer’s language', async () => {
    const { dir, id } = await topUp('kk')
    const doc = readFileSync(join(dir, `${id}.receipt`), 'utf8')
    expect(doc).toContain(escapeText(id)) // as receiptline markup: its hyphens escaped
    expect(doc).toMatch(/[әғқңөұүһі]/) // Kazakh labels
    const svg = readFileSync(join(dir, `${id}.svg`), 'utf8')
    expect(svg.startsWith('<svg')).toBe(true)
    const bin = readFileSync(join(dir, `${id}.bin`))
    expect([...bin.subarray(0, 2)]).toEqual([0x1b, 0x40]) // ESC @
    expect(bin.includes(Buffer.from([0x1b, 0x74, 53]))).toBe(true) // KZ-1048 selected for the Kazakh letters
  })

  it('keeps the receipt when the printer is out of paper, for the e-receipt and a reprint', async () => {
    const { dir, id, kiosk } = await topUp('zh', 'paperOut')
    expect(kiosk.view().receipt?.printed).toBe('failed')
    expect(existsSync(join(dir, `${id}.svg`))).toBe(true)
    expect(readFileSync(join(dir, `${id}.receipt`), 'utf8')).toContain('收据')
  })

  it('never writes a receipt over another with the same transaction id (two kiosks with one start nonce on fresh journals)', async () => {
    const first = await topUp('en', undefined, { kzt: 1000 })
    const before = Object.fromEntries(readdirSync(first.dir).map((f) => [f, readFileSync(join(first.dir, f))]))
    // a second kiosk with a fresh (restored) journal, keeping receipts in the same folder
    const second = await topUp('en', undefined, { dir: first.dir, kzt: 2000 })
    expect(second.id).toBe(first.id)
    for (const [file, bytes] of Object.entries(before)) expect(readFileSync(join(first.dir, file)).equals(bytes), `${file} unchanged`).toBe(true)
    const again = receiptFilePaths(first.dir, second.id, 2)
    expect(readdirSync(first.dir).sort()).toEqual([...Object.keys(before), ...[again.escpos, again.doc, again.svg, again.view].map((p) => basename(p!))].sort())
    expect(readFileSync(again.doc, 'utf8')).toBe(receiptDocument(second.receipt, 'en'))
    expect(readFileSync(receiptFilePaths(first.dir, first.id).doc, 'utf8')).toBe(receiptDocument(first.receipt, 'en'))
  })

  it('lays the files out for the printer’s paper (devices.printer.paper)', async () => {
    const { dir, id, receipt } = await topUp('kk', undefined, { config: { devices: { printer: { paper: '58mm' } } } })
    const paths = receiptFilePaths(dir, id)
    expect(readFileSync(paths.doc, 'utf8')).toBe(receiptDocument(receipt, 'kk', { columns: 32 }))
    expect(readFileSync(paths.svg, 'utf8')).toMatch(/^<svg width="384px"/)
    const bin = readFileSync(paths.escpos)
    expect(bin.includes(Buffer.from([0x1d, 0x57, 384 & 255, 384 >> 8]))).toBe(true) // GS W: 384 dots
    expect(bin.includes(Buffer.from([0x1d, 0x57, 576 & 255, 576 >> 8]))).toBe(false)
  })
})
