/**
 * Receipts from one receiptline document (src/core/receipt/document.ts): SVG for the screen,
 * ESC/POS bytes for the printer, both saved per transaction; and the e-receipt QR code for the
 * screen when printing failed. See docs/receipts.md.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { create as createQr } from 'qrcode'
import { escapeAttribute } from '../shared/receiptSvg'

// The ESC/POS renderer (code pages, raster lines) and the SVG renderer with the paper widths.
export {
  CP866,
  KZ1048,
  PRINT_SUBSTITUTES,
  RECEIPT_CODE_PAGES,
  encodeEscPosText,
  type EncodedText,
  type EscPosTextOptions,
  type ReceiptCodePages,
  type SingleBytePage
} from './codePages'
export { pngSize, rasterCharacters, renderReceiptEscPos, renderReceiptEscPosRaster, type ReceiptEscPosOptions } from './escpos'
export { PAPER_COLUMNS, RECEIPT_FONTS, renderReceiptSvg, type Paper, type ReceiptRenderOptions, type ReceiptSvgOptions } from '../shared/receiptSvg'

/** A transaction id as a file name: letters, digits, dot, dash, underscore; no leading dot. */
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/

/** The paths of a transaction's receipt files. */
export interface ReceiptFiles {
  svg: string
  escpos: string
  /** The receiptline source, kept to re-render (say a copy, or for another paper width). */
  doc?: string
  /** The receipt's view and its customer's language (JSON), read back for a reprint after a restart. */
  view?: string
}

/**
 * Where a transaction's receipt files are: `<id>.svg`, `<id>.bin` (ESC/POS), `<id>.receipt`
 * (receiptline); the n-th receipt kept under the same id (n ≥ 2): `<id>.<n>.svg` and so on.
 */
export function receiptFilePaths(dir: string, transactionId: string, n = 1): { svg: string; escpos: string; doc: string; view: string } {
  if (!SAFE_ID.test(transactionId)) throw new RangeError(`not a safe receipt file name: ${JSON.stringify(transactionId)}`)
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`not a receipt number: ${n}`)
  const name = n === 1 ? transactionId : `${transactionId}.${n}`
  return { svg: join(dir, `${name}.svg`), escpos: join(dir, `${name}.bin`), doc: join(dir, `${name}.receipt`), view: join(dir, `${name}.json`) }
}

/**
 * Writes a file whole under a name nobody has: to a temporary file in the same directory, then
 * hard-linked to its name, which fails (EEXIST) rather than replace a file already there.
 */
function writeNew(path: string, data: string | Buffer): void {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  try {
    writeFileSync(temporary, data, { flag: 'wx' })
    linkSync(temporary, path)
  } finally {
    rmSync(temporary, { force: true })
  }
}

/**
 * Saves a transaction's receipt: `<dir>/<id>.svg` and `<dir>/<id>.bin` (and `<id>.receipt` when
 * the document is given), each written whole before it appears, so a reader (a reprint, a support
 * tool) never sees half a file. Never replaces a receipt: a second one under the same id (a
 * restored journal numbering again from an old point) goes beside it as `<id>.2.*`, then `.3` …
 * Creates the directory. Returns the paths written.
 */
export function writeReceiptFiles(dir: string, transactionId: string, files: { svg: string; escpos: Buffer; doc?: string; view?: string }): ReceiptFiles {
  mkdirSync(dir, { recursive: true })
  for (let n = 1; ; n++) {
    const paths = receiptFilePaths(dir, transactionId, n)
    if (existsSync(paths.svg) || existsSync(paths.escpos) || existsSync(paths.doc)) continue
    const written: string[] = []
    try {
      const optional = [...(files.doc !== undefined ? [[paths.doc, files.doc]] : []), ...(files.view !== undefined ? [[paths.view, files.view]] : [])]
      for (const [path, data] of [[paths.svg, files.svg], [paths.escpos, files.escpos], ...optional] as [string, string | Buffer][]) {
        writeNew(path, data)
        written.push(path)
      }
    } catch (err) {
      // Another writer took this number between the check and the link: leave its files, take the next.
      for (const path of written) rmSync(path, { force: true })
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue
      throw err
    }
    return {
      svg: paths.svg,
      escpos: paths.escpos,
      ...(files.doc !== undefined ? { doc: paths.doc } : {}),
      ...(files.view !== undefined ? { view: paths.view } : {})
    }
  }
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
    for (let col = 0; col < size;) {
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
