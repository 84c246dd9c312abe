import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { useTechnicianStore } from '../../src/renderer/src/stores/kiosk'
import TechnicianApp from '../../src/renderer/src/technician/TechnicianApp.vue'
import { makeTechnicianView, makeView } from './fixtures'
import { createFakeTransport, freshPinia } from './helpers'

async function mountPanel() {
  const pinia = freshPinia()
  const transport = createFakeTransport()
  useTechnicianStore(pinia).connect(transport)
  const wrapper = mount(TechnicianApp, { global: { plugins: [pinia] } })
  transport.emit({ type: 'connection', connected: true })
  transport.emit({ type: 'technicianView', view: makeTechnicianView() })
  await nextTick()
  return { wrapper, transport }
}

describe('TechnicianApp', () => {
  it('waits for the kiosk before the first technician view', () => {
    const pinia = freshPinia()
    useTechnicianStore(pinia).connect(createFakeTransport())
    const wrapper = mount(TechnicianApp, { global: { plugins: [pinia] } })
    expect(wrapper.get('[data-testid="waiting"]').text()).toBe('Waiting for the kiosk…')
  })

  it("shows the kiosk's screen and machine state", async () => {
    const { wrapper } = await mountPanel()
    expect(wrapper.get('[data-testid="kiosk-screen"]').text()).toBe('cash')
    expect(wrapper.get('[data-testid="kiosk-state"]').text()).toBe('session.cash.accepting')
    expect(wrapper.get('[data-testid="connection"]').text()).toBe('connected')
  })

  it('taps any demo card and removes the card', async () => {
    const { wrapper, transport } = await mountPanel()
    expect(wrapper.findAll('[data-testid^="tap-"]')).toHaveLength(3)
    expect(wrapper.get('[data-testid="card-9398000033334444"]').text()).toContain('blocked')
    await wrapper.get('[data-testid="tap-9398000033334444"]').trigger('click')
    await wrapper.get('[data-testid="remove-card"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'tapCard', number: '9398000033334444' }, { type: 'removeCard' }])
  })

  it('inserts every accepted note', async () => {
    const { wrapper, transport } = await mountPanel()
    const values = [200, 500, 1000, 2000, 5000, 10000, 20000]
    for (const value of values) await wrapper.get(`[data-testid="insert-KZT-${value}"]`).trigger('click')
    expect(transport.sent).toEqual(values.map((value) => ({ type: 'insertBill', currency: 'KZT', value })))
  })

  it('inserts a note that is not accepted', async () => {
    const { wrapper, transport } = await mountPanel()
    const options = wrapper.findAll('[data-testid="other-currency"] option').map((o) => o.text())
    expect(options).toEqual(['KZT', 'USD', 'EUR', 'RUB', 'CNY'])
    await wrapper.get('[data-testid="other-currency"]').setValue('EUR')
    await wrapper.get('[data-testid="other-value"]').setValue('50')
    await wrapper.get('[data-testid="other-note"]').trigger('submit')
    expect(transport.sent).toEqual([{ type: 'insertBill', currency: 'EUR', value: 50 }])
  })

  it('does not insert a note without a whole positive value', async () => {
    const { wrapper, transport } = await mountPanel()
    await wrapper.get('[data-testid="other-value"]').setValue('')
    await wrapper.get('[data-testid="other-note"]').trigger('submit')
    await wrapper.get('[data-testid="other-value"]').setValue('2.5')
    await wrapper.get('[data-testid="other-note"]').trigger('submit')
    expect(transport.sent).toEqual([])
  })

  it('shows the bill validator, the cashbox, the printer and the journal', async () => {
    const { wrapper } = await mountPanel()
    expect(wrapper.get('[data-testid="validator-state"]').text()).toBe('accepting')
    expect(wrapper.get('[data-testid="cashbox"]').text()).toContain('2000 KZT')
    expect(wrapper.get('[data-testid="printed-count"]').text()).toBe('1')
    expect(wrapper.get('[data-testid="last-receipt"]').element.tagName).toBe('PRE')
    expect(wrapper.get('[data-testid="last-receipt"]').text()).toContain('TOTAL 5 000 KZT')
    const rows = wrapper.findAll('[data-testid="journal-entry"]')
    expect(rows.map((r) => r.findAll('td')[0]!.text())).toEqual(['2', '1'])
    expect(rows[0]!.text()).toContain('noteStacked')
    expect(rows[0]!.text()).toContain('"value":2000')
  })

  it('follows new technician views and ignores kiosk views', async () => {
    const { wrapper, transport } = await mountPanel()
    transport.emit({ type: 'view', view: makeView({ screen: 'idle' }) })
    await nextTick()
    expect(wrapper.get('[data-testid="kiosk-screen"]').text()).toBe('cash')
    transport.emit({ type: 'technicianView', view: makeTechnicianView({ kiosk: makeView({ screen: 'receipt' }), state: 'session.receipt' }) })
    await nextTick()
    expect(wrapper.get('[data-testid="kiosk-screen"]').text()).toBe('receipt')
    expect(wrapper.get('[data-testid="kiosk-state"]').text()).toBe('session.receipt')
  })

  it("shows the core's refusals", async () => {
    const { wrapper, transport } = await mountPanel()
    transport.emit({ type: 'error', message: 'invalid intent at number: expected 16 digits' })
    await nextTick()
    expect(wrapper.get('[data-testid="last-error"]').text()).toContain('expected 16 digits')
  })
})
