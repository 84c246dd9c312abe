import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { useTechnicianStore } from '../../src/renderer/src/stores/kiosk'
import TechnicianApp from '../../src/renderer/src/technician/TechnicianApp.vue'
import type { TechnicianView } from '../../src/core/protocol'
import { makeCash, makeQuote, makeTechnicianView, makeView } from './fixtures'
import { createFakeTransport, freshPinia, mountTechnicianPanel } from './helpers'

const mountPanel = (view: TechnicianView = makeTechnicianView()) => mountTechnicianPanel(view)

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

  it('taps any demo card by its handle (it never sees a full number) and removes the card', async () => {
    const { wrapper, transport } = await mountPanel()
    expect(wrapper.findAll('[data-testid^="tap-"]')).toHaveLength(3)
    expect(wrapper.get('[data-testid="card-9398-4444"]').text()).toContain('9398 •••• •••• 4444')
    expect(wrapper.get('[data-testid="card-9398-4444"]').text()).toContain('blocked')
    await wrapper.get('[data-testid="tap-9398-4444"]').trigger('click')
    await wrapper.get('[data-testid="remove-card"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'tapCard', cardRef: '4'.repeat(64) }, { type: 'removeCard' }])
  })

  it('taps a card number typed in full, once it has 16 digits', async () => {
    const { wrapper, transport } = await mountPanel()
    const input = wrapper.get('[data-testid="typed-card-number"]')
    await input.setValue('12345678')
    expect(wrapper.get('[data-testid="typed-card-tap"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="typed-card"]').trigger('submit')
    await input.setValue('1234567812345678')
    await wrapper.get('[data-testid="typed-card"]').trigger('submit')
    expect(transport.sent).toEqual([{ type: 'tapCard', number: '1234567812345678' }])
  })

  it('says it needs the printed technician link when opened without its key', async () => {
    const pinia = freshPinia()
    useTechnicianStore(pinia).keyMissing = true
    const wrapper = mount(TechnicianApp, { global: { plugins: [pinia] } })
    expect(wrapper.get('[data-testid="key-missing"]').text()).toContain('needs the technician link the web host printed')
    expect(wrapper.find('[data-testid="waiting"]').exists()).toBe(false)
  })

  it('inserts every accepted note', async () => {
    const { wrapper, transport } = await mountPanel()
    const values = [200, 500, 1000, 2000, 5000, 10000, 20000]
    for (const value of values) await wrapper.get(`[data-testid="insert-KZT-${value}"]`).trigger('click')
    expect(transport.sent).toEqual(values.map((value) => ({ type: 'insertBill', currency: 'KZT', value })))
  })

  it('groups the accepted notes by currency and inserts foreign ones', async () => {
    const { wrapper, transport } = await mountPanel()
    const groups = wrapper.findAll('[data-testid^="notes-"]')
    expect(groups.map((g) => g.attributes('data-testid'))).toEqual(['notes-KZT', 'notes-USD', 'notes-EUR', 'notes-RUB', 'notes-CNY'])
    expect(
      wrapper
        .get('[data-testid="notes-USD"]')
        .findAll('button')
        .map((b) => b.text())
    ).toEqual(['1', '2', '5', '10', '20', '50', '100'])
    expect(wrapper.get('[data-testid="notes-RUB"]').text()).toContain('RUB')
    await wrapper.get('[data-testid="insert-USD-20"]').trigger('click')
    await wrapper.get('[data-testid="insert-RUB-5000"]').trigger('click')
    expect(transport.sent).toEqual([
      { type: 'insertBill', currency: 'USD', value: 20 },
      { type: 'insertBill', currency: 'RUB', value: 5000 }
    ])
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

  it('collects the cassette, but not while the validator is jammed', async () => {
    const { wrapper, transport } = await mountPanel()
    await wrapper.get('[data-testid="collect-cash"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'collectCash' }])
    const base = makeTechnicianView()
    const jammed = { ...base, devices: { ...base.devices, billValidator: { ...base.devices.billValidator, condition: 'jam' as const } } }
    const { wrapper: jammedPanel } = await mountPanel(jammed)
    expect(jammedPanel.get('[data-testid="collect-cash"]').attributes('disabled')).toBeDefined()
  })

  it('opens and closes the service door, and says who is logged in to service mode', async () => {
    const { wrapper, transport } = await mountPanel()
    expect(wrapper.get('[data-testid="kiosk-service"]').text()).toBe('—')
    await wrapper.get('[data-testid="service-door-open"]').trigger('click')
    await wrapper.get('[data-testid="service-door-close"]').trigger('click')
    expect(transport.sent).toEqual([
      { type: 'serviceDoor', open: true },
      { type: 'serviceDoor', open: false }
    ])
    const base = makeTechnicianView()
    const service = { role: 'collector' as const, pages: [], pinWrong: false, attemptsLeft: 3, lockedUntil: null, page: null, notice: null, training: true }
    const { wrapper: inService } = await mountPanel({ ...base, kiosk: { ...base.kiosk, service, training: true } })
    expect(inService.get('[data-testid="kiosk-service"]').text()).toBe('collector · training mode')
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
    // Drawn from the receiptline document the printer kept (the SVG places one character per text element).
    const printed = wrapper.get('[data-testid="last-receipt"]')
    expect(printed.find('svg').exists()).toBe(true)
    expect(printed.text().replace(/\s/g, '')).toContain('TOTAL5000KZT')
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

  it('clears the last refusal when the next intent is sent', async () => {
    const { wrapper, transport } = await mountPanel()
    transport.emit({ type: 'error', message: 'invalid intent at number: expected 16 digits' })
    await nextTick()
    await wrapper.get('[data-testid="remove-card"]').trigger('click')
    expect(wrapper.find('[data-testid="last-error"]').exists()).toBe(false)
  })
})

describe('TechnicianApp: rates', () => {
  it('lists the market rates, each with an input holding it', async () => {
    const { wrapper } = await mountPanel()
    expect(wrapper.findAll('[data-testid^="market-rate-"]').map((r) => r.text())).toEqual(['471.3725', '512.40', '5.1215', '65.08'])
    expect((wrapper.get('[data-testid="rate-input-USD"]').element as HTMLInputElement).value).toBe('471.3725')
    expect(wrapper.get('[data-testid="rates"]').text()).toContain('applies to new quotes only')
  })

  it('sets a rate', async () => {
    const { wrapper, transport } = await mountPanel()
    await wrapper.get('[data-testid="rate-input-USD"]').setValue(' 480.5 ')
    await wrapper.get('[data-testid="set-rate-USD"]').trigger('click')
    await wrapper.get('[data-testid="rate-input-CNY"]').setValue('66')
    await wrapper.get('[data-testid="rate-input-CNY"]').trigger('keydown', { key: 'Enter' })
    expect(transport.sent).toEqual([
      { type: 'setRate', currency: 'USD', rate: '480.5' },
      { type: 'setRate', currency: 'CNY', rate: '66' }
    ])
  })

  it('sends nothing for an empty rate', async () => {
    const { wrapper, transport } = await mountPanel()
    await wrapper.get('[data-testid="rate-input-EUR"]').setValue('  ')
    await wrapper.get('[data-testid="set-rate-EUR"]').trigger('click')
    expect(transport.sent).toEqual([])
  })

  it("shows the core's refusal of a rate, and clears it with the next rate", async () => {
    const { wrapper, transport } = await mountPanel()
    await wrapper.get('[data-testid="rate-input-USD"]').setValue('471.37251')
    await wrapper.get('[data-testid="set-rate-USD"]').trigger('click')
    transport.emit({ type: 'error', message: 'invalid intent at rate: expected a decimal string with at most 4 decimals, such as "471.3725"' })
    await nextTick()
    expect(wrapper.get('[data-testid="rate-error"]').text()).toContain('at most 4 decimals')
    await wrapper.get('[data-testid="rate-input-USD"]').setValue('471.3726')
    await wrapper.get('[data-testid="set-rate-USD"]').trigger('click')
    expect(wrapper.find('[data-testid="rate-error"]').exists()).toBe(false)
  })

  it('does not show a refusal of another control as a rate error', async () => {
    const { wrapper, transport } = await mountPanel()
    await wrapper.get('[data-testid="remove-card"]').trigger('click')
    transport.emit({ type: 'error', message: 'no card on the reader' })
    await nextTick()
    expect(wrapper.find('[data-testid="rate-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="last-error"]').text()).toContain('no card on the reader')
  })

  it('takes a new market rate from the core into its input', async () => {
    const { wrapper, transport } = await mountPanel()
    transport.emit({
      type: 'technicianView',
      view: makeTechnicianView({
        marketRates: [
          { currency: 'USD', rate: '480.5' },
          { currency: 'EUR', rate: '512.40' }
        ]
      })
    })
    await nextTick()
    expect(wrapper.get('[data-testid="market-rate-USD"]').text()).toBe('480.5')
    expect((wrapper.get('[data-testid="rate-input-USD"]').element as HTMLInputElement).value).toBe('480.5')
  })

  it('shows the rates quoted on the kiosk screen, and whether they are locked', async () => {
    const locked = makeTechnicianView()
    expect(locked.kiosk.cash?.quote?.validUntil).toBeNull()
    const { wrapper } = await mountPanel(locked)
    expect(wrapper.get('[data-testid="quoted-rate-USD"]').text()).toBe('471.3725 locked')
    const open = makeTechnicianView({ kiosk: makeView({ screen: 'cash', amountKzt: 5000, cash: makeCash({ stacked: [], quote: makeQuote() }) }) })
    const second = await mountPanel(open)
    expect(second.wrapper.get('[data-testid="quoted-rate-USD"]').text()).toBe('471.3725')
  })
})

describe('TechnicianApp: POS terminal', () => {
  const withPos = (pos: TechnicianView['devices']['pos']) => {
    const view = makeTechnicianView()
    return { ...view, devices: { ...view.devices, pos } }
  }

  it('shows how the terminal answers', async () => {
    expect((await mountPanel()).wrapper.get('[data-testid="pos-state"]').text()).toBe('approves')
    expect((await mountPanel(withPos({ fault: 'decline', declineReason: 'wrongPin' }))).wrapper.get('[data-testid="pos-state"]').text()).toBe(
      'declines (wrongPin)'
    )
    expect((await mountPanel(withPos({ fault: 'timeout', declineReason: null }))).wrapper.get('[data-testid="pos-state"]').text()).toBe(
      'does not answer (timeout)'
    )
  })

  it('approves, declines with a reason, and times out', async () => {
    const { wrapper, transport } = await mountPanel()
    const reasons = wrapper.findAll('[data-testid="pos-decline-reason"] option').map((o) => o.text())
    expect(reasons).toEqual(['insufficientFunds', 'cardNotSupported', 'wrongPin', 'cancelledByCustomer'])
    await wrapper.get('[data-testid="pos-decline"]').trigger('click')
    await wrapper.get('[data-testid="pos-decline-reason"]').setValue('cardNotSupported')
    await wrapper.get('[data-testid="pos-decline"]').trigger('click')
    await wrapper.get('[data-testid="pos-timeout"]').trigger('click')
    await wrapper.get('[data-testid="pos-approve"]').trigger('click')
    expect(transport.sent).toEqual([
      { type: 'fault', device: 'pos', fault: 'decline', reason: 'insufficientFunds' },
      { type: 'fault', device: 'pos', fault: 'decline', reason: 'cardNotSupported' },
      { type: 'fault', device: 'pos', fault: 'timeout' },
      { type: 'clearFault', device: 'pos' }
    ])
  })
})

describe('TechnicianApp: host link', () => {
  const withHost = (fault: TechnicianView['devices']['host']['fault']) => {
    const view = makeTechnicianView()
    return { ...view, devices: { ...view.devices, host: { fault, address: null, silent: false } } }
  }

  it('shows the state of the link, in the panel and the kiosk status', async () => {
    const up = await mountPanel()
    expect(up.wrapper.get('[data-testid="host-state"]').text()).toBe('up')
    expect(up.wrapper.get('[data-testid="kiosk-host"]').text()).toBe('up')
    const states = {
      slow: 'slow',
      down: 'down',
      timeoutAfterCredit: 'next answer lost (after credit)',
      timeoutBeforeCredit: 'next request lost (before credit)'
    } as const
    for (const [fault, text] of Object.entries(states)) {
      const { wrapper } = await mountPanel(withHost(fault as keyof typeof states))
      expect(wrapper.get('[data-testid="host-state"]').text(), fault).toBe(text)
      expect(wrapper.get('[data-testid="kiosk-host"]').text(), fault).toBe(text)
    }
  })

  it('names a remote host and says when it does not answer, the trainer’s fault first', async () => {
    const view = makeTechnicianView()
    const remote = (fault: TechnicianView['devices']['host']['fault'], silent: boolean) => ({
      ...view,
      devices: { ...view.devices, host: { fault, address: 'http://10.0.0.5:8090', silent } }
    })
    const local = await mountPanel()
    expect(local.wrapper.get('[data-testid="host-address"]').text()).toBe('simulated in this process')
    expect(local.wrapper.find('[data-testid="cards-remote-note"]').exists()).toBe(false)
    const silent = await mountPanel(remote(null, true))
    expect(silent.wrapper.get('[data-testid="host-address"]').text()).toContain('http://10.0.0.5:8090 over HTTP')
    expect(silent.wrapper.get('[data-testid="host-state"]').text()).toBe('not answering (echo test every 5 s)')
    expect(silent.wrapper.get('[data-testid="kiosk-host"]').text()).toBe('not answering (echo test every 5 s)')
    expect(silent.wrapper.get('[data-testid="cards-remote-note"]').text()).toContain('as the host at http://10.0.0.5:8090 last answered')
    const slowToo = await mountPanel(remote('slow', true))
    expect(slowToo.wrapper.get('[data-testid="host-state"]').text()).toBe('slow')
  })

  it('marks the button of the current state', async () => {
    const { wrapper } = await mountPanel(withHost('down'))
    expect(wrapper.get('[data-testid="host-down"]').classes()).toContain('tech-button--primary')
    expect(wrapper.get('[data-testid="host-up"]').classes()).not.toContain('tech-button--primary')
  })

  it('takes the link down, slows it, loses the next answer or request, and brings it up', async () => {
    const { wrapper, transport } = await mountPanel()
    expect(wrapper.get('[data-testid="host-timeout-after"]').text()).toBe('Lose next answer (after credit)')
    expect(wrapper.get('[data-testid="host-timeout-before"]').text()).toBe('Lose next request (before credit)')
    for (const id of ['host-down', 'host-slow', 'host-timeout-after', 'host-timeout-before', 'host-up'])
      await wrapper.get(`[data-testid="${id}"]`).trigger('click')
    expect(transport.sent).toEqual([
      { type: 'fault', device: 'host', fault: 'down' },
      { type: 'fault', device: 'host', fault: 'slow' },
      { type: 'fault', device: 'host', fault: 'timeoutAfterCredit' },
      { type: 'fault', device: 'host', fault: 'timeoutBeforeCredit' },
      { type: 'clearFault', device: 'host' }
    ])
  })
})

describe('TechnicianApp: printer', () => {
  const withPrinter = (printer: Partial<TechnicianView['devices']['printer']>) => {
    const view = makeTechnicianView()
    return { ...view, devices: { ...view.devices, printer: { ...view.devices.printer, ...printer } } }
  }

  it('shows the state of the printer and marks its button', async () => {
    const ok = await mountPanel()
    expect(ok.wrapper.get('[data-testid="printer-state"]').text()).toBe('OK')
    expect(ok.wrapper.get('[data-testid="printer-ok"]').classes()).toContain('tech-button--primary')
    const states = {
      paperLow: ['paper low (still prints)', 'printer-paper-low'],
      paperOut: ['out of paper', 'printer-paper-out'],
      jam: ['jammed', 'printer-jam']
    } as const
    for (const [fault, [text, button]] of Object.entries(states)) {
      const { wrapper } = await mountPanel(withPrinter({ fault: fault as keyof typeof states }))
      expect(wrapper.get('[data-testid="printer-state"]').text(), fault).toBe(text)
      expect(wrapper.get(`[data-testid="${button}"]`).classes(), fault).toContain('tech-button--primary')
      expect(wrapper.get('[data-testid="printer-ok"]').classes(), fault).not.toContain('tech-button--primary')
    }
  })

  it('runs low on paper, runs out, jams, and is put right', async () => {
    const { wrapper, transport } = await mountPanel()
    expect(['printer-ok', 'printer-paper-low', 'printer-paper-out', 'printer-jam'].map((id) => wrapper.get(`[data-testid="${id}"]`).text())).toEqual([
      'OK',
      'Paper low',
      'Paper out',
      'Jam'
    ])
    for (const id of ['printer-paper-low', 'printer-paper-out', 'printer-jam', 'printer-ok']) await wrapper.get(`[data-testid="${id}"]`).trigger('click')
    expect(transport.sent).toEqual([
      { type: 'fault', device: 'printer', fault: 'paperLow' },
      { type: 'fault', device: 'printer', fault: 'paperOut' },
      { type: 'fault', device: 'printer', fault: 'jam' },
      { type: 'clearFault', device: 'printer' }
    ])
  })

  it('lists the reprintable receipts, newest first, and reprints one', async () => {
    const { wrapper, transport } = await mountPanel(withPrinter({ reprintable: ['00412783-000003', '00412783-000002', '00412783-000001'] }))
    const items = wrapper.findAll('[data-testid="reprint-list"] li')
    expect(items.map((li) => li.find('span').text())).toEqual(['00412783-000003', '00412783-000002', '00412783-000001'])
    expect(wrapper.get('[data-testid="reprint-00412783-000002"]').text()).toBe('Reprint')
    await wrapper.get('[data-testid="reprint-00412783-000002"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'reprint', transactionId: '00412783-000002' }])
  })

  it('draws the last receipt at the width of the printer’s paper', async () => {
    const view = makeTechnicianView()
    for (const [receiptPaper, width] of [
      ['58mm', 384],
      ['80mm', 576]
    ] as const) {
      const { wrapper } = await mountPanel({ ...view, kiosk: { ...view.kiosk, receiptPaper } })
      expect(wrapper.get('[data-testid="last-receipt"] > svg').attributes('width'), receiptPaper).toBe(`${width}px`)
    }
  })

  it('says when there is nothing to reprint', async () => {
    const { wrapper } = await mountPanel(withPrinter({ reprintable: [], printed: 0, lastReceipt: null }))
    expect(wrapper.find('[data-testid="reprint-list"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="reprint-none"]').text()).toBe('No receipts since the kiosk started.')
    expect(wrapper.find('[data-testid^="reprint-0"]').exists()).toBe(false)
  })

  it("shows the core's refusal of a reprint in the printer panel, not of other controls", async () => {
    const { wrapper, transport } = await mountPanel()
    await wrapper.get('[data-testid="reprint-TX-00412783-000042"]').trigger('click')
    transport.emit({ type: 'error', message: 'no receipt for TX-00412783-000042 on this kiosk since it started' })
    await nextTick()
    expect(wrapper.get('[data-testid="printer-error"]').text()).toBe('Refused: no receipt for TX-00412783-000042 on this kiosk since it started')
    await wrapper.get('[data-testid="host-down"]').trigger('click')
    transport.emit({ type: 'error', message: 'something else' })
    await nextTick()
    expect(wrapper.find('[data-testid="printer-error"]').exists()).toBe(false)
  })
})

describe('TechnicianApp: bill validator faults', () => {
  const withValidator = (billValidator: Partial<TechnicianView['devices']['billValidator']>) => {
    const view = makeTechnicianView()
    return { ...view, devices: { ...view.devices, billValidator: { ...view.devices.billValidator, ...billValidator } } }
  }

  it('shows the condition, the stacker count against its capacity, and marks the OK button', async () => {
    const { wrapper } = await mountPanel()
    expect(wrapper.get('[data-testid="validator-condition"]').text()).toBe('OK')
    expect(wrapper.get('[data-testid="validator-stacker"]').text()).toBe('3 / 500 notes')
    expect(wrapper.get('[data-testid="validator-ok"]').classes()).toContain('tech-button--primary')
    expect(wrapper.find('[data-testid="validator-counterfeit-armed"]').exists()).toBe(false)
  })

  it('counts every note in the stacker', async () => {
    const cashbox = [
      { currency: 'KZT' as const, value: 2000, count: 3 },
      { currency: 'USD' as const, value: 20, count: 2 }
    ]
    const { wrapper } = await mountPanel(withValidator({ cashbox, stackerCapacity: 5, condition: 'stackerFull' }))
    expect(wrapper.get('[data-testid="validator-stacker"]').text()).toBe('5 / 5 notes')
  })

  it('shows the stacker full and the cassette removed, and marks their buttons', async () => {
    const states = {
      stackerFull: ['stacker full (no notes taken)', 'validator-stacker-full'],
      cassetteRemoved: ['cassette removed (no notes taken)', 'validator-cassette-removed']
    } as const
    for (const [condition, [text, button]] of Object.entries(states)) {
      const { wrapper } = await mountPanel(withValidator({ condition: condition as keyof typeof states }))
      expect(wrapper.get('[data-testid="validator-condition"]').text(), condition).toBe(text)
      expect(wrapper.get(`[data-testid="${button}"]`).classes(), condition).toContain('tech-button--primary')
      expect(wrapper.get('[data-testid="validator-ok"]').classes(), condition).not.toContain('tech-button--primary')
    }
  })

  it('says when the next note is armed as counterfeit', async () => {
    const { wrapper } = await mountPanel(withValidator({ counterfeitNext: true }))
    expect(wrapper.get('[data-testid="validator-counterfeit-armed"]').text()).toBe('next note: counterfeit')
    expect(wrapper.get('[data-testid="validator-counterfeit"]').classes()).toContain('tech-button--primary')
  })

  it('fills the stacker, removes the cassette, arms a counterfeit note, jams, and is put right', async () => {
    const { wrapper, transport } = await mountPanel()
    for (const id of ['validator-stacker-full', 'validator-cassette-removed', 'validator-counterfeit', 'validator-jam', 'validator-ok'])
      await wrapper.get(`[data-testid="${id}"]`).trigger('click')
    expect(transport.sent).toEqual([
      { type: 'fault', device: 'billValidator', fault: 'stackerFull' },
      { type: 'fault', device: 'billValidator', fault: 'cassetteRemoved' },
      { type: 'fault', device: 'billValidator', fault: 'counterfeit' },
      { type: 'fault', device: 'billValidator', fault: 'jam' },
      { type: 'clearFault', device: 'billValidator' }
    ])
  })

  it('shows a jam: the condition, the note stuck in the path (in doubt), and marks the Jam button', async () => {
    const { wrapper } = await mountPanel(withValidator({ condition: 'jam', jammedNote: { currency: 'KZT', value: 5000 } }))
    expect(wrapper.get('[data-testid="validator-condition"]').text()).toBe('jammed (no notes taken until cleared)')
    expect(wrapper.get('[data-testid="validator-jammed-note"]').text()).toBe('5000 KZT in the path — in doubt: staff check whether it reached the cashbox')
    expect(wrapper.get('[data-testid="validator-jam"]').classes()).toContain('tech-button--primary')
    expect(wrapper.get('[data-testid="validator-ok"]').classes()).not.toContain('tech-button--primary')
    expect(wrapper.find('[data-testid="validator-jam-armed"]').exists()).toBe(false)
  })

  it('says when a jam is armed for the next note, and shows no jammed note before it', async () => {
    const { wrapper } = await mountPanel(withValidator({ jamNext: true }))
    expect(wrapper.get('[data-testid="validator-jam-armed"]').text()).toBe('next note: jams while stacking')
    expect(wrapper.get('[data-testid="validator-jam"]').classes()).toContain('tech-button--primary')
    expect(wrapper.get('[data-testid="validator-condition"]').text()).toContain('OK')
    expect(wrapper.find('[data-testid="validator-jammed-note"]').exists()).toBe(false)
  })
})

describe('TechnicianApp: card reader', () => {
  const withReader = (cardReader: Partial<TechnicianView['devices']['cardReader']>) => {
    const view = makeTechnicianView()
    return { ...view, devices: { ...view.devices, cardReader: { ...view.devices.cardReader, ...cardReader } } }
  }
  const text = (wrapper: Awaited<ReturnType<typeof mountPanel>>['wrapper'], id: string) => wrapper.get(`[data-testid="${id}"]`).text()

  it('shows the card on the reader and that nothing is to be written, and marks OK', async () => {
    const { wrapper } = await mountPanel()
    expect(text(wrapper, 'reader-state')).toBe('card present')
    expect(text(wrapper, 'card-present')).toBe('9398 •••• •••• 2222')
    expect(text(wrapper, 'reader-writing-for')).toBe('—')
    expect(wrapper.find('[data-testid="reader-read-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="reader-ok"]').classes()).toContain('tech-button--primary')
    expect(wrapper.get('[data-testid="reader-read-error-fault"]').classes()).not.toContain('tech-button--primary')
  })

  it('shows the card the kiosk waits for, then the card being written', async () => {
    const waiting = await mountPanel(withReader({ cardPresent: null, state: 'empty', writingFor: '9398 •••• •••• 2222' }))
    expect(text(waiting.wrapper, 'reader-state')).toBe('empty')
    expect(text(waiting.wrapper, 'card-present')).toBe('none')
    expect(text(waiting.wrapper, 'reader-writing-for')).toBe('9398 •••• •••• 2222 (waiting for this card to be placed)')
    const writing = await mountPanel(withReader({ state: 'writing', writingFor: '9398 •••• •••• 2222' }))
    expect(text(writing.wrapper, 'reader-state')).toBe('writing a top-up onto the card')
    expect(text(writing.wrapper, 'reader-writing-for')).toBe('9398 •••• •••• 2222 (writing now: removing the card fails the write)')
  })

  it('shows the read-error fault and marks its button', async () => {
    const { wrapper } = await mountPanel(withReader({ readError: true, cardPresent: null, state: 'empty' }))
    expect(text(wrapper, 'reader-read-error')).toBe('read error: every tap fails')
    expect(wrapper.get('[data-testid="reader-read-error-fault"]').classes()).toContain('tech-button--primary')
    expect(wrapper.get('[data-testid="reader-ok"]').classes()).not.toContain('tech-button--primary')
  })

  it('switches the read error on and off, and still taps and removes cards', async () => {
    const { wrapper, transport } = await mountPanel()
    for (const id of ['reader-read-error-fault', 'tap-9398-2222', 'reader-ok', 'remove-card']) await wrapper.get(`[data-testid="${id}"]`).trigger('click')
    expect(transport.sent).toEqual([
      { type: 'fault', device: 'cardReader', fault: 'readError' },
      { type: 'tapCard', cardRef: '2'.repeat(64) },
      { type: 'clearFault', device: 'cardReader' },
      { type: 'removeCard' }
    ])
  })
})

describe('the cash panel', () => {
  it('shows the counters since the collection and over the life, and each collection with its recount', async () => {
    const { wrapper } = await mountPanel()
    expect(wrapper.get('[data-testid="since-collection"]').text()).toBe('3 × 2000 KZT')
    expect(wrapper.get('[data-testid="lifetime"]').text()).toBe('4 × 1000 KZT, 7 × 2000 KZT')
    expect(wrapper.get('[data-testid="collections"]').text()).toContain('not entered')
  })

  it("records the collector's recount of the last collection, starting from the journal's count", async () => {
    const { wrapper, transport } = await mountPanel()
    expect((wrapper.get('[data-testid="recount-KZT-1000"]').element as HTMLInputElement).value).toBe('4')
    await wrapper.get('[data-testid="recount-KZT-1000"]').setValue('3')
    await wrapper.get('[data-testid="recount"]').trigger('submit')
    expect(transport.sent).toEqual([
      {
        type: 'recount',
        notes: [
          { currency: 'KZT', value: 1000, count: 3 },
          { currency: 'KZT', value: 2000, count: 4 }
        ]
      }
    ])
  })
})
