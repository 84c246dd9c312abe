import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { MemoryCardStore } from '../../src/core/devices/host'
import { MemoryJournal } from '../../src/core/journal'
import { Kiosk } from '../../src/core/kiosk'
import { FileReceiptArchive } from '../../src/node/receiptArchive'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function topUp(language: 'kk' | 'zh', printerFault?: 'paperOut') {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-receipts-'))
  dirs.push(dir)
  const clock = new VirtualClock(Date.UTC(2026, 10, 25, 6))
  const kiosk = new Kiosk({ config: loadConfig(), clock, journal: new MemoryJournal(), cards: new MemoryCardStore(DEMO_CARDS), receiptArchive: new FileReceiptArchive(dir) })
  if (printerFault) kiosk.send({ type: 'fault', device: 'printer', fault: printerFault })
  const steps = [
    { type: 'language', code: language },
    { type: 'tapCard', number: '9398000011112222' },
    { type: 'chooseAmount', kzt: 3000 },
    { type: 'payCash' },
    { type: 'insertBill', currency: 'USD', value: 5 },
    { type: 'insertBill', currency: 'USD', value: 2 },
    { type: 'confirm' }
  ] as const
  for (const step of steps) {
    kiosk.send(step)
    await clock.advance(2000)
  }
  return { dir, kiosk, id: kiosk.view().receipt!.transactionId }
}

describe('receipt files', () => {
  it('keeps every receipt as receiptline source, SVG and ESC/POS bytes in the customer’s language', async () => {
    const { dir, id } = await topUp('kk')
    const doc = readFileSync(join(dir, `${id}.receipt`), 'utf8')
    expect(doc).toContain(id)
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
})
