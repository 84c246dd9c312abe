/** The technician panel's armed faults: arming sends the chosen event, count and action; the armed ones are listed and called off. */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ArmPanel from '../../src/renderer/src/technician/ArmPanel.vue'
import { makeTechnicianView } from './fixtures'
import { mountTechnicianPanel } from './helpers'

describe('ArmPanel', () => {
  it('arms the host down after the 2nd credit with the intent the core takes', async () => {
    const { wrapper, transport } = await mountTechnicianPanel(makeTechnicianView())
    await wrapper.get('[data-testid="arm-when"]').setValue('credited')
    await wrapper.get('[data-testid="arm-nth"]').setValue('2')
    await wrapper.get('[data-testid="arm-action"]').setValue('host:down')
    await wrapper.get('[data-testid="arm-submit"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'arm', when: 'credited', nth: 2, then: { do: 'fault', device: 'host', fault: 'down' } }])
  })

  it('arms the card pulled during the next write, and a decline with its reason on the next payment', async () => {
    const { wrapper, transport } = await mountTechnicianPanel(makeTechnicianView())
    expect(wrapper.find('[data-testid="arm-reason"]').exists()).toBe(false)
    await wrapper.get('[data-testid="arm-when"]').setValue('cardWriting')
    await wrapper.get('[data-testid="arm-action"]').setValue('removeCard')
    await wrapper.get('[data-testid="arm-form"]').trigger('submit')
    await wrapper.get('[data-testid="arm-when"]').setValue('bankCardPayment')
    await wrapper.get('[data-testid="arm-action"]').setValue('pos:decline')
    await wrapper.get('[data-testid="arm-reason"]').setValue('wrongPin')
    await wrapper.get('[data-testid="arm-submit"]').trigger('click')
    expect(transport.sent).toEqual([
      { type: 'arm', when: 'cardWriting', nth: 1, then: { do: 'removeCard' } },
      { type: 'arm', when: 'bankCardPayment', nth: 1, then: { do: 'fault', device: 'pos', fault: 'decline', reason: 'wrongPin' } }
    ])
  })

  it('lists the armed faults with how many of their events were seen, and disarms them all', async () => {
    const armed = [
      { id: 3, when: 'credited' as const, nth: 2, seen: 1, then: { do: 'fault' as const, device: 'host' as const, fault: 'down' as const } },
      { id: 4, when: 'receiptPrinting' as const, nth: 1, seen: 0, then: { do: 'fault' as const, device: 'printer' as const, fault: 'paperOut' as const } }
    ]
    const { wrapper, transport } = await mountTechnicianPanel(makeTechnicianView({ armed }))
    expect(wrapper.get('[data-testid="armed-3"]').text()).toContain('On the 2nd a credit the host answered: Host link: Down')
    expect(wrapper.get('[data-testid="armed-seen-3"]').text()).toBe('seen 1 of 2')
    expect(wrapper.get('[data-testid="armed-4"]').text()).toContain('On the next a receipt being printed: Printer: Paper out')
    await wrapper.get('[data-testid="disarm-all"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'disarm' }])
  })

  it('says nothing is armed, with "Disarm all" off, and shows the core\u2019s refusal', () => {
    const wrapper = mount(ArmPanel, { props: { view: makeTechnicianView(), error: 'invalid arm: nth: expected an integer from 1 to 99' } })
    expect(wrapper.get('[data-testid="armed-none"]').text()).toBe('Nothing armed.')
    expect(wrapper.get('[data-testid="disarm-all"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="arm-error"]').text()).toBe('Refused: invalid arm: nth: expected an integer from 1 to 99')
  })
})
