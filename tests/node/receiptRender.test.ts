/**
 * The receipt renderers, checked from the outside: an independent ESC/POS decoder
 * (escposDecoder.ts) reads the bytes with iconv-lite's code page tables (not the renderer's own),
 * and a small QR decoder (qrDecode.ts) reads the QR codes back out of the SVGs and the printer's
 * raster image. receiptPrint.test.ts compares whole printed receipts with the screen's SVG.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode as iconvDecode, encode as iconvEncode } from 'iconv-lite'
import { toBuffer as qrPng } from 'qrcode'
import { afterEach, describe, expect, it } from 'vitest'
import { LANGUAGES, type ReceiptView } from '../../src/core/protocol'
import { receiptDocument } from '../../src/core/receipt/document'
import { RECEIPT_LABELS } from '../../src/core/receipt/labels'
import { sampleCardReceipt, sampleCashReceipt, sampleFlaggedReceipt } from '../../src/core/receipt/samples'
import {
  CP866,
  KZ1048,
  PAPER_COLUMNS,
  encodeEscPosText,
  pngSize,
  qrSvg,
  rasterCharacters,
  receiptFilePaths,
  renderReceiptEscPos,
  renderReceiptEscPosRaster,
  renderReceiptSvg,
  writeReceiptFiles
} from '../../src/node/receipts'
import { decodeEscPos, lineText, type Printout } from './escposDecoder'
import { decodeQr, matrixOfQrSvg, matrixOfRaster, matrixOfReceiptSvg } from './qrDecode'

const KAZAKH_LETTERS = 'ӘәҒғҚқҢңӨөҰұҮүҺһІі'
const URL_42 = 'https://receipts.demo-transit.kz/r/00412783-000042'

/** The decoded printout as text lines, and its raster images (the QR code first). */
function virtualPrinter(bytes: Buffer): Printout & { text: string[]; rasters: NonNullable<Printout['lines'][number]['raster']>[] } {
  const out = decodeEscPos(bytes)
  return { ...out, text: out.lines.filter((l) => !l.raster).map(lineText), rasters: out.lines.flatMap((l) => (l.raster ? [l.raster] : [])) }
}

const flat = (lines: string[]) => lines.map((l) => l.trim().replace(/ {2,}/g, ' ')).join('\n')

/** The text of receiptline's SVG, one line per printed line (it draws one <tspan> per character). */
function svgLines(svg: string): string[] {
  return [...svg.matchAll(/<g transform="translate\([\d.]+,[\d.]+\)">((?:<text[^>]*>.*?<\/text>)+)<\/g>/g)].map((g) =>
    [...g[1]!.matchAll(/<text[^>]*>(.*?)<\/text>/g)]
      .map((t) =>
        [...t[1]!.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)]
          .map((s) =>
            s[1]!
              .replace(/&#xa0;/g, ' ')
              .replace(/&lt;/g, '<')
              .replace(/&gt;/g, '>')
              .replace(/&amp;/g, '&')
          )
          .join('')
      )
      .join(' ')
      .replace(/ {2,}/g, ' ')
      .trim()
  )
}

// ---------------------------------------------------------------------------------------------

const kazakhReceipt = (): ReceiptView => ({ ...sampleCashReceipt(), location: `Алматы, ${KAZAKH_LETTERS.split('').join(' ')}` })

describe('the ESC/POS text encoder', () => {
  it('has the right code page tables (checked against iconv-lite)', () => {
    const upper = Buffer.from(Array.from({ length: 128 }, (_, k) => 0x80 + k))
    expect(Array.from(CP866.upper)).toHaveLength(128)
    expect(Array.from(KZ1048.upper)).toHaveLength(128)
    expect(CP866.upper).toBe(iconvDecode(upper, 'cp866'))
    expect(KZ1048.upper).toBe(iconvDecode(upper, 'rk1048').replace('\ufffd', '\u0000'))
    expect([CP866.escT, KZ1048.escT]).toEqual([17, 53])
    for (const letter of KAZAKH_LETTERS) {
      expect(CP866.upper, `${letter} is not in PC866`).not.toContain(letter)
      expect(KZ1048.upper, `${letter} is in KZ-1048`).toContain(letter)
    }
  })

  it('writes text in the one page it is given, never switching pages (the receipt selects it once)', () => {
    expect(Buffer.from(encodeEscPosText('Внесено', { page: CP866 }).bytes, 'latin1')).toEqual(iconvEncode('Внесено', 'cp866'))
    expect(Buffer.from(encodeEscPosText('ABC 123').bytes, 'latin1').toString('latin1')).toBe('ABC 123')
    const all = encodeEscPosText(`Түбіртек ${KAZAKH_LETTERS}`, { page: KZ1048 })
    expect(all.unprintable).toEqual([])
    expect(Buffer.from(all.bytes, 'latin1')).toEqual(iconvEncode(`Түбіртек ${KAZAKH_LETTERS}`, 'rk1048'))
    // PC866 has no Kazakh letter: reported, for the line to go raster, not switched to another page
    expect(encodeEscPosText('Түбіртек', { page: CP866 }).unprintable).toEqual(['ү', 'і'])
    expect(encodeEscPosText('Түбіртек', { page: CP866 }).bytes).not.toContain('\x1bt')
  })

  it('writes Chinese as GB18030 in Kanji mode (FS & … FS .) when the receipt has it, else reports it', () => {
    expect(Buffer.from(encodeEscPosText('收据', { gb18030: true }).bytes, 'latin1')).toEqual(Buffer.from([0x1c, 0x26, 0xca, 0xd5, 0xbe, 0xdd, 0x1c, 0x2e]))
    // ASCII stays single-byte inside Kanji mode; Kanji mode is off before a single-byte Cyrillic letter
    expect(Buffer.from(encodeEscPosText('卡 A Б', { gb18030: true }).bytes, 'latin1')).toEqual(
      Buffer.from([0x1c, 0x26, ...iconvEncode('卡', 'gb18030'), 0x20, 0x41, 0x20, 0x1c, 0x2e, 0x81])
    )
    expect(encodeEscPosText('收据').unprintable).toEqual(['收', '据'])
    // a four-byte GB18030 code (CJK extension B) is not in a printer's GB font
    expect(encodeEscPosText('𠀀', { gb18030: true }).unprintable).toEqual(['𠀀'])
  })

  it('prints typographic marks the page lacks as ASCII look-alikes, one column each; a page that has them prints them', () => {
    expect(encodeEscPosText('9398 •••• •••• 2222').bytes).toBe('9398 **** **** 2222')
    expect(encodeEscPosText('«A» “B” – ‘c’ — d').bytes).toBe('"A" "B" - \'c\' - d')
    expect(Buffer.from(encodeEscPosText('«•»', { page: KZ1048 }).bytes, 'latin1')).toEqual(Buffer.from([0xab, 0x95, 0xbb]))
    expect(encodeEscPosText('•', { substitutes: {} }).unprintable).toEqual(['•'])
  })

  it('reports (never hides) what it cannot print: accented letters, emoji, the tenge sign', () => {
    const text = encodeEscPosText('Café 🚇 ₸')
    expect(text.unprintable).toEqual(['é', '🚇', '₸'])
  })
})

describe('renderReceiptEscPos', () => {
  it.each(LANGUAGES)('prints a %s receipt: ESC @ first, every line readable, every field there, one QR code, one cut', (language) => {
    const receipt = sampleCashReceipt()
    const doc = receiptDocument(receipt, language)
    const bytes = renderReceiptEscPos(doc, { language })
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40])
    const out = virtualPrinter(bytes)
    const text = flat(out.text)
    const L = RECEIPT_LABELS[language]
    const masked = language === 'kk' ? receipt.maskedCard! : receipt.maskedCard!.replace(/•/g, '*') // KZ-1048 has •, PC866 not
    for (const expected of [
      L.title,
      `${L.receiptNo} ${receipt.transactionId}`,
      `${L.accepted} 84 490 KZT`,
      `${L.credited} 84 840 KZT`,
      `${L.card} ${masked}`,
      `${L.terminal} ${receipt.terminalId}`,
      L.noChange,
      '1 USD 471.3725 KZT'
    ])
      expect(text).toContain(expected)
    expect(text).not.toContain('?')
    expect(out.rasters).toHaveLength(1)
    expect(decodeQr(matrixOfRaster(out.rasters[0]!, 5))).toBe(receipt.eReceiptUrl)
    expect(out.cuts).toBe(1)
    // one code page, selected once: KZ-1048 for Kazakh, PC866 for the others (rules included)
    expect(out.pages).toEqual([language === 'kk' ? 53 : 17])
  })

  it('puts the Russian label bytes in PC866 and the Chinese label bytes in GB18030', () => {
    const ru = renderReceiptEscPos(receiptDocument(sampleCashReceipt(), 'ru'), { language: 'ru' })
    expect(ru.includes(iconvEncode('Внесено', 'cp866'))).toBe(true)
    const zh = renderReceiptEscPos(receiptDocument(sampleCashReceipt(), 'zh'), { language: 'zh' })
    expect(zh.includes(Buffer.from([0x1c, 0x26, ...iconvEncode('已充入卡内', 'gb18030'), 0x1c, 0x2e]))).toBe(true)
    expect(zh.includes(iconvEncode('收据', 'gb18030'))).toBe(true)
  })

  it('prints every Kazakh letter as itself: none dropped, none turned into "?"', () => {
    const doc = receiptDocument(kazakhReceipt(), 'kk')
    expect(rasterCharacters(doc, { language: 'kk' })).toEqual([])
    const out = virtualPrinter(renderReceiptEscPos(doc, { language: 'kk' }))
    const text = flat(out.text)
    expect(text).toContain(KAZAKH_LETTERS.split('').join(' '))
    const L = RECEIPT_LABELS.kk
    for (const label of [
      L.title,
      L.bin,
      L.receiptNo,
      L.dateTime,
      L.terminal,
      L.card,
      L.payment,
      L.cash,
      L.notes,
      L.tenge,
      L.rates,
      L.quotedAt,
      L.accepted,
      L.fee,
      L.bonus,
      L.credited,
      L.balanceBefore,
      L.balanceAfter,
      L.completed,
      L.noChange,
      L.keep,
      L.eReceipt
    ]) {
      expect(text.replace(/\n/g, ' '), label).toContain(label)
    }
    expect(text).not.toContain('?')
    expect(out.pages).toEqual([53])
  })

  it('lets a vendor number KZ-1048 differently, and prints Chinese as raster on a printer without a Chinese font', () => {
    const kk = renderReceiptEscPos(receiptDocument(sampleCardReceipt(), 'kk'), { language: 'kk', page: { ...KZ1048, escT: 99 } })
    expect(kk.includes(Buffer.from([0x1b, 0x74, 99]))).toBe(true)
    expect(kk.includes(Buffer.from([0x1b, 0x74, 53]))).toBe(false)
    const doc = receiptDocument(sampleCardReceipt(), 'zh')
    expect(rasterCharacters(doc, { language: 'zh', gb18030: false })).toContain('收')
    const zh = virtualPrinter(renderReceiptEscPos(doc, { language: 'zh', gb18030: false }))
    expect(zh.kanjiRuns).toBe(0)
    expect(zh.rasters.length).toBeGreaterThan(10) // every line with Chinese, and the QR code
  })

  it('prints 32 columns on 58 mm paper (384 dots) and 48 on 80 mm (576 dots)', () => {
    for (const paper of ['58mm', '80mm'] as const) {
      const columns = PAPER_COLUMNS[paper]
      const bytes = renderReceiptEscPos(receiptDocument(sampleCashReceipt(), 'kk', { columns }), { paper, language: 'kk' })
      const dots = columns * 12
      expect(bytes.includes(Buffer.from([0x1d, 0x57, dots & 255, dots >> 8]))).toBe(true) // GS W: print area width
      for (const line of virtualPrinter(bytes).lines) for (const c of line.chars) expect(c.x + c.width, c.char).toBeLessThanOrEqual(dots)
    }
  })

  it('leaves out the cut when asked', () => {
    expect(virtualPrinter(renderReceiptEscPos(receiptDocument(sampleCardReceipt(), 'en'), { cutting: false })).cuts).toBe(0)
  })
})

describe('renderReceiptEscPosRaster', () => {
  it('prints a PNG as ESC/POS raster graphics (GS v 0), checking it fits the paper', async () => {
    const png = await qrPng('hello', { margin: 1, scale: 8 })
    const { width, height } = pngSize(png)
    const out = virtualPrinter(renderReceiptEscPosRaster(png, { paper: '58mm' }))
    expect(out.rasters).toHaveLength(1)
    expect(out.rasters[0]).toMatchObject({ width: Math.ceil(width / 8) * 8, height })
    expect(decodeQr(matrixOfRaster(out.rasters[0]!, 8, 8))).toBe('hello')
    const wide = await qrPng('x'.repeat(200), { margin: 4, scale: 10 })
    expect(pngSize(wide).width).toBeGreaterThan(384)
    expect(() => renderReceiptEscPosRaster(wide, { paper: '58mm' })).toThrow(/at most 384/)
    expect(() => pngSize(Buffer.from('not a png'))).toThrow(/not a PNG/)
  })
})

describe('renderReceiptSvg', () => {
  it.each(LANGUAGES)('shows the %s receipt as text in the bundled fonts, with the QR code', (language) => {
    const svg = renderReceiptSvg(receiptDocument(sampleCashReceipt(), language), { language })
    expect(svg).toMatch(/^<svg width="576px"/)
    expect(svg).not.toContain('@import')
    expect(svg).not.toContain('googleapis')
    expect(svg).toContain(
      language === 'zh'
        ? `font-family="'Noto Sans SC', 'Noto Sans', sans-serif" lang="zh-Hans"`
        : `font-family="'Noto Sans', 'Noto Sans SC', sans-serif" lang="${language}"`
    )
    const lines = svgLines(svg)
    const L = RECEIPT_LABELS[language]
    expect(lines).toContain(`${L.receiptNo} 00412783-000042`)
    expect(lines).toContain(`${L.credited} 84 840 KZT`)
    expect(lines).toContain(L.keep)
    expect(decodeQr(matrixOfReceiptSvg(svg, 5))).toBe(URL_42)
  })

  it('has the Kazakh letters and the Chinese characters as text', () => {
    const kk = svgLines(renderReceiptSvg(receiptDocument(kazakhReceipt(), 'kk'), { language: 'kk' })).join('\n')
    expect(kk).toContain(KAZAKH_LETTERS.split('').join(' '))
    expect(kk).toContain('Картаға есептелді 84 840 KZT')
    const zh = svgLines(renderReceiptSvg(receiptDocument(sampleCashReceipt(), 'zh'), { language: 'zh' })).join('\n')
    expect(zh).toContain('已充入卡内 84 840 KZT')
    expect(zh).toContain('请保留收据：这是您的付款凭证。')
  })

  it('places Chinese characters two columns apart and others one (the paper layout)', () => {
    const svg = renderReceiptSvg('|收据AБ', {})
    const xs = [...svg.matchAll(/<tspan x="(\d+)">/g)].map((x) => Number(x[1]))
    expect(xs).toEqual([12, 36, 54, 66])
  })

  it('is 384 px wide for 58 mm paper and escapes markup characters in the data', () => {
    const receipt = { ...sampleFlaggedReceipt(), location: 'A <b>&amp;</b> "q"' }
    const svg = renderReceiptSvg(receiptDocument(receipt, 'ru', { columns: 32 }), { language: 'ru', paper: '58mm' })
    expect(svg).toMatch(/^<svg width="384px"/)
    expect(svg).not.toContain('<b>')
    expect(svgLines(svg).join('\n')).toContain('A <b>&amp;</b> "q"')
  })
})

describe('qrSvg', () => {
  it('is an SVG with one path of modules on white, that decodes back to the address', () => {
    const svg = qrSvg(URL_42)
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"[^>]*>/)
    expect(svg).toContain('<rect width="41" height="41" fill="#fff"/>') // version 4: 33 modules + 2 × 4 quiet zone
    expect(svg.match(/<path /g)).toHaveLength(1)
    expect(svg).toMatch(/<\/svg>$/)
    expect(decodeQr(matrixOfQrSvg(svg))).toBe(URL_42)
    for (const text of ['https://receipts.example.kz/r/A-1', 'HELLO WORLD 123', '0123456789', 'Түбіртек 收据'])
      expect(decodeQr(matrixOfQrSvg(qrSvg(text)))).toBe(text)
  })

  it('escapes its accessible name', () => {
    expect(qrSvg('a"<b>', { label: 'E-receipt "1" <x>' })).toContain('aria-label="E-receipt &quot;1&quot; &lt;x>"')
  })
})

describe('writeReceiptFiles', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'receipts-test-'))
    dirs.push(dir)
    return dir
  }

  it('writes <id>.svg and <id>.bin (and <id>.receipt) into a new directory, leaving no temporary files', () => {
    const dir = join(tempDir(), 'receipts', 'nested')
    const doc = receiptDocument(sampleCashReceipt(), 'kk')
    const svg = renderReceiptSvg(doc, { language: 'kk' })
    const escpos = renderReceiptEscPos(doc)
    const paths = writeReceiptFiles(dir, '00412783-000042', { svg, escpos, doc })
    expect(paths).toEqual({ svg: join(dir, '00412783-000042.svg'), escpos: join(dir, '00412783-000042.bin'), doc: join(dir, '00412783-000042.receipt') })
    expect(readFileSync(paths.svg, 'utf8')).toBe(svg)
    expect(readFileSync(paths.escpos).equals(escpos)).toBe(true)
    expect(readFileSync(paths.doc!, 'utf8')).toBe(doc)
    expect(readdirSync(dir).sort()).toEqual(['00412783-000042.bin', '00412783-000042.receipt', '00412783-000042.svg'])
    // a second receipt under the same id goes beside the first, never over it
    const second = writeReceiptFiles(dir, '00412783-000042', { svg: '<svg/>', escpos: Buffer.from([0x1b, 0x40]), doc: 'second' })
    expect(second).toEqual({ svg: join(dir, '00412783-000042.2.svg'), escpos: join(dir, '00412783-000042.2.bin'), doc: join(dir, '00412783-000042.2.receipt') })
    expect(readFileSync(paths.svg, 'utf8')).toBe(svg)
    expect(readFileSync(paths.doc!, 'utf8')).toBe(doc)
    expect(readFileSync(second.svg, 'utf8')).toBe('<svg/>')
    expect(readdirSync(dir)).toHaveLength(6)
  })

  it('takes the next number when any file of a number is there (a receipt cut short by a crash stays as it was)', () => {
    const dir = tempDir()
    const id = sampleCashReceipt().transactionId
    writeFileSync(receiptFilePaths(dir, id).escpos, 'half')
    writeFileSync(receiptFilePaths(dir, id, 2).doc, 'left over')
    const paths = writeReceiptFiles(dir, id, { svg: '<svg/>', escpos: Buffer.from('x') })
    expect(paths).toEqual({ svg: receiptFilePaths(dir, id, 3).svg, escpos: receiptFilePaths(dir, id, 3).escpos })
    expect(readFileSync(receiptFilePaths(dir, id).escpos, 'utf8')).toBe('half')
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('refuses ids that are not plain file names', () => {
    const dir = tempDir()
    for (const id of ['../evil', 'a/b', '.hidden', '', 'a\\b', 'x'.repeat(65)]) {
      expect(() => writeReceiptFiles(dir, id, { svg: '', escpos: Buffer.alloc(0) }), id).toThrow(/not a safe receipt file name/)
      expect(() => receiptFilePaths(dir, id)).toThrow()
    }
    expect(existsSync(join(dir, '..', 'evil.svg'))).toBe(false)
  })
})
