/**
 * The receipt as an SVG for the screen (docs/receipts.md), from the same receiptline document the
 * printer gets as ESC/POS bytes (src/node/receipts.ts). No Node and no DOM APIs: the kiosk screen
 * (renderer) draws the receipt with it, and the node side saves the same SVG per transaction.
 * receiptline's SVG command set uses only strings (and URL/Blob for a unique id, which browsers and
 * Node both have); its Node-only pieces (iconv-lite, pngjs) serve the printer command sets.
 */
import { commands, transform, type BaseCommand, type Printer } from 'receiptline'
import type { Language } from '../core/protocol'
import { PAPER_COLUMNS, textWidth, type Paper } from '../core/receipt/width'

// The paper widths live in the core: the kiosk builds the printer's document for its paper too.
export { PAPER_COLUMNS, type Paper }

export interface ReceiptRenderOptions {
  /** 80 mm paper (48 characters per line, the default) or 58 mm (32). Build the document with the same `columns`. */
  paper?: Paper
}

export interface ReceiptSvgOptions extends ReceiptRenderOptions {
  /** The receipt's language: sets `lang` and the default font. */
  language?: Language
  /** CSS font-family list; default: the fonts the kiosk screen bundles (see RECEIPT_FONTS). */
  fontFamily?: string
  /** Font size in SVG pixels for a 12 × 24 px character cell (default 20; receiptline's is 22). */
  fontSize?: number
}

/**
 * Fonts for the screen receipt: the kiosk bundles Noto Sans (Latin, Cyrillic with the Kazakh
 * letters) and Noto Sans SC (Chinese), and no monospace font with Chinese exists on a plain
 * Debian Chromium. receiptline places every character in its own 12 px cell (24 px for Chinese),
 * so the receipt keeps its columns and monospace look with a proportional font.
 */
export const RECEIPT_FONTS: Record<Language, string> = {
  kk: "'Noto Sans', 'Noto Sans SC', sans-serif",
  ru: "'Noto Sans', 'Noto Sans SC', sans-serif",
  en: "'Noto Sans', 'Noto Sans SC', sans-serif",
  zh: "'Noto Sans SC', 'Noto Sans', sans-serif"
}

const LANG_TAGS: Record<Language, string> = { kk: 'kk', ru: 'ru', en: 'en', zh: 'zh-Hans' }

/** Every command set measures like the document builder: Chinese two columns, the rest one. */
export const RECEIPT_MEASURE = {
  measureText: (text: string) => textWidth(text),
  arrayFrom: (text: string) => Array.from(text)
}

/** Characters per line for the paper in the options (48 by default). */
export function columnsOf(options: ReceiptRenderOptions): number {
  return PAPER_COLUMNS[options.paper ?? '80mm']
}

/** Escapes a value for an XML attribute in double quotes. */
export const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * The receipt as an SVG for the screen. Text stays text (one <tspan> per character), so it needs
 * the fonts of the page it is shown in: put it inline in the page (not in an <img>, which sees
 * only system fonts). receiptline's web-font @import is removed: the kiosk is offline.
 */
export function renderReceiptSvg(doc: string, options: ReceiptSvgOptions = {}): string {
  const base = commands.svg
  const fontFamily = options.fontFamily ?? RECEIPT_FONTS[options.language ?? 'en']
  const lang = options.language ? ` lang="${LANG_TAGS[options.language]}"` : ''
  const fontSize = options.fontSize ?? 20
  const svg: BaseCommand = {
    ...base,
    ...RECEIPT_MEASURE,
    close(this: BaseCommand) {
      return base.close
        .call(this)
        .replace(/<style[^>]*>[\s\S]*?<\/style>/, '')
        .replace(/<g font-family="[^"]*"/, `<g font-family="${escapeAttribute(fontFamily)}"${lang}`)
        .replace(/ font-size="\d+"/, ` font-size="${fontSize}"`)
    }
  }
  return transform(doc, { cpl: columnsOf(options), encoding: 'multilingual', command: svg } satisfies Printer)
}
