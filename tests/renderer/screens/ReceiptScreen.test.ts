import { flushPromises, mount } from '@vue/test-utils'
import { toString as renderQr } from 'qrcode'
import { describe, expect, it } from 'vitest'
import EReceiptQr from '../../../src/renderer/src/components/EReceiptQr.vue'
import ReceiptScreen from '../../../src/renderer/src/screens/ReceiptScreen.vue'
import ThankYouScreen from '../../../src/renderer/src/screens/ThankYouScreen.vue'
import { breakdown, KZT, makeFlaggedReceipt, makeInDoubtReceipt, makePendingReceipt, makeReceipt, makeView, note } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

type Wrapper = ReturnType<typeof mountScreen>['wrapper']
/** receiptline draws every character in its own <tspan>: compare the receipt's text without any spaces. */
const squash = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, '')
const svgText = (wrapper: Wrapper) => squash(wrapper.get('[data-testid="receipt-svg"]').text())
const text = (wrapper: Wrapper, id: string) => normalizeSpaces(wrapper.get(`[data-testid="${id}"]`).text())
const exists = (wrapper: Wrapper, id: string) => wrapper.find(`[data-testid="${id}"]`).exists()

describe('ReceiptScreen: the receipt as printed', () => {
  const view = makeView({ screen: 'receipt', receipt: makeReceipt() })

  it('draws the receipt inline as receiptline SVG, scalable, in the bundled fonts, with no style or script', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    const svg = wrapper.get('[data-testid="receipt-svg"] > svg')
    expect(svg.element.getAttribute('viewBox')).toMatch(/^0 0 576 \d+$/)
    expect(svg.find('g[font-family]').attributes('font-family')).toBe("'Noto Sans', 'Noto Sans SC', sans-serif")
    expect(svg.find('g[font-family]').attributes('lang')).toBe('en')
    expect(svg.findAll('style')).toHaveLength(0)
    expect(svg.findAll('script')).toHaveLength(0)
    expect(svg.html()).not.toContain('@import')
    expect(svg.html()).not.toContain('googleapis')
  })

  it('shows every field operators require', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    const receipt = svgText(wrapper)
    for (const line of [
      'Demo Transit Card LLP',
      'BIN 210540012345',
      'Almaty, Almaly metro station, entrance hall',
      'Receipt No. TX-00412783-000042',
      'Date, time (Almaty) 2025-11-25 14:03:12',
      'Terminal 00412783',
      'Transit card 9398 •••• •••• 2222',
      'Payment Cash',
      '2 000 KZT x 2 4 000 KZT',
      '1 000 KZT x 1 1 000 KZT',
      'Amount accepted 5 000 KZT',
      'Fee 0 KZT',
      'Bonus 250 KZT',
      'Amount credited 5 250 KZT',
      'Balance before 1 500 KZT',
      'Balance after 6 750 KZT',
      'Top-up completed',
      'No change given.',
      'Support: +7 727 356 00 00',
      'receipts.demo-transit.kz/r/TX-00412783-000042'
    ])
      expect(receipt).toContain(squash(line))
  })

  it('lists foreign notes, the locked rates they were taken at and the conversion', () => {
    const receipt = makeReceipt({
      notes: [note('USD', 20), note('RUB', 100), KZT(500)],
      quote: { rates: { USD: '471.3725', RUB: '5.1215' }, quotedAt: '2025-11-25T09:01:55.000Z' },
      breakdown: breakdown(500, 9939, 199, 512),
      balanceBeforeKzt: 500,
      balanceAfterKzt: 11252
    })
    const shown = svgText(mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt })).wrapper)
    for (const line of [
      '20 USD x 1',
      '100 RUB x 1',
      '1 USD 471.3725 KZT',
      '1 RUB 5.1215 KZT',
      'Amount accepted 10 439 KZT',
      'Fee 199 KZT',
      'Bonus 512 KZT',
      'Amount credited 10 752 KZT'
    ])
      expect(shown).toContain(squash(line))
  })

  it('names the bank card and the authorisation code of a card payment, without notes', () => {
    const receipt = makeReceipt({
      method: 'card',
      notes: [],
      cardPayment: { maskedPan: '4400 •••• •••• 1234', authCode: '123456' },
      breakdown: breakdown(10000, 0, 0, 500),
      balanceAfterKzt: 12000
    })
    const shown = svgText(mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt })).wrapper)
    for (const line of ['Bank card 4400 •••• •••• 1234', 'Auth code 123456', 'Charged to bank card 10 000 KZT', 'Amount credited 10 500 KZT'])
      expect(shown).toContain(squash(line))
    expect(shown).not.toContain(squash('Notes inserted'))
    expect(shown).not.toContain(squash('No change given'))
  })

  it('is written in Russian, Kazakh and Chinese, with their dates and Chinese glyph forms', () => {
    const ru = mountScreen(ReceiptScreen, { ...view, language: 'ru' }).wrapper
    expect(svgText(ru)).toContain(squash('Дата, время (Алматы) 25.11.2025 14:03:12'))
    expect(svgText(ru)).toContain(squash('Зачислено на карту 5 250 KZT'))
    expect(ru.get('[data-testid="done"]').text()).toBe('Готово')
    const kk = mountScreen(ReceiptScreen, { ...view, language: 'kk' }).wrapper
    expect(svgText(kk)).toContain(squash('БСН 210540012345'))
    const zh = mountScreen(ReceiptScreen, { ...view, language: 'zh' }).wrapper
    expect(svgText(zh)).toContain(squash('商业识别号 210540012345'))
    expect(zh.get('[data-testid="receipt-svg"] g[font-family]').attributes('lang')).toBe('zh-Hans')
    expect(zh.get('[data-testid="receipt-svg"] g[font-family]').attributes('font-family')).toBe("'Noto Sans SC', 'Noto Sans', sans-serif")
  })

  it('prints hostile data literally: no markup of its own reaches the page', () => {
    const receipt = makeReceipt({ location: 'A <b>&amp;</b> "q" {image:x} | ~', issuerName: '<img src=x onerror=alert(1)>' })
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt }))
    const svg = wrapper.get('[data-testid="receipt-svg"]')
    expect(svg.find('b').exists()).toBe(false)
    expect(svg.find('img').exists()).toBe(false)
    expect(svgText(wrapper)).toContain(squash('A <b>&amp;</b> "q" {image:x} | ~'))
    expect(svgText(wrapper)).toContain(squash('<img src=x onerror=alert(1)>'))
  })
})

describe('ReceiptScreen: how the top-up stands', () => {
  it('says a completed top-up is completed, tells the customer to keep the receipt and finishes with done', async () => {
    const { wrapper, intents } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt: makeReceipt() }))
    expect(text(wrapper, 'receipt-status')).toBe('Top-up completed')
    expect(wrapper.get('[data-testid="receipt-standing"]').attributes('data-standing')).toBe('completed')
    expect(text(wrapper, 'keep-receipt')).toBe('Keep your receipt: it is your proof of payment.')
    expect(exists(wrapper, 'receipt-reference')).toBe(false)
    expect(exists(wrapper, 'receipt-advice')).toBe(false)
    await wrapper.get('[data-testid="done"]').trigger('click')
    expect(intents()).toEqual([{ type: 'done' }])
  })

  it('says a pending top-up activates the next time the card is tapped on a top-up kiosk', async () => {
    const { wrapper, intents } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt: makePendingReceipt() }))
    expect(text(wrapper, 'receipt-status')).toBe('Top-up credited: it activates at your next tap')
    expect(text(wrapper, 'receipt-reference')).toBe('Reference: TX-00412783-000042')
    expect(text(wrapper, 'receipt-advice')).toBe(
      'The top-up is not on the card yet. It activates the next time you tap this card on a top-up kiosk. Keep this receipt.'
    )
    expect(svgText(wrapper)).toContain(squash('Top-up pending: it activates the next time you tap this card on a top-up kiosk'))
    expect(exists(wrapper, 'keep-receipt')).toBe(false)
    await wrapper.get('[data-testid="done"]').trigger('click')
    expect(intents()).toEqual([{ type: 'done' }])
  })

  it('names the note being checked after a jam, with the reference and whom to call', () => {
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt: makeInDoubtReceipt() }))
    expect(text(wrapper, 'receipt-status')).toBe('A note is being checked')
    expect(text(wrapper, 'receipt-in-doubt')).toBe('Note being checked: 5,000 ₸')
    expect(text(wrapper, 'receipt-reference')).toBe('Reference: TX-00412783-000042')
    expect(text(wrapper, 'receipt-advice')).toBe(
      'Staff will check the note; if it reached the cashbox, its amount is credited to your card. If you have questions, call +7 727 356 00 00 and give this reference.'
    )
    const receipt = svgText(wrapper)
    expect(receipt).toContain(squash('Note being checked (the note acceptor jammed)'))
    expect(receipt).toContain(squash('5 000 KZT x 1 5 000 KZT'))
    expect(receipt).toContain(squash('Amount credited 2 000 KZT'))
  })

  it('says a flagged top-up is being processed, with its reference and whom to call, and no balance after yet', () => {
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt: makeFlaggedReceipt() }))
    expect(text(wrapper, 'receipt-status')).toBe('Your top-up is being processed')
    expect(text(wrapper, 'receipt-reference')).toBe('Reference: TX-00412783-000042')
    expect(text(wrapper, 'receipt-advice')).toBe(
      'Keep this receipt. If the money is not on your card within 3 days, call +7 727 356 00 00 and give this reference.'
    )
    expect(exists(wrapper, 'receipt-in-doubt')).toBe(false)
    expect(svgText(wrapper)).toContain(squash('Balance after processing'))
  })

  it('is written in Russian, Kazakh and Chinese', () => {
    const pending = makeView({ screen: 'receipt', receipt: makePendingReceipt() })
    const inDoubt = makeView({ screen: 'receipt', receipt: makeInDoubtReceipt() })
    const flagged = makeView({ screen: 'receipt', receipt: makeFlaggedReceipt() })
    const ru = (v: typeof pending) => mountScreen(ReceiptScreen, { ...v, language: 'ru' }).wrapper
    expect(text(ru(pending), 'receipt-status')).toBe('Пополнение зачислено: оно активируется при следующем прикладывании карты')
    expect(text(ru(inDoubt), 'receipt-in-doubt')).toBe('Купюра на проверке: 5 000 ₸')
    expect(text(ru(flagged), 'receipt-status')).toBe('Пополнение обрабатывается')
    expect(text(ru(flagged), 'receipt-reference')).toBe('Номер операции: TX-00412783-000042')
    expect(text(ru(flagged), 'receipt-advice')).toContain('в течение 3 дней, позвоните по номеру +7 727 356 00 00')
    const kk = mountScreen(ReceiptScreen, { ...pending, language: 'kk' }).wrapper
    expect(text(kk, 'receipt-status')).toBe('Толтыру есептелді: картаны келесі рет тигізгенде белсендіріледі')
    expect(text(mountScreen(ReceiptScreen, { ...flagged, language: 'kk' }).wrapper, 'receipt-status')).toBe('Картаны толтыру өңделуде')
    const zh = mountScreen(ReceiptScreen, { ...inDoubt, language: 'zh' }).wrapper
    expect(text(zh, 'receipt-status')).toBe('纸币正在核查中')
    expect(text(zh, 'receipt-reference')).toBe('查询编号：TX-00412783-000042')
    expect(text(mountScreen(ReceiptScreen, { ...pending, language: 'zh' }).wrapper, 'receipt-status')).toBe('充值已入账：下次刷卡时生效')
  })
})

describe('ReceiptScreen: the paper width and the hard cases', () => {
  /** The validator jammed on the first note: nothing stacked, nothing credited, the note in doubt. */
  const jamNothingStacked = () => makeReceipt({ status: 'flagged', notes: [], notesInDoubt: [KZT(1000)], breakdown: breakdown(0), balanceAfterKzt: null })
  /** Flagged after a power cut, its card not identified. */
  const cardNotIdentified = () => makeFlaggedReceipt({ maskedCard: null, balanceBeforeKzt: null })

  it('draws the receipt at the width of the printer’s paper, breaking lines where the paper does', () => {
    const svgOf = (receiptPaper: '80mm' | '58mm') =>
      mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt: makeReceipt(), receiptPaper })).wrapper.get('[data-testid="receipt-svg"] > svg')
    expect(svgOf('58mm').element.getAttribute('viewBox')).toMatch(/^0 0 384 \d+$/)
    expect(svgOf('80mm').element.getAttribute('viewBox')).toMatch(/^0 0 576 \d+$/)
    // on 58 mm the date does not fit beside its label: it has a line of its own, right-aligned
    const rows = (paper: '80mm' | '58mm') => svgOf(paper).findAll('g[transform] > text').length
    expect(rows('58mm')).toBeGreaterThan(rows('80mm'))
  })

  it('a jam on the first note: says nothing was taken or credited, names the note, with the reference', () => {
    const receipt = jamNothingStacked()
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt }))
    expect(wrapper.get('[data-testid="receipt-standing"]').attributes('data-standing')).toBe('nothingCredited')
    expect(text(wrapper, 'receipt-status')).toBe('No note taken, nothing credited')
    expect(text(wrapper, 'receipt-in-doubt')).toBe('Note being checked: 1,000 ₸')
    expect(text(wrapper, 'receipt-reference')).toBe(`Reference: ${receipt.transactionId}`)
    expect(text(wrapper, 'receipt-advice')).toContain('Staff will check the note')
    const paper = svgText(wrapper)
    expect(paper).toContain(squash('No note taken, nothing credited to your card'))
    expect(paper).toContain(squash('Amount credited 0 KZT'))
    expect(paper).not.toContain(squash('Amount to be credited'))
    expect(paper).not.toContain(squash('within 3 days'))
    for (const [language, title] of [
      ['ru', 'Купюры не приняты, ничего не зачислено'],
      ['kk', 'Банкнот қабылданбады, ештеңе есептелмеді'],
      ['zh', '未收取纸币，未充值']
    ] as const) {
      expect(text(mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt, language })).wrapper, 'receipt-status'), language).toBe(title)
    }
  })

  it('a card the kiosk could not identify: says so, gives the reference and whom to call, invents no card or balance', () => {
    const receipt = cardNotIdentified()
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt }))
    expect(text(wrapper, 'receipt-status')).toBe('Your top-up is being processed')
    expect(text(wrapper, 'receipt-card-unknown')).toBe('Your card could not be identified')
    expect(text(wrapper, 'receipt-reference')).toBe(`Reference: ${receipt.transactionId}`)
    expect(text(wrapper, 'receipt-advice')).toBe(
      'Keep this receipt. Call +7 727 356 00 00 and give this reference: staff will find the top-up and credit it to your card.'
    )
    const paper = svgText(wrapper)
    expect(paper).toContain(squash('Transit card not identified'))
    expect(paper).toContain(squash('Balance before unknown'))
    expect(paper).not.toContain('null')
    for (const [language, line] of [
      ['ru', 'Не удалось определить вашу карту'],
      ['kk', 'Картаңызды анықтау мүмкін болмады'],
      ['zh', '无法识别您的卡']
    ] as const) {
      const other = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt, language })).wrapper
      expect(text(other, 'receipt-card-unknown'), language).toBe(line)
      expect(svgText(other), language).not.toContain('null')
    }
    // a card the kiosk knows says nothing of the kind
    expect(exists(mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt: makeFlaggedReceipt() })).wrapper, 'receipt-card-unknown')).toBe(false)
  })
})

/** The modules of a QR code: its SVG's dark path, as the qrcode library draws it for this address. */
const qrModules = async (url: string) => (await renderQr(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })).match(/stroke="#000000" d="([^"]+)"/)![1]
const shownModules = (element: Element) => element.querySelector('svg path[stroke]')?.getAttribute('d')

describe('ReceiptScreen: the paper receipt', () => {
  const URL = 'https://receipts.demo-transit.kz/r/TX-00412783-000042'
  const receiptView = (printed: 'printing' | 'printed' | 'failed', overrides: Parameters<typeof makeReceipt>[0] = {}) =>
    makeView({ screen: 'receipt', receipt: makeReceipt({ printed, ...overrides }) })

  it('says the receipt is printing while it is', () => {
    const { wrapper } = mountScreen(ReceiptScreen, receiptView('printing'))
    expect(text(wrapper, 'receipt-printing')).toBe('Printing your receipt…')
    expect(exists(wrapper, 'receipt-printed')).toBe(false)
    expect(exists(wrapper, 'receipt-not-printed')).toBe(false)
    expect(exists(wrapper, 'e-receipt-qr')).toBe(false)
    expect(text(wrapper, 'keep-receipt')).toBe('Keep your receipt: it is your proof of payment.')
  })

  it('tells the customer to take the printed receipt', () => {
    const { wrapper } = mountScreen(ReceiptScreen, receiptView('printed'))
    expect(text(wrapper, 'receipt-printed')).toBe('Take your receipt')
    // The printer drawn beside it, with the receipt coming out of its slot.
    expect(wrapper.get('[data-testid="receipt-printed"]').find('[data-testid="hardware-printer"]').exists()).toBe(true)
    expect(exists(wrapper, 'receipt-printing')).toBe(false)
    expect(exists(wrapper, 'receipt-not-printed')).toBe(false)
    expect(exists(wrapper, 'e-receipt-qr')).toBe(false)
    expect(exists(wrapper, 'e-receipt-url')).toBe(false)
  })

  it('says the printer failed but the top-up is complete, and offers the e-receipt as a QR code', async () => {
    const { wrapper, intents } = mountScreen(ReceiptScreen, receiptView('failed'))
    const panel = text(wrapper, 'receipt-not-printed')
    expect(panel).toContain('The printer could not print your receipt.')
    expect(text(wrapper, 'receipt-status')).toBe('Top-up completed')
    expect(panel).toContain('Scan to keep your e\u2011receipt')
    expect(text(wrapper, 'e-receipt-url')).toBe(URL)
    expect(text(wrapper, 'receipt-reprint')).toBe('Staff can reprint it: reference TX-00412783-000042')
    expect(exists(wrapper, 'receipt-printing')).toBe(false)
    expect(exists(wrapper, 'receipt-printed')).toBe(false)
    // No paper receipt to keep.
    expect(exists(wrapper, 'keep-receipt')).toBe(false)

    const qr = wrapper.get('[data-testid="e-receipt-qr"]')
    expect(qr.attributes('aria-label')).toBe('Scan to keep your e\u2011receipt')
    await flushPromises()
    expect(qr.find('svg').exists()).toBe(true)
    expect(shownModules(qr.element)).toBe(await qrModules(URL))
    // The receipt itself is all still there, and Done still finishes.
    expect(svgText(wrapper)).toContain(squash('Amount credited 5 250 KZT'))
    await wrapper.get('[data-testid="done"]').trigger('click')
    expect(intents()).toEqual([{ type: 'done' }])
  })

  it('does not call a flagged top-up complete when its receipt could not be printed', async () => {
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt: makeFlaggedReceipt({ printed: 'failed' }) }))
    expect(text(wrapper, 'receipt-status')).toBe('Your top-up is being processed')
    expect(wrapper.get('.receipt-side').classes()).toContain('receipt-side--crowded')
    const panel = text(wrapper, 'receipt-not-printed')
    expect(panel).toContain('The printer could not print your receipt.')
    expect(panel).not.toContain('Top-up completed')
    await flushPromises()
    expect(wrapper.find('[data-testid="e-receipt-qr"] svg').exists()).toBe(true)
  })

  it('is written in Kazakh, Russian and Chinese', () => {
    const expected = {
      kk: [
        'Түбіртек басылып жатыр…',
        'Түбіртекті алыңыз',
        'Принтер түбіртекті баса алмады.',
        'Қызметкер оны қайта басып бере алады: операция нөмірі TX-00412783-000042'
      ],
      ru: ['Печатаем чек…', 'Заберите чек', 'Принтер не смог напечатать чек.', 'Сотрудник может распечатать его повторно: номер операции TX-00412783-000042'],
      zh: ['正在打印收据…', '请取走收据', '打印机无法打印您的收据。', '工作人员可为您补打收据：查询编号 TX-00412783-000042']
    } as const
    for (const [language, [printing, printed, failed, reprint]] of Object.entries(expected)) {
      const lang = language as keyof typeof expected
      expect(text(mountScreen(ReceiptScreen, { ...receiptView('printing'), language: lang }).wrapper, 'receipt-printing')).toBe(printing)
      expect(text(mountScreen(ReceiptScreen, { ...receiptView('printed'), language: lang }).wrapper, 'receipt-printed')).toBe(printed)
      const { wrapper } = mountScreen(ReceiptScreen, { ...receiptView('failed'), language: lang })
      expect(text(wrapper, 'receipt-not-printed')).toContain(failed)
      expect(text(wrapper, 'receipt-reprint')).toBe(reprint)
    }
  })
})

describe('EReceiptQr', () => {
  it('draws the address as an SVG QR code once rendered, and redraws it for a new address', async () => {
    const wrapper = mount(EReceiptQr, { props: { url: 'https://receipts.demo-transit.kz/r/A-1', label: 'QR' } })
    expect(wrapper.get('[data-testid="e-receipt-qr"]').find('svg').exists()).toBe(false)
    await flushPromises()
    const qr = () => wrapper.get('[data-testid="e-receipt-qr"]').element
    expect(qr().firstElementChild?.tagName.toLowerCase()).toBe('svg')
    const first = shownModules(qr())
    expect(first).toBe(await qrModules('https://receipts.demo-transit.kz/r/A-1'))
    await wrapper.setProps({ url: 'https://receipts.demo-transit.kz/r/B-2' })
    await flushPromises()
    const second = shownModules(qr())
    expect(second).not.toBe(first)
    expect(second).toBe(await qrModules('https://receipts.demo-transit.kz/r/B-2'))
  })
})

describe('ThankYouScreen', () => {
  it('thanks and shows the new balance', () => {
    const { wrapper } = mountScreen(ThankYouScreen, makeView({ screen: 'thankYou', receipt: makeReceipt() }))
    expect(wrapper.get('[data-testid="screen-thankYou"]').text()).toContain('Thank you!')
    expect(wrapper.get('[data-testid="new-balance"]').text()).toBe('New balance: 6,750\u00a0₸')
  })

  it('says a flagged top-up is being processed, without a balance', () => {
    const { wrapper } = mountScreen(ThankYouScreen, makeView({ screen: 'thankYou', receipt: makeFlaggedReceipt() }))
    expect(wrapper.get('[data-testid="thank-you-message"]').text()).toBe('Your top-up is being processed.')
    expect(wrapper.get('[data-testid="thank-you-keep"]').text()).toBe('Keep your receipt: support will need its reference.')
    expect(wrapper.find('[data-testid="new-balance"]').exists()).toBe(false)
  })

  it('says a pending top-up activates at the next tap, without a new balance', () => {
    const { wrapper } = mountScreen(ThankYouScreen, makeView({ screen: 'thankYou', receipt: makePendingReceipt() }))
    expect(wrapper.get('[data-testid="thank-you-message"]').text()).toBe('Your top-up activates the next time you tap the card on a top-up kiosk.')
    expect(wrapper.find('[data-testid="new-balance"]').exists()).toBe(false)
    const kk = mountScreen(ThankYouScreen, makeView({ screen: 'thankYou', language: 'kk', receipt: makePendingReceipt() }))
    expect(kk.wrapper.get('[data-testid="thank-you-message"]').text()).toBe('Толтыру картаны келесі рет толтыру терминалына тигізгенде белсендіріледі.')
  })

  it('thanks without a balance when there is no receipt', () => {
    const { wrapper } = mountScreen(ThankYouScreen, makeView({ screen: 'thankYou', language: 'zh' }))
    expect(wrapper.text()).toContain('谢谢！')
    expect(wrapper.find('[data-testid="new-balance"]').exists()).toBe(false)
  })
})
