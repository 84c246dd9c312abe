import type { AnyStateMachine, AnyStateNode, InspectionEvent } from 'xstate'
import { describe, expect, it } from 'vitest'
import { maskCardNumber } from '../../src/core/cards'
import { CoverageRecorder } from '../../src/core/coverage'
import { billValidatorMachine } from '../../src/core/machines/billValidatorMachine'
import { cardReaderMachine } from '../../src/core/machines/cardReaderMachine'
import { kioskMachine } from '../../src/core/machines/kiosk/machine'
import { activeStateIds, CHART_EVENTS, ChartLog, chartPayload, statechartGraph } from '../../src/core/training/statechart'
import { DEMO_CARD, loginAs, makeKiosk, SERVICE_TEST_CONFIG } from './helpers'

const allNodes = (node: AnyStateNode): AnyStateNode[] => [node, ...Object.values(node.states).flatMap(allNodes)]
const machines: [string, AnyStateMachine][] = [
  ['kiosk', kioskMachine],
  ['billValidator', billValidatorMachine],
  ['cardReader', cardReaderMachine]
]

describe('the statechart graph', () => {
  const graph = statechartGraph()
  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(graph))).toEqual(graph)
    expect(graph.machines.map((m) => m.id)).toEqual(['kiosk', 'billValidator', 'cardReader'])
  })

  it.each(machines)('holds every state node of %s with its type, parent, initial child and screen from meta', (id, machine) => {
    const chart = graph.machines.find((m) => m.id === id)!
    const nodes = allNodes(machine.root)
    expect(chart.nodes.map((n) => n.id)).toEqual(nodes.map((n) => n.id))
    for (const node of nodes) {
      const drawn = chart.nodes.find((n) => n.id === node.id)!
      expect(drawn.type).toBe(node.type)
      expect(drawn.parent).toBe(node.parent?.id ?? null)
      expect(drawn.screen).toBe((node.meta as { screen?: string } | undefined)?.screen ?? null)
      expect(drawn.initial).toBe(node.initial?.target[0]?.id ?? null)
    }
  })

  it('reads the screens, flags and requirements from meta', () => {
    const cash = graph.machines[0]!.nodes.find((n) => n.id === 'kiosk.session.flow.cash')!
    expect(cash).toMatchObject({ key: 'cash', type: 'compound', screen: 'cash' })
    expect(cash.tags).toContain('awaitingCustomer')
    expect(cash.requirements.length).toBeGreaterThan(0)
    expect(graph.machines[0]!.nodes.find((n) => n.id === 'kiosk.session')).toMatchObject({ type: 'parallel', screen: null })
  })

  it.each(machines)('has the transitions of %s (as coverage counts them), each target a node of the graph', (id, machine) => {
    const chart = graph.machines.find((m) => m.id === id)!
    const ids = new Set(chart.nodes.map((n) => n.id))
    const counted = new CoverageRecorder([machine]).report()[0]!.transitions.total
    expect(chart.edges).toHaveLength(counted)
    for (const edge of chart.edges) {
      expect(ids.has(edge.source)).toBe(true)
      for (const target of edge.targets) expect(ids.has(target), `${edge.id} → ${target}`).toBe(true)
    }
    expect(new Set(chart.edges.map((e) => e.id)).size).toBe(chart.edges.length)
  })

  it('names delayed, eventless and guarded transitions', () => {
    const edges = graph.machines[0]!.edges
    expect(edges.find((e) => e.source === 'kiosk.session.attention.watching' && e.delayed)).toMatchObject({
      event: 'after inactivity',
      guard: 'isAwaitingCustomer'
    })
    expect(edges.find((e) => e.source === 'kiosk.idle' && e.always)).toMatchObject({ event: 'always', targets: ['kiosk.journalUntrusted'] })
    expect(edges.find((e) => e.source === 'kiosk.idle' && e.event === 'customer.start')).toMatchObject({ targets: ['kiosk.session'], delayed: false })
  })
})

describe('the live chart of a kiosk', () => {
  it('lists the active state ids of every machine, ancestors included, as the kiosk moves', async () => {
    const { kiosk, act } = makeKiosk()
    expect(kiosk.technicianView().chart.active).toEqual(['kiosk', 'kiosk.idle', 'billValidator', 'billValidator.disabled', 'cardReader', 'cardReader.empty'])
    await act({ type: 'tapCard', number: DEMO_CARD })
    const active = kiosk.technicianView().chart.active
    expect(active).toContain('kiosk.session.flow.amount')
    expect(active).toContain('kiosk.session.attention.watching')
    expect(active).toContain('cardReader.present')
    expect(active).not.toContain('kiosk.idle')
    expect(activeStateIds(kiosk.snapshot())).toEqual(active.filter((id) => id.startsWith('kiosk')))
  })

  it('lists the events the machines received with their payloads, card numbers masked, newest last', async () => {
    const { kiosk, act } = makeKiosk()
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'chooseAmount', kzt: 1000 })
    const events = kiosk.technicianView().chart.events
    const text = JSON.stringify(events)
    expect(text).not.toContain(DEMO_CARD)
    expect(text).toContain(maskCardNumber(DEMO_CARD))
    expect(events.find((e) => e.machine === 'cardReader' && e.type === 'present')?.payload).toEqual({ number: maskCardNumber(DEMO_CARD) })
    expect(events.find((e) => e.machine === 'kiosk' && e.type === 'reader.cardTapped')?.payload).toEqual({ number: maskCardNumber(DEMO_CARD) })
    expect(events.at(-1)).toMatchObject({ machine: 'kiosk', type: 'customer.chooseAmount', payload: { kzt: 1000 } })
    expect(events.map((e) => e.n)).toEqual([...events.map((e) => e.n)].sort((a, b) => a - b))
    expect(events.some((e) => e.type === 'xstate.init')).toBe(false)
    expect(events[0]!.at).toBe(new Date(events[0]!.at).toISOString())
  })

  it('shows the customer’s keypad digits as "•": the last digits of a typed card cannot be read', async () => {
    const { kiosk, act } = makeKiosk()
    await act({ type: 'start' })
    for (const key of DEMO_CARD.slice(-8)) await act({ type: 'keypad', key: key as '0' })
    await act({ type: 'submitCard' })
    const events = kiosk.technicianView().chart.events
    const keys = events.filter((e) => e.type === 'customer.keypad')
    expect(keys).toHaveLength(8)
    for (const e of keys) expect(e.payload).toEqual({ key: '•' })
    // Nor through the host's answer (the card it found), nor the query.
    expect(JSON.stringify(events)).not.toMatch(/\d{8}/)
  })

  it('keeps the last 50 events only', async () => {
    const { kiosk, act } = makeKiosk()
    await act({ type: 'start' })
    for (let i = 0; i < 60; i++) await act({ type: 'keypad', key: 'clear' }, 0)
    const events = kiosk.technicianView().chart.events
    expect(events).toHaveLength(CHART_EVENTS)
    expect(events[0]!.n).toBeGreaterThan(1)
    expect(events.at(-1)!.n - events[0]!.n).toBe(CHART_EVENTS - 1)
  })

  it('never sees a service PIN: the runtime checks it and the machine gets the roles', () => {
    const { kiosk } = makeKiosk({ config: SERVICE_TEST_CONFIG })
    loginAs(kiosk, '2222')
    const events = kiosk.technicianView().chart.events
    expect(events.find((e) => e.type === 'staff.pinChecked')?.payload).toMatchObject({ roles: ['technician'] })
    expect(JSON.stringify(events)).not.toContain('2222')
  })
})

describe('the chart event log', () => {
  const event = (machine: string, payload: Record<string, unknown>): InspectionEvent =>
    ({ type: '@xstate.event', actorRef: { logic: { id: machine } }, event: payload }) as unknown as InspectionEvent

  it('takes only events of the charted machines, and passes every inspection event on to another inspector', () => {
    const seen: string[] = []
    const log = new ChartLog(() => 0)
    const inspect = log.inspectWith((e) => seen.push(e.type))
    inspect(event('kiosk', { type: 'customer.start' }))
    inspect(event('lookupCard', { type: 'xstate.done.actor.x' }))
    inspect(event('kiosk', { type: 'xstate.init' }))
    inspect({ type: '@xstate.snapshot' } as InspectionEvent)
    expect(log.list().map((e) => e.type)).toEqual(['customer.start'])
    expect(seen).toEqual(['@xstate.event', '@xstate.event', '@xstate.event', '@xstate.snapshot'])
    expect(log.inspectWith()).toBe(log.inspect)
  })

  it('masks card numbers anywhere in a payload, hides typed digits and cuts deep or long parts', () => {
    expect(chartPayload({ output: { card: { number: DEMO_CARD, balanceKzt: 500 } } })).toEqual({
      output: { card: { number: maskCardNumber(DEMO_CARD), balanceKzt: 500 } }
    })
    expect(chartPayload({ query: { last8: '11112222' }, note: `card ${DEMO_CARD}` })).toEqual({
      query: { last8: '••••••••' },
      note: `card ${maskCardNumber(DEMO_CARD)}`
    })
    expect(chartPayload({ a: { b: { c: { d: { e: 1 } } } } })).toEqual({ a: { b: { c: { d: '…' } } } })
    expect((chartPayload('x'.repeat(500)) as string).length).toBe(200)
    expect(chartPayload(Array.from({ length: 25 }, (_, i) => i))).toHaveLength(21)
  })
})
