/**
 * How many receipt columns a character takes: receipt printers and receiptline print East Asian
 * wide characters (Chinese, full-width punctuation) two columns wide and everything else one.
 * The document builder lays out with this, and src/node/receipts.ts gives receiptline the same
 * measure, so the screen (SVG) and the paper (ESC/POS) break lines at the same places.
 */

/** Paper widths and their characters per line (12-dot font A: 576 dots on 80 mm, 384 on 58 mm). */
export const PAPER_COLUMNS = { '80mm': 48, '58mm': 32 } as const
export type Paper = keyof typeof PAPER_COLUMNS

const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // full-width forms (，：！ …)
  [0xffe0, 0xffe6], // full-width signs
  [0x20000, 0x3fffd] // CJK extensions B and later
]

/** Whether a character (one code point) prints two columns wide. */
export function isWide(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0
  // Latin, Cyrillic and Kazakh letters, digits and signs: below every wide range.
  if (cp < 0x1100) return false
  for (const [low, high] of WIDE_RANGES) if (cp >= low && cp <= high) return true
  return false
}

/** The width of a text in receipt columns. */
export function textWidth(text: string): number {
  let width = 0
  for (const char of text) width += isWide(char) ? 2 : 1
  return width
}

/** Punctuation a line must not start with (Chinese closing marks): it stays with what it follows. */
const NO_BREAK_BEFORE = new Set(['，', '。', '：', '；', '！', '？', '）', '、', '」', '》', ',', '.', ':', ';', '!', '?', ')'])

/** Glues the words of a text that must stay on one line; never in cleaned receipt data (cleanText turns it into a space). */
const GLUE = '\u00a0'

/**
 * Breaks a text into lines of at most `columns` columns: at spaces, and between wide characters
 * (Chinese has no spaces); a word longer than a line is cut. The texts in `keep` (a phone
 * number) never break at their spaces: they move to the next line whole when they do not fit.
 */
export function wrapWords(text: string, columns: number, keep: readonly string[] = []): string[] {
  for (const k of keep) if (k.includes(' ')) text = text.split(k).join(k.replace(/ /g, GLUE))
  return wrapUnits(text, columns).map((line) => line.replace(/\u00a0/g, ' '))
}

function wrapUnits(text: string, columns: number): string[] {
  const lines: string[] = []
  let line = ''
  let lineWidth = 0
  // Tokens: runs of non-space, non-wide characters (words), single wide characters, single spaces.
  const tokens = text.match(/ |[^ ]/gu) ?? []
  const units: string[] = []
  // Each token is one character: the last unit ends with the token before (kept, not taken apart again for every character).
  let before = ''
  for (const t of tokens) {
    const last = units[units.length - 1]
    const joins = last !== undefined && last !== ' ' && (NO_BREAK_BEFORE.has(t) || (t !== ' ' && !isWide(t) && !isWide(before)))
    if (joins) units[units.length - 1] = last + t
    else units.push(t)
    before = t
  }
  const flush = () => {
    lines.push(line.trimEnd())
    line = ''
    lineWidth = 0
  }
  for (let unit of units) {
    if (unit === ' ') {
      if (lineWidth > 0 && lineWidth < columns) {
        line += ' '
        lineWidth++
      }
      continue
    }
    let w = textWidth(unit)
    if (lineWidth > 0 && lineWidth + w > columns) flush()
    while (w > columns) {
      // A word wider than the line: cut it.
      let head = ''
      let headWidth = 0
      for (const c of unit) {
        const cw = textWidth(c)
        if (headWidth + cw > columns) break
        head += c
        headWidth += cw
      }
      lines.push(head)
      unit = unit.slice(head.length)
      w = textWidth(unit)
    }
    line += unit
    lineWidth += w
  }
  if (line.trim() !== '' || lines.length === 0) flush()
  return lines
}
