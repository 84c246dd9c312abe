/**
 * An ESC/POS decoder written from the command reference, independent of the renderer: it reads
 * the bytes a printer gets the way a printer does — ESC t n selects a code page (decoded with
 * iconv-lite's tables: cp866 for n = 17, rk1048 = KZ-1048 for n = 53, cp437 for n = 0), FS & / FS .
 * switch Kanji mode (GB18030, iconv-lite), GS ! scales characters, ESC $ / ESC \ and GS L move the
 * print position, GS v 0 prints a raster image — and places every character at the dots where
 * the printer would print it (12 dots a column, 24 for a Kanji character, times the width scale).
 * It knows nothing of the document builder's column measure. Unknown commands fail the test.
 */
import iconv from 'iconv-lite'

/** ESC t n → iconv-lite encoding of that page (Epson's numbering). */
export const ESC_T_PAGES: Readonly<Record<number, string>> = { 0: 'cp437', 17: 'cp866', 53: 'rk1048' }

export interface PrintedChar {
  char: string
  /** Left edge and width in dots, from the paper's left edge. */
  x: number
  width: number
}

export interface Raster {
  /** Left edge in dots (the print area's left margin) and size in dots. */
  x: number
  width: number
  height: number
  /** 1 bit per dot, rows of width / 8 bytes, most significant bit leftmost. */
  data: Buffer
}

/** One printed line: text, or a raster image. `top` and `height` in dots down the paper. */
export interface PrintedLine {
  top: number
  height: number
  chars: PrintedChar[]
  raster: Raster | null
}

export interface Printout {
  lines: PrintedLine[]
  /** Every ESC t n, in order. */
  pages: number[]
  /** How many times Kanji mode was switched on. */
  kanjiRuns: number
  cuts: number
}

const CHAR_DOTS = 12

export function decodeEscPos(bytes: Buffer): Printout {
  const lines: PrintedLine[] = []
  const pages: number[] = []
  let page = 0
  let kanji = false
  let kanjiRuns = 0
  let cuts = 0
  let leftMargin = 0
  let areaWidth = 576
  let justification = 0
  let scaleX = 1
  let scaleY = 1
  let chars: PrintedChar[] = []
  let lineScaleY = 1
  let position = 0 // dots from the print area's left edge
  let top = 0
  let i = 0

  const fail = (what: string): never => {
    throw new Error(`unknown ESC/POS command ${what} at byte ${i}`)
  }
  const put = (char: string, dots: number) => {
    chars.push({ char, x: leftMargin + position, width: dots * scaleX })
    position += dots * scaleX
    lineScaleY = Math.max(lineScaleY, scaleY)
  }
  const feed = () => {
    if (justification !== 0 && chars.length > 0) {
      // Centred or right-aligned: the line's text moves within the print area.
      const used = chars.reduce((end, c) => Math.max(end, c.x + c.width), 0) - leftMargin
      const shift = justification === 1 ? Math.floor((areaWidth - used) / 2) : areaWidth - used
      for (const c of chars) c.x += shift
    }
    const height = 24 * lineScaleY
    lines.push({ top, height, chars, raster: null })
    top += height
    chars = []
    position = 0
    lineScaleY = 1
  }
  const u16 = (at: number) => bytes.readUInt16LE(at)

  while (i < bytes.length) {
    const b = bytes[i]!
    const c1 = String.fromCharCode(bytes[i + 1] ?? 0)
    if (b === 0x1b) {
      if (c1 === '@') {
        page = 0
        kanji = false
        i += 2
      } else if (c1 === 't') {
        page = bytes[i + 2]!
        pages.push(page)
        i += 3
      } else if (c1 === 'a') {
        justification = bytes[i + 2]! % 48
        i += 3
      } else if ('ME-{ 3'.includes(c1))
        i += 3 // font, emphasis, underline, upside down, spacing, line spacing
      else if (c1 === '2') i += 2
      else if (c1 === '$') {
        position = u16(i + 2)
        i += 4
      } else if (c1 === '\\') {
        position += (u16(i + 2) << 16) >> 16
        i += 4
      } else fail(`ESC ${c1}`)
    } else if (b === 0x1d) {
      if (c1 === '!') {
        scaleX = ((bytes[i + 2]! >> 4) & 7) + 1
        scaleY = (bytes[i + 2]! & 7) + 1
        i += 3
      } else if ('aBr'.includes(c1))
        i += 3 // status, reverse, status
      else if (c1 === 'L') {
        leftMargin = u16(i + 2)
        i += 4
      } else if (c1 === 'W') {
        areaWidth = u16(i + 2)
        i += 4
      } else if (c1 === 'V') {
        cuts++
        i += bytes[i + 2] === 0x41 || bytes[i + 2] === 0x42 ? 4 : 3 // GS V m (n)
      } else if (c1 === 'v' && bytes[i + 2] === 0x30) {
        // GS v 0 m xL xH yL yH d1…dk: raster bit image, printed at the start of a line
        if (chars.length > 0) throw new Error(`GS v 0 after text on the same line, at byte ${i}`)
        const widthBytes = u16(i + 4)
        const height = u16(i + 6)
        const data = bytes.subarray(i + 8, i + 8 + widthBytes * height)
        const width = widthBytes * 8
        const x = leftMargin + (justification === 1 ? Math.floor((areaWidth - width) / 2) : justification === 2 ? areaWidth - width : 0)
        lines.push({ top, height, chars: [], raster: { x, width, height, data } })
        top += height
        i += 8 + widthBytes * height
      } else fail(`GS ${c1}`)
    } else if (b === 0x1c) {
      if (c1 === '(' && bytes[i + 2] === 0x41)
        i += 5 + u16(i + 3) // FS ( A: Kanji character style
      else if (c1 === 'S')
        i += 4 // Kanji spacing
      else if (c1 === '-')
        i += 3 // Kanji underline
      else if (c1 === '&') {
        kanji = true
        kanjiRuns++
        i += 2
      } else if (c1 === '.') {
        kanji = false
        i += 2
      } else fail(`FS ${c1}`)
    } else if (b === 0x0a) {
      feed()
      i++
    } else if (b >= 0x80 && kanji) {
      const n = bytes[i + 1]! >= 0x30 && bytes[i + 1]! <= 0x39 ? 4 : 2
      put(iconv.decode(bytes.subarray(i, i + n), 'gb18030'), 2 * CHAR_DOTS)
      i += n
    } else if (b >= 0x80) {
      const encoding = ESC_T_PAGES[page] ?? fail(`byte 0x${b.toString(16)} in code page ${page}, which this decoder does not know`)
      put(iconv.decode(Buffer.from([b]), encoding), CHAR_DOTS)
      i++
    } else if (b >= 0x20 && b < 0x7f) {
      put(String.fromCharCode(b), CHAR_DOTS)
      i++
    } else fail(`0x${b.toString(16)}`)
  }
  if (chars.length > 0) feed()
  return { lines, pages, kanjiRuns, cuts }
}

/** A printed line's text: its characters in order, a space for every 12 dots of gap between them. */
export function lineText(line: PrintedLine): string {
  let text = ''
  let end = line.chars.length > 0 ? Math.min(...line.chars.map((c) => c.x)) : 0
  for (const c of [...line.chars].sort((a, b) => a.x - b.x)) {
    if (c.x > end) text += ' '.repeat(Math.round((c.x - end) / CHAR_DOTS))
    text += c.char
    end = c.x + c.width
  }
  return text.replace(/\s+$/, '')
}

/** Whether dot (x, y) of a raster is printed. */
export function dot(r: Raster, x: number, y: number): boolean {
  const stride = r.width / 8
  return ((r.data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1) === 1
}
