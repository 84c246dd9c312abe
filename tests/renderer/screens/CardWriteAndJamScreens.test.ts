import { describe, expect, it } from 'vitest'
import type { CardWriteView, KioskView } from '../../../src/core/protocol'
import BillJamScreen from '../../../src/renderer/src/screens/BillJamScreen.vue'
import CardWriteScreen from '../../../src/renderer/src/screens/CardWriteScreen.vue'
import { breakdown, CARD, KZT, makeView } from '../fixtures'
import { mountScreen, normalizeSpaces } from '../helpers'

type Wrapper = ReturnType<typeof mountScreen>['wrapper']
const text = (wrapper: Wrapper, id: string) => normalizeSpaces(wrapper.get(`[data-testid="${id}"]`).text())
const exists = (wrapper: Wrapper, id: string) => wrapper.find(`[data-testid="${id}"]`).exists()

describe('BillJamScreen', () => {
  /** 2 000 ₸ stacked, then the validator jammed on a 5 000 ₸ note. */
  const jamView = (overrides: Partial<KioskView> = {}) =>
    makeView({
      screen: 'billJam',
      card: CARD,
      amountKzt: 7000,
      notesInDoubt: [KZT(5000)],
      topUp: { transactionId: '00412783-000042', method: 'cash', breakdown: breakdown(2000) },
      ...overrides
    })

  it('says a note got stuck, which one, and that staff will check it', () => {
    const { wrapper } = mountScreen(BillJamScreen, jamView())
    expect(exists(wrapper, 'screen-billJam')).toBe(true)
    expect(text(wrapper, 'problem-title')).toBe('A banknote got stuck in the note acceptor')
    expect(wrapper.get('[data-testid="notes-in-doubt"] .bill-jam-label').text()).toBe('Note being checked')
    expect(wrapper.findAll('[data-testid="notes-in-doubt"] .note-chip').map((chip) => normalizeSpaces(chip.text()))).toEqual(['5,000 ₸'])
    expect(text(wrapper, 'bill-jam-staff')).toBe('Staff will check the note. If it reached the cashbox, its amount will be credited to your card.')
  })

  it('says what was stacked before the jam is still credited', () => {
    const { wrapper } = mountScreen(BillJamScreen, jamView())
    expect(text(wrapper, 'bill-jam-stacked')).toBe('The notes taken before it are safe: 2,000 ₸ will be credited to your card.')
  })

  it('says no other money was taken when the jammed note was the first', () => {
    const { wrapper } = mountScreen(BillJamScreen, jamView({ topUp: { transactionId: '00412783-000042', method: 'cash', breakdown: breakdown(0) } }))
    expect(text(wrapper, 'bill-jam-stacked')).toBe('No other money was taken.')
  })

  it('gives the reference, the terminal and the support phone to quote', () => {
    const { wrapper } = mountScreen(BillJamScreen, jamView())
    expect(text(wrapper, 'bill-jam-reference')).toBe('Reference: 00412783-000042')
    expect(wrapper.get('[data-testid="bill-jam-reference"] .reference-number').text()).toBe('00412783-000042')
    expect(text(wrapper, 'terminal-id')).toBe('00412783')
    expect(text(wrapper, 'support-phone')).toBe('+7 727 356 00 00')
    expect(text(wrapper, 'bill-jam-keep')).toBe('Photograph or write down the reference and the terminal number: support will need them.')
  })

  it('goes on with Continue (done), and offers neither back nor cancel', async () => {
    const { wrapper, intents } = mountScreen(BillJamScreen, jamView())
    expect(text(wrapper, 'done')).toBe('Continue')
    expect(exists(wrapper, 'back')).toBe(false)
    expect(exists(wrapper, 'cancel')).toBe(false)
    await wrapper.get('[data-testid="done"]').trigger('click')
    expect(intents()).toEqual([{ type: 'done' }])
  })

  it.each([
    ['kk', 'Банкнот купюра қабылдағышта кептеліп қалды', 'Операция нөмірі: 00412783-000042', 'Жалғастыру'],
    ['ru', 'Купюра застряла в купюроприёмнике', 'Номер операции: 00412783-000042', 'Продолжить'],
    ['zh', '纸币卡在了收钞机中', '查询编号：00412783-000042', '继续']
  ] as const)('speaks %s', (language, title, reference, button) => {
    const { wrapper } = mountScreen(BillJamScreen, jamView({ language }))
    expect(text(wrapper, 'problem-title')).toBe(title)
    expect(text(wrapper, 'bill-jam-reference')).toBe(reference)
    expect(text(wrapper, 'done')).toBe(button)
  })
})

describe('CardWriteScreen', () => {
  const writeView = (cardWrite: Partial<CardWriteView> = {}, overrides: Partial<KioskView> = {}) =>
    makeView({
      screen: 'cardWrite',
      card: CARD,
      cardWrite: { purpose: 'topUp', phase: 'waiting', problem: null, failure: null, waitSeconds: 30, amountKzt: 5250, canLeave: false, ...cardWrite },
      ...overrides
    })

  it('asks for the card on the reader after payment, and says the money is credited', () => {
    const { wrapper } = mountScreen(CardWriteScreen, writeView())
    expect(wrapper.get('[data-testid="screen-cardWrite"]').attributes('data-phase')).toBe('waiting')
    expect(text(wrapper, 'card-write-title')).toBe('Place your card on the reader and keep it there')
    expect(text(wrapper, 'card-write-lead')).toBe('5,250 ₸ is credited to card 9398 •••• •••• 2222: now it is written onto the card itself.')
    expect(exists(wrapper, 'card-write-problem')).toBe(false)
    expect(wrapper.find('.spinner').exists()).toBe(false)
  })

  it('offers a way out while the card is awaited: "Later", saying the top-up stays pending until the next tap', async () => {
    const { wrapper, intents } = mountScreen(CardWriteScreen, writeView({ canLeave: true }))
    expect(text(wrapper, 'card-write-later-note')).toContain('the top-up stays credited and activates the next time you tap this card')
    await wrapper.get('[data-testid="card-write-later"]').trigger('click')
    expect(intents()).toEqual([{ type: 'done' }])
    expect(exists(mountScreen(CardWriteScreen, writeView({ phase: 'writing' })).wrapper, 'card-write-later')).toBe(false)
  })

  it('says it is writing, with a spinner, while the card is held', () => {
    const { wrapper } = mountScreen(CardWriteScreen, writeView({ phase: 'writing' }))
    expect(text(wrapper, 'card-write-title')).toBe('Writing 5,250 ₸ onto your card — keep the card on the reader')
    expect(wrapper.find('.spinner').exists()).toBe(true)
    expect(wrapper.get('[data-testid="screen-cardWrite"]').attributes('aria-busy')).toBe('true')
  })

  it.each([
    ['wrongCard', 'That is a different card — place the card you are topping up'],
    ['readError', 'The card could not be read — place it again']
  ] as const)('says at once what went wrong with the card placed (%s)', (problem, message) => {
    const { wrapper } = mountScreen(CardWriteScreen, writeView({ problem }))
    expect(text(wrapper, 'card-write-problem')).toBe(message)
    expect(wrapper.get('[data-testid="card-write-problem"]').attributes('role')).toBe('alert')
    expect(text(wrapper, 'card-write-title')).toBe('Place your card on the reader and keep it there')
  })

  it.each([
    ['en', 'Put the card back on the reader to finish — you have 45 seconds'],
    ['kk', 'Жазуды аяқтау үшін картаны оқу құрылғысына қайта қойыңыз — сізде 45 секунд бар'],
    ['ru', 'Положите карту обратно на считыватель, чтобы завершить запись, — осталось секунд: 45'],
    ['zh', '请将卡片放回读卡器以完成写入——您还有 45 秒']
  ] as const)('asks for a card pulled mid-write back, with the seconds the kiosk waits for it (%s)', (language, message) => {
    const { wrapper } = mountScreen(CardWriteScreen, writeView({ problem: 'pulled', waitSeconds: 45 }, { language }))
    expect(text(wrapper, 'card-write-problem')).toBe(message)
    expect(wrapper.get('[data-testid="card-write-problem"]').attributes('role')).toBe('alert')
    expect(wrapper.get('[data-testid="screen-cardWrite"]').attributes('data-phase')).toBe('waiting')
  })

  it('says the amount is on the card once written', () => {
    const { wrapper } = mountScreen(CardWriteScreen, writeView({ phase: 'written' }))
    expect(text(wrapper, 'card-write-title')).toBe('5,250 ₸ is now on your card')
    expect(exists(wrapper, 'card-write-lead')).toBe(false)
  })

  it('says a failed write leaves the money safe, to activate at the next tap', () => {
    const { wrapper } = mountScreen(CardWriteScreen, writeView({ phase: 'failed', failure: 'cardRemoved' }))
    expect(text(wrapper, 'card-write-title')).toBe('The top-up could not be written onto the card')
    expect(text(wrapper, 'card-write-lead')).toBe('Your money is safe: the top-up activates the next time you tap this card on a top-up kiosk.')
  })

  it('activates earlier top-ups at a tap: writing X ₸ from earlier top-ups', () => {
    const writing = mountScreen(CardWriteScreen, writeView({ purpose: 'activation', phase: 'writing', amountKzt: 3000 })).wrapper
    expect(text(writing, 'card-write-title')).toBe('Writing 3,000 ₸ from earlier top-ups onto your card — keep the card on the reader')
    expect(text(writing, 'card-write-lead')).toBe('Earlier top-ups were credited but are not on this card yet.')
    const waiting = mountScreen(CardWriteScreen, writeView({ purpose: 'activation', amountKzt: 3000 })).wrapper
    expect(text(waiting, 'card-write-title')).toBe('Place your card on the reader to activate 3,000 ₸ from earlier top-ups')
  })

  it('sends no intents: it goes on by itself', () => {
    const { wrapper, intents } = mountScreen(CardWriteScreen, writeView())
    expect(wrapper.findAll('button')).toHaveLength(0)
    expect(intents()).toEqual([])
  })

  it.each([
    [
      'kk',
      'Картаны оқу құрылғысына қойып, ұстап тұрыңыз',
      'Картаңызға 5 250 ₸ жазылуда — картаны оқу құрылғысынан алмаңыз',
      'Бұл басқа карта — толтырып жатқан картаңызды қойыңыз'
    ],
    [
      'ru',
      'Положите карту на считыватель и не убирайте её',
      'Записываем 5 250 ₸ на карту — не убирайте карту со считывателя',
      'Это другая карта — положите карту, которую пополняете'
    ],
    ['zh', '请将卡片放在读卡器上，不要移开', '正在将 5,250 ₸ 写入您的卡片——请勿将卡片移开读卡器', '这是另一张卡——请放上您正在充值的卡片']
  ] as const)('speaks %s', (language, waiting, writing, wrongCard) => {
    expect(text(mountScreen(CardWriteScreen, writeView({ problem: 'wrongCard' }, { language })).wrapper, 'card-write-title')).toBe(waiting)
    expect(text(mountScreen(CardWriteScreen, writeView({ problem: 'wrongCard' }, { language })).wrapper, 'card-write-problem')).toBe(wrongCard)
    expect(text(mountScreen(CardWriteScreen, writeView({ phase: 'writing' }, { language })).wrapper, 'card-write-title')).toBe(writing)
  })
})
