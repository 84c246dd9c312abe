/**
 * The journal as CSV: RFC 4180 fields that a CSV reader gives back as written, and fields a
 * spreadsheet would run as formulas defused with a leading apostrophe.
 */
import { describe, expect, it } from 'vitest'
import { chainRecord, GENESIS_HASH, type StoredRecord } from '../../../src/core/journal'
import { csvField, JOURNAL_CSV_COLUMNS, journalCsv } from '../../../src/core/service/journalCsv'
import { journalCsv as journalCsvOfNode } from '../../../src/node/journalFile'
import { DEMO_CARD, makeKiosk, moneyInvariantAfterEach } from '../helpers'

moneyInvariantAfterEach()

/** A strict RFC 4180 reader: CRLF between records, fields quoted with doubled quotes inside; throws on anything else. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  for (;;) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field')
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"'
          i += 2
        } else if (text[i] === '"') break
        else field += text[i++]
      }
      i++
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`)
        field += text[i++]
      }
    }
    row.push(field)
    if (text[i] === ',') {
      i++
      continue
    }
    rows.push(row)
    row = []
    if (i >= text.length) return rows
    if (text[i] !== '\r' || text[i + 1] !== '\n') throw new Error(`a bare line break at ${i}`)
    i += 2
    if (i >= text.length) return rows
  }
}

/** A chain of records with the given data (kinds as the journal knows them; the content is what matters here). */
function chain(datas: object[]): StoredRecord[] {
  const records: StoredRecord[] = []
  for (const [i, data] of datas.entries())
    records.push(chainRecord(i + 1, '2026-11-25T06:00:00.000Z', 'noteStacked', data, records.at(-1)?.hash ?? GENESIS_HASH))
  return records
}

describe('journalCsv', () => {
  it('is the one the CLI has always used', () => {
    expect(journalCsvOfNode).toBe(journalCsv)
  })

  it('gives back every field of a real journal through a CSV reader', async () => {
    const k = makeKiosk()
    await k.act({ type: 'tapCard', number: DEMO_CARD })
    await k.act({ type: 'chooseAmount', kzt: 2000 })
    await k.act({ type: 'payCash' })
    await k.act({ type: 'insertBill', currency: 'KZT', value: 2000 })
    await k.act({ type: 'confirm' }, 4)
    await k.act({ type: 'done' }, 5)
    const stored = k.journal.stored()
    const csv = journalCsv(stored)
    expect(csv.endsWith('\r\n')).toBe(true)
    const [header, ...rows] = parseCsv(csv.slice(0, -2))
    expect(header).toEqual([...JOURNAL_CSV_COLUMNS])
    expect(rows).toHaveLength(stored.length)
    for (const [i, r] of stored.entries()) {
      const data = JSON.parse(r.data) as Record<string, string | undefined>
      expect(rows[i]).toEqual([String(r.seq), r.time, r.kind, data.transactionId ?? '', data.card ?? '', data.cardRef ?? '', r.data, r.prevHash, r.hash])
    }
    expect(rows.some((row) => row[4] === '9398 •••• •••• 2222')).toBe(true)
    expect(csv).not.toContain(DEMO_CARD)
  })

  it('quotes commas, quotes and line breaks so that they read back as written', () => {
    const awkward = ['a,b', 'say "hi"', 'two\r\nlines', 'one\nline', 'cr\ronly', '"', ',', '', 'plain']
    const records = chain(awkward.map((text) => ({ transactionId: text, card: `${text}!`, cardRef: text })))
    const rows = parseCsv(journalCsv(records).slice(0, -2)).slice(1)
    expect(rows.map((row) => row.slice(3, 6))).toEqual(awkward.map((text) => [text, `${text}!`, text]))
    expect(rows.map((row) => JSON.parse(row[6]!))).toEqual(records.map((r) => JSON.parse(r.data)))
  })

  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+1+cmd|calc', `'+1+cmd|calc`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['9398 •••• •••• 2222', '9398 •••• •••• 2222'],
    ['a=b', 'a=b'],
    [" '=quoted already", " '=quoted already"]
  ])('defuses a field a spreadsheet would run: %j reads back as %j', (text, expected) => {
    const rows = parseCsv(journalCsv(chain([{ transactionId: text, card: text }])).slice(0, -2))
    expect(rows[1]!.slice(3, 5)).toEqual([expected, expected])
    // The data column stays byte for byte what was hashed: it is JSON, which starts with "{".
    expect(rows[1]![6]).toBe(JSON.stringify({ transactionId: text, card: text }))
  })

  it('quotes a defused field that also holds a comma or a quote', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`)
    expect(csvField('-"x"')).toBe(`"'-""x"""`)
    expect(csvField(-5)).toBe(`'-5`)
    expect(csvField(undefined)).toBe('')
    expect(csvField(null)).toBe('')
  })

  it('exports a damaged record as it is, its JSON columns left empty', () => {
    const [good] = chain([{ transactionId: 'T-1' }])
    const damaged = { ...good!, seq: 2, data: '{"transactionId": "T-2", broken' }
    const rows = parseCsv(journalCsv([good!, damaged, { ...good!, seq: 3, data: 'null' }]).slice(0, -2))
    expect(rows[2]!.slice(0, 7)).toEqual(['2', good!.time, 'noteStacked', '', '', '', '{"transactionId": "T-2", broken'])
    expect(rows[3]!.slice(3, 7)).toEqual(['', '', '', 'null'])
  })
})
