/**
 * A small QR decoder (level M, versions 1–6, numeric / alphanumeric / byte segments, no error
 * correction needed for a clean image): enough to read back what the renderers drew, on screen
 * (SVG) and on paper (a GS v 0 raster image).
 */
import { dot, type Raster } from './escposDecoder'

export type Matrix = boolean[][]

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

export function decodeQr(m: Matrix): string {
  const n = m.length
  const version = (n - 17) / 4
  if (!Number.isInteger(version) || !M_BLOCKS[version]) throw new Error(`unsupported QR size ${n}`)
  // format information next to the top-left finder
  let format = 0
  const formatCells: [number, number][] = [
    [8, 0],
    [8, 1],
    [8, 2],
    [8, 3],
    [8, 4],
    [8, 5],
    [8, 7],
    [8, 8],
    [7, 8],
    [5, 8],
    [4, 8],
    [3, 8],
    [2, 8],
    [1, 8],
    [0, 8]
  ]
  for (const [r, c] of formatCells) format = (format << 1) | (m[r]![c] ? 1 : 0)
  const info = (format ^ 0x5412) >> 10
  if (info >> 3 !== 0) throw new Error('not error correction level M')
  const mask = MASKS[info & 7]!
  // function patterns: finders with separators and format areas, timing, alignment pattern
  const isFunction = (r: number, c: number) =>
    (r < 9 && c < 9) ||
    (r < 9 && c >= n - 8) ||
    (r >= n - 8 && c < 9) ||
    r === 6 ||
    c === 6 ||
    (version >= 2 && Math.abs(r - (n - 7)) <= 2 && Math.abs(c - (n - 7)) <= 2)
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
export function matrixOfQrSvg(svg: string): Matrix {
  const total = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1])
  const cells = [...svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)].map((x) => x.slice(1).map(Number) as [number, number, number])
  const margin = Math.min(...cells.map(([x]) => x))
  const n = total - 2 * margin
  const m: Matrix = Array.from({ length: n }, () => new Array<boolean>(n).fill(false))
  for (const [x, y, run] of cells) for (let k = 0; k < run; k++) m[y - margin]![x - margin + k] = true
  return m
}

/** The modules of receiptline's SVG QR code: one `M<x>,<y>l<cell>,0 …z` square per dark module. */
export function matrixOfReceiptSvg(svg: string, cell: number): Matrix {
  const group = /<g transform="translate\([\d.]+,[\d.]+\)">(<path d="M0,0l[^"]*"[^>]*>)<\/g>/.exec(svg)
  const cells = [...group![1]!.matchAll(/M(\d+),(\d+)l/g)].map((x) => [Number(x[1]) / cell, Number(x[2]) / cell] as const)
  const n = Math.max(...cells.map(([x]) => x)) + 1
  const m: Matrix = Array.from({ length: n }, () => new Array<boolean>(n).fill(false))
  for (const [x, y] of cells) m[y]![x] = true
  return m
}

/**
 * The modules of a printed raster QR code with `cell` dots per module after a quiet zone of
 * `offset` dots; the symbol is as tall as it is wide (a raster row may be padded to whole bytes).
 */
export function matrixOfRaster(r: Raster, cell: number, offset = 0): Matrix {
  const n = (r.height - 2 * offset) / cell
  return Array.from({ length: n }, (_, row) =>
    Array.from({ length: n }, (_, col) => dot(r, offset + col * cell + (cell >> 1), offset + row * cell + (cell >> 1)))
  )
}
