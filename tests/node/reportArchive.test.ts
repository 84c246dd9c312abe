/**
 * The staff reports on disk: source, SVG and a printable page per report, never over an earlier
 * one, an index per folder newest first, and file names made of numbers and times only.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { escapeText } from '../../src/core/receipt/document'
import { collectionReportDocument, shiftReportDocument } from '../../src/core/receipt/reportDocument'
import { collectionReportOf } from '../../src/core/service/collectionReport'
import { shiftReportOf, shiftReportRecord } from '../../src/core/service/shiftReports'
import { FileReportArchive, keepCollectionReport, keepShiftReport, listReports } from '../../src/node/reportArchive'
import { renderReceiptSvg } from '../../src/node/receipts'
import { DEMO_CARD, makeKiosk, type TestKiosk } from '../core/helpers'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-reports-'))
  dirs.push(dir)
  return dir
}
const IDS = { terminalId: '00412783', cassetteId: 'CASSETTE-7' }

async function topUpAndCollect(k: TestKiosk, kzt: number) {
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt })
  await k.act({ type: 'payCash' })
  await k.act({ type: 'insertBill', currency: 'KZT', value: kzt })
  await k.act({ type: 'confirm' }, 4)
  await k.act({ type: 'done' }, 5)
  expect(k.kiosk.send({ type: 'collectCash' })).toEqual({ ok: true })
  await k.clock.advance(60_000)
}

describe('the report archive', () => {
  it('keeps a collection report as receiptline source, SVG and a printable page in its language', async () => {
    const k = makeKiosk()
    await topUpAndCollect(k, 2000)
    const report = collectionReportOf(k.journal.all(), 1, IDS)!
    const dir = tempDir()
    const files = keepCollectionReport(dir, report, { language: 'zh', paper: '58mm' })
    expect(files).toEqual({
      doc: join(dir, 'collections', 'collection-1.receipt.txt'),
      svg: join(dir, 'collections', 'collection-1.svg'),
      html: join(dir, 'collections', 'collection-1.html')
    })
    const doc = collectionReportDocument(report, 'zh', { columns: 32 })
    expect(readFileSync(files.doc, 'utf8')).toBe(doc)
    expect(readFileSync(files.doc, 'utf8')).toContain(escapeText('CASSETTE-7'))
    // The renderer gives each SVG its own filter id: equal but for it.
    const withoutIds = (svg: string) => svg.replace(/receipt-[0-9a-f-]{36}/g, 'receipt-id')
    const svg = readFileSync(files.svg, 'utf8')
    expect(withoutIds(svg)).toBe(withoutIds(renderReceiptSvg(doc, { language: 'zh', paper: '58mm' })))
    expect(svg).toContain('width="384px"') // 58 mm paper: 32 columns of 12 dots
    const page = readFileSync(files.html, 'utf8')
    expect(page).toMatch(/^<!doctype html>\n<html lang="zh-Hans">/)
    expect(page).toContain('<title>现金清机报告 第 1 号</title>')
    expect(page).toContain(svg) // self-contained: the SVG inline, no external file
    expect(page).not.toMatch(/<(link|script|img)\b/)
    expect(page).toContain('width: 58mm')
  })

  it('never writes over a kept report: a second copy goes beside it', async () => {
    const k = makeKiosk()
    await topUpAndCollect(k, 1000)
    const report = collectionReportOf(k.journal.all(), 1, IDS)!
    const dir = tempDir()
    const first = keepCollectionReport(dir, report, { language: 'en' })
    const original = readFileSync(first.doc, 'utf8')
    const second = keepCollectionReport(dir, report, { language: 'ru', copy: true })
    expect(second.html).toBe(join(dir, 'collections', 'collection-1.2.html'))
    expect(readFileSync(first.doc, 'utf8')).toBe(original)
    expect(readFileSync(second.doc, 'utf8')).toContain('КОПИЯ')
    expect(listReports(dir).collections.map((r) => [r.number, r.copy])).toEqual([
      [1, 2],
      [1, 1]
    ])
    expect(readdirSync(join(dir, 'collections')).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('lists the collection history newest first, in data and in the folder’s index page', async () => {
    const k = makeKiosk()
    const archive = new FileReportArchive(tempDir())
    await topUpAndCollect(k, 1000)
    archive.keepCollection(collectionReportOf(k.journal.all(), 1, IDS)!, { language: 'en' })
    await topUpAndCollect(k, 2000)
    const files = archive.keepCollection(collectionReportOf(k.journal.all(), 2, IDS)!, { language: 'kk' })
    const listed = archive.list().collections
    expect(listed.map((r) => [r.report, r.number, r.title])).toEqual([
      ['collection', 2, 'Инкассация есебі № 2'],
      ['collection', 1, 'Cash collection report No. 1']
    ])
    const [second, first] = listed
    expect(second!.time).toBe(collectionReportOf(k.journal.all(), 2, IDS)!.removedAt)
    expect(first!.files.svg).toMatch(/collection-1\.svg$/)
    const index = readFileSync(join(files.html, '..', 'index.html'), 'utf8')
    expect(index).toContain('<html lang="kk">')
    expect(index).toContain('<title>Инкассациялар тарихы</title>')
    expect(index.indexOf('href="collection-2.html"')).toBeGreaterThan(0)
    expect(index.indexOf('href="collection-2.html"')).toBeLessThan(index.indexOf('href="collection-1.html"'))
    expect(index).toContain('href="collection-1.svg"')
    expect(index).toContain('href="collection-1.receipt.txt"')
  })

  it('keeps X and Z reports by kind, number and period end, listed newest first', async () => {
    const k = makeKiosk()
    const dir = tempDir()
    const at = () => new Date(k.clock.now()).toISOString()
    await topUpAndCollect(k, 1000)
    const x1 = shiftReportOf(k.journal.all(), { report: 'X', at: at(), terminalId: IDS.terminalId })
    keepShiftReport(dir, x1, { language: 'ru' })
    await k.clock.advance(3_600_000)
    const z1 = shiftReportOf(k.journal.all(), { report: 'Z', at: at(), terminalId: IDS.terminalId })
    const zFiles = keepShiftReport(dir, z1, { language: 'en', paper: '58mm' })
    k.journal.append('shiftReport', shiftReportRecord(z1, 'collector'), k.clock.now())
    await k.clock.advance(60_000)
    const x2 = shiftReportOf(k.journal.all(), { report: 'X', at: at(), terminalId: IDS.terminalId })
    keepShiftReport(dir, x2, { language: 'en' })
    expect(zFiles.html).toBe(join(dir, 'shifts', 'Z-1-20261125T070117Z.html'))
    expect(readFileSync(zFiles.doc, 'utf8')).toBe(shiftReportDocument(z1, 'en', { columns: 32 }))
    expect(listReports(dir).shifts.map((r) => [r.report, r.number, r.time])).toEqual([
      ['X', 2, x2.to],
      ['Z', 1, z1.to],
      ['X', 1, x1.to]
    ])
    const index = readFileSync(join(dir, 'shifts', 'index.html'), 'utf8')
    const order = ['X-2-', 'Z-1-', 'X-1-'].map((name) => index.indexOf(`href="${name}`))
    expect(order.every((i) => i > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(listReports(dir).collections).toEqual([])
  })

  it('names files by numbers and times only: no text of a report reaches a path', async () => {
    const k = makeKiosk()
    await topUpAndCollect(k, 1000)
    const dir = tempDir()
    const report = collectionReportOf(k.journal.all(), 1, { terminalId: '../../../etc', cassetteId: '../../passwd' })!
    keepCollectionReport(dir, report, { language: 'en' })
    expect(readdirSync(dir)).toEqual(['collections'])
    expect(readdirSync(join(dir, 'collections')).sort()).toEqual(['collection-1.html', 'collection-1.receipt.txt', 'collection-1.svg', 'index.html'])
    expect(() => keepCollectionReport(dir, { ...report, number: '../1' as unknown as number }, { language: 'en' })).toThrow(/^number: /)
    expect(() => keepCollectionReport(dir, { ...report, number: 0 }, { language: 'en' })).toThrow(/^number: /)
    const shift = shiftReportOf(k.journal.all(), { report: 'X', at: new Date(k.clock.now()).toISOString(), terminalId: '00412783' })
    expect(() => keepShiftReport(dir, { ...shift, to: '../../x' }, { language: 'en' })).toThrow(/^to: /)
    expect(() => keepShiftReport(dir, { ...shift, report: '../Z' as 'Z' }, { language: 'en' })).toThrow(/^report: /)
    expect(existsSync(join(dir, 'shifts'))).toBe(false)
  })

  it('lists nothing for a folder never written, and ignores files it did not write', () => {
    const dir = tempDir()
    expect(listReports(dir)).toEqual({ collections: [], shifts: [] })
    expect(listReports(join(dir, 'absent'))).toEqual({ collections: [], shifts: [] })
    mkdirSync(join(dir, 'collections'))
    for (const name of ['collection-0.html', 'collection-1.x.html', 'notes.html', 'collection-1.html.tmp', 'index.html'])
      writeFileSync(join(dir, 'collections', name), '<title>x</title>')
    expect(listReports(dir).collections).toEqual([])
  })
})
