/**
 * The receipt's text in a thermal printer's code pages (see escpos.ts for why one page per
 * receipt): the single-byte pages, the page of each receipt language, the ASCII stand-ins for
 * typographic marks a page lacks, and the encoder of one run of text (GB18030 in Kanji mode for
 * Chinese on Chinese receipts).
 */
import { commands } from 'receiptline'
import type { Language } from '../core/protocol'
import { isWide, textWidth } from '../core/receipt/width'

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

/** KZ-1048 (STRK 1048-2002, Kazakhstan: Windows-1251 plus the Kazakh letters): ESC t 53 on Epson TM printers. */
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

/** The code pages of a receipt in each language. */
export interface ReceiptCodePages {
  /** The one single-byte page, selected once at the top of the receipt. */
  page: SingleBytePage
  /** Whether wide (Chinese) characters go out as GB18030 in Kanji mode, as on a Simplified Chinese model. */
  gb18030: boolean
}

export const RECEIPT_CODE_PAGES: Readonly<Record<Language, ReceiptCodePages>> = {
  kk: { page: KZ1048, gb18030: false },
  ru: { page: CP866, gb18030: false },
  en: { page: CP866, gb18030: false },
  zh: { page: CP866, gb18030: true }
}

/**
 * Typographic characters printed as an ASCII look-alike when the receipt's page lacks them, one
 * column each so the layout holds: « » and curly quotes as ", dashes as -, the masked card's
 * bullets as * (PC866 has none of them; KZ-1048 has them all and prints them as they are). Rules
 * and box lines are drawn with the page's ─ │ ┌ … (PC866), or - | + where it has none (KZ-1048).
 */
export const PRINT_SUBSTITUTES: Readonly<Record<string, string>> = {
  '«': '"',
  '»': '"',
  '“': '"',
  '”': '"',
  '„': '"',
  '‘': "'",
  '’': "'",
  '‚': ',',
  '‹': '<',
  '›': '>',
  '–': '-',
  '—': '-',
  '•': '*',
  '─': '-',
  '│': '|',
  '┌': '+',
  '┐': '+',
  '└': '+',
  '┘': '+',
  '├': '+',
  '┤': '+',
  '┬': '+',
  '┴': '+',
  '┼': '+'
}

export interface EscPosTextOptions {
  /** The receipt's single-byte page (default PC866); set `escT` for another vendor's numbering. */
  page?: SingleBytePage
  /** Whether wide characters go out as GB18030 in Kanji mode (default false). */
  gb18030?: boolean
  /** ASCII stand-ins for characters the page lacks (default PRINT_SUBSTITUTES; {} for none). */
  substitutes?: Readonly<Record<string, string>>
}

export interface EncodedText {
  /** ESC/POS bytes as a binary string (one character per byte), for a printer already set to the page. */
  bytes: string
  /** Characters neither the page, GB18030 nor a substitute can print: their line is printed as a raster image. */
  unprintable: string[]
}

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
/** GB18030 bytes of a character through receiptline's own encoder (iconv-lite); only two-byte codes, the ones a printer's GB font has. */
function gb18030(char: string): string | null {
  const bytes = commands.escpos.text(char, 'gb18030').slice(gbPrefix.length)
  return bytes.length === 2 ? bytes : null
}

/**
 * Encodes one run of text in the receipt's page (which the caller selected once with ESC t):
 * ASCII as it is, the page's characters as its bytes, Chinese in Kanji mode when `gb18030`, a
 * substitute for a typographic mark the page lacks. Kanji mode is off at the end of the run.
 */
export function encodeEscPosText(text: string, options: EscPosTextOptions = {}): EncodedText {
  const page = options.page ?? CP866
  const substitutes = options.substitutes ?? PRINT_SUBSTITUTES
  let bytes = ''
  let kanji = false
  const unprintable: string[] = []
  for (const char of text) {
    const cp = char.codePointAt(0)!
    if (cp >= 0x20 && cp < 0x7f) {
      bytes += char // ASCII is single-byte in Kanji mode too
      continue
    }
    const gb = options.gb18030 && isWide(char) ? gb18030(char) : null
    if (gb !== null) {
      if (!kanji) bytes += KANJI_ON
      kanji = true
      bytes += gb
      continue
    }
    if (kanji) bytes += KANJI_OFF
    kanji = false
    const b = byteOf(page, char)
    const substitute = substitutes[char]
    if (b !== undefined) bytes += String.fromCharCode(b)
    else if (substitute !== undefined && /^[\x20-\x7e]$/.test(substitute)) bytes += substitute
    else {
      unprintable.push(char)
      bytes += '?'.repeat(textWidth(char))
    }
  }
  if (kanji) bytes += KANJI_OFF
  return { bytes, unprintable }
}
