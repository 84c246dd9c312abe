/**
 * The screens of a kiosk that takes no money: its journal's disk failed (what became of the money,
 * in all four languages), its journal failed its check at start, its core stopped; and the
 * technician panel's journal and storage box.
 */
import { describe, expect, it } from 'vitest'
import type { MoneyOutcomeView } from '../../../src/core/protocol'
import OutOfServiceScreen from '../../../src/renderer/src/screens/OutOfServiceScreen.vue'
import { SCREEN_COMPONENTS } from '../../../src/renderer/src/screens'
import StorageFailedScreen from '../../../src/renderer/src/screens/StorageFailedScreen.vue'
import { KZT, makeTechnicianView, makeView } from '../fixtures'
import { mountScreen, mountTechnicianPanel as mountPanel, normalizeSpaces } from '../helpers'

const REFERENCE = '00412783-000042-K7Q3M9XT'
const outcome = (overrides: Partial<MoneyOutcomeView> = {}): MoneyOutcomeView => ({
  reference: REFERENCE,
  returned: [],
  stacked: [KZT(1000)],
  inDoubt: [],
  cardPaid: false,
  credited: false,
  creditedKzt: 1000,
  ...overrides
})
const text = (wrapper: ReturnType<typeof mountScreen>['wrapper'], id: string) => normalizeSpaces(wrapper.get(`[data-testid="${id}"]`).text())

describe('StorageFailedScreen', () => {
  it('is the storageFailed screen', () => {
    expect(SCREEN_COMPONENTS.storageFailed).toBe(StorageFailedScreen)
  })

  it('says no money is taken, gives back the note in escrow, keeps the stacked ones safe with the reference', () => {
    const { wrapper, intents } = mountScreen(StorageFailedScreen, makeView({ screen: 'storageFailed', moneyOutcome: outcome({ returned: [KZT(2000)] }) }))
    expect(text(wrapper, 'problem-title')).toBe('Temporarily out of service')
    expect(text(wrapper, 'problem-message')).toBe('The kiosk cannot record payments right now, so it takes no money.')
    expect(text(wrapper, 'note-returned')).toBe('Your 2,000 ₸ note was given back. Please take it.')
    expect(text(wrapper, 'money-sentence')).toBe(
      'The money you inserted is safe: 1,000 ₸ will be credited to your card as soon as the kiosk is back in service.'
    )
    expect(text(wrapper, 'money-reference')).toBe(`Reference: ${REFERENCE}`)
    expect(wrapper.get('[data-testid="notes-stacked"]').text()).toContain('1,000')
    expect(wrapper.findAll('button')).toHaveLength(0)
    expect(intents()).toEqual([])
  })

  it('says it in the other three languages too, the money included, for a customer who has not chosen one', () => {
    const { wrapper } = mountScreen(StorageFailedScreen, makeView({ screen: 'storageFailed', language: 'en', moneyOutcome: outcome() }))
    const others = wrapper.get('[data-testid="other-languages"]').findAll('li')
    expect(others.map((li) => li.attributes('lang'))).toEqual(['kk-KZ', 'ru-RU', 'zh-CN'])
    expect(normalizeSpaces(others[1]!.text())).toContain('Терминал временно не работает')
    expect(normalizeSpaces(others[1]!.text())).toContain('будет зачислено на карту')
    expect(normalizeSpaces(others[2]!.text())).toContain('暂停服务')
    expect(normalizeSpaces(others[0]!.text())).toMatch(/сақталған/)
  })

  it('says a credit that reached the card account, and nothing taken when no money was in', () => {
    const credited = mountScreen(StorageFailedScreen, makeView({ screen: 'storageFailed', moneyOutcome: outcome({ credited: true }) }))
    expect(text(credited.wrapper, 'money-sentence')).toBe('Your top-up of 1,000 ₸ has reached your card account.')
    const none = mountScreen(
      StorageFailedScreen,
      makeView({ screen: 'storageFailed', moneyOutcome: outcome({ reference: null, stacked: [], creditedKzt: 0 }) })
    )
    expect(text(none.wrapper, 'money-sentence')).toBe('No money was taken.')
    expect(none.wrapper.find('[data-testid="money-reference"]').exists()).toBe(false)
    // Between sessions nobody's money is concerned: only the notice.
    const idle = mountScreen(StorageFailedScreen, makeView({ screen: 'storageFailed', moneyOutcome: null }))
    expect(idle.wrapper.find('[data-testid="money-outcome"]').exists()).toBe(false)
  })
})

describe('OutOfServiceScreen for a journal that failed its check, and for a stopped core', () => {
  it('journalUntrusted: out of service, staff are checking it, no reason shown to the customer', () => {
    const { wrapper } = mountScreen(SCREEN_COMPONENTS.journalUntrusted, makeView({ screen: 'journalUntrusted' }))
    expect(wrapper.find('[data-testid="screen-journalUntrusted"]').exists()).toBe(true)
    expect(text(wrapper, 'problem-message')).toBe('This kiosk is being checked by staff and takes no payments.')
    expect(wrapper.text()).not.toMatch(/journal|record/i)
  })

  it('a stopped core: says the kiosk stopped and that money already in is recorded', () => {
    const { wrapper } = mountScreen(OutOfServiceScreen, makeView({ screen: 'outOfService', outOfService: 'stopped' }))
    expect(text(wrapper, 'problem-title')).toBe('The kiosk has stopped')
    expect(text(wrapper, 'problem-advice')).toBe('Money already inserted is recorded and will be credited. Please use another terminal.')
  })
})

describe('the technician panel: journal and storage', () => {
  it('says all is well in one line, and drills a failing disk', async () => {
    const { wrapper, transport } = await mountPanel(makeTechnicianView())
    expect(wrapper.get('[data-testid="integrity-ok"]').text()).toBe('The journal matches its head and is being written.')
    await wrapper.get('[data-testid="storage-disk-full"]').trigger('click')
    await wrapper.get('[data-testid="storage-ok"]').trigger('click')
    expect(transport.sent).toEqual([
      { type: 'fault', device: 'storage', fault: 'diskFull' },
      { type: 'clearFault', device: 'storage' }
    ])
  })

  it('names a journal that failed its check and accepts it on request', async () => {
    const view = makeTechnicianView({
      integrity: {
        journal: { problem: 'rolledBack', message: 'the journal ends at record 80, but its head (kept beside it) says it reached record 120' },
        storage: null,
        stopped: null,
        journalUnreadable: null
      }
    })
    const { wrapper, transport } = await mountPanel(view)
    expect(normalizeSpaces(wrapper.get('[data-testid="integrity-journal"]').text())).toContain(
      'the journal failed its check at start (rolled back or cut short)'
    )
    expect(wrapper.get('[data-testid="integrity-journal"]').text()).toContain('record 120')
    await wrapper.get('[data-testid="accept-journal"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'acceptJournal' }])
  })

  it('names the storage failure and whether it is the drill', async () => {
    const view = makeTechnicianView({
      integrity: {
        journal: null,
        storage: {
          failure: 'locked',
          message: 'the journal is locked by another process: database is locked',
          since: '2026-12-06T09:00:00.000Z',
          simulated: false
        },
        stopped: null,
        journalUnreadable: null
      }
    })
    const { wrapper } = await mountPanel(view)
    const box = normalizeSpaces(wrapper.get('[data-testid="integrity-storage"]').text())
    expect(box).toContain('the journal cannot be written (locked by another program)')
    expect(box).toContain('database is locked')
    expect(box).not.toContain('simulated')
  })
})
