/**
 * The staff reports kept on disk (issue 15): each cash collection report and each X or Z report as
 * receiptline source (`.receipt.txt`), SVG and a printable self-contained HTML page, in
 * `<dir>/collections/collection-<n>.*` and `<dir>/shifts/<X|Z>-<n>-<timestamp>.*`, never over an
 * earlier file (a second copy goes beside it as `….2.*`); each folder has an `index.html` listing
 * its history newest first, written again after every report. File names are made from numbers and
 * times only, never from text given with a report.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Language } from '../core/protocol'
import { formatAlmatyTime } from '../core/receipt/format'
import { collectionReportDocument, shiftReportDocument } from '../core/receipt/reportDocument'
import { REPORT_LABELS } from '../core/receipt/reportLabels'
import { PAPER_COLUMNS, type Paper } from '../core/receipt/width'
import type { CollectionReport } from '../core/service/collectionReport'
import type { ShiftReport } from '../core/service/shiftReports'
import { renderReceiptSvg } from './receipts'

export interface ReportWriteOptions {
  language: Language
  /** The receipt printer's paper (default 80 mm): the SVG and the page show the report as printed. */
  paper?: Paper
  /** A reprint: marked as a copy. */
  copy?: boolean
}

/** The paths of one kept report. */
export interface ReportFiles {
  doc: string
  svg: string
  html: string
}

export type ReportFolder = 'collections' | 'shifts'

/** A report in the archive, as listed from its folder. */
export interface ArchivedReport {
  folder: ReportFolder
  report: 'collection' | 'X' | 'Z'
  number: number
  /** 1 for the first file under this name, 2 for the next copy beside it, … */
  copy: number
  /** The report's end (collection: the cassette's removal; shift: the period's end), ISO; null if the page does not say. */
  time: string | null
  /** The page's title. */
  title: string
  files: ReportFiles
}

const LANG_TAGS: Record<Language, string> = { kk: 'kk', ru: 'ru', en: 'en', zh: 'zh-Hans' }
const COLLECTION_NAME = /^collection-([1-9]\d{0,8})(?:\.([2-9]|[1-9]\d{1,3}))?\.html$/
const SHIFT_NAME = /^([XZ])-([1-9]\d{0,8})-(\d{8}T\d{6}Z)(?:\.([2-9]|[1-9]\d{1,3}))?\.html$/

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const fill = (template: string, number: number) => template.replace('{number}', String(number))

function positiveNumber(n: number, field: string): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > 999_999_999) throw new RangeError(`${field}: expected a whole number from 1, got ${n}`)
  return n
}

/** An ISO instant as a file name part: 20261125T060000Z. */
function stamp(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) throw new RangeError(`to: expected an ISO 8601 instant, got ${JSON.stringify(iso)}`)
  return new Date(t)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
}

const pathsOf = (folder: string, base: string, copy: number): ReportFiles => {
  const name = copy === 1 ? base : `${base}.${copy}`
  return { doc: join(folder, `${name}.receipt.txt`), svg: join(folder, `${name}.svg`), html: join(folder, `${name}.html`) }
}

/** Writes a file whole under a name nobody has (temporary file, then a hard link that fails rather than replace). */
function writeNew(path: string, data: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  try {
    writeFileSync(temporary, data, { flag: 'wx' })
    linkSync(temporary, path)
  } finally {
    rmSync(temporary, { force: true })
  }
}

/** Writes a file whole, replacing what was there (the index pages). */
function replaceFile(path: string, data: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  writeFileSync(temporary, data, { flag: 'wx' })
  renameSync(temporary, path)
}

/** The printable page: the report's SVG inline, sized to its paper, with its title and language. */
function reportPage(title: string, time: string, svg: string, language: Language, paper: Paper): string {
  const width = paper === '58mm' ? '58mm' : '80mm'
  return `<!doctype html>
<html lang="${LANG_TAGS[language]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="report-time" content="${escapeHtml(time)}">
<title>${escapeHtml(title)}</title>
<style>
body { margin: 0; background: #e8e8e8; font-family: 'Noto Sans', 'Noto Sans SC', sans-serif; }
main { width: ${width}; margin: 16px auto; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); }
main svg { display: block; width: 100%; height: auto; }
@page { size: ${width} auto; margin: 0; }
@media print { body { background: #fff; } main { margin: 0; box-shadow: none; } }
</style>
</head>
<body>
<main>
${svg}
</main>
</body>
</html>
`
}

/** Keeps one report's three files under the first free copy number; returns their paths. */
function keep(folder: string, base: string, files: { doc: string; svg: string; html: string }): ReportFiles {
  mkdirSync(folder, { recursive: true })
  for (let copy = 1; ; copy++) {
    const paths = pathsOf(folder, base, copy)
    if (existsSync(paths.doc) || existsSync(paths.svg) || existsSync(paths.html)) continue
    const written: string[] = []
    try {
      // The page last: the listing takes a report by its page, so it never lists one half written.
      for (const key of ['doc', 'svg', 'html'] as const) {
        writeNew(paths[key], files[key])
        written.push(paths[key])
      }
    } catch (err) {
      for (const path of written) rmSync(path, { force: true })
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue
      throw err
    }
    return paths
  }
}

function render(doc: string, title: string, time: string, options: ReportWriteOptions): { doc: string; svg: string; html: string } {
  const paper = options.paper ?? '80mm'
  const svg = renderReceiptSvg(doc, { language: options.language, paper })
  return { doc, svg, html: reportPage(title, time, svg, options.language, paper) }
}

/** Keeps a cash collection report as `<dir>/collections/collection-<n>.*` and writes the folder's index again. */
export function keepCollectionReport(dir: string, report: CollectionReport, options: ReportWriteOptions): ReportFiles {
  const number = positiveNumber(report.number, 'number')
  const L = REPORT_LABELS[options.language]
  const doc = collectionReportDocument(report, options.language, { columns: PAPER_COLUMNS[options.paper ?? '80mm'], copy: options.copy })
  const title = `${L.collectionTitle} ${fill(L.number, number)}`
  const folder = join(dir, 'collections')
  const files = keep(folder, `collection-${number}`, render(doc, title, report.removedAt, options))
  writeIndex(dir, 'collections', options.language)
  return files
}

/** Keeps an X or Z report as `<dir>/shifts/<X|Z>-<n>-<period end>.*` and writes the folder's index again. */
export function keepShiftReport(dir: string, report: ShiftReport, options: ReportWriteOptions): ReportFiles {
  if (report.report !== 'X' && report.report !== 'Z') throw new RangeError(`report: expected "X" or "Z", got ${JSON.stringify(report.report)}`)
  const number = positiveNumber(report.number, 'number')
  const L = REPORT_LABELS[options.language]
  const doc = shiftReportDocument(report, options.language, { columns: PAPER_COLUMNS[options.paper ?? '80mm'], copy: options.copy })
  const title = `${report.report === 'Z' ? L.zTitle : L.xTitle} ${fill(L.number, number)}`
  const folder = join(dir, 'shifts')
  const files = keep(folder, `${report.report}-${number}-${stamp(report.to)}`, render(doc, title, report.to, options))
  writeIndex(dir, 'shifts', options.language)
  return files
}

function listFolder(dir: string, folder: ReportFolder): ArchivedReport[] {
  const path = join(dir, folder)
  if (!existsSync(path)) return []
  const found: ArchivedReport[] = []
  for (const name of readdirSync(path)) {
    const collection = folder === 'collections' ? COLLECTION_NAME.exec(name) : null
    const shift = folder === 'shifts' ? SHIFT_NAME.exec(name) : null
    if (!collection && !shift) continue
    const page = readFileSync(join(path, name), 'utf8')
    const time = /<meta name="report-time" content="([^"]*)">/.exec(page)?.[1] ?? null
    const title = /<title>([^<]*)<\/title>/.exec(page)?.[1] ?? name
    const unescape = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&gt;/g, '>')
        .replace(/&lt;/g, '<')
        .replace(/&amp;/g, '&')
    const copy = Number((collection ? collection[2] : shift![4]) ?? 1)
    const number = Number(collection ? collection[1] : shift![2])
    const base = collection ? `collection-${number}` : `${shift![1]}-${number}-${shift![3]}`
    found.push({
      folder,
      report: collection ? 'collection' : (shift![1] as 'X' | 'Z'),
      number,
      copy,
      time: time === null ? null : unescape(time),
      title: unescape(title),
      files: pathsOf(path, base, copy)
    })
  }
  const newestFirst = (a: ArchivedReport, b: ArchivedReport) =>
    folder === 'collections'
      ? b.number - a.number || b.copy - a.copy
      : Date.parse(b.time ?? '') - Date.parse(a.time ?? '') || b.number - a.number || b.copy - a.copy || a.report.localeCompare(b.report)
  return found.sort(newestFirst)
}

/** The reports kept under `dir`, each folder newest first. */
export function listReports(dir: string): { collections: ArchivedReport[]; shifts: ArchivedReport[] } {
  return { collections: listFolder(dir, 'collections'), shifts: listFolder(dir, 'shifts') }
}

/** Writes `<dir>/<folder>/index.html`: the folder's reports newest first, each linking to its page, SVG and source. */
function writeIndex(dir: string, folder: ReportFolder, language: Language): void {
  const L = REPORT_LABELS[language]
  const heading = folder === 'collections' ? L.collectionHistory : L.shiftHistory
  const base = (path: string) => encodeURIComponent(basename(path))
  const items = listFolder(dir, folder).map((r) => {
    const when = r.time === null ? '' : ` — ${escapeHtml(formatAlmatyTime(r.time, language))}`
    const copy = r.copy > 1 ? ` (${escapeHtml(L.copy)} ${r.copy})` : ''
    return (
      `<li><a href="${base(r.files.html)}">${escapeHtml(r.title)}</a>${copy}${when}` +
      ` · <a href="${base(r.files.svg)}">SVG</a> · <a href="${base(r.files.doc)}">receiptline</a></li>`
    )
  })
  const page = `<!doctype html>
<html lang="${LANG_TAGS[language]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
<style>body { font-family: 'Noto Sans', 'Noto Sans SC', sans-serif; margin: 24px; } li { margin: 8px 0; }</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
<ol>
${items.join('\n')}
</ol>
</body>
</html>
`
  replaceFile(join(dir, folder, 'index.html'), page)
}

/** The report archive of a kiosk data directory (e.g. `.kiosk-data/reports`). */
export class FileReportArchive {
  constructor(private readonly dir: string) {}

  keepCollection(report: CollectionReport, options: ReportWriteOptions): ReportFiles {
    return keepCollectionReport(this.dir, report, options)
  }

  keepShift(report: ShiftReport, options: ReportWriteOptions): ReportFiles {
    return keepShiftReport(this.dir, report, options)
  }

  list(): { collections: ArchivedReport[]; shifts: ArchivedReport[] } {
    return listReports(this.dir)
  }
}
