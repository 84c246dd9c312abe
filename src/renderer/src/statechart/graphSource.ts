/** Where the page gets the machines' structure: Electron's preload, or the web host's GET /statechart.json. */
import type { StatechartGraph } from '../../../core/training/statechart'

export async function loadStatechartGraph(): Promise<StatechartGraph> {
  if (window.kiosk?.statechartGraph) return window.kiosk.statechartGraph()
  const response = await fetch('/statechart.json', { cache: 'no-store' })
  if (!response.ok) throw new Error(`GET /statechart.json: ${response.status}`)
  return (await response.json()) as StatechartGraph
}
