/**
 * The screen receipt's glyphs as printer dots: what no code page of a receipt has is printed as a
 * raster image drawn from the fonts the SVG is shown in (the bundled Noto Sans and Noto Sans SC,
 * src/renderer/src/styles/fonts.css), placed the way receiptline's SVG places them: one character
 * per 12-dot cell (24 for Chinese), centred, 20 px type, the line's bottom at the font's descent.
 * A small TrueType reader (WOFF 1.0 tables, cmap, glyf) and a scanline filler, no dependency.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { inflateSync } from 'node:zlib'
import type { Language } from '../core/protocol'

/** Font size of the screen receipt (renderReceiptSvg's default) in dots: the SVG's pixel is one printer dot. */
export const GLYPH_SIZE = 20
/** A character cell: 12 dots wide (24 for Chinese), 24 dots high. */
export const CELL_WIDTH = 12
export const CELL_HEIGHT = 24

type Point = { x: number; y: number; on: boolean }
type Contour = Point[]

/** One TrueType font from a WOFF 1.0 file: enough of it to draw its glyphs' outlines. */
export class TrueTypeFont {
  readonly unitsPerEm: number
  /** hhea descender, positive: where Chromium puts the text-after-edge baseline. */
  readonly descent: number
  private readonly cmap = new Map<number, number>()
  private readonly loca: number[] = []
  private readonly glyf: Buffer
  private readonly advances: number[] = []

  constructor(woff: Buffer) {
    if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font')
    const tables = new Map<string, Buffer>()
    for (let i = 0, n = woff.readUInt16BE(12); i < n; i++) {
      const at = 44 + i * 20
      const [offset, compressed, original] = [woff.readUInt32BE(at + 4), woff.readUInt32BE(at + 8), woff.readUInt32BE(at + 12)]
      const data = woff.subarray(offset, offset + compressed)
      tables.set(woff.toString('latin1', at, at + 4), compressed < original ? inflateSync(data) : data)
    }
    const table = (tag: string) => tables.get(tag) ?? failure(`the font has no ${tag} table`)
    const head = table('head')
    const hhea = table('hhea')
    this.unitsPerEm = head.readUInt16BE(18)
    this.descent = -hhea.readInt16BE(6)
    const glyphs = table('maxp').readUInt16BE(4)
    const loca = table('loca')
    const long = head.readInt16BE(50) === 1
    for (let i = 0; i <= glyphs; i++) this.loca.push(long ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2)
    this.glyf = table('glyf')
    const hmtx = table('hmtx')
    const metrics = hhea.readUInt16BE(34)
    for (let i = 0; i < glyphs; i++) this.advances.push(hmtx.readUInt16BE(Math.min(i, metrics - 1) * 4))
    this.readCmap(table('cmap'))
  }

  /** The glyph of a character, 0 (.notdef) when the font has none. */
  glyphOf(char: string): number {
    return this.cmap.get(char.codePointAt(0)!) ?? 0
  }

  advanceOf(glyph: number): number {
    return this.advances[glyph] ?? 0
  }

  /** The glyph's contours in font units, y up; composite glyphs resolved. */
  contoursOf(glyph: number, depth = 0): Contour[] {
    const start = this.loca[glyph]!
    const end = this.loca[glyph + 1]!
    if (end <= start || depth > 8) return []
    const g = this.glyf.subarray(start, end)
    const contourCount = g.readInt16BE(0)
    return contourCount >= 0 ? simpleGlyph(g, contourCount) : this.compositeGlyph(g, depth)
  }

  private compositeGlyph(g: Buffer, depth: number): Contour[] {
    const contours: Contour[] = []
    let at = 10
    for (;;) {
      const flags = g.readUInt16BE(at)
      const component = g.readUInt16BE(at + 2)
      at += 4
      let dx = 0
      let dy = 0
      if (flags & 0x0001) {
        ;[dx, dy] = flags & 0x0002 ? [g.readInt16BE(at), g.readInt16BE(at + 2)] : [0, 0]
        at += 4
      } else {
        ;[dx, dy] = flags & 0x0002 ? [g.readInt8(at), g.readInt8(at + 1)] : [0, 0]
        at += 2
      }
      const f2dot14 = (o: number) => g.readInt16BE(o) / 16384
      let [a, b, c, d] = [1, 0, 0, 1]
      if (flags & 0x0008) {
        a = d = f2dot14(at)
        at += 2
      } else if (flags & 0x0040) {
        ;[a, d] = [f2dot14(at), f2dot14(at + 2)]
        at += 4
      } else if (flags & 0x0080) {
        ;[a, b, c, d] = [f2dot14(at), f2dot14(at + 2), f2dot14(at + 4), f2dot14(at + 6)]
        at += 8
      }
      for (const contour of this.contoursOf(component, depth + 1))
        contours.push(contour.map((p) => ({ x: a * p.x + c * p.y + dx, y: b * p.x + d * p.y + dy, on: p.on })))
      if (!(flags & 0x0020)) return contours
    }
  }

  private readCmap(cmap: Buffer): void {
    // The Unicode subtable: format 12 (full repertoire) when there is one, else format 4 (BMP).
    let best: { offset: number; format: number } | null = null
    for (let i = 0, n = cmap.readUInt16BE(2); i < n; i++) {
      const [platform, encoding, offset] = [cmap.readUInt16BE(4 + i * 8), cmap.readUInt16BE(6 + i * 8), cmap.readUInt32BE(8 + i * 8)]
      const format = cmap.readUInt16BE(offset)
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))
      if (unicode && (format === 12 || (format === 4 && best?.format !== 12))) best = { offset, format }
    }
    if (!best) throw new Error('the font has no Unicode cmap')
    const t = cmap.subarray(best.offset)
    if (best.format === 12) {
      for (let i = 0, n = t.readUInt32BE(12); i < n; i++) {
        const [first, last, glyph] = [t.readUInt32BE(16 + i * 12), t.readUInt32BE(20 + i * 12), t.readUInt32BE(24 + i * 12)]
        for (let cp = first; cp <= last; cp++) this.cmap.set(cp, glyph + cp - first)
      }
      return
    }
    const segments = t.readUInt16BE(6) / 2
    const ends = 14
    const starts = ends + segments * 2 + 2
    const deltas = starts + segments * 2
    const ranges = deltas + segments * 2
    for (let s = 0; s < segments; s++) {
      const [end, first, delta, range] = [
        t.readUInt16BE(ends + s * 2),
        t.readUInt16BE(starts + s * 2),
        t.readInt16BE(deltas + s * 2),
        t.readUInt16BE(ranges + s * 2)
      ]
      for (let cp = first; cp <= end && cp !== 0xffff; cp++) {
        const indexed = range === 0 ? cp : t.readUInt16BE(ranges + s * 2 + range + (cp - first) * 2)
        const glyph = indexed === 0 ? 0 : (indexed + delta) & 0xffff
        if (glyph !== 0) this.cmap.set(cp, glyph)
      }
    }
  }
}

function failure(message: string): never {
  throw new Error(message)
}

function simpleGlyph(g: Buffer, contourCount: number): Contour[] {
  const ends: number[] = []
  for (let i = 0; i < contourCount; i++) ends.push(g.readUInt16BE(10 + i * 2))
  const count = contourCount === 0 ? 0 : ends[contourCount - 1]! + 1
  let at = 10 + contourCount * 2
  at += 2 + g.readUInt16BE(at) // instructions
  const flags: number[] = []
  while (flags.length < count) {
    const flag = g[at++]!
    flags.push(flag)
    if (flag & 8) for (let r = g[at++]!; r > 0; r--) flags.push(flag)
  }
  const coordinates = (short: number, same: number) => {
    const values: number[] = []
    let v = 0
    for (const flag of flags) {
      if (flag & short) v += flag & same ? g[at++]! : -g[at++]!
      else if (!(flag & same)) {
        v += g.readInt16BE(at)
        at += 2
      }
      values.push(v)
    }
    return values
  }
  const xs = coordinates(2, 16)
  const ys = coordinates(4, 32)
  const contours: Contour[] = []
  let first = 0
  for (const end of ends) {
    const contour: Contour = []
    for (let i = first; i <= end; i++) contour.push({ x: xs[i]!, y: ys[i]!, on: (flags[i]! & 1) === 1 })
    contours.push(contour)
    first = end + 1
  }
  return contours
}

/** A contour's outline as line segments: quadratic curves (off-curve points, implied on-curve midpoints) flattened. */
function flatten(contour: Contour, steps = 6): { x: number; y: number }[] {
  const n = contour.length
  if (n === 0) return []
  const startIndex = contour.findIndex((p) => p.on)
  // All points off the curve: start at the midpoint of the first two.
  const start = startIndex >= 0 ? contour[startIndex]! : { x: (contour[0]!.x + contour[1 % n]!.x) / 2, y: (contour[0]!.y + contour[1 % n]!.y) / 2, on: true }
  const out = [{ x: start.x, y: start.y }]
  let from = start
  let control: Point | null = null
  for (let k = 1; k <= n; k++) {
    const p = contour[((startIndex >= 0 ? startIndex : 0) + k) % n]!
    if (p.on) {
      if (control) quad(out, from, control, p, steps)
      else out.push({ x: p.x, y: p.y })
      from = p
      control = null
    } else if (control) {
      const mid = { x: (control.x + p.x) / 2, y: (control.y + p.y) / 2, on: true }
      quad(out, from, control, mid, steps)
      from = mid
      control = p
    } else control = p
  }
  if (control) quad(out, from, control, start, steps)
  return out
}

function quad(out: { x: number; y: number }[], a: Point, c: Point, b: Point, steps: number): void {
  for (let s = 1; s <= steps; s++) {
    const t = s / steps
    const u = 1 - t
    out.push({ x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y })
  }
}

/** The fonts of the screen receipt in the order its font-family list tries them (RECEIPT_FONTS). */
const FONT_FILES = {
  notoSans: ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'].map((subset) => `@fontsource/noto-sans/files/noto-sans-${subset}-400-normal.woff`),
  notoSansSc: ['@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff']
}
const fonts = new Map<string, TrueTypeFont>()
const requireFont = createRequire(import.meta.url)

function font(file: string): TrueTypeFont {
  let f = fonts.get(file)
  if (!f) {
    f = new TrueTypeFont(readFileSync(requireFont.resolve(file)))
    fonts.set(file, f)
  }
  return f
}

/** The font files a language's receipt tries, in order (Noto Sans first, or Noto Sans SC for Chinese). */
function fontFilesFor(language: Language): string[] {
  return language === 'zh' ? [...FONT_FILES.notoSansSc, ...FONT_FILES.notoSans] : [...FONT_FILES.notoSans, ...FONT_FILES.notoSansSc]
}

/** The font that draws a character: the first that has it (as the browser's fallback does); else the first font's .notdef box. */
export function glyphFor(char: string, language: Language): { font: TrueTypeFont; glyph: number } {
  const files = fontFilesFor(language)
  for (const file of files) {
    const f = font(file)
    const glyph = f.glyphOf(char)
    if (glyph !== 0) return { font: f, glyph }
  }
  return { font: font(files[0]!), glyph: 0 }
}

/** One character of a printed line, where the printer would put it. */
export interface LineCell {
  char: string
  /** First column (from the paper's left edge) and how many columns it takes, scaling included. */
  column: number
  columns: number
  /** Character scale, as GS ! sets it: width and height multipliers. */
  scaleX: number
  scaleY: number
  bold: boolean
  invert: boolean
  underline: boolean
}

/** A 1-bit image, rows of ceil(width / 8) bytes, most significant bit leftmost: the layout of GS v 0. */
export interface Bitmap {
  width: number
  height: number
  data: Buffer
}

/** Sub-samples per dot along each axis. */
const SS = 4

/**
 * Draws one printed line as a bitmap `columns` × 12 dots wide and 24 × its tallest scale high,
 * each glyph from the receipt's fonts as the SVG shows it: centred in its cells, the line's
 * bottom at the primary font's descent, bold as a half-dot stroke, inverted cells white on black.
 */
export function rasterizeLine(cells: readonly LineCell[], columns: number, language: Language): Bitmap {
  const width = columns * CELL_WIDTH
  const lineScale = Math.max(1, ...cells.map((c) => c.scaleY))
  const height = CELL_HEIGHT * lineScale
  const W = width * SS
  const H = height * SS
  const ink = new Uint8Array(W * H)
  const primary = glyphFor('A', language).font
  for (const cell of cells) {
    if (cell.char === ' ') continue
    const { font: f, glyph } = glyphFor(cell.char, language)
    const scale = GLYPH_SIZE / f.unitsPerEm
    const centre = (cell.column + cell.columns / 2) * CELL_WIDTH
    const baseline = height - (primary.descent * GLYPH_SIZE * cell.scaleY) / primary.unitsPerEm
    const left = centre - (f.advanceOf(glyph) * scale * cell.scaleX) / 2
    // Work on the cell and a cell either side: a wide letter (Ш, m) reaches into its neighbours, as on screen.
    const xa = Math.max(0, (cell.column - cell.scaleX) * CELL_WIDTH * SS)
    const xb = Math.min(W, (cell.column + cell.columns + cell.scaleX) * CELL_WIDTH * SS)
    const RW = xb - xa
    const polygons = f
      .contoursOf(glyph)
      .map((c) => flatten(c).map((p) => ({ x: (left + p.x * scale * cell.scaleX) * SS - xa, y: (baseline - p.y * scale * cell.scaleY) * SS })))
    const mask = new Uint8Array(RW * H)
    fill(mask, RW, H, polygons)
    if (cell.bold) dilate(mask, RW, H, SS / 2)
    const x0 = cell.column * CELL_WIDTH * SS - xa
    const x1 = Math.min(RW, (cell.column + cell.columns) * CELL_WIDTH * SS - xa)
    if (cell.underline)
      for (let y = Math.round((baseline + 2) * SS); y < Math.min(H, Math.round((baseline + 3) * SS)); y++) mask.fill(1, y * RW + x0, y * RW + x1)
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < RW; x++) {
        const m = mask[y * RW + x]
        if (cell.invert && x >= x0 && x < x1) ink[y * W + xa + x] = m ? 0 : 1
        else if (m) ink[y * W + xa + x] = 1
      }
    }
  }
  // A dot is printed when at least half of its sub-samples are ink.
  const stride = Math.ceil(width / 8)
  const data = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let covered = 0
      for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) covered += ink[(y * SS + sy) * W + x * SS + sx]!
      if (covered * 2 >= SS * SS) data[y * stride + (x >> 3)]! |= 0x80 >> (x & 7)
    }
  }
  return { width, height, data }
}

/** Fills polygons (non-zero winding, as TrueType outlines are drawn) into a mask, sampling at sub-sample centres. */
function fill(mask: Uint8Array, W: number, H: number, polygons: { x: number; y: number }[][]): void {
  const edges: [number, number, number, number][] = []
  for (const poly of polygons)
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i]!
      const b = poly[(i + 1) % poly.length]!
      if (a.y !== b.y) edges.push([a.x, a.y, b.x, b.y])
    }
  const crossings: { x: number; dir: number }[] = []
  for (let y = 0; y < H; y++) {
    const sy = y + 0.5
    crossings.length = 0
    for (const [x1, y1, x2, y2] of edges) {
      if ((sy >= y1 && sy < y2) || (sy >= y2 && sy < y1)) crossings.push({ x: x1 + ((sy - y1) * (x2 - x1)) / (y2 - y1), dir: y2 > y1 ? 1 : -1 })
    }
    crossings.sort((p, q) => p.x - q.x)
    let winding = 0
    for (let k = 0; k < crossings.length - 1; k++) {
      winding += crossings[k]!.dir
      if (winding === 0) continue
      const from = Math.max(0, Math.ceil(crossings[k]!.x - 0.5))
      const to = Math.min(W - 1, Math.floor(crossings[k + 1]!.x - 0.5))
      for (let x = from; x <= to; x++) mask[y * W + x] = 1
    }
  }
}

/** Grows the ink by `radius` sub-samples: the SVG's bold is a 1 px stroke, half of it outside the outline. */
function dilate(mask: Uint8Array, W: number, H: number, radius: number): void {
  const source = mask.slice()
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (source[y * W + x]) continue
      search: for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const [nx, ny] = [x + dx, y + dy]
          if (dx * dx + dy * dy <= radius * radius && nx >= 0 && ny >= 0 && nx < W && ny < H && source[ny * W + nx]) {
            mask[y * W + x] = 1
            break search
          }
        }
      }
    }
  }
}
