/**
 * The staff reports on paper: what receiptline prints for the X, Z and cash collection reports, in
 * the four languages, at both paper widths (never a line wider than the paper), with the money
 * formatted like the receipt and the collection's signature lines.
 */
import { commands, transform } from 'receiptline'
import { describe, expect, it } from 'vitest'
import { LANGUAGES, type Language } from '../../../src/core/protocol'
import { formatAlmatyTime } from '../../../src/core/receipt/format'
import { collectionReportDocument, shiftReportDocument } from '../../../src/core/receipt/reportDocument'
import { REPORT_LABELS } from '../../../src/core/receipt/reportLabels'
import { PAPER_COLUMNS, textWidth } from '../../../src/core/receipt/width'
import { collectionReportOf, type CollectionReport } from '../../../src/core/service/collectionReport'
import { shiftReportOf, type ShiftReport } from '../../../src/core/service/shiftReports'
import { DEMO_CARD, loginAs, makeKiosk, SERVICE_TEST_CONFIG } from '../helpers'

/** What receiptline prints, as plain text lines (its `text` command, with the kiosk's character widths). */
function printed(doc: string, columns: number): string[] {
  const command = { ...commands.text, measureText: (t: string) => textWidth(t), arrayFrom: (t: string) => Array.from(t) }
  return transform(doc, { cpl: columns, encoding: 'multilingual', command })
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
}
/** The printed lines joined, runs of spaces collapsed (a label and its value then read "label value"). */
const flat = (lines: string[]) => lines.map((l) => l.trim().replace(/ {2,}/g, ' ')).join('\n')
const WIDTHS = Object.values(PAPER_COLUMNS)

/**
 * The words of a document's text, unescaped (the double-width title, printed letter-spaced, left out):
 * each must print whole on one line, so receiptline never had to cut a line the builder made too long.
 */
function documentWords(doc: string): string[] {
  return doc
    .split('\n')
    .filter((line) => !line.startsWith('{') && line !== '---' && !line.startsWith('^'))
    .flatMap((line) => line.split(/(?<!\\)\|/))
    .map((column) => column.replace(/^~+/, '').replace(/\\(.)|["`^~]/g, (m, escaped: string | undefined) => escaped ?? ''))
    .flatMap((column) => column.split(' '))
    .filter((word) => word !== '')
}

/** A real kiosk's day: two cash top-ups and a bank card, then the cassette collected and recounted one 1 000 ₸ note short. */
async function day(): Promise<{ x: ShiftReport; z: ShiftReport; collection: CollectionReport }> {
  const k = makeKiosk({ config: SERVICE_TEST_CONFIG })
  for (const notes of [[1000, 2000], [1000]]) {
    await k.act({ type: 'tapCard', number: DEMO_CARD })
    await k.act({ type: 'chooseAmount', kzt: notes.reduce((a, b) => a + b, 0) })
    await k.act({ type: 'payCash' })
    for (const value of notes) await k.act({ type: 'insertBill', currency: 'KZT', value })
    await k.act({ type: 'confirm' }, 4)
    await k.act({ type: 'done' }, 5)
  }
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 5000 })
  await k.act({ type: 'payCard' }, 5)
  await k.act({ type: 'done' }, 5)
  expect(k.kiosk.send({ type: 'collectCash' })).toEqual({ ok: true })
  loginAs(k.kiosk, '1111')
  expect(
    k.kiosk.send({
      type: 'recount',
      notes: [
        { currency: 'KZT', value: 1000, count: 1 },
        { currency: 'KZT', value: 2000, count: 1 }
      ]
    })
  ).toEqual({ ok: true })
  const records = k.journal.all()
  const at = new Date(k.clock.now()).toISOString()
  return {
    x: shiftReportOf(records, { report: 'X', at, terminalId: '00412783' }),
    z: shiftReportOf(records, { report: 'Z', at, terminalId: '00412783' }),
    collection: collectionReportOf(records, 1, { terminalId: '00412783', cassetteId: 'CASSETTE-7' })!
  }
}

/** A report with everything a busy period can hold: large sums, every currency, every flag reason, staff resolutions, training. */
function busyCollection(base: CollectionReport): CollectionReport {
  return {
    ...base,
    number: 1234,
    cash: [
      { currency: 'KZT', denominations: [{ value: 20000, count: 1250, sum: 25_000_000 }], total: 25_000_000 },
      { currency: 'USD', denominations: [{ value: 100, count: 999, sum: 99_900 }], total: 99_900 },
      { currency: 'CNY', denominations: [{ value: 50, count: 3, sum: 150 }], total: 150 }
    ],
    trainingNotes: [{ currency: 'USD', value: 100, count: 2 }],
    cashCreditedKzt: 68_123_456,
    cardPayments: { count: 1234, amountKzt: 99_999_999 },
    topUps: { count: 5678, creditedKzt: 168_123_455 },
    resolved: { credited: { count: 2, amountKzt: 7000 }, refunded: { count: 1, amountKzt: 1000 } },
    flagged: [
      {
        transactionId: '00412783-000123-ABCDEFGH',
        reasons: ['noteInDoubt', 'creditOutcomeUnknown', 'creditConflict', 'interrupted'],
        amountKzt: 150_000,
        resolution: 'credited'
      },
      { transactionId: '00412783-000124-JKMNPQRS', reasons: ['interrupted'], amountKzt: null, resolution: null }
    ],
    notesInDoubt: 12,
    trainingExcluded: 3,
    recount: {
      counted: [{ currency: 'KZT', denominations: [{ value: 20000, count: 1249, sum: 24_980_000 }], total: 24_980_000 }],
      shortage: [{ currency: 'KZT', value: 20000, count: 1 }],
      surplus: [{ currency: 'CNY', value: 50, count: 1 }]
    }
  }
}

describe('the reports on paper', () => {
  it('never print a line wider than the paper, in any language, at either width', async () => {
    const { x, z, collection } = await day()
    const busy = busyCollection(collection)
    for (const language of LANGUAGES) {
      for (const columns of WIDTHS) {
        const docs = [
          shiftReportDocument(x, language, { columns }),
          shiftReportDocument({ ...z, ...busy, report: 'Z', from: z.from, to: z.to }, language, { columns, copy: true }),
          collectionReportDocument(collection, language, { columns }),
          collectionReportDocument(busy, language, { columns, copy: true })
        ]
        for (const doc of docs) {
          const lines = printed(doc, columns)
          expect(lines.length).toBeGreaterThan(20)
          for (const line of lines) expect(textWidth(line), `${language} ${columns}: ${line}`).toBeLessThanOrEqual(columns)
          const printedWords = new Set(lines.flatMap((line) => line.trim().split(/ +/)))
          for (const word of documentWords(doc)) expect(printedWords, `${language} ${columns}: ${word}`).toContain(word)
        }
      }
    }
  })

  it('render in all four languages with their own words and date style', async () => {
    const { x, z, collection } = await day()
    for (const language of LANGUAGES) {
      const L = REPORT_LABELS[language]
      const shift = flat(printed(shiftReportDocument(x, language, { columns: 48 }), 48))
      // The wide title prints with a space after each character.
      const titleOf = (text: string) => text.replace(/\s/g, '')
      expect(titleOf(shift)).toContain(titleOf(L.xTitle))
      expect(shift).toContain(L.periodOpen)
      expect(shift).toContain(formatAlmatyTime(x.from, language))
      expect(titleOf(flat(printed(shiftReportDocument(z, language), 48)))).toContain(titleOf(L.zTitle))
      expect(flat(printed(shiftReportDocument(z, language), 48))).toContain(L.periodClosed)
      const report = flat(printed(collectionReportDocument(collection, language, { columns: 32 }), 32))
      expect(titleOf(report)).toContain(titleOf(L.collectionTitle))
      for (const label of [L.terminal, L.cassette, L.cashInCassette, L.recount, L.shortage, `${L.collector} (${L.signature})`, `${L.witness} (${L.signature})`])
        expect(report, `${language}: ${label}`).toContain(label)
    }
    const languagesApart = new Set(LANGUAGES.map((l: Language) => shiftReportDocument(x, l)))
    expect(languagesApart.size).toBe(4)
  })

  it('print denomination × count = sum per currency, the totals, the credited tenge and the bank cards', async () => {
    const { x, collection } = await day()
    const shift = flat(printed(shiftReportDocument(x, 'en', { columns: 48 }), 48))
    expect(shift).toContain('Terminal 00412783')
    expect(shift).toContain('1 000 KZT x 2 2 000 KZT')
    expect(shift).toContain('2 000 KZT x 1 2 000 KZT')
    expect(shift).toContain('Total KZT 4 000 KZT')
    expect(shift).toContain('Tenge credited for cash 4 000 KZT')
    expect(shift).toContain('Bank-card payments (1) 5 000 KZT')
    expect(shift).toContain('Top-ups credited (3) 9 000 KZT')
    expect(shift).toContain('Flagged transactions (0)\nnone')
    expect(shift).not.toContain('signature')
    const report = flat(printed(collectionReportDocument(collection, 'ru', { columns: 32 }), 32))
    expect(report).toContain('Кассета CASSETTE-7')
    expect(report).toContain('Итого KZT 4 000 KZT')
    expect(report).toContain('Недостача\n1 000 KZT x 1 1 000 KZT')
    expect(report).toContain('Излишек нет')
  })

  it('list the flagged transactions with their reasons, amount and resolution, the staff resolutions and the training left out', async () => {
    const { collection } = await day()
    const text = flat(printed(collectionReportDocument(busyCollection(collection), 'en', { columns: 48 }), 48))
    expect(text).toContain('Flagged transactions (2)')
    expect(text).toContain('00412783-000123-ABCDEFGH\nnote in doubt, credit outcome unknown, credit\nconflict, interrupted\n150 000 KZT\ncredited')
    expect(text).toContain('00412783-000124-JKMNPQRS\ninterrupted amount unknown\nopen')
    expect(text).toContain('Credited by staff (2) 7 000 KZT')
    expect(text).toContain('Refunded by staff (1) 1 000 KZT')
    expect(text).toContain('Notes in doubt 12')
    expect(text).toContain('Training transactions left out: 3')
    expect(text).toContain('Of which training notes\n100 USD x 2 200 USD')
    expect(text).toContain('20 000 KZT x 1 250 25 000 000 KZT')
    expect(text).toContain('Surplus\n50 CNY x 1 50 CNY')
    expect(flat(printed(collectionReportDocument(busyCollection(collection), 'en', { copy: true }), 48))).toContain('COPY')
    expect(text).not.toContain('COPY')
  })

  it('say when the recount is not entered yet, and when it agrees', async () => {
    const { collection } = await day()
    const notYet = flat(printed(collectionReportDocument({ ...collection, recount: null }, 'en'), 48))
    expect(notYet).toContain('Recount\nRecount not entered yet')
    const agrees = { ...collection, recount: { counted: collection.cash, shortage: [], surplus: [] } }
    expect(flat(printed(collectionReportDocument(agrees, 'en'), 48))).toContain('No difference')
  })

  it('print an id with receiptline markup in it as it is, without changing the layout', async () => {
    const { collection } = await day()
    const doc = collectionReportDocument({ ...collection, cassetteId: 'C|{width:1}~"x' }, 'en', { columns: 32 })
    const lines = printed(doc, 32)
    expect(flat(lines)).toContain('Cassette C|{width:1}~"x')
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(32)
  })
})
