/** The service pages that look things up and change them: journal, claims, devices, settings. */
import { describe, expect, it } from 'vitest'
import type { ServicePageView } from '../../../src/core/protocol'
import { CLAIMS, DEVICES, JOURNAL, mountService, SETTINGS } from '../serviceFixtures'

describe('ServiceClaimsScreen look-up', () => {
  it("sends the customer's reference, shows what the core found, and clears the look-up", async () => {
    const { wrapper, click, sent } = mountService('serviceClaims', CLAIMS)
    await wrapper.get('[data-testid="claim-reference"]').setValue('  42-K7Q3M9XT ')
    await wrapper.get('[data-testid="claim-lookup"]').trigger('submit')
    expect(sent()).toEqual([{ type: 'lookUpClaim', reference: '42-K7Q3M9XT' }])
    const found: ServicePageView = {
      ...CLAIMS,
      lookup: {
        reference: '42-K7Q3M9XT',
        found: [
          {
            transactionId: '00412783-000042-K7Q3M9XT',
            time: '2026-12-06T09:00:00.000Z',
            card: '9398 •••• •••• 2222',
            status: 'pending',
            creditedKzt: 3000,
            writtenToCard: false,
            resolved: null
          }
        ]
      }
    }
    const shown = mountService('serviceClaims', found)
    expect(shown.text('found-00412783-000042-K7Q3M9XT')).toContain('Pending')
    expect(shown.text('found-00412783-000042-K7Q3M9XT')).toContain("activates at the card's next tap")
    await shown.click('claim-clear')
    expect(shown.sent()).toEqual([{ type: 'lookUpClaim', reference: null }])
    const none = mountService('serviceClaims', { ...CLAIMS, lookup: { reference: 'ZZZ', found: [] } })
    expect(none.text('claim-not-found')).toBe('No transaction has the reference ZZZ.')
    void click
  })
})

describe('ServiceJournalScreen', () => {
  it('lists the rows the core found, and how many there are', () => {
    const { cells, text } = mountService('serviceJournal', JOURNAL)
    expect(text('journal-shown')).toBe('1 of 120 records')
    expect(cells('journal-row-41')).toEqual(['41', '06/12/2026, 14:03:12', 'noteStacked', 'TX-1', '9398 •••• •••• 2222', '1 000 KZT'])
  })

  it('sends the filters as a journal query (times in Almaty), asks for older rows, and exports the same query as CSV (the core writes the file)', async () => {
    const { wrapper, click } = mountService('serviceJournal', JOURNAL)
    await wrapper.get('[data-testid="journal-from"]').setValue('2026-12-06T10:00')
    await wrapper.get('[data-testid="journal-to"]').setValue('2026-12-06T18:30')
    await wrapper.get('[data-testid="journal-kind"]').setValue('noteStacked')
    await wrapper.get('[data-testid="journal-transaction"]').setValue(' TX-1 ')
    await wrapper.get('[data-testid="journal-card"]').setValue('2222')
    await wrapper.get('[data-testid="journal-filters"]').trigger('submit')
    const query = { from: '2026-12-06T05:00:00.000Z', to: '2026-12-06T13:30:00.000Z', kinds: ['noteStacked'], transaction: 'TX-1', card: '2222' }
    await click('journal-more')
    await click('journal-csv')
    expect(wrapper.emitted('intent')).toEqual([
      [{ type: 'journalQuery', query }],
      [{ type: 'journalQuery', query: { ...query, before: 41 } }],
      [{ type: 'exportJournal', query }]
    ])
  })

  it('queries everything with no filter, has no "more" at the end, and shows the core\'s error', async () => {
    const last: ServicePageView = { page: 'journal', rows: [], total: 0, nextBefore: null, error: 'the journal could not be read: disk I/O error' }
    const { wrapper, text } = mountService('serviceJournal', last)
    await wrapper.get('[data-testid="journal-filters"]').trigger('submit')
    expect(wrapper.emitted('intent')).toEqual([[{ type: 'journalQuery', query: {} }]])
    expect(wrapper.find('[data-testid="journal-more"]').exists()).toBe(false)
    expect(text('journal-error')).toBe('the journal could not be read: disk I/O error')
  })
})

describe('ServiceClaimsScreen', () => {
  it('shows why a transaction was flagged and resolves it by crediting, once confirmed, with a note', async () => {
    const { wrapper, click, sent, text } = mountService('serviceClaims', CLAIMS)
    expect(text('claim-TX-7')).toContain('The host never confirmed the credit')
    expect(text('claim-TX-7')).toContain('5,000 ₸')
    await click('credit-TX-7')
    expect(sent()).toEqual([])
    await wrapper.get('[data-testid="note-TX-7"]').setValue('customer called, receipt seen')
    await click('credit-TX-7-yes')
    expect(sent()).toEqual([{ type: 'resolveFlagged', transactionId: 'TX-7', resolution: 'credit', note: 'customer called, receipt seen' }])
  })

  it('records a refund without a note, and offers nothing for a resolved claim', async () => {
    const { wrapper, click, sent, text } = mountService('serviceClaims', CLAIMS)
    await click('refund-TX-7')
    await click('refund-TX-7-no')
    expect(sent()).toEqual([])
    await click('refund-TX-7')
    await click('refund-TX-7-yes')
    expect(sent()).toEqual([{ type: 'resolveFlagged', transactionId: 'TX-7', resolution: 'refund' }])
    const resolved = wrapper.get('[data-testid="claim-TX-8"]')
    expect(resolved.find('button').exists()).toBe(false)
    expect(text('claim-TX-8')).toContain('Refunded')
  })

  it('says when there is nothing to resolve', () => {
    const { text } = mountService('serviceClaims', { page: 'claims', flagged: [], lookup: null })
    expect(text('claims-none')).toBe('No flagged transaction.')
  })
})

describe('ServiceDevicesScreen', () => {
  it('shows each device and tests it', async () => {
    const { click, sent, text } = mountService('serviceDevices', DEVICES, { role: 'technician', pages: ['journal', 'devices'] })
    expect(text('device-printer')).toContain('Out of paper')
    expect(text('device-billValidator')).toContain('Working · taking notes')
    expect(text('device-cardReader')).toContain('ready, no card')
    await click('test-printer')
    await click('test-billValidator')
    await click('test-cardReader')
    expect(sent()).toEqual([
      { type: 'deviceTest', device: 'printer' },
      { type: 'deviceTest', device: 'billValidator' },
      { type: 'deviceTest', device: 'cardReader' }
    ])
  })

  it('takes the kiosk out of service with a reason, and puts it back', async () => {
    const open = mountService('serviceDevices', DEVICES)
    expect(open.wrapper.get('[data-testid="take-out-of-service"]').attributes('disabled')).toBeDefined()
    await open.wrapper.get('[data-testid="out-of-service-text"]').setValue('  validator cleaning  ')
    await open.wrapper.get('[data-testid="take-out-of-service"]').trigger('submit')
    expect(open.sent()).toEqual([{ type: 'setOutOfService', reason: 'validator cleaning' }])
    const closed = mountService('serviceDevices', { ...DEVICES, outOfServiceReason: 'validator cleaning' } as ServicePageView)
    expect(closed.text('out-of-service-reason')).toBe('Out of service: validator cleaning')
    await closed.click('back-in-service')
    expect(closed.sent()).toEqual([{ type: 'setOutOfService', reason: null }])
  })
})

describe('ServiceSettingsScreen', () => {
  it('sends each section shaped like the configuration file', async () => {
    const { wrapper, click, sent, submit } = mountService('serviceSettings', SETTINGS)
    await wrapper.get('[data-testid="rate-USD"]').setValue('471.20')
    await submit('save-rates')
    await wrapper.get('[data-testid="limit-maxTopUpKzt"]').setValue('150000')
    await submit('save-limits')
    await wrapper.get('[data-testid="fee-cashForeign-percent"]').setValue('2.5')
    await submit('save-fees')
    await click('tier-add')
    await wrapper.get('[data-testid="tier-1-from"]').setValue('50000')
    await wrapper.get('[data-testid="tier-1-percent"]').setValue('7')
    await wrapper.get('[data-testid="tier-1-max"]').setValue('5000')
    await submit('save-bonus')
    expect(sent()).toEqual([
      { type: 'changeSettings', section: 'rates', value: { USD: '471.20', EUR: '512.40', RUB: '5.1215', CNY: '65.08' } },
      { type: 'changeSettings', section: 'limits', value: { minTopUpKzt: 100, maxTopUpKzt: 150000, maxBalanceKzt: 200000 } },
      {
        type: 'changeSettings',
        section: 'fee',
        value: { cashKzt: { percent: '0', minKzt: 0 }, cashForeign: { percent: '2.5', minKzt: 100 }, bankCard: { percent: '0', minKzt: 0 } }
      },
      {
        type: 'changeSettings',
        section: 'bonus',
        value: [
          { fromKzt: 10000, percent: '5', maxKzt: 2000 },
          { fromKzt: 50000, percent: '7', maxKzt: 5000 }
        ]
      }
    ])
  })

  it('refuses tenge that are not whole, naming the field, and sends nothing', async () => {
    const { wrapper, sent, text, submit } = mountService('serviceSettings', SETTINGS)
    await wrapper.get('[data-testid="limit-minTopUpKzt"]').setValue('100.5')
    await submit('save-limits')
    expect(text('settings-error')).toBe('Smallest top-up, ₸: expected a whole number of tenge')
    expect(sent()).toEqual([])
  })

  it('takes new PINs as dots, sends only the roles filled in, and never shows them', async () => {
    const { wrapper, sent, text, submit } = mountService('serviceSettings', SETTINGS)
    const input = wrapper.get('[data-testid="pin-collector"]')
    expect(input.attributes('type')).toBe('password')
    expect(text('settings-pins')).toContain('has a PIN')
    expect(text('settings-pins')).toContain('no PIN')
    await input.setValue('4821')
    expect(wrapper.text()).not.toContain('4821')
    await submit('save-pins')
    expect(sent()).toEqual([{ type: 'changeSettings', section: 'pins', value: { collector: '4821' } }])
    expect((input.element as HTMLInputElement).value).toBe('')
    await wrapper.get('[data-testid="pin-technician"]').setValue('12')
    await submit('save-pins')
    expect(text('settings-error')).toBe('New PIN: Technician: expected 4 to 8 digits')
    expect(sent()).toHaveLength(1)
  })

  it('switches training mode on and off', async () => {
    const off = mountService('serviceSettings', SETTINGS)
    await off.click('training-switch')
    expect(off.sent()).toEqual([{ type: 'setTraining', on: true }])
    const on = mountService('serviceSettings', { ...SETTINGS, training: true } as ServicePageView, { training: true })
    expect(on.text('training-switch')).toBe('Turn training off')
    await on.click('training-switch')
    expect(on.sent()).toEqual([{ type: 'setTraining', on: false }])
  })
})
