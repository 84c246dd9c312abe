import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import type { ChartView } from '../../src/core/protocol/training'
import { statechartGraph, type ChartMachine } from '../../src/core/training/statechart'
import { createKioskI18n } from '../../src/renderer/src/i18n'
import { useTechnicianStore } from '../../src/renderer/src/stores/kiosk'
import StatechartApp from '../../src/renderer/src/statechart/StatechartApp.vue'
import { chartSvgText, exportFileName } from '../../src/renderer/src/statechart/exportSvg'
import { layoutMachine, type MachineLayout } from '../../src/renderer/src/statechart/layout'
import { sampleViewFor } from '../../src/renderer/src/statechart/sampleViews'
import { makeCash, makeTechnicianView, makeView, CARD } from './fixtures'
import { createFakeTransport, freshPinia } from './helpers'

/** A quick stand-in for ELK in component tests: every state in a row (ELK itself is tested below and in the browser). */
const rowLayout = async (m: ChartMachine): Promise<MachineLayout> => ({
  id: m.id,
  width: m.nodes.length * 110,
  height: 40,
  nodes: m.nodes.map((node, i) => ({ node, x: i * 110, y: 0, width: 100, height: 34, depth: node.id.split('.').length - 1 })),
  edges: []
})

const CASH_CHART: ChartView = {
  active: ['kiosk', 'kiosk.session', 'kiosk.session.flow', 'kiosk.session.flow.cash', 'kiosk.session.flow.cash.open', 'billValidator', 'billValidator.idle'],
  events: [
    { n: 7, at: '2026-11-25T06:00:01.000Z', machine: 'kiosk', type: 'customer.payCash', payload: {} },
    { n: 8, at: '2026-11-25T06:00:02.000Z', machine: 'billValidator', type: 'insert', payload: { note: { currency: 'KZT', value: 1000 } } }
  ]
}

async function mountChart(chart: ChartView = CASH_CHART) {
  const pinia = freshPinia()
  const transport = createFakeTransport()
  useTechnicianStore(pinia).connect(transport)
  const live = makeView({ screen: 'cash', card: CARD, amountKzt: 5000, cash: makeCash(), canCancel: true })
  const wrapper = mount(StatechartApp, {
    props: { loadGraph: async () => statechartGraph(), layout: rowLayout },
    global: { plugins: [pinia, createKioskI18n('en')] },
    attachTo: document.body
  })
  transport.emit({ type: 'connection', connected: true })
  transport.emit({ type: 'technicianView', view: makeTechnicianView({ kiosk: live, chart }) })
  await flushPromises()
  await nextTick()
  return { wrapper, transport }
}

describe('the statechart page', () => {
  it('highlights the active states and where each machine is', async () => {
    const { wrapper } = await mountChart()
    const active = wrapper.findAll('[data-active]').map((g) => g.attributes('data-state'))
    expect(active).toEqual(['kiosk', 'kiosk.session', 'kiosk.session.flow', 'kiosk.session.flow.cash', 'kiosk.session.flow.cash.open'])
    expect(wrapper.get('[data-state="kiosk.session.flow.cash.open"] rect').attributes('fill')).toBe('#ffe08a')
    expect(wrapper.get('[data-state="kiosk.idle"] rect').attributes('fill')).toBe('#ffffff')
    expect(wrapper.get('[data-testid="chart-where"]').text()).toContain('kiosk session.flow.cash.open')
    expect(wrapper.get('[data-testid="chart-where"]').text()).toContain('billValidator idle')
    wrapper.unmount()
  })

  it('lists the last events newest first with their payloads', async () => {
    const { wrapper } = await mountChart()
    const items = wrapper.findAll('[data-testid="chart-events"] li')
    expect(items.map((li) => li.attributes('data-event'))).toEqual(['insert', 'customer.payCash'])
    expect(items[0]!.get('pre').text().replace(/\s+/g, '')).toBe('{"note":{"currency":"KZT","value":1000}}')
    expect(items[1]!.find('pre').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows a clicked state: its id, screen and transitions, and its screen drawn live when active or with a sample', async () => {
    const { wrapper } = await mountChart()
    await wrapper.get('[data-state="kiosk.session.flow.cash.open"]').trigger('click')
    expect(wrapper.get('[data-testid="state-id"]').text()).toBe('kiosk.session.flow.cash.open')
    // A state without a screen of its own shows its parent's.
    expect(wrapper.get('[data-testid="state-screen"]').text()).toBe('cash (its parent’s)')
    expect(wrapper.get('[data-testid="state-screen-preview"]').attributes('data-screen')).toBe('cash')
    expect(wrapper.find('[data-testid="state-screen-preview"] [data-testid="screen-cash"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('Its screen, live')

    await wrapper.get('[data-state="kiosk.session.flow.amount"]').trigger('click')
    expect(wrapper.get('[data-testid="state-screen-preview"]').attributes('data-screen')).toBe('amount')
    expect(wrapper.find('[data-testid="screen-amount"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('Its screen, with a sample view')
    expect(wrapper.get('[data-testid="state-panel"]').text()).toContain('customer.submitAmount')
    wrapper.unmount()
  })

  it('switches machines', async () => {
    const { wrapper } = await mountChart()
    await wrapper.get('button[data-machine="cardReader"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('svg').attributes('data-machine')).toBe('cardReader')
    expect(wrapper.findAll('[data-state]').map((g) => g.attributes('data-state'))).toEqual([
      'cardReader',
      'cardReader.empty',
      'cardReader.present',
      'cardReader.writing'
    ])
    wrapper.unmount()
  })

  it('exports the whole drawing as standalone SVG with the highlight kept', async () => {
    const { wrapper } = await mountChart()
    const svg = wrapper.get('svg').element as SVGSVGElement
    const text = chartSvgText(svg, { width: 500, height: 40 })
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
    expect(doc.documentElement.getAttribute('viewBox')).toBe('-24 -24 548 88')
    expect(doc.querySelector('.chart-view')?.getAttribute('transform')).toBeNull()
    expect(doc.querySelectorAll('[data-active]')).toHaveLength(5)
    expect(exportFileName(new Date('2026-11-25T06:00:00.000Z'))).toBe('statechart-2026-11-25T06-00-00.000Z.svg')
    wrapper.unmount()
  })
})

describe('statechart layout and samples', () => {
  it('lays a machine out with ELK: children inside their parents, arrows with points and labels', async () => {
    const machine = statechartGraph().machines.find((m) => m.id === 'billValidator')!
    const layout = await layoutMachine(machine)
    const byId = new Map(layout.nodes.map((p) => [p.node.id, p]))
    expect(layout.nodes).toHaveLength(machine.nodes.length)
    for (const p of layout.nodes) {
      const parent = p.node.parent ? byId.get(p.node.parent)! : null
      if (!parent) continue
      expect(p.x).toBeGreaterThanOrEqual(parent.x)
      expect(p.y).toBeGreaterThanOrEqual(parent.y)
      expect(p.x + p.width).toBeLessThanOrEqual(parent.x + parent.width + 0.5)
      expect(p.y + p.height).toBeLessThanOrEqual(parent.y + parent.height + 0.5)
    }
    expect(layout.edges.length).toBeGreaterThan(5)
    for (const e of layout.edges) expect(e.points.length).toBeGreaterThanOrEqual(2)
    expect(layout.edges.some((e) => e.label?.text === 'insert')).toBe(true)
  }, 30_000)

  it('samples the parts a screen reads, on the live view’s terminal and language', () => {
    const live = makeView({ language: 'kk' })
    expect(sampleViewFor('cash', live)).toMatchObject({ screen: 'cash', language: 'kk', cash: { remainingKzt: 3000 } })
    expect(sampleViewFor('receipt', null).receipt?.maskedCard).toBe('9398 •••• •••• 2222')
    expect(sampleViewFor('amount', null)).toMatchObject({ screen: 'amount', card: { balanceKzt: 1500 } })
  })
})
