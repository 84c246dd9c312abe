/**
 * The scenario shelf on disk (src/core/training/shelf.ts): the library bundled with the simulator
 * (`scenarios/` at the package root, ids `library.<file>`) and the trainer's recordings
 * (`<data>/recordings/*.json`, ids `recording.<file>`). A file too big, not strict JSON or not a
 * valid scenario is left off the list, with one log line.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Kiosk } from '../core/kiosk'
import type { ShelfItemView } from '../core/protocol'
import { parseScenario, ScenarioError } from '../core/scenario/schema'
import type { Ticker } from '../core/training/pacedClock'
import { TrainingRoom, type TrainingRoomDeps } from '../core/training/room'
import { slugOf, stepsIn, type ScenarioShelf } from '../core/training/shelf'
import { parseJsonText } from './jsonFile'
import { listDrills } from './drillLibrary'
import { saveDrillResult } from './drillResults'

/** The largest scenario file the shelf reads or writes. */
export const MAX_SCENARIO_BYTES = 1024 * 1024

/** The bundled library: `scenarios/` at the package root (beside `out/`, `src/`). */
export const LIBRARY_DIR = resolve(import.meta.dirname, '../../scenarios')

export interface FileShelfOptions {
  libraryDir?: string
  /** Where recordings are kept (`<data>/recordings`); none: nothing can be saved. */
  recordingsDir?: string | null
  log?: (line: string) => void
  maxBytes?: number
}

type Source = ShelfItemView['source']

/** A file name (without `.json`) an id may carry: the shelf id's own characters. */
const FILE_ID = /^[a-z0-9][a-z0-9._-]{0,100}$/

export class FileScenarioShelf implements ScenarioShelf {
  private readonly libraryDir: string
  private readonly recordingsDir: string | null
  private readonly log: (line: string) => void
  private readonly maxBytes: number
  /** Each folder's listing, kept until the folder changes. */
  private readonly cache = new Map<Source, { stamp: string; items: ShelfItemView[] }>()

  constructor(options: FileShelfOptions = {}) {
    this.libraryDir = options.libraryDir ?? LIBRARY_DIR
    this.recordingsDir = options.recordingsDir ?? null
    this.log = options.log ?? ((line) => console.warn(line))
    this.maxBytes = options.maxBytes ?? MAX_SCENARIO_BYTES
  }

  list(): ShelfItemView[] {
    const all = [...this.folder('library'), ...this.folder('recording')]
    const bySource = (s: Source): number => (s === 'library' ? 0 : 1)
    return all.sort((a, b) => bySource(a.source) - bySource(b.source) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  }

  load(id: string): unknown {
    const at = this.pathOf(id)
    if (!at) return null
    try {
      return this.read(at)
    } catch {
      return null
    }
  }

  save(name: string, file: object): string {
    if (!this.recordingsDir) throw new Error('recordings: this kiosk has no data folder to keep them in')
    const text = `${JSON.stringify(file, null, 2)}\n`
    if (Buffer.byteLength(text) > this.maxBytes)
      throw new Error(`recording: ${Buffer.byteLength(text)} bytes, more than ${this.maxBytes} a scenario file may have`)
    mkdirSync(this.recordingsDir, { recursive: true })
    const base = slugOf(name)
    for (let n = 1; ; n++) {
      const fileId = n === 1 ? base : `${base}-${n}`
      try {
        // `wx`: never over an existing file, even one written meanwhile.
        writeFileSync(join(this.recordingsDir, `${fileId}.json`), text, { flag: 'wx' })
        this.cache.delete('recording')
        return `recording.${fileId}`
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      }
    }
  }

  private dirOf(source: Source): string | null {
    return source === 'library' ? this.libraryDir : this.recordingsDir
  }

  /** The file an id names, or null for an id of no folder or with characters a file name of the shelf cannot have. */
  private pathOf(id: string): string | null {
    const dot = id.indexOf('.')
    const source = id.slice(0, dot)
    const fileId = id.slice(dot + 1)
    if ((source !== 'library' && source !== 'recording') || !FILE_ID.test(fileId) || fileId.includes('..')) return null
    const dir = this.dirOf(source)
    return dir && join(dir, `${fileId}.json`)
  }

  private read(path: string): unknown {
    const size = statSync(path).size
    if (size > this.maxBytes) throw new Error(`${size} bytes, more than ${this.maxBytes} a scenario file may have`)
    return parseJsonText(readFileSync(path, 'utf8'))
  }

  /** A folder's scenarios, read again only when the folder changed (a file added, removed or renamed). */
  private folder(source: Source): ShelfItemView[] {
    const dir = this.dirOf(source)
    if (!dir) return []
    let stamp: string
    try {
      stamp = String(statSync(dir).mtimeMs)
    } catch {
      return []
    }
    const cached = this.cache.get(source)
    if (cached?.stamp === stamp) return cached.items
    const items: ShelfItemView[] = []
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.json')) continue
      const fileId = file.slice(0, -'.json'.length)
      const path = join(dir, file)
      if (!FILE_ID.test(fileId) || fileId.includes('..')) {
        this.log(`scenario shelf: skipped ${path}: a shelf file name has only lower-case letters, digits, ".", "_" and "-"`)
        continue
      }
      try {
        const raw = this.read(path)
        const scenario = parseScenario(raw)
        // Named by its `name`; a file without one by its file name.
        const named = typeof (raw as { name?: unknown }).name === 'string' && scenario.name.trim() !== ''
        items.push({ id: `${source}.${fileId}`, name: named ? scenario.name : fileId, source, steps: stepsIn(raw) })
      } catch (err) {
        const why = err instanceof ScenarioError ? err.issues.join('; ') : (err as Error).message
        this.log(`scenario shelf: skipped ${path}: ${why.split('\n')[0]}`)
      }
    }
    this.cache.set(source, { stamp, items })
    return items
  }
}

/** Real time for the caption player's paced clock. */
export const realTicker: Ticker = {
  now: () => performance.now(),
  every: (ms, fn) => {
    const timer = setInterval(fn, ms)
    return () => clearInterval(timer)
  }
}

/** The training room the interactive hosts serve: the live kiosk, the bundled library and the data folder's recordings. */
export function nodeTrainingRoom(live: Kiosk, dataDir: string, log: (line: string) => void = (line) => console.log(line)): TrainingRoom {
  const shelf = new FileScenarioShelf({ recordingsDir: join(dataDir, 'recordings'), log })
  return new TrainingRoom({ live, shelf, ticker: realTicker, drills: libraryDrills(dataDir, log) })
}

/** The bundled drill library, read once (it ships with the simulator), and results kept under `<data>/drills/`. */
function libraryDrills(dataDir: string, log: (line: string) => void): NonNullable<TrainingRoomDeps['drills']> {
  const { drills, invalid } = listDrills()
  for (const file of invalid) log(`drill library: skipped ${file.path}: ${file.issues[0]}`)
  const byId = new Map(drills.map((d) => [d.id, d.drill]))
  const list = drills.map((d) => ({ id: d.id, title: d.title }))
  return {
    drills: { list: () => list, load: (id) => byId.get(id) ?? null },
    keep: (result) => {
      const saved = saveDrillResult(dataDir, result)
      log(`drill result kept: ${saved.json}`)
    }
  }
}
