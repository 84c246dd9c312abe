import { afterEach, describe, expect, it, vi } from 'vitest'
import type { KioskView, ReturnReason } from '../../../src/core/protocol'
import CashScreen from '../../../src/renderer/src/screens/CashScreen.vue'
import { breakdown, CARD, KZT, makeCash, makeQuote, makeView, note, OPTIONS_5000 } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

const cashView = (overrides: Partial<KioskView> = {}) =>
  makeView({ screen: 'cash', card: CARD, amountKzt: 5000, cash: makeCash(), canCancel: false, canGoBack: false, canConfirm: true, ...overrides })

const RETURN_REASONS: ReturnReason[] = [
  'notAccepted',
  'amountReached',
  'overMaxTopUp',
  'overBalanceCap',
  'acceptorOff',
  'validatorBusy',
  'cancelled',
  'escrowTimeout',
  'counterfeit'
]

describe('CashScreen', () => {
  it('shows the chosen amount, what remains and what will be credited', () => {
    const { wrapper } = mountScreen(CashScreen, cashView())
    expect(wrapper.get('[data-testid="cash-amount"]').text()).toBe('5,000\u00a0₸')
    expect(wrapper.get('[data-testid="cash-remaining"]').text()).toBe('3,000\u00a0₸')
    expect(wrapper.get('[data-testid="cash-credited"]').text()).toBe('2,000\u00a0₸')
  })

  it('breaks down what is in: paid per currency → gross − fee + bonus = credited', () => {
    const cash = makeCash({ stacked: [note('USD', 20), KZT(2000)], breakdown: breakdown(2000, 9427, 189, 561) })
    const { wrapper } = mountScreen(CashScreen, cashView({ amountKzt: 12000, cash }))
    const line = wrapper.get('[data-testid="cash-breakdown"]')
    expect(wrapper.get('[data-testid="cash-paid"]').text()).toBe('20\u00a0USD + 2,000\u00a0₸')
    expect(wrapper.get('[data-testid="cash-gross"]').text()).toBe('→11,427\u00a0₸')
    expect(wrapper.get('[data-testid="cash-fee"]').text()).toBe('−189\u00a0₸')
    expect(wrapper.get('[data-testid="cash-bonus"]').text()).toBe('+561\u00a0₸')
    expect(wrapper.get('[data-testid="cash-breakdown-credited"]').text()).toBe('=11,799\u00a0₸')
    expect(wrapper.get('[data-testid="cash-credited"]').text()).toBe('11,799\u00a0₸')
    for (const label of ['Paid', 'In tenge', 'Fee', 'Bonus', 'Will be credited']) expect(line.text()).toContain(label)
    expect(wrapper.findAll('[data-testid="stacked-notes"] li').map((li) => li.text())).toEqual(['20\u00a0USD', '2,000\u00a0₸'])
  })

  it('sums foreign notes of one currency in whole units, grouped by the locale', () => {
    const cash = makeCash({ stacked: [note('RUB', 5000), note('RUB', 1000)], breakdown: breakdown(0, 30729, 615, 1505) })
    const { wrapper } = mountScreen(CashScreen, cashView({ language: 'ru', amountKzt: 30000, cash }))
    expect(normalizeSpaces(wrapper.get('[data-testid="cash-paid"]').text())).toBe('6 000 RUB')
    const terms = wrapper.findAll('[data-testid="cash-breakdown"] > div').map((term) => `${term.get('dt').text()}: ${normalizeSpaces(term.get('dd').text())}`)
    expect(terms).toEqual(['Внесено: 6 000 RUB', 'В тенге: →30 729 ₸', 'Комиссия: −615 ₸', 'Бонус: +1 505 ₸', 'Будет зачислено: =31 619 ₸'])
  })

  it('shows no breakdown before the first note', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ stacked: [] }), canCancel: true, canConfirm: false }))
    expect(wrapper.find('[data-testid="cash-breakdown"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="stacked-notes"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('No notes yet')
  })

  it('lists the accepted (stacked) notes', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ stacked: [KZT(2000), KZT(1000), KZT(200)] }) }))
    expect(wrapper.findAll('[data-testid="stacked-notes"] li').map((li) => li.text())).toEqual(['2,000\u00a0₸', '1,000\u00a0₸', '200\u00a0₸'])
  })

  it('always says that no change is given', () => {
    const { wrapper } = mountScreen(CashScreen, cashView())
    expect(wrapper.get('[data-testid="no-change"]').text()).toBe('No change is given: every note you insert is credited')
  })

  it('shows the note being checked', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ noteInEscrow: KZT(5000) }) }))
    const escrow = wrapper.get('[data-testid="note-in-escrow"]')
    expect(escrow.text()).toContain('Checking your note…')
    expect(escrow.text()).toContain('5,000\u00a0₸')
  })

  it.each<[ReturnReason, string]>([
    ['notAccepted', 'This note is not accepted here. Please use one of the notes listed below.'],
    ['amountReached', 'The amount is already paid. Press Confirm to top up your card.'],
    ['overMaxTopUp', 'It would take the top-up over the maximum of 100,000\u00a0₸. Please insert a smaller note.'],
    ['overBalanceCap', 'It would take the card balance over 200,000\u00a0₸. Please insert a smaller note.'],
    ['acceptorOff', 'Notes are not being taken at the moment.'],
    ['validatorBusy', 'The machine was still checking another note. Please insert one note at a time.'],
    ['cancelled', 'The top-up was cancelled, so the note was given back.'],
    ['escrowTimeout', 'Checking the note took too long. Please insert it again.'],
    ['counterfeit', 'This note was not recognised (it may be damaged or counterfeit). Please take it back.']
  ])('explains a note returned because %s', (reason, message) => {
    const note = reason === 'notAccepted' ? { currency: 'USD' as const, value: 20 } : KZT(10000)
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ lastReturned: { note, reason } }) }))
    const returned = wrapper.get('[data-testid="note-returned"]')
    expect(returned.attributes('role')).toBe('alert')
    expect(returned.text()).toContain(
      reason === 'notAccepted' ? 'Your 20\u00a0USD note was returned. Please take it.' : 'Your 10,000\u00a0₸ note was returned.'
    )
    expect(wrapper.get('[data-testid="returned-reason"]').text()).toBe(message)
  })

  it('explains a returned note in Russian', () => {
    const view = cashView({ language: 'ru', cash: makeCash({ lastReturned: { note: { currency: 'EUR', value: 50 }, reason: 'notAccepted' } }) })
    const { wrapper } = mountScreen(CashScreen, view)
    expect(normalizeSpaces(wrapper.get('[data-testid="note-returned"]').text())).toContain('Банкнота 50 EUR возвращена. Заберите её.')
    expect(wrapper.get('[data-testid="returned-reason"]').text()).toBe('Эта банкнота здесь не принимается. Используйте одну из банкнот, перечисленных ниже.')
  })

  it.each(['kk', 'ru', 'zh'] as const)('explains every returned note in %s, each differently', (language) => {
    const texts = RETURN_REASONS.map((reason) => {
      const { wrapper } = mountScreen(CashScreen, cashView({ language, cash: makeCash({ lastReturned: { note: note('USD', 100), reason } }) }))
      return wrapper.get('[data-testid="returned-reason"]').text()
    })
    expect(new Set(texts).size).toBe(RETURN_REASONS.length)
    for (const text of texts) expect(text).not.toMatch(/[A-Za-z]/)
  })

  it.each([
    ['kk', 'Бұл банкнот танылмады (ол зақымдалған немесе жалған болуы мүмкін). Оны қайтып алыңыз.'],
    ['ru', 'Эта банкнота не распознана (возможно, она повреждена или поддельная). Заберите её.'],
    ['zh', '无法识别这张纸币（可能已损坏或为伪钞），请取回。']
  ] as const)('explains a counterfeit or unreadable note in %s', (language, message) => {
    const { wrapper } = mountScreen(CashScreen, cashView({ language, cash: makeCash({ lastReturned: { note: KZT(5000), reason: 'counterfeit' } }) }))
    expect(wrapper.get('[data-testid="returned-reason"]').text()).toBe(message)
  })

  it('enables Confirm exactly when the core says so, and sends confirm', async () => {
    const disabled = mountScreen(CashScreen, cashView({ canConfirm: false }))
    expect(disabled.wrapper.get('[data-testid="confirm"]').attributes('disabled')).toBeDefined()

    const { wrapper, intents } = mountScreen(CashScreen, cashView({ canConfirm: true }))
    expect(wrapper.get('[data-testid="confirm"]').attributes('disabled')).toBeUndefined()
    await wrapper.get('[data-testid="confirm"]').trigger('click')
    expect(intents()).toEqual([{ type: 'confirm' }])
  })

  it('hides Cancel and Back when they are not allowed, and says the money is safe', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ canCancel: false, canGoBack: false }))
    expect(wrapper.find('[data-testid="cancel"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="back"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="money-safe"]').text()).toBe('Your money is safe: press Confirm to finish')
  })

  it('offers Cancel and Back before any money is in, without the safe-money line', async () => {
    const { wrapper, intents } = mountScreen(CashScreen, cashView({ cash: makeCash({ stacked: [] }), canCancel: true, canGoBack: true, canConfirm: false }))
    expect(wrapper.find('[data-testid="money-safe"]').exists()).toBe(false)
    await wrapper.get('[data-testid="back"]').trigger('click')
    await wrapper.get('[data-testid="cancel"]').trigger('click')
    expect(intents()).toEqual([{ type: 'back' }, { type: 'cancel' }])
  })

  it('says when the amount is paid', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ stacked: [KZT(5000)], remainingKzt: 0, accepting: false }) }))
    expect(wrapper.get('[data-testid="cash-remaining"]').text()).toBe('0\u00a0₸')
    expect(wrapper.get('[data-testid="amount-reached"]').text()).toBe('The amount is paid. Press Confirm to top up your card.')
  })
})

describe('CashScreen: rates and ways to pay, before the first note', () => {
  const start = (overrides: Partial<KioskView> = {}) =>
    cashView({ cash: makeCash({ stacked: [] }), canCancel: true, canGoBack: true, canConfirm: false, ...overrides })
  const row = (wrapper: ReturnType<typeof mountScreen>['wrapper'], currency: string) => {
    const tr = wrapper.get(`[data-testid="paying-option-${currency}"]`)
    return (id: string) => normalizeSpaces(tr.get(`[data-testid="option-${id}"]`).text())
  }

  it('lists every accepted currency, tenge first, with the notes it takes', () => {
    const { wrapper } = mountScreen(CashScreen, start())
    expect(wrapper.findAll('[data-testid^="paying-option-"]').map((r) => r.attributes('data-testid'))).toEqual(
      ['KZT', 'USD', 'EUR', 'RUB', 'CNY'].map((c) => `paying-option-${c}`)
    )
    expect(row(wrapper, 'KZT')('denominations')).toBe('200 · 500 · 1,000 · 2,000 · 5,000 · 10,000 · 20,000')
    expect(row(wrapper, 'USD')('denominations')).toBe('1 · 2 · 5 · 10 · 20 · 50 · 100')
  })

  it('shows each rate exactly as quoted', () => {
    const { wrapper } = mountScreen(CashScreen, start())
    expect(row(wrapper, 'USD')('rate')).toBe('1 USD = 471.3725 ₸')
    expect(row(wrapper, 'EUR')('rate')).toBe('1 EUR = 512.40 ₸')
    expect(row(wrapper, 'RUB')('rate')).toBe('1 RUB = 5.1215 ₸')
    expect(row(wrapper, 'KZT')('rate')).toBe('')
  })

  it('writes rates with the decimal comma in Russian and Kazakh', () => {
    for (const language of ['ru', 'kk'] as const) {
      const { wrapper } = mountScreen(CashScreen, start({ language }))
      expect(row(wrapper, 'USD')('rate')).toBe('1 USD = 471,3725 ₸')
      expect(row(wrapper, 'EUR')('rate')).toBe('1 EUR = 512,40 ₸')
    }
  })

  it('shows the fewest notes that reach the amount, and exactly what they credit', () => {
    const { wrapper } = mountScreen(CashScreen, start())
    const usd = row(wrapper, 'USD')
    expect(usd('notes')).toBe('11 USD: 10 + 1')
    expect(usd('fee')).toBe('104 ₸')
    expect(usd('bonus')).toBe('0 ₸')
    expect(usd('credited')).toBe('5,081 ₸')
    expect(row(wrapper, 'EUR')('notes')).toBe('10 EUR')
    expect(row(wrapper, 'CNY')('notes')).toBe('79 CNY: 50 + 20 + 5 + 4 × 1')
    expect(row(wrapper, 'KZT')('notes')).toBe('5,000 ₸')
    expect(row(wrapper, 'KZT')('fee')).toBe('0 ₸')
    expect(row(wrapper, 'KZT')('credited')).toBe('5,000 ₸')
    expect(wrapper.get('[data-testid="paying-options"]').text()).toContain('To top up 5,000\u00a0₸, insert one of these')
  })

  it('groups foreign units by the locale', () => {
    const options = [{ currency: 'RUB' as const, rate: '5.1215', units: 2400, notes: [2000, 200, 200], breakdown: breakdown(0, 12291, 246, 602) }]
    const { wrapper } = mountScreen(CashScreen, start({ language: 'ru', amountKzt: 12000, cash: makeCash({ stacked: [], options }) }))
    expect(row(wrapper, 'RUB')('notes')).toBe('2 400 RUB: 2 000 + 2 × 200')
    expect(row(wrapper, 'RUB')('bonus')).toBe('602 ₸')
    expect(row(wrapper, 'RUB')('credited')).toBe('12 647 ₸')
  })

  it('marks a currency that cannot reach the amount', () => {
    const { wrapper } = mountScreen(CashScreen, start({ cash: makeCash({ stacked: [], options: OPTIONS_5000.filter((o) => o.currency !== 'EUR') }) }))
    expect(row(wrapper, 'EUR')('notes')).toBe('—')
    expect(row(wrapper, 'EUR')('credited')).toBe('—')
    expect(row(wrapper, 'EUR')('rate')).toBe('1 EUR = 512.40 ₸')
  })

  it('offers what is still to pay once notes are in', () => {
    const { wrapper } = mountScreen(CashScreen, cashView())
    expect(wrapper.get('[data-testid="paying-options"]').text()).toContain('Still to pay 3,000\u00a0₸: add one of these')
    expect(row(wrapper, 'KZT')('notes')).toBe('3,000 ₸')
  })

  it('shows the rates only once the amount is paid', () => {
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: makeCash({ stacked: [KZT(5000)], accepting: false }) }))
    expect(wrapper.get('[data-testid="paying-options"]').text()).toContain('Exchange rates')
    expect(wrapper.find('[data-testid="option-notes"]').exists()).toBe(false)
    expect(row(wrapper, 'USD')('rate')).toBe('1 USD = 471.3725 ₸')
  })

  it('says the rates are demo rates in demo mode only', () => {
    expect(mountScreen(CashScreen, start()).wrapper.get('[data-testid="demo-rates"]').text()).toBe('Demo rates — not real exchange rates')
    expect(
      mountScreen(CashScreen, start({ language: 'zh' }))
        .wrapper.get('[data-testid="demo-rates"]')
        .text()
    ).toBe('演示汇率，并非真实汇率')
    const real = start({ terminal: { id: '00412783', location: 'Almaty', supportPhone: '+7 727 356 00 00', demo: false } })
    expect(mountScreen(CashScreen, real).wrapper.find('[data-testid="demo-rates"]').exists()).toBe(false)
  })

  it('says it is getting the rates while there is no quote', () => {
    const { wrapper } = mountScreen(CashScreen, start({ cash: makeCash({ stacked: [], quote: null, options: OPTIONS_5000.slice(0, 1) }) }))
    expect(wrapper.get('[data-testid="quote-loading"]').text()).toBe('Getting the rates…')
    expect(wrapper.find('[data-testid="quote-time"]').exists()).toBe(false)
    expect(row(wrapper, 'USD')('rate')).toBe('')
    expect(row(wrapper, 'USD')('notes')).toBe('—')
  })
})

describe('CashScreen: the quote time and its countdown', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  const start = (quote = makeQuote()) => cashView({ cash: makeCash({ stacked: [], quote }), canCancel: true, canConfirm: false })

  it('shows when the rates were quoted, in Almaty time', () => {
    const { wrapper } = mountScreen(CashScreen, start())
    expect(wrapper.get('[data-testid="quote-time"]').text()).toBe('Rates of 14:03:12')
    const ru = mountScreen(CashScreen, cashView({ language: 'ru', cash: makeCash({ stacked: [] }) }))
    expect(ru.wrapper.get('[data-testid="quote-time"]').text()).toBe('Курсы на 14:03:12')
  })

  it('counts down to the end of the quote every second, and stops at zero', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2025-11-25T09:03:17.000Z')) // 5 s after the quote: 115 s left
    const { wrapper } = mountScreen(CashScreen, start())
    const countdown = () => wrapper.get('[data-testid="quote-countdown"]').text()
    expect(countdown()).toBe('Rate held for 1:55')
    await vi.advanceTimersByTimeAsync(1000)
    expect(countdown()).toBe('Rate held for 1:54')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(countdown()).toBe('Rate held for 0:54')
    await vi.advanceTimersByTimeAsync(120_000)
    expect(countdown()).toBe('Rate held for 0:00')
    expect(wrapper.find('[data-testid="quote-locked"]').exists()).toBe(false)
  })

  it('follows a fresh quote from the core', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2025-11-25T09:05:12.000Z'))
    const { wrapper } = mountScreen(CashScreen, start())
    expect(wrapper.get('[data-testid="quote-countdown"]').text()).toBe('Rate held for 0:00')
    await wrapper.setProps({ view: start(makeQuote({ quotedAt: '2025-11-25T09:05:12.000Z', validUntil: '2025-11-25T09:07:12.000Z' })) })
    expect(wrapper.get('[data-testid="quote-countdown"]').text()).toBe('Rate held for 2:00')
    expect(wrapper.get('[data-testid="quote-time"]').text()).toBe('Rates of 14:05:12')
  })

  it('stops its timer when the screen goes', () => {
    vi.useFakeTimers()
    const { wrapper } = mountScreen(CashScreen, start())
    expect(vi.getTimerCount()).toBe(1)
    wrapper.unmount()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('says the rate is locked once a note locked it, with no countdown', () => {
    const locked = makeCash({ stacked: [note('USD', 20)], breakdown: breakdown(0, 9427, 189, 0), quote: makeQuote({ validUntil: null }) })
    const { wrapper } = mountScreen(CashScreen, cashView({ cash: locked }))
    expect(wrapper.get('[data-testid="quote-locked"]').text()).toBe('Rate locked for this top-up')
    expect(wrapper.find('[data-testid="quote-countdown"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="quote-time"]').text()).toBe('Rates of 14:03:12')
    const kk = mountScreen(CashScreen, cashView({ language: 'kk', cash: locked }))
    expect(kk.wrapper.get('[data-testid="quote-locked"]').text()).toBe('Бағам осы толтыру үшін бекітілді')
  })
})

describe('CashScreen: the note acceptor stopped (stacker full, cassette removed, jammed)', () => {
  const stoppedView = (overrides: Partial<KioskView> = {}) =>
    cashView({ cashUnavailable: 'stackerFull', cash: makeCash({ accepting: false }), canConfirm: true, ...overrides })

  it('shows no notice while cash is taken', () => {
    const { wrapper } = mountScreen(CashScreen, cashView())
    expect(wrapper.find('[data-testid="cash-stopped"]').exists()).toBe(false)
  })

  it.each(['stackerFull', 'cassetteRemoved', 'jam'] as const)(
    'says the notes already in are safe and will be credited, and Confirm still works (%s)',
    async (condition) => {
      const { wrapper, intents } = mountScreen(CashScreen, stoppedView({ cashUnavailable: condition }))
      const notice = wrapper.get('[data-testid="cash-stopped"]')
      expect(notice.attributes('role')).toBe('alert')
      expect(notice.text()).toContain('The note acceptor has stopped')
      expect(notice.text()).toContain('The notes you have already inserted are safe and will be credited. Press Confirm to finish.')
      expect(wrapper.find('[data-testid="no-change"]').exists()).toBe(false)
      expect(wrapper.get('[data-testid="cash-credited"]').text()).toBe('2,000\u00a0₸')
      await wrapper.get('[data-testid="confirm"]').trigger('click')
      expect(intents()).toEqual([{ type: 'confirm' }])
    }
  )

  it.each([
    ['stackerFull', 'The note acceptor is full.'],
    ['cassetteRemoved', 'The note acceptor is being serviced.'],
    ['jam', 'A note is stuck in the note acceptor; staff must clear it.']
  ] as const)('says why the note acceptor stopped (%s)', (condition, reason) => {
    const { wrapper } = mountScreen(CashScreen, stoppedView({ cashUnavailable: condition }))
    expect(wrapper.get('[data-testid="cash-stopped-reason"]').text()).toBe(reason)
  })

  it.each([
    ['kk', 'Купюра қабылдағышта банкнот кептеліп қалды; оны қызметкер шығаруы керек.'],
    ['ru', 'В купюроприёмнике застряла купюра; её должен извлечь сотрудник.'],
    ['zh', '收钞机内卡有纸币，需由工作人员清除。']
  ] as const)('says a note is stuck in %s', (language, reason) => {
    const { wrapper } = mountScreen(CashScreen, stoppedView({ language, cashUnavailable: 'jam' }))
    expect(wrapper.get('[data-testid="cash-stopped-reason"]').text()).toBe(reason)
  })

  it('offers no more notes to insert: the table shows the rates only', () => {
    const { wrapper } = mountScreen(CashScreen, stoppedView())
    expect(wrapper.find('[data-testid="option-notes"]').exists()).toBe(false)
    expect(wrapper.get('.cash-options-title').text()).toBe('Exchange rates')
  })

  it('does not also say the amount is paid', () => {
    const { wrapper } = mountScreen(CashScreen, stoppedView({ cash: makeCash({ stacked: [KZT(5000)], remainingKzt: 0, accepting: false }) }))
    expect(wrapper.find('[data-testid="amount-reached"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="cash-stopped"]').exists()).toBe(true)
  })

  it('says no money was taken when no note is in', () => {
    const { wrapper } = mountScreen(
      CashScreen,
      stoppedView({ cash: makeCash({ stacked: [], accepting: false }), canConfirm: false, canCancel: true, canGoBack: true })
    )
    expect(wrapper.get('[data-testid="cash-stopped-advice"]').text()).toBe('No money was taken. Please pay by bank card or use another terminal.')
  })

  it.each([
    ['kk', 'Банкнот қабылдағыш тоқтады', 'Сіз салған банкноттар сақталады және картаға есептеледі.'],
    ['ru', 'Купюроприёмник остановлен', 'Уже внесённые банкноты в сохранности и будут зачислены.'],
    ['zh', '收钞机已停止工作', '您已放入的纸币很安全，将全部充入卡内。']
  ] as const)('speaks %s', (language, title, advice) => {
    const text = mountScreen(CashScreen, stoppedView({ language })).wrapper.get('[data-testid="cash-stopped"]').text()
    expect(text).toContain(title)
    expect(text).toContain(advice)
  })
})
