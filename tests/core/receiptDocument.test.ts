import { commands, transform } from 'receiptline'
import { describe, expect, it } from 'vitest'
import { LANGUAGES, type Language, type ReceiptView } from '../../src/core/protocol'
import { cleanText, eReceiptUrlFor, escapeProperty, escapeText, receiptDocument, type ReceiptDocumentOptions } from '../../src/core/receipt/document'
import { formatAlmatyTime, formatKzt, groupThousands } from '../../src/core/receipt/format'
import { RECEIPT_LABELS } from '../../src/core/receipt/labels'
import { sampleCardReceipt, sampleCashReceipt, sampleFlaggedReceipt, sampleUnidentifiedCardReceipt } from '../../src/core/receipt/samples'
import { textWidth, wrapWords } from '../../src/core/receipt/width'

/** What receiptline prints, as plain text lines (its `text` command, with the kiosk's character widths). */
function printed(doc: string, columns = 48): string[] {
  const command = { ...commands.text, measureText: (t: string) => textWidth(t), arrayFrom: (t: string) => Array.from(t) }
  return transform(doc, { cpl: columns, encoding: 'multilingual', command })
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
}

/** The printed lines of a receipt, joined, with runs of spaces collapsed (label and value then read "label value"). */
const flat = (lines: string[]) => lines.map((l) => l.trim().replace(/ {2,}/g, ' ')).join('\n')

/** The data of every QR code receiptline finds in a document. */
function qrCodes(doc: string): string[] {
  const found: string[] = []
  const command = { ...commands.svg, qrcode: (symbol: { data: string }) => (found.push(symbol.data), '') }
  transform(doc, { cpl: 48, command })
  return found
}

const render = (receipt: ReceiptView, language: Language, options?: ReceiptDocumentOptions) =>
  flat(printed(receiptDocument(receipt, language, options), options?.columns ?? 48))

describe('receipt formats', () => {
  it('groups thousands with a space and writes tenge as KZT', () => {
    expect(groupThousands(0)).toBe('0')
    expect(groupThousands(999)).toBe('999')
    expect(groupThousands(5000)).toBe('5 000')
    expect(groupThousands(1234567)).toBe('1 234 567')
    expect(groupThousands(-2500)).toBe('-2 500')
    expect(formatKzt(84840)).toBe('84 840 KZT')
  })

  it('writes times in Almaty (UTC+5), local style in kk/ru, ISO style in en/zh', () => {
    expect(formatAlmatyTime('2025-05-14T10:30:05Z', 'ru')).toBe('14.05.2025 15:30:05')
    expect(formatAlmatyTime('2025-05-14T10:30:05Z', 'kk')).toBe('14.05.2025 15:30:05')
    expect(formatAlmatyTime('2025-05-14T10:30:05Z', 'en')).toBe('2025-05-14 15:30:05')
    expect(formatAlmatyTime('2025-12-31T19:00:00Z', 'zh')).toBe('2026-01-01 00:00:00')
    expect(formatAlmatyTime('', 'en')).toBe('')
    expect(formatAlmatyTime('not a time', 'en')).toBe('not a time')
  })

  it('measures Chinese two columns wide and wraps at spaces and between Chinese characters', () => {
    expect(textWidth('Түбіртек')).toBe(8)
    expect(textWidth('收据：A')).toBe(7)
    expect(wrapWords('Keep this receipt: it is your proof of payment.', 20)).toEqual(['Keep this receipt:', 'it is your proof of', 'payment.'])
    expect(wrapWords('请保留收据：这是您的付款凭证。', 12)).toEqual(['请保留收据：', '这是您的付款', '凭证。'])
    expect(wrapWords('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij'])
    for (const line of wrapWords('Егер ақша 3 күн ішінде картаңызға түспесе, +7 727 356 00 00 нөміріне қоңырау шалыңыз.', 32))
      expect(textWidth(line)).toBeLessThanOrEqual(32)
  })
})

describe('receiptDocument: every field, in every language', () => {
  const cash = sampleCashReceipt()
  const card = sampleCardReceipt()

  it.each(LANGUAGES)('a cash receipt in %s has every field operators require', (language) => {
    const L = RECEIPT_LABELS[language]
    const text = render(cash, language)
    const time = formatAlmatyTime(cash.time, language)
    // issuer name and BIN, terminal, location
    expect(text).toContain(cash.issuerName)
    expect(text).toContain(`${L.bin} 210540012345`)
    expect(text).toContain(cash.location)
    expect(text).toContain(`${L.terminal} 00412783`)
    // receipt serial number = the transaction id; date and time in Almaty; masked card
    expect(text).toContain(`${L.receiptNo} 00412783-000042`)
    expect(text).toContain(`${L.dateTime} ${time}`)
    expect(time).toMatch(/15:30:05/)
    expect(text).toContain(`${L.card} 9398 •••• •••• 2222`)
    expect(text).toContain(`${L.payment} ${L.cash}`)
    // every note
    expect(text).toContain(L.notes)
    for (const note of ['100 USD x 1 100 USD', '50 USD x 1 50 USD', '20 USD x 1 20 USD', '5 USD x 1 5 USD', '1 000 KZT x 2 2 000 KZT'])
      expect(text).toContain(note)
    // the locked rate, its quote time, and the conversion (175 USD × 471.3725 = 82 490.1 → 82 490)
    expect(text).toContain(L.rates)
    expect(text).toContain('1 USD 471.3725 KZT')
    expect(text).toContain(`${L.quotedAt} ${formatAlmatyTime('2025-05-14T10:28:41Z', language)}`)
    expect(text).toContain('175 USD x 471.3725 82 490 KZT')
    expect(text).toContain(`${L.tenge} 2 000 KZT`)
    // amounts: accepted, fee, bonus, credited; balances
    const b = cash.breakdown
    expect(b).toMatchObject({ grossKzt: 84490, feeKzt: 1650, bonusKzt: 2000, creditedKzt: 84840 })
    expect(text).toContain(`${L.accepted} 84 490 KZT`)
    expect(text).toContain(`${L.fee} 1 650 KZT`)
    expect(text).toContain(`${L.bonus} 2 000 KZT`)
    expect(text).toContain(`${L.credited} 84 840 KZT`)
    expect(text).toContain(`${L.balanceBefore} 500 KZT`)
    expect(text).toContain(`${L.balanceAfter} 85 340 KZT`)
    // cash: no change; status; support; keep
    expect(text).toContain(L.noChange)
    expect(text).toContain(L.completed)
    expect(text).toContain(L.support.replace('{phone}', '+7 727 356 00 00'))
    expect(text).toContain(L.eReceipt)
    expect(text).toContain('receipts.demo-transit.kz/r/')
    // no bank-card lines on a cash receipt
    expect(text).not.toContain(L.authCode)
  })

  it.each(LANGUAGES)('a bank-card receipt in %s has the masked PAN and auth code, and no notes or "no change"', (language) => {
    const L = RECEIPT_LABELS[language]
    const text = render(card, language)
    expect(text).toContain(`${L.bankCard} 4400 •••• •••• 1234`)
    expect(text).toContain(`${L.authCode} 083412`)
    expect(text).toContain(`${L.payment} ${L.bankCard}`)
    expect(text).toContain(`${L.charged} 5 000 KZT`)
    expect(text).toContain(`${L.credited} 5 000 KZT`)
    expect(text).toContain(`${L.balanceAfter} 5 500 KZT`)
    expect(text).not.toContain(L.notes)
    expect(text).not.toContain(L.noChange)
    expect(text).not.toContain(L.rates)
  })

  it('labels are real translations: Kazakh in Cyrillic with its own letters, Chinese in Han characters', () => {
    const kk = Object.values(RECEIPT_LABELS.kk).join(' ')
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і']) expect(kk).toContain(letter)
    expect(Object.values(RECEIPT_LABELS.zh).join('')).toMatch(/^[^А-Яа-я]*$/)
    for (const key of Object.keys(RECEIPT_LABELS.en) as (keyof typeof RECEIPT_LABELS.en)[]) {
      // every label differs between kk, ru and zh except the few that are the same word (Терминал, Комиссия, Бонус)
      if (!['terminal', 'fee', 'bonus'].includes(key)) expect(RECEIPT_LABELS.kk[key], key).not.toBe(RECEIPT_LABELS.ru[key])
      expect(RECEIPT_LABELS.zh[key], key).not.toBe(RECEIPT_LABELS.en[key])
    }
    expect(render(sampleCashReceipt(), 'kk')).toContain('Түбіртек')
    expect(render(sampleCashReceipt(), 'zh')).toContain('已充入卡内 84 840 KZT')
  })

  it('has one QR code with the e-receipt address: from the receipt, from the option, or none', () => {
    const doc = receiptDocument(cash, 'en')
    expect(doc.match(/\{code:/g)).toHaveLength(1)
    expect(doc).toContain('{code:https://receipts.demo-transit.kz/r/00412783-000042; option:qrcode,5,m; align:center}')
    const custom = receiptDocument(cash, 'en', { eReceiptUrl: eReceiptUrlFor('https://receipts.example.kz/r', cash.transactionId) })
    expect(custom).toContain('{code:https://receipts.example.kz/r/00412783-000042;')
    expect(receiptDocument(cash, 'en', { eReceiptUrl: null })).not.toContain('{code:')
    expect(eReceiptUrlFor('https://receipts.example.kz/r/', 'a b/c')).toBe('https://receipts.example.kz/r/a%20b%2Fc')
  })

  it('prints the status line: flagged and pending say so with the reference, and promise no credit yet', () => {
    const flagged = sampleFlaggedReceipt()
    for (const language of LANGUAGES) {
      const L = RECEIPT_LABELS[language]
      const text = render(flagged, language)
      expect(text).toContain(L.flagged)
      expect(text).toContain(L.reference.replace('{reference}', '00412783-000044'))
      expect(text).toContain(`${L.balanceAfter} ${L.balanceProcessing}`)
      expect(text).toContain(`${L.toCredit} 2 500 KZT`)
      expect(text).not.toContain(`${L.credited} `)
      expect(text).not.toContain(L.completed)

      const pending = render(cash, language, { status: 'pending', reference: 'AST-77120' })
      expect(pending).toContain(L.pending.split(' ')[0]!)
      expect(pending.replace(/\n/g, ' ')).toContain(L.pending)
      expect(pending).toContain(L.reference.replace('{reference}', 'AST-77120'))
      expect(render(cash, language, { status: 'completed' })).not.toContain(L.reference.split('{')[0]!)
    }
  })

  it('marks a reprint as a copy', () => {
    expect(render(cash, 'ru', { copy: true })).toContain('КОПИЯ')
    expect(render(cash, 'ru')).not.toContain('КОПИЯ')
  })

  it('lays out for 58 mm paper: no line longer than 32 columns, nothing lost', () => {
    for (const language of LANGUAGES) {
      for (const receipt of [cash, card, sampleFlaggedReceipt()]) {
        const lines = printed(receiptDocument(receipt, language, { columns: 32 }), 32)
        for (const line of lines) expect(textWidth(line), line).toBeLessThanOrEqual(32)
        const text = flat(lines)
        expect(text).toContain(receipt.transactionId)
        expect(text).toContain(formatAlmatyTime(receipt.time, language))
        expect(text).toContain(receipt.maskedCard)
        expect(text).toContain(formatKzt(receipt.breakdown.creditedKzt))
      }
    }
  })
})

describe('receiptDocument: hostile data cannot change the layout', () => {
  const hostile = '| {code:https://evil.example/steal; option:qrcode} } \\x41 ~tilde~ _u_ "b" `i` ^^^big --- === end'

  it('escapes every receiptline special character in text and property values', () => {
    expect(escapeText('a|b{c}d\\e~f_g"h`i^j-k=l')).toBe('a\\|b\\{c\\}d\\\\e\\~f\\_g\\"h\\`i\\^j\\-k\\=l')
    expect(escapeText(' two\nlines\r\n\there ')).toBe('two lines here')
    expect(escapeProperty('https://x.kz/r/a;b|c{d}\\e')).toBe('https://x.kz/r/a\\;b\\|c\\{d\\}\\\\e')
    expect(cleanText('a\u2028b\u0085c')).toBe('a b c')
  })

  it('prints a location, issuer and phone full of markup exactly as given, with no extra code, rule or cut', () => {
    const receipt: ReceiptView = {
      ...sampleCashReceipt(),
      location: `Almaty\n${hostile}`,
      issuerName: '{image:iVBORw0KGgo=}',
      supportPhone: '+7 {reference} | 000'
    }
    const doc = receiptDocument(receipt, 'en')
    // only the legitimate QR code; nothing from the data became a property line
    expect(qrCodes(doc)).toEqual(['https://receipts.demo-transit.kz/r/00412783-000042'])
    expect(doc.split('\n').filter((l) => /^\{(code|image|command)/.test(l))).toEqual([expect.stringContaining('receipts.demo-transit.kz')])
    const lines = printed(doc)
    const text = flat(lines)
    expect(text.replace(/\n/g, ' ')).toContain(`Almaty ${hostile}`.replace(/ {2,}/g, ' '))
    expect(text).toContain('{image:iVBORw0KGgo=}')
    expect(text).toContain('Support: +7 {reference} | 000')
    // the hostile "---" and "===" are text, not a rule or a paper cut: the rules are the builder's five
    expect(lines.filter((l) => /^-{48}$/.test(l))).toHaveLength(5)
    expect(lines.filter((l) => /^={4,}/.test(l))).toHaveLength(0)
  })

  it('keeps a data line break from starting a new markup line', () => {
    const receipt: ReceiptView = { ...sampleCashReceipt(), location: 'line one\n{code:evil; option:qrcode}\n---' }
    const doc = receiptDocument(receipt, 'en')
    expect(doc.split('\n')).not.toContain('{code:evil; option:qrcode}')
    expect(doc.split('\n').filter((l) => l === '---')).toHaveLength(5)
    expect(flat(printed(doc)).replace(/\n/g, ' ')).toContain('line one {code:evil; option:qrcode} ---')
  })

  it('escapes the QR data: a URL with ; | { } stays one code property with that exact data', () => {
    const url = 'https://r.example.kz/r/a;b|c{d}'
    const doc = receiptDocument(sampleCashReceipt(), 'en', { eReceiptUrl: url })
    const line = doc.split('\n').find((l) => l.startsWith('{code:'))!
    expect(line).toBe('{code:https://r.example.kz/r/a\\;b\\|c\\{d\\}; option:qrcode,5,m; align:center}')
    // receiptline reads the data back exactly
    expect(qrCodes(doc)).toEqual([url])
  })
})

/** The document's text with its line wrapping and markup marks removed. */
const unwrapped = (doc: string) =>
  doc
    .split('\n')
    .map((l) =>
      l
        .replace(/^[\^"`]+/, '')
        .replace(/ \|$/, '')
        .replace(/^\| /, '')
    )
    .join(' ')

describe('pending and note-in-doubt receipts', () => {
  it('a pending receipt says when it activates, credited, with its reference', async () => {
    const { samplePendingReceipt } = await import('../../src/core/receipt/samples')
    const doc = unwrapped(receiptDocument(samplePendingReceipt(), 'en'))
    expect(doc).toContain('Top\\-up pending: it activates the next time you tap this card on a top\\-up kiosk')
    expect(doc).toContain('Amount credited')
    expect(doc.match(/Reference: /g)).toHaveLength(1)
  })

  it('a note-in-doubt receipt lists the note, says the rest is credited, and gives the reference once', async () => {
    const { sampleNoteInDoubtReceipt } = await import('../../src/core/receipt/samples')
    for (const language of ['kk', 'ru', 'en', 'zh'] as const) {
      const doc = unwrapped(receiptDocument(sampleNoteInDoubtReceipt(), language))
      expect(doc.replace(/ /g, '')).toContain(escapeText(RECEIPT_LABELS[language].inDoubt).replace(/ /g, ''))
      expect(doc.replace(/ /g, '')).toContain(escapeText(RECEIPT_LABELS[language].checking).replace(/ /g, ''))
      const referenceLabel = escapeText(RECEIPT_LABELS[language].reference.split('{')[0]!)
      expect(doc.split(referenceLabel).length - 1, language).toBe(1) // the reference is given once
    }
    expect(receiptDocument(sampleNoteInDoubtReceipt(), 'en')).toContain('5 000 KZT x 1')
  })
})

describe('receipts of the hard cases', () => {
  /** The kiosk's own receipt when the validator jams on the first note: nothing stacked. */
  async function jamOnFirstNote(language: Language) {
    const { makeKiosk, DEMO_CARD } = await import('./helpers')
    const k = makeKiosk()
    await k.act({ type: 'fault', device: 'billValidator', fault: 'jam' })
    await k.act({ type: 'language', code: language })
    await k.act({ type: 'tapCard', number: DEMO_CARD })
    await k.act({ type: 'chooseAmount', kzt: 3000 })
    await k.act({ type: 'payCash' })
    await k.act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    await k.act({ type: 'done' })
    const receipt = k.kiosk.view().receipt!
    return { k, receipt }
  }

  it.each(LANGUAGES)(
    'a jam on the first note (%s): nothing taken, nothing credited, the note in doubt with the reference — no contradiction',
    async (language) => {
      const { k, receipt } = await jamOnFirstNote(language)
      expect(receipt).toMatchObject({ status: 'flagged', notes: [], notesInDoubt: [{ currency: 'KZT', value: 1000 }], balanceAfterKzt: null })
      const L = RECEIPT_LABELS[language]
      const lines = printed(receiptDocument(receipt, language))
      const text = flat(lines)
      const oneLine = text.replace(/\n/g, ' ')
      expect(text).toContain(L.nothingCredited)
      expect(text).toContain(L.reference.replace('{reference}', receipt.transactionId))
      expect(oneLine.replace(/ /g, '')).toContain(L.inDoubt.replace(/ /g, ''))
      expect(text).toContain('1 000 KZT x 1 1 000 KZT')
      expect(oneLine.replace(/ /g, '')).toContain(L.inDoubtAdvice.replace(/ /g, ''))
      // the money lines agree with it: credited 0, the balance unchanged
      expect(text).toContain(`${L.credited} 0 KZT`)
      expect(text).toContain(`${L.balanceBefore} ${formatKzt(receipt.balanceBeforeKzt!)}`)
      expect(text).toContain(`${L.balanceAfter} ${formatKzt(receipt.balanceBeforeKzt!)}`)
      // and nothing says otherwise: no "to be credited", no "being processed", no "within 3 days", no empty "notes inserted"
      for (const contradiction of [L.toCredit, L.flagged, L.checking, L.balanceProcessing, L.advice.split('{')[0]!.trim(), L.notes])
        expect(oneLine, contradiction).not.toContain(contradiction)
      // what the printer printed is that document
      expect(k.kiosk.printer.printed.at(-1)).toBe(receiptDocument(receipt, language))
    }
  )

  it.each(LANGUAGES)('a card the kiosk could not identify (%s): "not identified", no balance invented, the reference first and in bold', (language) => {
    const receipt = sampleUnidentifiedCardReceipt()
    expect(receipt.maskedCard).toBeNull()
    const L = RECEIPT_LABELS[language]
    for (const columns of [48, 32]) {
      const doc = receiptDocument(receipt, language, { columns })
      const text = flat(printed(doc, columns))
      expect(text.replace(/\n/g, ' ')).toContain(`${L.card} ${L.cardUnknown}`)
      expect(text).toContain(`${L.balanceBefore} ${L.balanceUnknown}`)
      expect(text).toContain(`${L.balanceAfter} ${L.balanceProcessing}`)
      expect(text.replace(/\n/g, ' ').replace(/ /g, '')).toContain(fillPhone(L.cardUnknownAdvice, receipt.supportPhone).replace(/ /g, ''))
      expect(text).not.toContain(L.advice.split('{')[0]!.trim())
      expect(text).not.toContain('null')
      // the reference comes before the receipt's rows, bold (and double width when it fits)
      const lines = doc.split('\n')
      const reference = lines.findIndex((l) => l.includes(escapeText(receipt.transactionId)))
      expect(reference).toBeGreaterThan(-1)
      expect(reference).toBeLessThan(lines.findIndex((l) => l.startsWith(escapeText(L.receiptNo))))
      expect(lines[reference]).toMatch(/^\^?"/)
    }
  })

  it('keeps the support phone whole in every sentence, in every language and width', () => {
    const phone = '+7 727 356 00 00'
    for (const language of LANGUAGES) {
      for (const receipt of [sampleFlaggedReceipt(), sampleUnidentifiedCardReceipt(), sampleCashReceipt()]) {
        for (const columns of [48, 32, 24]) {
          const lines = printed(receiptDocument({ ...receipt, supportPhone: phone }, language, { columns }), columns)
          const pieces = lines.filter((l) => /\+7|356 00 00$|^\s*00 00/.test(l))
          for (const line of pieces) expect(line, `${language} ${columns}`).toContain(phone)
        }
      }
    }
  })

  it('lays the printer’s receipt out for devices.printer.paper', async () => {
    const { makeKiosk, DEMO_CARD } = await import('./helpers')
    for (const paper of ['58mm', '80mm'] as const) {
      const k = makeKiosk({ config: { devices: { printer: { paper } } } })
      for (const intent of [
        { type: 'tapCard', number: DEMO_CARD },
        { type: 'chooseAmount', kzt: 1000 },
        { type: 'payCash' },
        { type: 'insertBill', currency: 'KZT', value: 1000 },
        { type: 'confirm' }
      ] as const)
        await k.act(intent)
      const { receipt, language, receiptPaper } = k.kiosk.view()
      expect(receiptPaper).toBe(paper) // the screen draws the receipt for the same paper
      const columns = paper === '58mm' ? 32 : 48
      expect(k.kiosk.printer.printed).toEqual([receiptDocument(receipt!, language, { columns })])
      expect(Math.max(...printed(k.kiosk.printer.printed[0]!, columns).map(textWidth))).toBeLessThanOrEqual(columns)
    }
  })
})

const fillPhone = (template: string, phone: string) => template.replace('{phone}', phone)
