/**
 * The receipt as ESC/POS bytes for a thermal printer (docs/receipts.md): one single-byte code page
 * per receipt language, selected once; GB18030 Kanji mode for Chinese on Chinese receipts; the few
 * typographic marks a page lacks as one-column ASCII look-alikes; and every line holding a
 * character none of that has printed as a raster image (GS v 0) of the screen receipt's glyphs.
 *
 * Why one page: an outside ESC/POS decoder found Russian receipts switching to KZ-1048 in the
 * middle of the location for « » (not in PC866), and receiptline's rules selecting page 1 (Epson's
 * Katakana page, for its line-drawing bytes) on every receipt. A printer without those pages, or
 * numbering them differently, printed garbage there. Now a Russian receipt selects PC866 and
 * nothing else, a Kazakh one KZ-1048 and nothing else.
 *
 * | receipt | single-byte page | wide characters |
 * |---|---|---|
 * | Russian, English | PC866 (ESC t 17) | raster |
 * | Kazakh | KZ-1048 (ESC t 53) | raster |
 * | Chinese | PC866 (ESC t 17) | GB18030 two-byte codes in Kanji mode (FS & … FS .); four-byte codes raster |
 */
import { commands, transform, type BaseCommand } from 'receiptline'
import type { Language } from '../core/protocol'
import { textWidth } from '../core/receipt/width'
import { columnsOf, RECEIPT_MEASURE, type ReceiptRenderOptions } from '../shared/receiptSvg'
import { encodeEscPosText, RECEIPT_CODE_PAGES, type EscPosTextOptions, type ReceiptCodePages, type SingleBytePage } from './codePages'
import { CELL_WIDTH, rasterizeLine, type Bitmap, type LineCell } from './receiptGlyphs'

const ESC_T = (n: number) => `\x1bt${String.fromCharCode(n)}`

export interface ReceiptEscPosOptions extends ReceiptRenderOptions {
  /** The receipt's language: its code pages (RECEIPT_CODE_PAGES) and the fonts of its raster lines. Default 'en'. */
  language?: Language
  /** Another page for the language (say the vendor's ESC t number for KZ-1048). */
  page?: SingleBytePage
  /** Override the language's Kanji mode (false: a printer without a Chinese font; Chinese then goes raster). */
  gb18030?: boolean
  /** Cut the paper at the end (default true). */
  cutting?: boolean
}

/** Epson page 1's line-drawing bytes, which receiptline's rules use, as the box characters they draw (rounded corners as square ones). */
const PAGE1_BOX: Readonly<Record<string, string>> = {
  '\x8f': '┼',
  '\x90': '┴',
  '\x91': '┬',
  '\x92': '┤',
  '\x93': '├',
  '\x95': '─',
  '\x96': '│',
  '\x98': '┌',
  '\x99': '┐',
  '\x9a': '└',
  '\x9b': '┘',
  '\x9c': '┌',
  '\x9d': '┐',
  '\x9e': '└',
  '\x9f': '┘'
}
/** receiptline's rules start with FS C 0 FS . ESC t 1: dropped, the receipt's page draws them. */
const PAGE1_PREFIX = /^(\x1cC0|\x1cC\x00)?\x1c\.\x1bt\x01/

const PRINT = '\ue000'
const MOVE = '\ue001'
const LINE_END = '\ue002'
const CLOSE = '\ue003'
const TOKEN = /([\ue000\ue001\ue002])(\d+)\ue003/g

interface PrintedLine {
  cells: LineCell[]
  raster: boolean
}

/**
 * receiptline's ESC/POS command set with the kiosk's text, rules and images. Text, print
 * positions and line feeds come back as tokens; `assemble` turns them into bytes, printing a line
 * that holds an unprintable character as one raster image of the whole line instead of its text.
 */
function receiptCommand(language: Language, pages: ReceiptCodePages, columns: number) {
  const base = commands.escpos as BaseCommand & Record<string, (...args: never[]) => string>
  const generic = commands.generic as BaseCommand & Record<string, (...args: never[]) => string>
  const encodeOptions: EscPosTextOptions = { page: pages.page, gb18030: pages.gb18030 }
  const prints: { bytes: string; line: number }[] = []
  const moves: { bytes: string; line: number }[] = []
  const lines: PrintedLine[] = [{ cells: [], raster: false }]
  let left = 0
  let column = 0
  let style = { scaleX: 1, scaleY: 1, bold: false, invert: false, underline: false }
  const current = () => lines[lines.length - 1]!
  const unprintable: string[] = []
  const box = (text: string) => encodeEscPosText(text, encodeOptions).bytes
  const print = (bytes: string, cells: LineCell[], raster: boolean) => {
    current().cells.push(...cells)
    if (raster) current().raster = true
    prints.push({ bytes, line: lines.length - 1 })
    return `${PRINT}${prints.length - 1}${CLOSE}`
  }
  const move = (bytes: string) => {
    moves.push({ bytes, line: lines.length - 1 })
    return `${MOVE}${moves.length - 1}${CLOSE}`
  }
  const cellsOf = (text: string): LineCell[] => {
    const cells: LineCell[] = []
    for (const char of Array.from(text)) {
      const columns = textWidth(char) * style.scaleX
      cells.push({ char, column: left + column, columns, ...style })
      column += columns
    }
    return cells
  }

  const command = {
    ...base,
    ...RECEIPT_MEASURE,
    // GS v 0, the raster command every ESC/POS printer knows (GS 8 L / GS ( L need newer firmware).
    split: 2048,
    image: generic.image,
    qrcode: generic.qrcode,
    open(this: BaseCommand, printer: unknown) {
      return (base.open as (p: unknown) => string).call(this, printer) + ESC_T(pages.page.escT)
    },
    area(this: BaseCommand, l: number, width: number, right: number) {
      left = l
      return (base.area as (l: number, w: number, r: number) => string).call(this, l, width, right)
    },
    absolute(this: BaseCommand, position: number) {
      column = position
      return move((base.absolute as (p: number) => string).call(this, position))
    },
    relative(this: BaseCommand, position: number) {
      column += position
      return move((base.relative as (p: number) => string).call(this, position))
    },
    normal() {
      style = { scaleX: 1, scaleY: 1, bold: false, invert: false, underline: false }
      return base.normal()
    },
    ul() {
      style.underline = true
      return base.ul()
    },
    em() {
      style.bold = true
      return base.em()
    },
    iv() {
      style.invert = true
      return base.iv()
    },
    wh(wh: number) {
      // As receiptline's SVG reads it: ^ double width, ^^ double height, ^^^ both, then 3×, 4× …
      style.scaleX = wh < 2 ? wh + 1 : wh - 1
      style.scaleY = wh < 3 ? Math.max(1, wh) : wh - 1
      return (base.wh as (n: number) => string)(wh)
    },
    text(text: string) {
      const encoded = encodeEscPosText(text, encodeOptions)
      unprintable.push(...encoded.unprintable)
      return print(encoded.bytes, cellsOf(text), encoded.unprintable.length > 0)
    },
    lf() {
      lines.push({ cells: [], raster: false })
      column = 0
      return `${LINE_END}${lines.length - 2}${CLOSE}`
    },
    hr: (width: number) => box('─'.repeat(width)),
    vrstart: (widths: number[]) => box(`┌${widths.map((w) => '─'.repeat(w)).join('┬')}┐`),
    vrstop: (widths: number[]) => box(`└${widths.map((w) => '─'.repeat(w)).join('┴')}┘`),
    vrhr(this: BaseCommand, widths1: number[], widths2: number[], dl: number, dr: number) {
      const page1 = (base.vrhr as (a: number[], b: number[], l: number, r: number) => string).call(this, widths1, widths2, dl, dr).replace(PAGE1_PREFIX, '')
      return box(Array.from(page1, (b) => PAGE1_BOX[b] ?? b).join(''))
    },
    vr(this: BaseCommand, widths: number[], height: number) {
      // The bars are cells of the line (a raster line draws them too); the moves between them are the printer's.
      const bar = box('│')
      let bytes = `\x1d!${String.fromCharCode(height - 1)}${bar}`
      const cells = cellsOf('│')
      for (const w of widths) {
        bytes += (base.relative as (p: number) => string).call(this, w) + bar
        column += w
        cells.push(...cellsOf('│'))
      }
      return print(bytes, cells, false)
    }
  }

  /** The bytes of receiptline's output: tokens replaced, raster lines drawn. */
  const assemble = (out: string): string =>
    out.replace(TOKEN, (_, kind: string, n: string) => {
      const i = Number(n)
      if (kind === PRINT) return lines[prints[i]!.line]!.raster ? '' : prints[i]!.bytes
      if (kind === MOVE) return lines[moves[i]!.line]!.raster ? '' : moves[i]!.bytes
      const line = lines[i]!
      return line.raster ? rasterLine(rasterizeLine(line.cells, columns, language)) : '\n'
    })

  return { command: command as unknown as BaseCommand, assemble, unprintable }
}

/** A 1-bit image as GS v 0 m xL xH yL yH d1…dk, across the whole paper (print area reset to it, left-aligned). */
function rasterLine(bitmap: Bitmap): string {
  const stride = Math.ceil(bitmap.width / 8)
  const area = '\x1dL\x00\x00\x1dW' + String.fromCharCode(bitmap.width & 255, bitmap.width >> 8) + '\x1ba\x00'
  return area + '\x1dv0\x00' + String.fromCharCode(stride & 255, stride >> 8, bitmap.height & 255, bitmap.height >> 8) + bitmap.data.toString('latin1')
}

function pagesFor(options: ReceiptEscPosOptions): ReceiptCodePages {
  const pages = RECEIPT_CODE_PAGES[options.language ?? 'en']
  return { page: options.page ?? pages.page, gb18030: options.gb18030 ?? pages.gb18030 }
}

function render(doc: string, options: ReceiptEscPosOptions) {
  const columns = columnsOf(options)
  const receipt = receiptCommand(options.language ?? 'en', pagesFor(options), columns)
  const out = transform(doc, { cpl: columns, encoding: 'multilingual', cutting: options.cutting ?? true, gradient: false, command: receipt.command })
  return { receipt, out }
}

/** The characters of a document its receipt's code pages cannot print: their lines print as raster images ([]: all text). */
export function rasterCharacters(doc: string, options: ReceiptEscPosOptions = {}): string[] {
  return [...new Set(render(doc, options).receipt.unprintable)]
}

/**
 * The receipt as ESC/POS bytes: ESC @, the language's one code page (ESC t n, once), text, rules
 * in that page, the QR code and any line with a character the page cannot print as GS v 0 raster
 * images, a cut at the end.
 */
export function renderReceiptEscPos(doc: string, options: ReceiptEscPosOptions = {}): Buffer {
  const { receipt, out } = render(doc, options)
  return Buffer.from(receipt.assemble(out), 'latin1')
}

/** A PNG's width and height, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG image')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

/**
 * The whole receipt as one picture (a PNG of the SVG, at most 576 dots wide on 80 mm paper, 384
 * on 58 mm) in GS v 0 raster images: for a printer with none of the receipt's code pages. The
 * bytes are about 12 times bigger (some 80 KB for a cash receipt on 80 mm paper) and print slower.
 */
export function renderReceiptEscPosRaster(png: Buffer, options: ReceiptEscPosOptions = {}): Buffer {
  const { width } = pngSize(png)
  const dots = columnsOf(options) * CELL_WIDTH
  if (width > dots) throw new RangeError(`the image is ${width} dots wide; ${options.paper ?? '80mm'} paper prints at most ${dots}`)
  return renderReceiptEscPos(`{image:${png.toString('base64')}}`, options)
}
