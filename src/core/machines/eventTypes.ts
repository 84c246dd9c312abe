/**
 * Whether a state node has transitions of its own for an event type, told from the event descriptors of its `on`, its
 * timers' and its invocations' (XState's: the type itself, `*`, or a `prefix.*` wildcard). Asking XState which transition
 * an event takes evaluates every candidate's guards; most events a state does not take at all, which this tells cheaply.
 */
interface NodeWithTransitions {
  transitions: ReadonlyMap<string, unknown>
}

/** Per state node, its event types and wildcard prefixes: a node's transitions never change. */
const eventTypesOf = new WeakMap<NodeWithTransitions, { types: ReadonlySet<string>; prefixes: readonly string[] }>()

export function takesEventType(node: NodeWithTransitions, type: string): boolean {
  let known = eventTypesOf.get(node)
  if (!known) {
    const descriptors = [...node.transitions.keys()]
    known = { types: new Set(descriptors), prefixes: descriptors.filter((d) => d.endsWith('*')).map((d) => d.slice(0, -1)) }
    eventTypesOf.set(node, known)
  }
  return known.types.has(type) || known.prefixes.some((prefix) => type.startsWith(prefix))
}
