import type { AnyStateNode } from 'xstate'
import { describe, expect, it } from 'vitest'
import { kioskMachine } from '../../src/core/machines/kiosk/machine'
import type { KioskStateMeta } from '../../src/core/machines/kiosk/setup'
import { SCREENS } from '../../src/core/protocol'
import { makeKiosk } from './helpers'

/**
 * Every state node of the kiosk machine but the watchers' (the customer's attention, staff's presence) and the cancel
 * question's (a dialog over the screen): they show no screen of their own.
 */
function flowNodes(node: AnyStateNode): AnyStateNode[] {
  if (node.path[0] === 'session' && (node.path[1] === 'attention' || node.path[1] === 'cancelQuestion')) return []
  if (node.path[0] === 'service' && node.path[2] === 'presence') return []
  return [node, ...Object.values(node.states).flatMap(flowNodes)]
}
const nodes = flowNodes(kioskMachine.root).filter((n) => n !== kioskMachine.root)
const metaOf = (node: AnyStateNode) => (node.meta ?? {}) as KioskStateMeta
const screenOfNode = (node: AnyStateNode | undefined): string | undefined => (node ? (metaOf(node).screen ?? screenOfNode(node.parent)) : undefined)

describe('each state names its screen in its meta', () => {
  it.each(nodes.filter((n) => n.type === 'atomic').map((n) => [n.id, n] as const))('%s shows a screen', (_, node) => {
    expect(screenOfNode(node)).toBeDefined()
  })

  it('names every screen of the protocol, and no other', () => {
    const named = new Set(nodes.map((n) => metaOf(n).screen).filter(Boolean))
    expect([...named].sort()).toEqual([...SCREENS].sort())
  })

  it('shows, for a live kiosk, the screen its deepest active state names', async () => {
    const { act, kiosk } = makeKiosk()
    expect(kiosk.screen()).toBe('idle')
    await act({ type: 'start' })
    expect(kiosk.snapshot().getMeta()['kiosk.session.flow.card']?.screen).toBe('card')
    expect(kiosk.screen()).toBe('card')
  })

  it('shows the cancel question as a dialog over the screen, asked only where the card is known and the customer acts', () => {
    expect(kioskMachine.root.states.session!.states.cancelQuestion!.states.asking!.meta).toEqual({ dialog: 'cancelQuestion' })
    const asking = nodes.filter((n) => metaOf(n).asksBeforeCancel)
    expect(asking.map((n) => metaOf(n).screen).sort()).toEqual(['amount', 'bankCardDeclined', 'bankCardTimeout', 'cash', 'paymentMethod'])
    for (const n of asking) expect(metaOf(n)).toMatchObject({ awaitingCustomer: true })
    for (const n of asking) expect(metaOf(n).beforeCardIdentified).toBeUndefined()
  })

  it('marks only screens where a customer acts as awaiting the customer', () => {
    const awaiting = nodes.filter((n) => metaOf(n).awaitingCustomer).map((n) => metaOf(n).screen)
    expect(awaiting).not.toContain('crediting')
    expect(awaiting).not.toContain('cardWrite')
    expect(awaiting).toContain('cash')
  })
})
