/**
 * The receipt renderers, checked from the outside: a small virtual ESC/POS printer decodes the
 * bytes with iconv-lite's code page tables (not the renderer's own), and a small QR decoder reads
 * the QR codes back out of the SVGs and the printer's raster image.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode as iconvDecode, encode as iconvEncode } from 'iconv-lite'
import { toBuffer as qrPng } from 'qrcode'
import { afterEach, describe, expect, it } from 'vitest'
import { LANGUAGES, type ReceiptView } from '../../src/core/protocol'
import { receiptDocument } from '../../src/core/receipt/document'
import { RECEIPT_LABELS } from '../../src/core/receipt/labels'
import { sampleCardReceipt, sampleCashReceipt, sampleFlaggedReceipt } from '../../src/core/receipt/samples'
import { isWide } from '../../src/core/receipt/width'
import {
  CP866,
  KZ1048,
  PAPER_COLUMNS,
  UnprintableTextError,
  encodeEscPosText,
  pngSize,
  qrSvg,
  receiptFilePaths,
  renderReceiptEscPos,
  renderReceiptEscPosRaster,
  renderReceiptSvg,
  unprintableCharacters,
  writeReceiptFiles
} from '../../src/node/receipts'

const KAZAKH_LETTERS = 'ӘәҒғҚқҢңӨөҰұҮүҺһІі'
const URL_42 = 'https://receipts.demo-transit.kz/r/00412783-000042'

// ---------------------------------------------------------------------------------------------
// A virtual ESC/POS printer: the commands receiptline sends, text decoded with iconv-lite.
// ---------------------------------------------------------------------------------------------

interface Raster {
  width: number
  height: number
  /** 1 bit per dot, rows of ceil(width / 8) bytes. */
  data: Buffer
}

interface Printout {
  lines: string[]
  rasters: Raster[]
  cuts: number
  /** The code pages selected with ESC t n (n values), in order. */
  pages: number[]
}

const PAGE_DECODERS: Record<number, string> = { 0: 'cp437', 17: 'cp866', 53: 'rk1048', 16: 'cp1252' }

function virtualPrinter(bytes: Buffer): Printout {
  const lines: string[] = []
  const rasters: Raster[] = []
  const pages: number[] = []
  let line = ''
  let width = 0
  let page = 0
  let kanji = false
  let cuts = 0
  let i = 0
  const put = (text: string) => {
    line += text
    for (const c of text) width += isWide(c) ? 2 : 1
  }
  const moveTo = (column: number) => {
    if (column > width) put(' '.repeat(column - width))
  }
  const fail = (what: string) => {
    throw new Error(`unknown ESC/POS command ${what} at byte ${i}`)
  }
  while (i < bytes.length) {
    const b = bytes[i]!
    const next = String.fromCharCode(bytes[i + 1] ?? 0)
    if (b === 0x1b) {
      if (next === '@') i += 2
      else if (next === 't') {
        page = bytes[i + 2]!
        pages.push(page)
        i += 3
      } else if ('MaE-{ 3!'.includes(next)) i += 3
      else if (next === '2') i += 2
      else if (next === '$') {
        moveTo(bytes.readUInt16LE(i + 2) / 12)
        i += 4
      } else if (next === '\\') {
        put(' '.repeat(bytes.readUInt16LE(i + 2) / 12))
        i += 4
      } else fail(`ESC ${next}`)
    } else if (b === 0x1d) {
      if ('aB!r'.includes(next)) i += 3
      else if ('LW'.includes(next)) i += 4
      else if (next === 'V') {
        cuts++
        i += bytes[i + 2] === 0x42 || bytes[i + 2] === 0x41 ? 4 : 3
      } else if (next === '8' && bytes[i + 2] === 0x4c) {
        // GS 8 L p1..p4 m fn a bx by c xL xH yL yH d1...dk: store raster graphics
        const length = bytes.readUInt32LE(i + 3)
        const payload = bytes.subarray(i + 7, i + 7 + length)
        expect([...payload.subarray(0, 6)]).toEqual([0x30, 0x70, 0x30, 1, 1, 0x31])
        rasters.push({ width: payload.readUInt16LE(6), height: payload.readUInt16LE(8), data: payload.subarray(10) })
        i += 7 + length
      } else if (next === '(' && bytes[i + 2] === 0x4c) i += 5 + bytes.readUInt16LE(i + 3) // GS ( L: print the stored graphics
      else fail(`GS ${next}`)
    } else if (b === 0x1c) {
      if (next === '(') i += 5 + bytes.readUInt16LE(i + 3)
      else if (next === 'S') i += 4
      else if (next === '.') {
        kanji = false
        i += 2
      } else if (next === '&') {
        kanji = true
        i += 2
      } else if ('C-'.includes(next)) i += 3
      else fail(`FS ${next}`)
    } else if (b === 0x0a) {
      lines.push(line.replace(/\s+$/, ''))
      line = ''
      width = 0
      i++
    } else if (b >= 0x80 && kanji) {
      // GB18030: two bytes, or four when the second is a digit
      const n = bytes[i + 1]! >= 0x30 && bytes[i + 1]! <= 0x39 ? 4 : 2
      put(iconvDecode(bytes.subarray(i, i + n), 'gb18030'))
      i += n
    } else if (b >= 0x80) {
      if (page === 1) put('─') // receiptline draws rules with page 1's line-drawing bytes
      else put(iconvDecode(Buffer.from([b]), PAGE_DECODERS[page] ?? fail(`code page ${page}`)!))
      i++
    } else if (b >= 0x20) {
      put(String.fromCharCode(b))
      i++
    } else fail(`0x${b.toString(16)}`)
  }
  if (line) lines.push(line)
  return { lines, rasters, cuts, pages }
}

const flat = (lines: string[]) => lines.map((l) => l.trim().replace(/ {2,}/g, ' ')).join('\n')

// ---------------------------------------------------------------------------------------------
// A small QR decoder (level M, versions 1–6, numeric / alphanumeric / byte segments, no error
// correction needed for a clean image): enough to read back what the renderers drew.
// ---------------------------------------------------------------------------------------------

type Matrix = boolean[][]

const M_BLOCKS: Record<number, [blocks: number, dataPerBlock: number]> = { 1: [1, 16], 2: [1, 28], 3: [1, 44], 4: [2, 32], 5: [2, 43], 6: [4, 27] }
const MASKS: ((r: number, c: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0
]

function decodeQr(m: Matrix): string {
  const n = m.length
  const version = (n - 17) / 4
  if (!Number.isInteger(version) || !M_BLOCKS[version]) throw new Error(`unsupported QR size ${n}`)
  // format information next to the top-left finder
  let format = 0
  const formatCells: [number, number][] = [[8, 0], [8, 1], [8, 2], [8, 3], [8, 4], [8, 5], [8, 7], [8, 8], [7, 8], [5, 8], [4, 8], [3, 8], [2, 8], [1, 8], [0, 8]]
  for (const [r, c] of formatCells) format = (format << 1) | (m[r]![c] ? 1 : 0)
  const info = (format ^ 0x5412) >> 10
  if (info >> 3 !== 0) throw new Error('not error correction level M')
  const mask = MASKS[info & 7]!
  // function patterns: finders with separators and format areas, timing, alignment pattern
  const isFunction = (r: number, c: number) =>
    (r < 9 && c < 9) || (r < 9 && c >= n - 8) || (r >= n - 8 && c < 9) || r === 6 || c === 6 || (version >= 2 && Math.abs(r - (n - 7)) <= 2 && Math.abs(c - (n - 7)) <= 2)
  const codewords: number[] = []
  let byte = 0
  let bits = 0
  let up = true
  for (let c = n - 1; c > 0; c -= 2) {
    if (c === 6) c--
    for (let k = 0; k < n; k++) {
      const r = up ? n - 1 - k : k
      for (const cc of [c, c - 1]) {
        if (isFunction(r, cc)) continue
        byte = (byte << 1) | (m[r]![cc]! !== mask(r, cc) ? 1 : 0)
        if (++bits === 8) {
          codewords.push(byte)
          byte = 0
          bits = 0
        }
      }
    }
    up = !up
  }
  // de-interleave the data codewords (equal blocks for level M up to version 6)
  const [blocks, perBlock] = M_BLOCKS[version]!
  const data: number[] = []
  for (let b = 0; b < blocks; b++) for (let k = 0; k < perBlock; k++) data.push(codewords[k * blocks + b]!)
  let pos = 0
  const read = (count: number) => {
    let v = 0
    for (let k = 0; k < count; k++, pos++) v = (v << 1) | ((data[pos >> 3]! >> (7 - (pos & 7))) & 1)
    return v
  }
  const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
  const out: number[] = []
  for (;;) {
    if (pos + 4 > data.length * 8) break
    const mode = read(4)
    if (mode === 0) break
    if (mode === 4) {
      for (let k = read(8); k > 0; k--) out.push(read(8))
    } else if (mode === 2) {
      let k = read(9)
      for (; k >= 2; k -= 2) {
        const v = read(11)
        out.push(ALNUM.charCodeAt(Math.floor(v / 45)), ALNUM.charCodeAt(v % 45))
      }
      if (k === 1) out.push(ALNUM.charCodeAt(read(6)))
    } else if (mode === 1) {
      let k = read(10)
      for (; k >= 3; k -= 3) out.push(...Buffer.from(String(read(10)).padStart(3, '0')))
      if (k === 2) out.push(...Buffer.from(String(read(7)).padStart(2, '0')))
      if (k === 1) out.push(...Buffer.from(String(read(4))))
    } else throw new Error(`unsupported QR segment mode ${mode}`)
  }
  return Buffer.from(out).toString('utf8')
}

/** The modules of `qrSvg`'s output: runs `M<x> <y>h<run>v1h-<run>z` inside a quiet zone. */
function matrixOfQrSvg(svg: string): Matrix {
  const total = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1])
  const cells = [...svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)].map((x) => x.slice(1).map(Number) as [number, number, number])
  const margin = Math.min(...cells.map(([x]) => x))
  const n = total - 2 * margin
  const m: Matrix = Array.from({ length: n }, () => new Array<boolean>(n).fill(false))
  for (const [x, y, run] of cells) for (let k = 0; k < run; k++) m[y - margin]![x - margin + k] = true
  return m
}

/** The modules of receiptline's SVG QR code: one `M<x>,<y>l<cell>,0 …z` square per dark module. */
function matrixOfReceiptSvg(svg: string, cell: number): Matrix {
  const group = /<g transform="translate\([\d.]+,[\d.]+\)">(<path d="M0,0l[^"]*"[^>]*>)<\/g>/.exec(svg)
  const cells = [...group![1]!.matchAll(/M(\d+),(\d+)l/g)].map((x) => [Number(x[1]) / cell, Number(x[2]) / cell] as const)
  const n = Math.max(...cells.map(([x]) => x)) + 1
  const m: Matrix = Array.from({ length: n }, () => new Array<boolean>(n).fill(false))
  for (const [x, y] of cells) m[y]![x] = true
  return m
}

/** The modules of a printed raster QR code with `cell` dots per module, after a quiet zone of `offset` dots. */
function matrixOfRaster(r: Raster, cell: number, offset = 0): Matrix {
  const n = (r.width - 2 * offset) / cell
  const stride = Math.ceil(r.width / 8)
  const dot = (x: number, y: number) => ((r.data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1
  return Array.from({ length: n }, (_, row) => Array.from({ length: n }, (_, col) => dot(offset + col * cell + (cell >> 1), offset + row * cell + (cell >> 1))))
}

/** The text of receiptline's SVG, one line per printed line (it draws one <tspan> per character). */
function svgLines(svg: string): string[] {
  return [...svg.matchAll(/<g transform="translate\([\d.]+,[\d.]+\)">((?:<text[^>]*>.*?<\/text>)+)<\/g>/g)].map((g) =>
    [...g[1]!.matchAll(/<text[^>]*>(.*?)<\/text>/g)]
      .map((t) => [...t[1]!.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((s) => s[1]!.replace(/&#xa0;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).join(''))
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

  it('writes Russian in PC866 (ESC t 17) and Kazakh letters in KZ-1048 (ESC t 53), keeping KZ-1048 for the rest of the word', () => {
    expect(Buffer.from(encodeEscPosText('Внесено').bytes, 'latin1')).toEqual(Buffer.from([0x1b, 0x74, 17, ...iconvEncode('Внесено', 'cp866')]))
    expect(Buffer.from(encodeEscPosText('Түбіртек').bytes, 'latin1')).toEqual(Buffer.from([0x1b, 0x74, 17, 0x92, 0x1b, 0x74, 53, ...iconvEncode('үбіртек', 'rk1048')]))
    expect(Buffer.from(encodeEscPosText('ABC 123').bytes, 'latin1').toString('latin1')).toBe('ABC 123')
    const all = encodeEscPosText(KAZAKH_LETTERS)
    expect(all.unprintable).toEqual([])
    expect(all.bytes).not.toContain('?')
    expect(Buffer.from(all.bytes, 'latin1')).toEqual(Buffer.from([0x1b, 0x74, 53, ...iconvEncode(KAZAKH_LETTERS, 'rk1048')]))
  })

  it('writes Chinese as GB18030 in Kanji mode (FS & … FS .)', () => {
    expect(Buffer.from(encodeEscPosText('收据').bytes, 'latin1')).toEqual(Buffer.from([0x1c, 0x26, 0xca, 0xd5, 0xbe, 0xdd, 0x1c, 0x2e]))
    // ASCII stays single-byte inside Kanji mode; Kanji mode is off before a single-byte Cyrillic letter
    expect(Buffer.from(encodeEscPosText('卡 A Б').bytes, 'latin1')).toEqual(Buffer.from([0x1c, 0x26, ...iconvEncode('卡', 'gb18030'), 0x20, 0x41, 0x20, 0x1c, 0x2e, 0x1b, 0x74, 17, 0x81]))
  })

  it('prints typographic marks PC866 lacks as ASCII look-alikes, one column each', () => {
    expect(encodeEscPosText('9398 •••• •••• 2222').bytes).toBe('9398 **** **** 2222')
    expect(encodeEscPosText('“A” – ‘b’ — c').bytes).toBe('"A" - \'b\' - c')
    expect(Buffer.from(encodeEscPosText('•', { substitutes: {} }).bytes, 'latin1')).toEqual(Buffer.from([0x1b, 0x74, 53, 0x95]))
  })

  it('prints an accented letter without its accent, and reports (never hides) what it cannot print', () => {
    expect(encodeEscPosText('Café').bytes).toBe('Cafe')
    const emoji = encodeEscPosText('Mega 🚇 ₸')
    expect(emoji.unprintable).toEqual(['🚇', '₸'])
    expect(emoji.bytes).toBe('Mega ? ?')
  })
})

describe('renderReceiptEscPos', () => {
  it.each(LANGUAGES)('prints a %s receipt: ESC @ first, every line readable, every field there, one QR code, one cut', (language) => {
    const doc = receiptDocument(sampleCashReceipt(), language)
    const bytes = renderReceiptEscPos(doc)
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40])
    const out = virtualPrinter(bytes)
    const text = flat(out.lines)
    const L = RECEIPT_LABELS[language]
    for (const expected of [L.title, `${L.receiptNo} 00412783-000042`, `${L.accepted} 84 490 KZT`, `${L.credited} 84 840 KZT`, `${L.card} 9398 **** **** 2222`, `${L.terminal} 00412783`, L.noChange, '1 USD 471.3725 KZT']) expect(text).toContain(expected)
    expect(text).not.toContain('?')
    expect(out.rasters).toHaveLength(1)
    expect(decodeQr(matrixOfRaster(out.rasters[0]!, 5))).toBe(URL_42)
    expect(out.cuts).toBe(1)
    // code pages: PC866 (17) for Cyrillic, page 1 for receiptline's rules; KZ-1048 (53) only for Kazakh letters
    expect(new Set(out.pages)).toEqual(new Set(language === 'kk' ? [1, 17, 53] : language === 'ru' ? [1, 17] : [1]))
  })

  it('puts the Russian label bytes in PC866 and the Chinese label bytes in GB18030', () => {
    const ru = renderReceiptEscPos(receiptDocument(sampleCashReceipt(), 'ru'))
    expect(ru.includes(Buffer.from([0x1b, 0x74, 17, ...iconvEncode('Внесено', 'cp866')]))).toBe(true)
    const zh = renderReceiptEscPos(receiptDocument(sampleCashReceipt(), 'zh'))
    expect(zh.includes(Buffer.from([0x1c, 0x26, ...iconvEncode('已充入卡内', 'gb18030'), 0x1c, 0x2e]))).toBe(true)
    expect(zh.includes(iconvEncode('收据', 'gb18030'))).toBe(true)
  })

  it('prints every Kazakh letter as itself: none dropped, none turned into "?"', () => {
    const doc = receiptDocument(kazakhReceipt(), 'kk')
    expect(unprintableCharacters(doc)).toEqual([])
    const out = virtualPrinter(renderReceiptEscPos(doc))
    const text = flat(out.lines)
    expect(text).toContain(KAZAKH_LETTERS.split('').join(' '))
    const L = RECEIPT_LABELS.kk
    for (const label of [L.title, L.bin, L.receiptNo, L.dateTime, L.terminal, L.card, L.payment, L.cash, L.notes, L.tenge, L.rates, L.quotedAt, L.accepted, L.fee, L.bonus, L.credited, L.balanceBefore, L.balanceAfter, L.completed, L.noChange, L.keep, L.eReceipt]) {
      expect(text.replace(/\n/g, ' '), label).toContain(label)
    }
    expect(text).not.toContain('?')
    expect(out.pages).toContain(53)
    // the same receipt through receiptline's own cp866 encoding loses them: the reason for KZ-1048
    expect(Buffer.from(encodeEscPosText('Түбіртек', { pages: [CP866] }).bytes, 'latin1').includes(0x3f)).toBe(true)
  })

  it('throws on a character no code page has, naming it; prints "?" only when asked to', () => {
    const doc = receiptDocument({ ...sampleCashReceipt(), location: 'Mega Park 🚇' }, 'en')
    expect(unprintableCharacters(doc)).toEqual(['🚇'])
    expect(() => renderReceiptEscPos(doc)).toThrow(UnprintableTextError)
    expect(() => renderReceiptEscPos(doc)).toThrow(/U\+1F687/)
    expect(flat(virtualPrinter(renderReceiptEscPos(doc, { unprintable: 'replace' })).lines)).toContain('Mega Park ?')
  })

  it('prints 32 columns on 58 mm paper (384 dots) and 48 on 80 mm (576 dots)', () => {
    for (const paper of ['58mm', '80mm'] as const) {
      const columns = PAPER_COLUMNS[paper]
      const bytes = renderReceiptEscPos(receiptDocument(sampleCashReceipt(), 'kk', { columns }), { paper })
      const dots = columns * 12
      expect(bytes.includes(Buffer.from([0x1d, 0x57, dots & 255, dots >> 8]))).toBe(true) // GS W: print area width
      for (const line of virtualPrinter(bytes).lines) expect([...line].reduce((w, c) => w + (isWide(c) ? 2 : 1), 0), line).toBeLessThanOrEqual(columns)
    }
  })

  it('leaves out the cut when asked', () => {
    expect(virtualPrinter(renderReceiptEscPos(receiptDocument(sampleCardReceipt(), 'en'), { cutting: false })).cuts).toBe(0)
  })
})

describe('renderReceiptEscPosRaster', () => {
  it('prints a PNG as ESC/POS raster graphics (GS 8 L), checking it fits the paper', async () => {
    const png = await qrPng('hello', { margin: 1, scale: 8 })
    const { width, height } = pngSize(png)
    const out = virtualPrinter(renderReceiptEscPosRaster(png, { paper: '58mm' }))
    expect(out.rasters).toHaveLength(1)
    expect(out.rasters[0]).toMatchObject({ width, height })
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
    expect(svg).toContain(language === 'zh' ? `font-family="'Noto Sans SC', 'Noto Sans', sans-serif" lang="zh-Hans"` : `font-family="'Noto Sans', 'Noto Sans SC', sans-serif" lang="${language}"`)
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
    for (const text of ['https://receipts.example.kz/r/A-1', 'HELLO WORLD 123', '0123456789', 'Түбіртек 收据']) expect(decodeQr(matrixOfQrSvg(qrSvg(text)))).toBe(text)
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
    // a reprint overwrites in place
    writeReceiptFiles(dir, '00412783-000042', { svg: '<svg/>', escpos: Buffer.from([0x1b, 0x40]) })
    expect(readFileSync(paths.svg, 'utf8')).toBe('<svg/>')
    expect(readdirSync(dir)).toHaveLength(3)
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
