/**
 * The scenario shelf: what the caption player can load and where the recorder keeps its
 * recordings. The library's scenarios ship with the simulator (`scenarios/`); recordings are the
 * trainer's (`<data>/recordings/` on disk: src/node/scenarioShelf.ts).
 */
import type { ShelfItemView } from '../protocol'

export interface ScenarioShelf {
  /** Every scenario on the shelf, library first, each by name. */
  list(): ShelfItemView[]
  /** A scenario file's parsed JSON (not yet checked: parseScenario does that), or null when there is no such id. */
  load(id: string): unknown
  /** Keeps a recording under a free id made from its name (never overwriting one); returns the id. */
  save(name: string, file: object): string
}

/** Lower-case ASCII letters, digits and dashes from a name (`Jam at 5 000 ₸` → `jam-at-5-000`); `recording` when nothing is left. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return slug || 'recording'
}

/** A shelf in memory (tests, and hosts with no data folder). */
export class MemoryShelf implements ScenarioShelf {
  private readonly items = new Map<string, { name: string; source: ShelfItemView['source']; file: object }>()

  constructor(library: readonly { id: string; name: string; file: object }[] = []) {
    for (const item of library) this.items.set(`library.${item.id}`, { name: item.name, source: 'library', file: item.file })
  }

  list(): ShelfItemView[] {
    return [...this.items].map(([id, item]) => ({ id, name: item.name, source: item.source, steps: stepsIn(item.file) }))
  }

  load(id: string): unknown {
    return this.items.get(id)?.file ?? null
  }

  save(name: string, file: object): string {
    const base = `recording.${slugOf(name)}`
    let id = base
    for (let n = 2; this.items.has(id); n++) id = `${base}-${n}`
    this.items.set(id, { name, source: 'recording', file: JSON.parse(JSON.stringify(file)) as object })
    return id
  }
}

/** How many steps a scenario file has (0 when it has none it could play). */
export function stepsIn(file: unknown): number {
  const steps = typeof file === 'object' && file !== null ? (file as { steps?: unknown }).steps : undefined
  return Array.isArray(steps) ? steps.length : 0
}
