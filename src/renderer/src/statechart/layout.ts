/**
 * Lays a machine out with ELK (elkjs, bundled: its in-thread build, so no worker and no eval under
 * the pages' Content-Security-Policy): compound states as boxes holding their children, transitions
 * routed across levels (hierarchyHandling INCLUDE_CHILDREN), coordinates made absolute for the SVG.
 */
import ELK from 'elkjs/lib/elk.bundled.js'
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api'
import type { ChartEdge, ChartMachine, ChartNode } from '../../../core/training/statechart'

export interface Point {
  x: number
  y: number
}
export interface PlacedNode extends Point {
  node: ChartNode
  width: number
  height: number
  depth: number
}
export interface PlacedEdge {
  id: string
  edge: ChartEdge
  target: string
  points: Point[]
  label: (Point & { text: string }) | null
}
export interface MachineLayout {
  id: string
  width: number
  height: number
  nodes: PlacedNode[]
  edges: PlacedEdge[]
}

const CHAR = 7
const LABEL_HEIGHT = 14
/** The text an edge is labelled with: its event, and its guard in brackets. */
export const edgeText = (e: ChartEdge): string => (e.guard ? `${e.event} [${e.guard}]` : e.event)

/** One machine laid out; edges without a target or back to their own state are listed in the side panel, not drawn. */
export async function layoutMachine(machine: ChartMachine, elk: InstanceType<typeof ELK> = new ELK()): Promise<MachineLayout> {
  const children = new Map<string | null, ChartNode[]>()
  for (const n of machine.nodes) children.set(n.parent, [...(children.get(n.parent) ?? []), n])
  const build = (n: ChartNode): ElkNode => {
    const kids = children.get(n.id) ?? []
    const label = n.screen && n.screen !== n.key ? `${n.key}  ▭ ${n.screen}` : n.key
    const base = { id: n.id, labels: [{ text: label, width: label.length * CHAR, height: LABEL_HEIGHT }] }
    if (kids.length === 0) return { ...base, width: Math.max(60, label.length * CHAR + 20), height: 34 }
    return {
      ...base,
      children: kids.map(build),
      layoutOptions: { 'elk.padding': '[top=30,left=14,bottom=14,right=14]', 'elk.nodeLabels.placement': 'INSIDE V_TOP H_LEFT' }
    }
  }
  const drawn = machine.edges.flatMap((e) => e.targets.filter((t) => t !== e.source).map((target, i) => ({ e, target, id: `${e.id}→${i}` })))
  const edges: ElkExtendedEdge[] = drawn.map(({ e, target, id }) => {
    const text = edgeText(e)
    return { id, sources: [e.source], targets: [target], labels: [{ text, width: text.length * 6, height: 12 }] }
  })
  const root = machine.nodes.find((n) => n.parent === null)!
  const graph: ElkNode = await elk.layout({
    id: '__graph',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.thoroughness': '2',
      'elk.spacing.nodeNode': '18',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.edgeLabels.placement': 'CENTER'
    },
    children: [build(root)],
    edges
  })
  // ELK gives each node's position relative to its parent and each edge's relative to its container.
  const absolute = new Map<string, Point>([['__graph', { x: 0, y: 0 }]])
  const byId = new Map(machine.nodes.map((n) => [n.id, n]))
  const nodes: PlacedNode[] = []
  const place = (n: ElkNode, origin: Point, depth: number) => {
    const at = { x: origin.x + (n.x ?? 0), y: origin.y + (n.y ?? 0) }
    absolute.set(n.id, at)
    nodes.push({ node: byId.get(n.id)!, ...at, width: n.width ?? 0, height: n.height ?? 0, depth })
    for (const c of n.children ?? []) place(c, at, depth + 1)
  }
  for (const c of graph.children ?? []) place(c, { x: 0, y: 0 }, 0)
  const placedEdges = (graph.edges ?? []).map((elkEdge, i): PlacedEdge => {
    const { e, target } = drawn.find((d) => d.id === elkEdge.id) ?? drawn[i]!
    const container = (elkEdge as { container?: string }).container
    const o = (container && absolute.get(container)) || { x: 0, y: 0 }
    const points = (elkEdge.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]).map((p) => ({ x: p.x + o.x, y: p.y + o.y }))
    const l = elkEdge.labels?.[0]
    const label = l && l.x !== undefined ? { x: (l.x ?? 0) + o.x, y: (l.y ?? 0) + o.y + 10, text: l.text ?? '' } : null
    return { id: elkEdge.id, edge: e, target, points, label }
  })
  return { id: machine.id, width: graph.width ?? 0, height: graph.height ?? 0, nodes, edges: placedEdges }
}
