/** takesEventType against XState's own selection: a state node takes an event type exactly when it has candidates for it. */
import { describe, expect, it } from 'vitest'
import type { AnyStateNode } from 'xstate'
import { takesEventType } from '../../src/core/machines/eventTypes'
import { kioskMachine } from '../../src/core/machines/kiosk/machine'

function allNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(allNodes)]
}

/** XState's wildcard matching (`*`, `prefix.*`), as its selection applies it to a node's descriptors. */
function candidates(node: AnyStateNode, type: string): number {
  return [...node.transitions.keys()].filter((d) => d === type || d === '*' || (d.endsWith('.*') && type.startsWith(d.slice(0, -1)))).length
}

describe('takesEventType', () => {
  const nodes = allNodes(kioskMachine.root)
  const types = [...new Set(nodes.flatMap((node) => [...node.transitions.keys()]))].filter((t) => !t.endsWith('*'))

  it('agrees with the descriptors of every kiosk state for every event type the kiosk knows, and one it does not', () => {
    for (const node of nodes)
      for (const type of [...types, 'customer.somethingNew', 'nothing.known'])
        expect(takesEventType(node, type), `${node.id} ${type}`).toBe(candidates(node, type) > 0)
  })

  it('a wildcard takes every event under it: the inactivity watcher restarts on any customer event', () => {
    const watching = nodes.find((n) => n.id === 'kiosk.session.attention.watching')!
    expect(takesEventType(watching, 'customer.anything')).toBe(true)
    expect(takesEventType(watching, 'host.down')).toBe(false)
  })
})
