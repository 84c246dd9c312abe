import { flushPromises, mount } from '@vue/test-utils'
import { toString as renderQr } from 'qrcode'
import { describe, expect, it } from 'vitest'
import EReceiptQr from '../../../src/renderer/src/components/EReceiptQr.vue'
import ReceiptScreen from '../../../src/renderer/src/screens/ReceiptScreen.vue'
import ThankYouScreen from '../../../src/renderer/src/screens/ThankYouScreen.vue'
import { breakdown, KZT, makeFlaggedReceipt, makeReceipt, makeView, note } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

describe('ReceiptScreen', () => {
  const view = makeView({ screen: 'receipt', receipt: makeReceipt() })
  const field = (wrapper: ReturnType<typeof mountScreen>['wrapper'], id: string) => wrapper.get(`[data-testid="receipt-${id}"]`).text()

  it('shows every field operators require', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    expect(field(wrapper, 'issuer')).toBe('Demo Transit Card LLP')
    expect(field(wrapper, 'bin')).toBe('BIN: 210540012345')
    expect(field(wrapper, 'terminal')).toBe('00412783')
    expect(field(wrapper, 'location')).toBe('Almaty, Almaly metro station, entrance hall')
    expect(field(wrapper, 'transaction')).toBe('TX-00412783-000042')
    expect(field(wrapper, 'card')).toBe('9398 •••• •••• 2222')
    expect(field(wrapper, 'support')).toBe('Support: +7 727 356 00 00')
  })

  it('shows the time in Almaty', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    expect(field(wrapper, 'time')).toBe('25/11/2025, 14:03:12')
  })

  it('lists each note and the breakdown', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    expect(wrapper.findAll('[data-testid="receipt-notes"] li').map((li) => li.text())).toEqual(['2,000\u00a0₸', '2,000\u00a0₸', '1,000\u00a0₸'])
    expect(field(wrapper, 'gross')).toBe('5,000\u00a0₸')
    expect(field(wrapper, 'fee')).toBe('0\u00a0₸')
    expect(field(wrapper, 'bonus')).toBe('250\u00a0₸')
    expect(field(wrapper, 'credited')).toBe('5,250\u00a0₸')
    expect(field(wrapper, 'balance-before')).toBe('1,500\u00a0₸')
    expect(field(wrapper, 'balance-after')).toBe('6,750\u00a0₸')
  })

  it('says that no change was given on a cash receipt, without rates for tenge only', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    expect(field(wrapper, 'no-change')).toBe('No change given')
    expect(wrapper.find('[data-testid="receipt-rates"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="receipt-card-payment"]').exists()).toBe(false)
  })

  it('lists foreign notes and the locked rates they were taken at, with the quote time', () => {
    const receipt = makeReceipt({
      notes: [note('USD', 20), note('RUB', 100), KZT(500)],
      quote: { rates: { USD: '471.3725', RUB: '5.1215' }, quotedAt: '2025-11-25T09:01:55.000Z' },
      breakdown: breakdown(500, 9939, 199, 512),
      balanceBeforeKzt: 500,
      balanceAfterKzt: 11252
    })
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt }))
    expect(wrapper.findAll('[data-testid="receipt-notes"] li').map((li) => li.text())).toEqual(['20\u00a0USD', '100\u00a0RUB', '500\u00a0₸'])
    expect(field(wrapper, 'rates-time')).toBe('Exchange rates of 25/11/2025, 14:01:55')
    expect(field(wrapper, 'rate-USD')).toBe('1\u00a0USD = 471.3725\u00a0₸')
    expect(field(wrapper, 'rate-RUB')).toBe('1\u00a0RUB = 5.1215\u00a0₸')
    expect(wrapper.findAll('[data-testid="receipt-rates"] li')).toHaveLength(2)
    expect(field(wrapper, 'gross')).toBe('10,439\u00a0₸')
    expect(field(wrapper, 'fee')).toBe('199\u00a0₸')
    expect(field(wrapper, 'bonus')).toBe('512\u00a0₸')
    expect(field(wrapper, 'credited')).toBe('10,752\u00a0₸')
    expect(field(wrapper, 'balance-after')).toBe('11,252\u00a0₸')
    expect(field(wrapper, 'no-change')).toBe('No change given')
  })

  it('writes the locked rates with the decimal comma in Russian', () => {
    const receipt = makeReceipt({ notes: [note('EUR', 20)], quote: { rates: { EUR: '512.40' }, quotedAt: '2025-11-25T09:01:55.000Z' }, breakdown: breakdown(0, 10248, 205, 502) })
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', language: 'ru', receipt }))
    expect(field(wrapper, 'rates-time')).toBe('Курсы валют на 25.11.2025, 14:01:55')
    expect(normalizeSpaces(field(wrapper, 'rate-EUR'))).toBe('1 EUR = 512,40 ₸')
    expect(field(wrapper, 'no-change')).toBe('Сдача не выдаётся')
  })

  it('names the bank card and the authorisation code of a card payment', () => {
    const receipt = makeReceipt({
      method: 'card',
      notes: [],
      cardPayment: { maskedPan: '4400 •••• •••• 1234', authCode: '123456' },
      breakdown: breakdown(10000, 0, 0, 500),
      balanceBeforeKzt: 1500,
      balanceAfterKzt: 12000
    })
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt }))
    expect(field(wrapper, 'card-payment')).toBe('Paid by bank card 4400 •••• •••• 1234, auth code 123456')
    expect(wrapper.get('[data-testid="receipt-gross"]').element.previousElementSibling?.textContent).toBe('Amount charged')
    expect(field(wrapper, 'gross')).toBe('10,000\u00a0₸')
    expect(field(wrapper, 'fee')).toBe('0\u00a0₸')
    expect(field(wrapper, 'bonus')).toBe('500\u00a0₸')
    expect(field(wrapper, 'credited')).toBe('10,500\u00a0₸')
    expect(wrapper.find('[data-testid="receipt-notes"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="receipt-no-change"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="receipt-rates"]').exists()).toBe(false)
  })

  it('names the card payment in Kazakh and Chinese', () => {
    const receipt = makeReceipt({ method: 'card', notes: [], cardPayment: { maskedPan: '4400 •••• •••• 1234', authCode: '123456' } })
    const kk = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', language: 'kk', receipt }))
    expect(field(kk.wrapper, 'card-payment')).toBe('Банк картасымен төленді: 4400 •••• •••• 1234, авторизация коды 123456')
    const zh = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', language: 'zh', receipt }))
    expect(field(zh.wrapper, 'card-payment')).toBe('银行卡支付 4400 •••• •••• 1234，授权码 123456')
  })

  it('tells the customer to keep the receipt and finishes with done', async () => {
    const { wrapper, intents } = mountScreen(ReceiptScreen, view)
    expect(wrapper.get('[data-testid="keep-receipt"]').text()).toBe('Keep your receipt: it is your proof of payment.')
    await wrapper.get('[data-testid="done"]').trigger('click')
    expect(intents()).toEqual([{ type: 'done' }])
  })

  it('is written in Russian with Russian number and date formats', () => {
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', language: 'ru', receipt: makeReceipt() }))
    expect(wrapper.text()).toContain('Чек')
    expect(wrapper.get('[data-testid="receipt-bin"]').text()).toBe('БИН: 210540012345')
    expect(field(wrapper, 'time')).toBe('25.11.2025, 14:03:12')
    expect(normalizeSpaces(field(wrapper, 'credited'))).toBe('5 250 ₸')
    expect(wrapper.get('[data-testid="done"]').text()).toBe('Готово')
  })
})

describe('ReceiptScreen: a flagged top-up', () => {
  const view = makeView({ screen: 'receipt', receipt: makeFlaggedReceipt() })
  const field = (wrapper: ReturnType<typeof mountScreen>['wrapper'], id: string) => normalizeSpaces(wrapper.get(`[data-testid="${id}"]`).text())

  it('says the top-up is being processed, with its reference and whom to call', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    expect(field(wrapper, 'receipt-status')).toBe('Your top-up is being processed')
    expect(field(wrapper, 'receipt-reference')).toBe('Reference: TX-00412783-000042')
    expect(field(wrapper, 'keep-receipt')).toBe(
      'Keep this receipt. If the money is not on your card within 3 days, call +7 727 356 00 00 and give this reference.'
    )
  })

  it('shows the balance after as being processed and still what will be credited', () => {
    const { wrapper } = mountScreen(ReceiptScreen, view)
    expect(field(wrapper, 'receipt-balance-after')).toBe('Being processed')
    expect(field(wrapper, 'receipt-credited')).toBe('5,250 ₸')
    expect(field(wrapper, 'receipt-balance-before')).toBe('1,500 ₸')
    expect(wrapper.findAll('[data-testid="receipt-notes"] li')).toHaveLength(3)
    expect(field(wrapper, 'receipt-transaction')).toBe('TX-00412783-000042')
  })

  it('has no status banner on a completed receipt', () => {
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt: makeReceipt() }))
    expect(wrapper.find('[data-testid="receipt-status"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="receipt-reference"]').exists()).toBe(false)
  })

  it('still finishes with done', async () => {
    const { wrapper, intents } = mountScreen(ReceiptScreen, view)
    await wrapper.get('[data-testid="done"]').trigger('click')
    expect(intents()).toEqual([{ type: 'done' }])
  })

  it('is written in Russian, Kazakh and Chinese', () => {
    const ru = mountScreen(ReceiptScreen, { ...view, language: 'ru' })
    expect(field(ru.wrapper, 'receipt-status')).toBe('Пополнение обрабатывается')
    expect(field(ru.wrapper, 'receipt-reference')).toBe('Номер операции: TX-00412783-000042')
    expect(field(ru.wrapper, 'receipt-balance-after')).toBe('Обрабатывается')
    expect(field(ru.wrapper, 'keep-receipt')).toContain('в течение 3 дней, позвоните по номеру +7 727 356 00 00')
    const kk = mountScreen(ReceiptScreen, { ...view, language: 'kk' })
    expect(field(kk.wrapper, 'receipt-status')).toBe('Картаны толтыру өңделуде')
    expect(field(kk.wrapper, 'receipt-balance-after')).toBe('Өңделуде')
    const zh = mountScreen(ReceiptScreen, { ...view, language: 'zh' })
    expect(field(zh.wrapper, 'receipt-status')).toBe('您的充值正在处理中')
    expect(field(zh.wrapper, 'receipt-reference')).toBe('查询编号：TX-00412783-000042')
    expect(field(zh.wrapper, 'receipt-balance-after')).toBe('处理中')
  })
})

/** The modules of a QR code: its SVG's dark path, as the qrcode library draws it for this address. */
const qrModules = async (url: string) => (await renderQr(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })).match(/stroke="#000000" d="([^"]+)"/)![1]
const shownModules = (element: Element) => element.querySelector('svg path[stroke]')?.getAttribute('d')

describe('ReceiptScreen: the paper receipt', () => {
  const URL = 'https://receipts.demo-transit.kz/r/TX-00412783-000042'
  const receiptView = (printed: 'printing' | 'printed' | 'failed', overrides: Parameters<typeof makeReceipt>[0] = {}) =>
    makeView({ screen: 'receipt', receipt: makeReceipt({ printed, ...overrides }) })
  const text = (wrapper: ReturnType<typeof mountScreen>['wrapper'], id: string) => normalizeSpaces(wrapper.get(`[data-testid="${id}"]`).text())
  const exists = (wrapper: ReturnType<typeof mountScreen>['wrapper'], id: string) => wrapper.find(`[data-testid="${id}"]`).exists()

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
    expect(exists(wrapper, 'receipt-printing')).toBe(false)
    expect(exists(wrapper, 'receipt-not-printed')).toBe(false)
    expect(exists(wrapper, 'e-receipt-qr')).toBe(false)
    expect(exists(wrapper, 'e-receipt-url')).toBe(false)
  })

  it('says the printer failed but the top-up is complete, and offers the e-receipt as a QR code', async () => {
    const { wrapper, intents } = mountScreen(ReceiptScreen, receiptView('failed'))
    const panel = text(wrapper, 'receipt-not-printed')
    expect(panel).toContain('The printer could not print your receipt.')
    expect(panel).toContain('Your top-up is complete.')
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
    expect(text(wrapper, 'receipt-credited')).toBe('5,250 ₸')
    await wrapper.get('[data-testid="done"]').trigger('click')
    expect(intents()).toEqual([{ type: 'done' }])
  })

  it('does not call a flagged top-up complete when its receipt could not be printed', async () => {
    const { wrapper } = mountScreen(ReceiptScreen, makeView({ screen: 'receipt', receipt: makeFlaggedReceipt({ printed: 'failed' }) }))
    expect(text(wrapper, 'receipt-status')).toBe('Your top-up is being processed')
    const panel = text(wrapper, 'receipt-not-printed')
    expect(panel).toContain('The printer could not print your receipt.')
    expect(panel).not.toContain('Your top-up is complete.')
    await flushPromises()
    expect(wrapper.find('[data-testid="e-receipt-qr"] svg').exists()).toBe(true)
  })

  it('is written in Kazakh, Russian and Chinese', () => {
    const expected = {
      kk: ['Түбіртек басылып жатыр…', 'Түбіртекті алыңыз', 'Принтер түбіртекті баса алмады.', 'Қызметкер оны қайта басып бере алады: операция нөмірі TX-00412783-000042'],
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

  it('thanks without a balance when there is no receipt', () => {
    const { wrapper } = mountScreen(ThankYouScreen, makeView({ screen: 'thankYou', language: 'zh' }))
    expect(wrapper.text()).toContain('谢谢！')
    expect(wrapper.find('[data-testid="new-balance"]').exists()).toBe(false)
  })
})
