import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LANGUAGES } from '../../src/core/protocol'
import { parseScenario } from '../../src/core/scenario/schema'
import { memoryRunner } from '../../src/core/testing/play'
import { FileScenarioShelf, LIBRARY_DIR } from '../../src/node/scenarioShelf'

let dir: string
let lines: string[]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shelf-'))
  lines = []
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const shelfOn = (options: { library?: string; recordings?: string | null; maxBytes?: number } = {}): FileScenarioShelf =>
  new FileScenarioShelf({
    libraryDir: options.library ?? LIBRARY_DIR,
    recordingsDir: options.recordings === undefined ? join(dir, 'recordings') : options.recordings,
    log: (line) => lines.push(line),
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {})
  })

describe('the scenario shelf on disk', () => {
  it('lists the bundled library by name, and every library scenario passes with captions in all four languages', async () => {
    const shelf = shelfOn()
    const items = shelf.list()
    expect(items.map((i) => i.id).sort()).toEqual(['library.collector-shift', 'library.foreign-note-top-up', 'library.note-jam'])
    expect(items.every((i) => i.source === 'library' && i.steps > 0)).toBe(true)
    expect(items.map((i) => i.name)).toEqual([...items.map((i) => i.name)].sort((a, b) => a.localeCompare(b)))
    for (const item of items) {
      const scenario = parseScenario(shelf.load(item.id))
      expect(scenario.name).toBe(item.name)
      const captioned = scenario.steps.filter((s) => s.caption)
      expect(captioned.length, item.id).toBeGreaterThan(3)
      for (const step of captioned) expect(Object.keys(step.caption!).sort(), item.id).toEqual([...LANGUAGES].sort())
      const runner = memoryRunner(scenario)
      const report = await runner.run()
      runner.kiosk.stop()
      expect(report.ok, `${item.id}: ${JSON.stringify(report.steps.at(-1))}`).toBe(true)
    }
    expect(lines).toEqual([])
  })

  it('saves recordings under free ids made from their names, never over another file', () => {
    const shelf = shelfOn()
    const file = { name: 'Jam at 5 000 ₸', steps: [{ do: 'start' }] }
    expect(shelf.save('Jam at 5 000 ₸', file)).toBe('recording.jam-at-5-000')
    expect(shelf.save('Jam at 5 000 ₸', { ...file, steps: [{ do: 'start' }, { do: 'cancel' }] })).toBe('recording.jam-at-5-000-2')
    expect(readdirSync(join(dir, 'recordings')).sort()).toEqual(['jam-at-5-000-2.json', 'jam-at-5-000.json'])
    expect(JSON.parse(readFileSync(join(dir, 'recordings', 'jam-at-5-000.json'), 'utf8'))).toEqual(file)
    expect(shelf.load('recording.jam-at-5-000-2')).toMatchObject({ steps: [{ do: 'start' }, { do: 'cancel' }] })
    expect(shelf.list().filter((i) => i.source === 'recording')).toEqual([
      { id: 'recording.jam-at-5-000', name: 'Jam at 5 000 ₸', source: 'recording', steps: 1 },
      { id: 'recording.jam-at-5-000-2', name: 'Jam at 5 000 ₸', source: 'recording', steps: 2 }
    ])
  })

  it('skips a file too big, not JSON or not a scenario, with one log line each, and names a nameless one by its file', () => {
    const library = join(dir, 'library')
    rmSync(library, { recursive: true, force: true })
    mkdirSync(library)
    writeFileSync(join(library, 'good.json'), JSON.stringify({ steps: [{ do: 'start' }] }))
    writeFileSync(join(library, 'broken.json'), '{ "steps": [ ')
    writeFileSync(join(library, 'wrong.json'), JSON.stringify({ steps: [{ do: 'fly' }] }))
    writeFileSync(join(library, 'big.json'), JSON.stringify({ name: 'x'.repeat(3000), steps: [{ do: 'start' }] }))
    writeFileSync(join(library, 'Upper Case.json'), JSON.stringify({ steps: [{ do: 'start' }] }))
    writeFileSync(join(library, 'notes.txt'), 'not a scenario')
    const shelf = shelfOn({ library, maxBytes: 2000 })
    expect(shelf.list()).toEqual([{ id: 'library.good', name: 'good', source: 'library', steps: 1 }])
    expect(lines).toHaveLength(4)
    expect(lines.find((l) => l.includes('broken.json'))).toMatch(/line 1, column/)
    expect(lines.find((l) => l.includes('wrong.json'))).toMatch(/steps\[0\]\.do: unknown verb "fly"/)
    expect(lines.find((l) => l.includes('big.json'))).toMatch(/more than 2000/)
    expect(lines.find((l) => l.includes('Upper Case.json'))).toMatch(/lower-case/)
    shelf.list()
    expect(lines).toHaveLength(4)
    expect(shelf.load('library.big')).toBeNull()
  })

  it('loads nothing outside its folders, and cannot save without a recordings folder', () => {
    const shelf = shelfOn({ recordings: null })
    for (const id of ['library../secret', 'library.', 'other.note-jam', 'library.Note-Jam', 'library.none', 'recording.x'])
      expect(shelf.load(id), id).toBeNull()
    expect(shelf.load('library.note-jam')).toMatchObject({ name: 'A note jams in the validator' })
    expect(() => shelf.save('Jam', { steps: [] })).toThrow(/recordings: this kiosk has no data folder/)
    expect(shelf.list().every((i) => i.source === 'library')).toBe(true)
  })
})
