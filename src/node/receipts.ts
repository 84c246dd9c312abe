/**
 * Receipts from one receiptline document (src/core/receipt/document.ts): SVG for the screen,
 * ESC/POS bytes for the printer, both saved per transaction; and the e-receipt QR code for the
 * screen when printing failed. See docs/receipts.md.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { create as createQr } from 'qrcode'
import { commands, transform, type BaseCommand } from 'receiptline'
import { isWide } from '../core/receipt/width'
import { columnsOf, escapeAttribute, RECEIPT_MEASURE as measured, type ReceiptRenderOptions } from '../shared/receiptSvg'

/*
 * Text to ESC/POS bytes for Kazakh, Russian, English and Chinese receipts (docs/receipts.md).
 *
 * receiptline's own encodings cannot print Kazakh: `cp866` and `multilingual` (cp437, cp852,
 * cp858, cp866, cp1252) have none of ә ғ қ ң ө ұ ү һ і and print them as `?`; `gb18030` would send
 * Cyrillic as double-byte GB codes. So the kiosk gives receiptline its own text encoder, which
 * switches per character, the way receiptline's `multilingual` does but with the pages we need:
 *
 * - ASCII as it is;
 * - Cyrillic and other single-byte characters in PC866 (ESC t 17, on every ESC/POS printer) when
 *   it has them, otherwise in KZ-1048 (ESC t 53, Epson's "Kazakhstan" page: the Kazakh national
 *   standard STRK 1048-2002, Windows-1251 plus ә ғ қ ң ө ұ ү һ і and their capitals); the page
 *   in use is kept while it has the next character, so a Kazakh word is one run in KZ-1048;
 * - Chinese (and other East Asian wide characters) in GB18030 in Kanji mode (FS &, cancelled with
 *   FS . before any single-byte character above 0x7F and at the end of each text run), as on a
 *   Simplified Chinese model;
 * - typographic marks PC866 lacks (• – — ‘ ’ “ ”) as their ASCII look-alikes (PRINT_SUBSTITUTES);
 * - anything else: its letter without accents when that is printable (é → e), else it is
 *   unprintable: reported, never silently dropped.
 *
 * So Russian, English and Chinese receipts need only PC866 (and GB18030 for Chinese); only the
 * Kazakh letters need KZ-1048.
 */

export interface SingleBytePage {
  name: string
  /** n of ESC t n. */
  escT: number
  /** The characters of bytes 0x80–0xFF ('\u0000' where the page has none). */
  upper: string
}

/** PC866 (Cyrillic #2): ESC t 17 on Epson, Citizen, Bixolon, Xprinter and most clones. */
export const CP866: SingleBytePage = {
  name: 'cp866',
  escT: 17,
  upper:
    'АБВГДЕЖЗИЙКЛМНОП' +
    'РСТУФХЦЧШЩЪЫЬЭЮЯ' +
    'абвгдежзийклмноп' +
    '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
    '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' +
    '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
    'рстуфхцчшщъыьэюя' +
    'ЁёЄєЇїЎў°∙·√№¤■\u00a0'
}

/** KZ-1048 (STRK 1048-2002, Kazakhstan): ESC t 53 on Epson TM printers. */
export const KZ1048: SingleBytePage = {
  name: 'kz1048',
  escT: 53,
  upper:
    'ЂЃ‚ѓ„…†‡€‰Љ‹ЊҚҺЏ' +
    'ђ‘’“”•–—\u0000™љ›њқһџ' +
    '\u00a0ҰұӘ¤Ө¦§Ё©Ғ«¬\u00ad®Ү' +
    '°±Ііөµ¶·ё№ғ»әҢңү' +
    'АБВГДЕЖЗИЙКЛМНОП' +
    'РСТУФХЦЧШЩЪЫЬЭЮЯ' +
    'абвгдежзийклмноп' +
    'рстуфхцчшщъыьэюя'
}

/**
 * Typographic characters PC866 lacks, printed as their ASCII look-alikes (one column each, so the
 * layout holds): then only Kazakh letters need KZ-1048, and a Russian, English or Chinese receipt
 * prints on a printer that has just PC866. The masked card "9398 •••• •••• 2222" prints as
 * "9398 **** **** 2222", as card numbers usually are on paper.
 */
export const PRINT_SUBSTITUTES: Readonly<Record<string, string>> = {
  '•': '*',
  '–': '-',
  '—': '-',
  '‘': "'",
  '’': "'",
  '‚': ',',
  '“': '"',
  '”': '"',
  '„': '"'
}

export interface EscPosTextOptions {
  /** Single-byte pages in order of preference (default PC866, then KZ-1048); set `escT` for another vendor's numbering. */
  pages?: readonly SingleBytePage[]
  /** Whether wide (Chinese) characters go out as GB18030 in Kanji mode (default true: a Simplified Chinese model). */
  gb18030?: boolean
  /** Single-character ASCII stand-ins for characters the first page lacks (default PRINT_SUBSTITUTES; {} for none). */
  substitutes?: Readonly<Record<string, string>>
}

export interface EncodedText {
  /** ESC/POS bytes as a binary string (one character per byte), as receiptline's commands return them. */
  bytes: string
  /** Characters that no page could print; each was sent as `?`. */
  unprintable: string[]
}

const ESC_T = (n: number) => `\x1bt${String.fromCharCode(n)}`
const KANJI_ON = '\x1c&'
const KANJI_OFF = '\x1c.'

const indexes = new WeakMap<SingleBytePage, Map<string, number>>()
function byteOf(page: SingleBytePage, char: string): number | undefined {
  let index = indexes.get(page)
  if (!index) {
    index = new Map()
    Array.from(page.upper).forEach((c, i) => {
      if (c !== '\u0000' && !index!.has(c)) index!.set(c, 0x80 + i)
    })
    indexes.set(page, index)
  }
  return index.get(char)
}

const gbPrefix = (commands.escpos as unknown as { codepage: Record<string, string> }).codepage.gb18030 ?? ''
/** GB18030 bytes of a text, through receiptline's own encoder (iconv-lite). */
function gb18030(text: string): string {
  return commands.escpos.text(text, 'gb18030').slice(gbPrefix.length)
}

/** Encodes one run of text; the printer is left with Kanji mode off and an unknown code page. */
export function encodeEscPosText(text: string, options: EscPosTextOptions = {}): EncodedText {
  const pages = options.pages ?? [CP866, KZ1048]
  const useGb = options.gb18030 ?? true
  const substitutes = options.substitutes ?? PRINT_SUBSTITUTES
  let bytes = ''
  let page: SingleBytePage | null = null
  let kanji = false
  const unprintable: string[] = []

  const single = (char: string): boolean => {
    let b = page ? byteOf(page, char) : undefined
    if (b === undefined) {
      for (const p of pages) {
        b = byteOf(p, char)
        if (b !== undefined) {
          page = p
          bytes += ESC_T(p.escT)
          break
        }
      }
    }
    if (b === undefined) return false
    bytes += String.fromCharCode(b)
    return true
  }

  for (const char of text) {
    const cp = char.codePointAt(0)!
    if (cp < 0x80) {
      bytes += char // ASCII is single-byte in Kanji mode too
      continue
    }
    if (useGb && isWide(char)) {
      if (!kanji) bytes += KANJI_ON
      kanji = true
      bytes += gb18030(char)
      continue
    }
    if (kanji) bytes += KANJI_OFF
    kanji = false
    const substitute = substitutes[char]
    if (substitute !== undefined && /^[\x20-\x7e]$/.test(substitute) && (pages[0] === undefined || byteOf(pages[0], char) === undefined)) {
      bytes += substitute
      continue
    }
    if (single(char)) continue
    // Its letter without accents, when that is printable: é → e, ё stays ё (PC866 has it).
    const bare = char.normalize('NFD').replace(/\p{M}/gu, '')
    const encodable = (c: string) => c.codePointAt(0)! < 0x80 || pages.some((p) => byteOf(p, c) !== undefined)
    if (bare !== char && bare !== '' && Array.from(bare).every(encodable)) {
      for (const c of bare) {
        if (c.codePointAt(0)! < 0x80) bytes += c
        else single(c)
      }
      continue
    }
    unprintable.push(char)
    bytes += '?'
  }
  if (kanji) bytes += KANJI_OFF
  return { bytes, unprintable }
}

// The SVG renderer and the paper widths live in src/shared (the kiosk screen draws the receipt too).
export { PAPER_COLUMNS, RECEIPT_FONTS, renderReceiptSvg, type Paper, type ReceiptRenderOptions, type ReceiptSvgOptions } from '../shared/receiptSvg'

export interface ReceiptEscPosOptions extends ReceiptRenderOptions, EscPosTextOptions {
  /** Cut the paper at the end (default true). */
  cutting?: boolean
  /**
   * A character no code page has (say an emoji in the location): 'throw' (the default) raises an
   * UnprintableTextError naming them, so the caller can print the raster version instead;
   * 'replace' prints `?` for them.
   */
  unprintable?: 'throw' | 'replace'
}

export class UnprintableTextError extends Error {
  constructor(readonly characters: string[]) {
    super(`the printer's code pages cannot print ${characters.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}`)
    this.name = 'UnprintableTextError'
  }
}

function escposCommand(options: EscPosTextOptions, unprintable: string[]): BaseCommand {
  return {
    ...commands.escpos,
    ...measured,
    text(text: string) {
      const encoded = encodeEscPosText(text, options)
      unprintable.push(...encoded.unprintable)
      return encoded.bytes
    }
  }
}

/** The characters of a document that no configured code page can print (empty: it prints as text). */
export function unprintableCharacters(doc: string, options: ReceiptEscPosOptions = {}): string[] {
  const unprintable: string[] = []
  transform(doc, { cpl: columnsOf(options), encoding: 'multilingual', command: escposCommand(options, unprintable) })
  return [...new Set(unprintable)]
}

/**
 * The receipt as ESC/POS bytes for a thermal printer: starts with ESC @, text in PC866 / KZ-1048
 * / GB18030 (see the encoder above), the QR code as a raster image (GS 8 L), a cut at the end.
 */
export function renderReceiptEscPos(doc: string, options: ReceiptEscPosOptions = {}): Buffer {
  const unprintable: string[] = []
  const bytes = transform(doc, {
    cpl: columnsOf(options),
    encoding: 'multilingual',
    cutting: options.cutting ?? true,
    gradient: false,
    command: escposCommand(options, unprintable)
  })
  if (unprintable.length > 0 && (options.unprintable ?? 'throw') === 'throw') throw new UnprintableTextError([...new Set(unprintable)])
  return Buffer.from(bytes, 'latin1')
}

/** A PNG's width and height, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG image')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

/**
 * The raster alternative: a picture of the receipt (a PNG of the SVG, rendered with the kiosk's
 * fonts, at most 576 dots wide on 80 mm paper, 384 on 58 mm) as ESC/POS raster graphics. Prints
 * every script on any ESC/POS printer, whatever its code pages; the bytes are about 12 times
 * bigger (some 80 KB for a cash receipt on 80 mm paper) and print slower than text.
 */
export function renderReceiptEscPosRaster(png: Buffer, options: ReceiptRenderOptions & { cutting?: boolean } = {}): Buffer {
  const columns = columnsOf(options)
  const { width } = pngSize(png)
  const dots = columns * 12
  if (width > dots) throw new RangeError(`the image is ${width} dots wide; ${options.paper ?? '80mm'} paper prints at most ${dots}`)
  const bytes = transform(`{image:${png.toString('base64')}}`, {
    cpl: columns,
    encoding: 'multilingual',
    cutting: options.cutting ?? true,
    gradient: false,
    command: 'escpos'
  })
  return Buffer.from(bytes, 'latin1')
}

/** A transaction id as a file name: letters, digits, dot, dash, underscore; no leading dot. */
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/

/** The paths of a transaction's receipt files. */
export interface ReceiptFiles {
  svg: string
  escpos: string
  /** The receiptline source, kept to re-render (say a copy, or for another paper width). */
  doc?: string
}

/** Where a transaction's receipt files are: `<id>.svg`, `<id>.bin` (ESC/POS), `<id>.receipt` (receiptline). */
export function receiptFilePaths(dir: string, transactionId: string): { svg: string; escpos: string; doc: string } {
  if (!SAFE_ID.test(transactionId)) throw new RangeError(`not a safe receipt file name: ${JSON.stringify(transactionId)}`)
  return { svg: join(dir, `${transactionId}.svg`), escpos: join(dir, `${transactionId}.bin`), doc: join(dir, `${transactionId}.receipt`) }
}

/** Writes a file atomically: to a temporary name in the same directory, then renamed over the target. */
function writeAtomically(path: string, data: string | Buffer): void {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  try {
    writeFileSync(temporary, data, { flag: 'wx' })
    renameSync(temporary, path)
  } catch (err) {
    rmSync(temporary, { force: true })
    throw err
  }
}

/**
 * Saves a transaction's receipt: `<dir>/<id>.svg` and `<dir>/<id>.bin` (and `<id>.receipt` when
 * the document is given), each written atomically, so a reader (a reprint, a support tool) never
 * sees half a file. Creates the directory. Returns the paths written.
 */
export function writeReceiptFiles(dir: string, transactionId: string, files: { svg: string; escpos: Buffer; doc?: string }): ReceiptFiles {
  const paths = receiptFilePaths(dir, transactionId)
  mkdirSync(dir, { recursive: true })
  writeAtomically(paths.svg, files.svg)
  writeAtomically(paths.escpos, files.escpos)
  if (files.doc !== undefined) writeAtomically(paths.doc, files.doc)
  return files.doc !== undefined ? paths : { svg: paths.svg, escpos: paths.escpos }
}

export interface QrSvgOptions {
  /** Error correction: 'M' (the default) survives a smudged screen or a cheap camera. */
  level?: 'L' | 'M' | 'Q' | 'H'
  /** Quiet zone in modules (default 4, as the standard asks). */
  margin?: number
  /** Accessible name; default: the encoded text. */
  label?: string
}

/**
 * A QR code of `text` (the e-receipt address) as a standalone SVG for the screen, made with the
 * qrcode library: one path of dark modules on a white square, crisp at any size.
 */
export function qrSvg(text: string, options: QrSvgOptions = {}): string {
  const qr = createQr(text, { errorCorrectionLevel: options.level ?? 'M' })
  const size = qr.modules.size
  const margin = options.margin ?? 4
  const total = size + 2 * margin
  let path = ''
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; ) {
      if (!qr.modules.get(row, col)) {
        col++
        continue
      }
      let run = 1
      while (col + run < size && qr.modules.get(row, col + run)) run++
      path += `M${col + margin} ${row + margin}h${run}v1h-${run}z`
      col += run
    }
  }
  const label = escapeAttribute(options.label ?? text)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges" role="img" aria-label="${label}">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  )
}
