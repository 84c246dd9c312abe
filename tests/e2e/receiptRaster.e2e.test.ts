/**
 * A receipt line no code page of its receipt has is printed as a raster image drawn from the
 * fonts the screen uses (src/node/receiptGlyphs.ts). Checked against the browser: Chromium draws
 * the receipt's SVG with the same bundled Noto fonts, and the printed dots of that line must
 * match its pixels (docs/receipts.md, "On paper").
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../../src/core/protocol'
import { receiptDocument } from '../../src/core/receipt/document'
import { sampleCashReceipt } from '../../src/core/receipt/samples'
import { PAPER_COLUMNS, renderReceiptEscPos, renderReceiptSvg, type Paper } from '../../src/node/receipts'
import { decodeEscPos, dot } from '../node/escposDecoder'
import { launchChromium } from './harness'

const require = createRequire(import.meta.url)
/** receiptline's PNG reader (pngjs, untyped), for the browser's screenshot. */
const { PNG } = require('pngjs') as { PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } } }
/** The faces of src/renderer/src/styles/fonts.css (regular weight), inlined so the page needs no server. */
const FACES: [family: string, file: string][] = [
  ['Noto Sans', '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'],
  ['Noto Sans', '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff'],
  ['Noto Sans', '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff'],
  ['Noto Sans', '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff'],
  ['Noto Sans SC', '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff']
]
const FONT_CSS = FACES.map(
  ([family, file]) =>
    `@font-face{font-family:'${family}';src:url(data:font/woff;base64,${readFileSync(require.resolve(file)).toString('base64')}) format('woff')}`
).join('\n')

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** The receipt's SVG as Chromium draws it at 1×: whether each pixel is dark. */
async function browserInk(svg: string, text: string): Promise<(x: number, y: number) => boolean> {
  const page = await browser.newPage({ viewport: { width: 800, height: 2400 }, deviceScaleFactor: 1 })
  try {
    await page.setContent(`<html><head><style>${FONT_CSS} body{margin:0;background:#fff}</style></head><body><div id="r">${svg}</div></body></html>`)
    await page.evaluate(async (sample) => {
      for (const family of ['Noto Sans', 'Noto Sans SC']) await document.fonts.load(`20px "${family}"`, sample)
      await document.fonts.ready
    }, text)
    const png = PNG.sync.read(await page.locator('#r svg').screenshot())
    return (x, y) => {
      const i = (y * png.width + x) * 4
      return png.data[i]! * 0.299 + png.data[i + 1]! * 0.587 + png.data[i + 2]! * 0.114 < 128
    }
  } finally {
    await page.close()
  }
}

const cases: { language: Language; paper: Paper; location: string }[] = [
  { language: 'ru', paper: '80mm', location: 'Қонаев, ТРЦ «Мега» ₸ café — Шымкент' },
  { language: 'en', paper: '58mm', location: 'Almaty 阿拉木图 Қонаев' },
  { language: 'zh', paper: '80mm', location: '阿拉木图 Қонаев ₸' }
]

describe('raster lines look as the screen draws them', () => {
  it.each(cases)('$language on $paper: "$location"', async ({ language, paper, location }) => {
    const doc = receiptDocument({ ...sampleCashReceipt(), location }, language, { columns: PAPER_COLUMNS[paper] })
    const printout = decodeEscPos(renderReceiptEscPos(doc, { language, paper }))
    const lines = printout.lines.filter((l) => l.raster && l.raster.height === 24)
    expect(lines.length).toBeGreaterThan(0)
    const screen = await browserInk(renderReceiptSvg(doc, { language, paper }), location)
    for (const line of lines) {
      const r = line.raster!
      let both = 0
      let either = 0
      for (let y = 0; y < r.height; y++) {
        for (let x = 0; x < r.width; x++) {
          const [printed, shown] = [dot(r, x, y), screen(r.x + x, line.top + y)]
          if (printed && shown) both++
          if (printed || shown) either++
        }
      }
      // The same glyphs at the same places: most ink in common (anti-aliasing and hinting differ at the edges).
      expect(both / either, `line at ${line.top}`).toBeGreaterThan(0.6)
      // and a line one text line lower on screen (other text) does not match: the measure tells lines apart
      let shiftedBoth = 0
      let shiftedEither = 0
      for (let y = 0; y < r.height; y++) {
        for (let x = 0; x < r.width; x++) {
          const [printed, shown] = [dot(r, x, y), screen(r.x + x, line.top + 24 + y)]
          if (printed && shown) shiftedBoth++
          if (printed || shown) shiftedEither++
        }
      }
      expect(shiftedBoth / shiftedEither).toBeLessThan(0.3)
    }
  })
})
