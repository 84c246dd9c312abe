/**
 * The service-mode screens (issue 15): each says on top that the kiosk is out of service, shows
 * its page's data and sends staff's intents with the payload the core expects; the PIN is never
 * on screen; every target is touch-sized.
 */
import { readFileSync } from 'node:fs'
import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { normalizeSpaces } from '../helpers'
import { COLLECTION, DEVICES, mountService, REPORTS, SCREENS_WITH_DATA, SETTINGS } from '../serviceFixtures'

// The PIN pad listens on the window for a keyboard: screens of earlier tests must not hear the keys.
enableAutoUnmount(afterEach)

describe('every service screen', () => {
  it.each(SCREENS_WITH_DATA)('%s says first, in the kiosk language, that the kiosk is temporarily out of service', (screen, page) => {
    const en = mountService(screen, page)
    expect(en.wrapper.find(`[data-testid="screen-${screen}"]`).exists()).toBe(true)
    const first = en.wrapper.get(`[data-testid="screen-${screen}"]`).element.firstElementChild!
    expect(first.getAttribute('data-testid')).toBe('service-out-of-service')
    expect(normalizeSpaces(first.textContent ?? '')).toContain('Temporarily out of service')
    const ru = mountService(screen, page, {}, { language: 'ru' })
    expect(ru.text('service-out-of-service')).toContain('Терминал временно не работает')
    const zh = mountService(screen, page, {}, { language: 'zh' })
    expect(zh.text('service-out-of-service')).toContain('暂停服务')
  })

  it.each(SCREENS_WITH_DATA)('%s: every target is a touch-sized button or field', (screen, page) => {
    const { wrapper } = mountService(screen, page)
    const targets = wrapper.findAll('button, input, select, a')
    expect(targets.length).toBeGreaterThan(0)
    for (const target of targets)
      expect(
        target.classes().some((c) => c === 'btn' || c === 'service-field'),
        target.html()
      ).toBe(true)
  })

  it('sizes those classes at 48 px at least', () => {
    const css = readFileSync('src/renderer/src/styles/kiosk.css', 'utf8')
    expect(css).toMatch(/--touch:\s*48px/)
    expect(css).toMatch(/\.btn \{[^}]*min-height: var\(--touch\);[^}]*min-width: var\(--touch\);/)
    const layout = readFileSync('src/renderer/src/screens/service/ServiceLayout.vue', 'utf8')
    expect(layout).toMatch(/\.service-field \{[^}]*min-height: var\(--touch\);[^}]*min-width: var\(--touch\);/)
  })

  it.each(SCREENS_WITH_DATA.filter(([, page]) => page !== null && page.page !== 'menu'))('%s waits for its data without failing', (screen) => {
    const { wrapper } = mountService(screen, { page: 'menu' })
    expect(wrapper.find('[data-testid="service-loading"]').exists()).toBe(true)
  })

  it('a page goes back to the menu and logs out; shows the role and TRAINING', async () => {
    const { click, sent, text } = mountService('serviceDevices', DEVICES, { role: 'technician', training: true })
    expect(text('service-role')).toBe('Technician')
    expect(text('service-training')).toBe('TRAINING')
    await click('service-menu')
    await click('service-logout')
    expect(sent()).toEqual([{ type: 'serviceOpen', page: 'menu' }, { type: 'serviceLogout' }])
  })

  it('words the result of the last action, and a refusal as the core said it', () => {
    const recount = mountService('serviceCollection', COLLECTION, {
      notice: { kind: 'recountRecorded', collectionNumber: 2, shortage: [{ currency: 'KZT', value: 1000, count: 1 }], surplus: [] }
    })
    expect(recount.cells('service-notice', 'p')).toEqual(['Recount of collection no. 2 recorded.', 'Shortage: 1,000 ₸ × 1'])
    const ru = mountService('serviceReports', REPORTS, { notice: { kind: 'reportPrinted', report: 'Z', number: 4 } }, { language: 'ru' })
    expect(ru.text('service-notice')).toBe('Отчёт Z № 4 напечатан.')
    const refused = mountService('serviceSettings', SETTINGS, { notice: { kind: 'refused', message: 'limits.maxTopUpKzt: expected a positive integer' } })
    expect(refused.text('service-notice')).toBe('limits.maxTopUpKzt: expected a positive integer')
    expect(refused.wrapper.get('[data-testid="service-notice"]').classes()).toContain('notice-error')
  })
})

describe('ServicePinScreen', () => {
  it('shows typed digits as dots only and sends the PIN once', async () => {
    const { wrapper, click, sent } = mountService('servicePin', null)
    for (const digit of ['4', '8', '2', '1']) await click(`pin-${digit}`)
    expect(wrapper.findAll('.pin-dot--on')).toHaveLength(4)
    expect(wrapper.text()).not.toContain('4821')
    expect(wrapper.html()).not.toContain('4821')
    await click('pin-submit')
    expect(sent()).toEqual([{ type: 'servicePin', pin: '4821' }])
    expect(wrapper.findAll('.pin-dot--on')).toHaveLength(0)
  })

  it('takes 4 to 8 digits, deletes and clears, and cancels', async () => {
    const { wrapper, click, sent } = mountService('servicePin', null)
    await click('pin-1')
    expect(wrapper.get('[data-testid="pin-submit"]').attributes('disabled')).toBeDefined()
    for (let i = 0; i < 9; i++) await click('pin-7')
    expect(wrapper.findAll('.pin-dot--on')).toHaveLength(8)
    await click('pin-backspace')
    expect(wrapper.findAll('.pin-dot--on')).toHaveLength(7)
    await click('pin-clear')
    expect(wrapper.findAll('.pin-dot--on')).toHaveLength(0)
    await click('pin-cancel')
    expect(sent()).toEqual([{ type: 'serviceCancel' }])
  })

  it('takes digits, Backspace, Delete and Enter from a keyboard or keypad, showing dots only', async () => {
    const { wrapper, sent } = mountService('servicePin', null)
    const key = async (k: string) => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: k, cancelable: true }))
      await wrapper.vm.$nextTick()
    }
    for (const k of ['4', '8', '2', '9', 'Backspace', '1', 'x']) await key(k)
    expect(wrapper.findAll('.pin-dot--on')).toHaveLength(4)
    expect(wrapper.html()).not.toContain('4821')
    await key('Enter')
    expect(sent()).toEqual([{ type: 'servicePin', pin: '4821' }])
    for (const k of ['1', '2', '3', 'Delete', '5', 'Enter']) await key(k)
    // Cleared, then one digit: too short to send.
    expect(sent()).toHaveLength(1)
    expect(wrapper.findAll('.pin-dot--on')).toHaveLength(1)
  })

  it('says a wrong PIN and the attempts left', () => {
    const { text } = mountService('servicePin', null, { pinWrong: true, attemptsLeft: 2 })
    expect(text('pin-wrong')).toBe('Wrong PIN: 2 attempts left before entry locks')
  })
})

describe('ServiceLockedScreen', () => {
  it('says until when entry is locked, counts down, and closes', async () => {
    const until = new Date(Date.now() + 125_000).toISOString()
    const { text, click, sent } = mountService('serviceLocked', null, { lockedUntil: until, attemptsLeft: 0 })
    expect(text('locked-until')).toMatch(/^Entry opens again at \d\d:\d\d:\d\d$/)
    expect(text('locked-left')).toMatch(/^Time left: 2:0[45]$/)
    await click('locked-close')
    expect(sent()).toEqual([{ type: 'serviceCancel' }])
  })
})

describe('ServiceMenuScreen', () => {
  it("lists the role's pages as buttons and opens them", async () => {
    const { wrapper, click, sent } = mountService('serviceMenu', { page: 'menu' })
    expect(wrapper.findAll('[data-testid^="open-"]').map((b) => b.text())).toEqual([
      'Cash collection',
      'Reports and receipts',
      'Journal',
      'Claims',
      'Devices',
      'Settings'
    ])
    await click('open-collection')
    expect(sent()).toEqual([{ type: 'serviceOpen', page: 'collection' }])
    expect(wrapper.find('[data-testid="service-menu"]').exists()).toBe(false)
  })

  it("a collector's menu has no settings and no devices", () => {
    const { wrapper, text } = mountService('serviceMenu', { page: 'menu' }, { role: 'collector', pages: ['collection', 'reports', 'journal', 'claims'] })
    expect(text('service-role')).toBe('Collector')
    expect(wrapper.find('[data-testid="open-settings"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="open-devices"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid^="open-"]')).toHaveLength(4)
    expect(wrapper.find('[data-testid="service-training"]').exists()).toBe(false)
  })
})

describe('ServiceCollectionScreen', () => {
  it('takes the cassette out from the service menu, and says so while it is out', async () => {
    const { click, sent } = mountService('serviceCollection', COLLECTION)
    await click('collect-cassette')
    expect(sent()).toEqual([{ type: 'collectCassette' }])
    const out = mountService('serviceCollection', { ...COLLECTION, cassetteOut: true } as typeof COLLECTION)
    expect(out.wrapper.find('[data-testid="collect-cassette"]').exists()).toBe(false)
    expect(out.text('cassette-out')).toBe('The cassette is out: put it back to finish the collection.')
  })

  it('shows the counters since collection and lifetime, with sums', () => {
    const { cells } = mountService('serviceCollection', COLLECTION)
    expect(cells('counter-KZT-1000')).toEqual(['1,000 ₸', '3', '3,000 ₸', '10', '10,000 ₸'])
    expect(cells('counter-KZT-5000')).toEqual(['5,000 ₸', '0', '0 ₸', '2', '10,000 ₸'])
    expect(cells('counter-USD-20')).toEqual(['20 USD', '1', '20 USD', '1', '20 USD'])
  })

  it('lists the collections with expected, counted and shortage, and prints a report again', async () => {
    const { text, click, sent } = mountService('serviceCollection', COLLECTION)
    expect(text('collection-1')).toContain('2,000 ₸')
    expect(text('collection-1')).toContain('1,000 ₸ × 1')
    expect(text('collection-2')).toContain('Not recounted yet')
    expect(text('collection-2')).toContain('3,000 ₸ + 20 USD')
    await click('print-collection-1')
    expect(sent()).toEqual([{ type: 'printCollectionReport', number: 1 }])
  })

  it('records the recount of the last collection: steppers, typed counts, an added denomination', async () => {
    const { wrapper, click, sent, text } = mountService('serviceCollection', COLLECTION)
    expect(text('recount-form')).toContain('Recount of collection no. 2')
    await click('recount-KZT-1000-less')
    await click('recount-USD-20-more')
    await wrapper.get('[data-testid="recount-add"]').setValue('KZT-5000')
    await wrapper.get('[data-testid="recount-KZT-5000-count"]').setValue('2')
    await wrapper.get('[data-testid="recount-form"]').trigger('submit')
    expect(sent()).toEqual([
      {
        type: 'recount',
        notes: [
          { currency: 'KZT', value: 1000, count: 2 },
          { currency: 'USD', value: 20, count: 2 },
          { currency: 'KZT', value: 5000, count: 2 }
        ]
      }
    ])
  })

  it('has no recount form once the last collection is counted, and says when the cassette is out', () => {
    const counted = { ...COLLECTION, cassetteOut: true, collections: COLLECTION.page === 'collection' ? COLLECTION.collections.slice(0, 1) : [] }
    const { wrapper } = mountService('serviceCollection', counted)
    expect(wrapper.find('[data-testid="recount-form"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="cassette-out"]').exists()).toBe(true)
  })
})

describe('ServiceReportsScreen', () => {
  it('shows the period, prints an X report at once and a Z report only once confirmed', async () => {
    const { wrapper, click, sent, text, cells } = mountService('serviceReports', REPORTS)
    expect(cells('period-top-ups')).toEqual(['Top-ups', '2: 19,450 ₸'])
    expect(cells('period-card-payments')).toEqual(['Bank-card payments', '1: 5,000 ₸'])
    await click('x-report')
    expect(sent()).toEqual([{ type: 'shiftReport', report: 'X' }])
    await click('z-report')
    expect(sent()).toHaveLength(1)
    expect(text('z-report-confirm')).toContain('Report Z closes the period')
    await click('z-report-no')
    expect(wrapper.find('[data-testid="z-report-confirm"]').exists()).toBe(false)
    await click('z-report')
    await click('z-report-yes')
    expect(sent()).toEqual([
      { type: 'shiftReport', report: 'X' },
      { type: 'shiftReport', report: 'Z' }
    ])
  })

  it('reprints a receipt of the period and a collection report from the history', async () => {
    const { click, sent, text } = mountService('serviceReports', REPORTS)
    expect(text('receipts')).toContain('5,250 ₸')
    await click('reprint-TX-00412783-000042')
    await click('print-collection-2')
    expect(sent()).toEqual([
      { type: 'serviceReprint', transactionId: 'TX-00412783-000042' },
      { type: 'printCollectionReport', number: 2 }
    ])
  })
})
