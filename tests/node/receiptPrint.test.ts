/**
 * The printed receipt checked from the outside (docs/receipts.md, "Checking it"): the ESC/POS
 * bytes of sample receipts in every language and on both paper widths go through an independent
 * decoder (escposDecoder.ts, iconv-lite's code page tables) and must read back as the screen's
 * SVG of the same document: the same characters at the same dots on the same lines, except the
 * documented substitutions; one code page per receipt; the support phone on one line; and what
 * no code page of the receipt has as a raster line, never as "?".
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, locationIn } from '../../src/core/config'
import { LANGUAGES, type Language, type ReceiptView } from '../../src/core/protocol'
import { cleanText, receiptDocument } from '../../src/core/receipt/document'
import {
  sampleCardReceipt,
  sampleCashReceipt,
  sampleFlaggedReceipt,
  sampleJamNothingStackedReceipt,
  sampleNoteInDoubtReceipt,
  samplePendingReceipt,
  sampleUnidentifiedCardReceipt
} from '../../src/core/receipt/samples'
import { PAPER_COLUMNS, PRINT_SUBSTITUTES, rasterCharacters, renderReceiptEscPos, renderReceiptSvg, type Paper } from '../../src/node/receipts'
import { decodeEscPos, dot, lineText, type PrintedLine, type Raster } from './escposDecoder'
import { decodeQr, matrixOfRaster } from './qrDecode'

const PAPERS: Paper[] = ['80mm', '58mm']

/** The substitutions docs/receipts.md documents, written out here so the renderer cannot add one unnoticed. */
const DOCUMENTED_SUBSTITUTES: Record<string, string> = {
  ...Object.fromEntries([...'«»“”„'].map((c) => [c, '"'])),
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
  ...Object.fromEntries([...'┌┐└┘├┤┬┴┼'].map((c) => [c, '+']))
}

/** The samples with the kiosk's own location in the receipt's language (the Russian one has « »). */
const SAMPLES: Record<string, () => ReceiptView> = {
  cash: sampleCashReceipt,
  card: sampleCardReceipt,
  flagged: sampleFlaggedReceipt,
  pending: samplePendingReceipt,
  noteInDoubt: sampleNoteInDoubtReceipt,
  jamNothingStacked: sampleJamNothingStackedReceipt,
  unidentifiedCard: sampleUnidentifiedCardReceipt
}
const localized = (receipt: ReceiptView, language: Language): ReceiptView => ({ ...receipt, location: locationIn(DEFAULT_CONFIG.terminal.location, language) })

interface SvgLine {
  /** The line's bottom edge, in dots (the SVG's pixels). */
  bottom: number
  chars: { char: string; centre: number }[]
}

/** receiptline's SVG as text lines: every <tspan> character at the centre receiptline gave it (x times the text's scale). */
function svgLines(svg: string): SvgLine[] {
  const decode = (s: string) =>
    s
      .replace(/&#xa0;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  return [...svg.matchAll(/<g transform="translate\(([\d.]+),([\d.]+)\)">((?:<text[^>]*>.*?<\/text>)+)<\/g>/g)].map((g) => ({
    bottom: Number(g[2]),
    chars: [...g[3]!.matchAll(/<text([^>]*)>(.*?)<\/text>/g)].flatMap((t) => {
      const scale = Number(/scale\((\d+),/.exec(t[1]!)?.[1] ?? 1)
      return [...t[2]!.matchAll(/<tspan x="(\d+)">([^<]*)<\/tspan>/g)].map((s) => ({ char: decode(s[2]!), centre: Number(g[1]) + Number(s[1]) * scale }))
    })
  }))
}

/** The rules receiptline draws in the SVG: the top of each (a path across a line). */
const svgRules = (svg: string) => [...svg.matchAll(/<g transform="translate\([\d.]+,([\d.]+)\)"><path d="M0,12h\d+"/g)].map((m) => Number(m[1]))

/** The QR codes' top edges in the SVG. */
const svgQrTops = (svg: string) => [...svg.matchAll(/<g transform="translate\([\d.]+,([\d.]+)\)"><path d="M0,0l/g)].map((m) => Number(m[1]))

const isRule = (line: PrintedLine) => line.chars.length > 0 && line.chars.every((c) => c.char === '─' || c.char === '-')
const visible = <T extends { char: string }>(chars: T[]) => chars.filter((c) => c.char !== ' ')

function printBoth(receipt: ReceiptView, language: Language, paper: Paper) {
  const doc = receiptDocument(receipt, language, { columns: PAPER_COLUMNS[paper] })
  const bytes = renderReceiptEscPos(doc, { language, paper })
  return { doc, bytes, paper: decodeEscPos(bytes), svg: renderReceiptSvg(doc, { language, paper }) }
}

/** Whether a raster line has ink under a character centred at `centre` (the middle four dots of its cell). */
const inkAt = (r: Raster, centre: number) => {
  for (let x = Math.round(centre) - r.x - 2; x < Math.round(centre) - r.x + 2; x++) for (let y = 0; y < r.height; y++) if (dot(r, x, y)) return true
  return false
}

describe('printed receipts read back as the screen shows them', () => {
  for (const language of LANGUAGES) {
    for (const paper of PAPERS) {
      it(`${language}, ${paper}: every sample's paper has the SVG's characters at the same dots, line for line`, () => {
        for (const [name, sample] of Object.entries(SAMPLES)) {
          const receipt = localized(sample(), language)
          const { paper: printout, svg } = printBoth(receipt, language, paper)
          const textLines = printout.lines.filter((l) => l.chars.some((c) => c.char !== ' ') && !isRule(l))
          const svgText = svgLines(svg).filter((l) => l.chars.some((c) => c.char !== ' '))
          expect(
            textLines.map((l) => l.top + l.height),
            `${name}: line positions`
          ).toEqual(svgText.map((l) => l.bottom))
          textLines.forEach((line, k) => {
            const screen = visible(svgText[k]!.chars)
            const printed = visible(line.chars).map((c) => ({ char: c.char, centre: c.x + c.width / 2 }))
            // The same characters, or a documented stand-in for one the page lacks ...
            expect(printed.length, `${name} line ${k}: ${lineText(line)}`).toBe(screen.length)
            const differing = screen
              .map((c, j) => [c.char, printed[j]!.char])
              .filter(([shown, paper]) => shown !== paper && DOCUMENTED_SUBSTITUTES[shown!] !== paper)
            expect(differing, `${name} line ${k}: ${lineText(line)}`).toEqual([])
            // ... each within a quarter column of the screen's centre (receiptline rounds its x down to a pixel).
            printed.forEach((c, j) => expect(Math.abs(c.centre - screen[j]!.centre), `${name} line ${k}: ${c.char}`).toBeLessThan(3))
          })
          // The rules and the QR code where the screen draws them.
          expect(
            printout.lines.filter(isRule).map((l) => l.top),
            `${name}: rules`
          ).toEqual(svgRules(svg))
          const qr = printout.lines.filter((l) => l.raster)
          expect(
            qr.map((l) => l.top),
            `${name}: QR code`
          ).toEqual(svgQrTops(svg))
          expect(decodeQr(matrixOfRaster(qr[0]!.raster!, 5))).toBe(receipt.eReceiptUrl)
          expect(printout.cuts).toBe(1)
        }
      })
    }
  }

  it.each(LANGUAGES)('%s: the only substitutions are the documented ones, for characters the receipt’s page lacks', (language) => {
    const receipt = localized(sampleCashReceipt(), language)
    const { paper: printout, svg } = printBoth(receipt, language, '80mm')
    const printed = printout.lines.filter((l) => !isRule(l) && !l.raster).flatMap((l) => visible(l.chars).map((c) => c.char))
    const screen = svgLines(svg).flatMap((l) => visible(l.chars).map((c) => c.char))
    expect(printed).toHaveLength(screen.length)
    const substituted = new Set(screen.flatMap((c, k) => (printed[k] === c ? [] : [`${c}→${printed[k]}`])))
    for (const pair of substituted) {
      const [from, to] = pair.split('→') as [string, string]
      expect(DOCUMENTED_SUBSTITUTES[from], pair).toBe(to)
    }
    expect(PRINT_SUBSTITUTES).toEqual(DOCUMENTED_SUBSTITUTES)
    // PC866 has no « » nor •; KZ-1048 has them and prints them as they are.
    if (language === 'ru') expect([...substituted].sort()).toEqual(['«→"', '»→"', '•→*'])
    if (language === 'kk') expect([...substituted]).toEqual([])
  })
})

describe('one code page per receipt', () => {
  const pagesOf = (language: Language, paper: Paper, receipt: ReceiptView) => decodeEscPos(printBoth(localized(receipt, language), language, paper).bytes)

  it.each(PAPERS)('Russian and English receipts select PC866 (ESC t 17) and nothing else, even with « » in the location (%s)', (paper) => {
    for (const sample of Object.values(SAMPLES)) {
      for (const language of ['ru', 'en'] as const) {
        const out = pagesOf(language, paper, sample())
        expect(out.pages, language).toEqual([17])
        expect(out.kanjiRuns).toBe(0)
      }
    }
    expect(cleanText(locationIn(DEFAULT_CONFIG.terminal.location, 'ru'))).toMatch(/«.*»/)
  })

  it.each(PAPERS)('Kazakh receipts select KZ-1048 (ESC t 53) only; Chinese ones PC866 plus Kanji mode (%s)', (paper) => {
    for (const sample of Object.values(SAMPLES)) {
      expect(pagesOf('kk', paper, sample()).pages).toEqual([53])
      const zh = pagesOf('zh', paper, sample())
      expect(zh.pages).toEqual([17])
      expect(zh.kanjiRuns).toBeGreaterThan(0)
    }
  })

  it('a standard receipt in every language is all text: no raster line but the QR code', () => {
    for (const language of LANGUAGES) {
      for (const sample of Object.values(SAMPLES)) {
        const doc = receiptDocument(localized(sample(), language), language)
        expect(rasterCharacters(doc, { language }), language).toEqual([])
      }
    }
  })
})

describe('what no code page of the receipt has prints as a raster image of the line', () => {
  const cases: { language: Language; location: string; raster: string[] }[] = [
    { language: 'ru', location: 'Қонаев, ТРЦ «Мега» ₸', raster: ['Қ', '₸'] },
    { language: 'en', location: 'Café Metro 🚇 — 地铁', raster: ['é', '🚇', '地', '铁'] },
    { language: 'kk', location: 'Алматы — 地铁 ₸', raster: ['地', '铁', '₸'] },
    { language: 'zh', location: '阿拉木图 Қонаев ₸', raster: ['Қ', '₸'] }
  ]

  it.each(cases)('$language: "$location" — never "?", never dropped, the other lines stay text', ({ language, location, raster }) => {
    const receipt = { ...sampleCashReceipt(), location }
    for (const paper of PAPERS) {
      const { doc, paper: printout, svg } = printBoth(receipt, language, paper)
      expect(rasterCharacters(doc, { language, paper })).toEqual(raster)
      const rasterLines = printout.lines.filter((l) => l.raster && l.raster.height === 24)
      expect(rasterLines.length).toBeGreaterThan(0)
      // No "?" anywhere on paper; the raster lines are where the screen has the location.
      expect(printout.lines.flatMap((l) => l.chars).some((c) => c.char === '?')).toBe(false)
      const screen = svgLines(svg)
      for (const line of rasterLines) {
        const shown = screen.find((s) => s.bottom === line.top + line.height)!
        expect(shown, `a screen line at ${line.top}`).toBeDefined()
        const r = line.raster!
        expect(r.width).toBe(PAPER_COLUMNS[paper] * 12) // the whole width: glyphs at their columns
        // Ink under every character the screen shows on that line, none in the cells it leaves empty.
        for (const c of visible(shown.chars)) expect(inkAt(r, c.centre), `${c.char} at ${c.centre}`).toBe(true)
        const empty = Array.from({ length: PAPER_COLUMNS[paper] }, (_, k) => k * 12 + 6).filter(
          (centre) => !shown.chars.some((c) => c.char !== ' ' && Math.abs(c.centre - centre) < 12)
        )
        for (const centre of empty) expect(inkAt(r, centre), `empty cell at ${centre}`).toBe(false)
      }
      // Every other line of the location's neighbours is still text.
      expect(printout.lines.some((l) => lineText(l).includes(sampleCashReceipt().issuerName))).toBe(true)
    }
  })
})

describe('the support phone never splits across lines', () => {
  const withPhone = () => Object.values(SAMPLES).map((s) => s())

  it.each(LANGUAGES.flatMap((language) => PAPERS.map((paper) => ({ language, paper }))))(
    '$language on $paper: on paper and on screen',
    ({ language, paper }) => {
      for (const receipt of withPhone()) {
        const r = localized(receipt, language)
        const { paper: printout, svg } = printBoth(r, language, paper)
        const phone = r.supportPhone
        const printedLines = printout.lines.map(lineText)
        const screenLines = svgLines(svg).map((l) => l.chars.map((c) => c.char).join(''))
        // The support line, and the advice of a top-up whose credit is unknown (not a jam that took nothing).
        const nothingTaken = r.method === 'cash' && r.notes.length === 0
        const expected = r.status === 'flagged' && r.balanceAfterKzt === null && !nothingTaken ? 2 : 1
        for (const [where, lines] of [
          ['paper', printedLines],
          ['screen', screenLines]
        ] as const) {
          const whole = lines.filter((l) => l.includes(phone)).length
          expect(whole, `${where}: ${r.transactionId} has the phone whole on ${expected} line(s)`).toBe(expected)
          // and never a piece of it ending one line with the rest on the next
          for (let k = 0; k + 1 < lines.length; k++) {
            for (let cut = 1; cut < phone.length; cut++) {
              if (phone[cut - 1] !== ' ' && phone[cut] !== ' ') continue
              const head = phone.slice(0, cut).trim()
              const tail = phone.slice(cut).trim()
              expect(lines[k]!.trimEnd().endsWith(head) && lines[k + 1]!.trimStart().startsWith(tail), `${where}: "${lines[k]}" / "${lines[k + 1]}"`).toBe(
                false
              )
            }
          }
        }
      }
    }
  )
})
