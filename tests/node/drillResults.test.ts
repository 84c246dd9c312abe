/** Drill results kept on disk, JSON and a printable page, never overwritten; and the drill library's folder. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { DrillResultView } from '../../src/core/protocol'
import { DrillError } from '../../src/core/training/drillSchema'
import { drillId, listDrills, loadDrillFile, loadLibraryDrill } from '../../src/node/drillLibrary'
import { drillResultHtml, saveDrillResult, traineeSlug } from '../../src/node/drillResults'

const FIXTURES = fileURLToPath(new URL('../training/fixtures/', import.meta.url))
const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-sim-drills-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const result = (more: Partial<DrillResultView> = {}): DrillResultView => ({
  drill: 'paper-out',
  title: { en: 'Paper <out>', ru: 'Нет бумаги' },
  trainee: 'Aigerim',
  startedAt: '2026-03-02T09:15:00.000Z',
  finishedAt: '2026-03-02T09:17:00.000Z',
  outcome: 'finished',
  score: 25,
  maxScore: 40,
  passMark: 30,
  passed: false,
  hintsUsed: 1,
  seconds: 120,
  tasks: [
    { id: 'roll', caption: { en: 'New roll' }, points: 20, done: true },
    { id: 'test', caption: { en: 'Test it' }, points: 20, done: false }
  ],
  penalties: [{ id: 'restart', caption: { en: 'Cut the power & restarted' }, points: 10, at: 30 }],
  timeline: [
    { at: 5, step: { do: 'clearFault', device: 'printer' }, screen: 'idle', met: 'roll', penalty: null, records: [{ seq: 7, kind: 'deviceFault' }] },
    { at: 30, step: { do: 'powerCut' }, screen: 'idle', met: null, penalty: 'restart', records: [{ seq: 8, kind: 'kioskStarted' }] },
    { at: 31, step: { expect: { screen: 'cash' } }, screen: 'idle', met: null, penalty: null, records: [], error: 'screen is idle, expected cash' }
  ],
  expected: [
    { at: 2, step: { do: 'deviceTest', device: 'printer' }, screen: 'serviceDevices', met: 'test', penalty: null, records: [{ seq: 9, kind: 'deviceTested' }] }
  ],
  ...more
})

describe('saveDrillResult', () => {
  it('keeps the result as JSON and HTML named by date, trainee, drill and number, never overwriting', () => {
    const data = tempDir()
    const first = saveDrillResult(data, result())
    const second = saveDrillResult(data, result({ score: 40 }))
    expect(first).toEqual({
      json: join(data, 'drills', '2026-03-02-aigerim-paper-out-1.json'),
      html: join(data, 'drills', '2026-03-02-aigerim-paper-out-1.html')
    })
    expect(second.json).toBe(join(data, 'drills', '2026-03-02-aigerim-paper-out-2.json'))
    expect(JSON.parse(readFileSync(first.json, 'utf8'))).toEqual(result())
    expect(JSON.parse(readFileSync(second.json, 'utf8')).score).toBe(40)
    expect(readdirSync(join(data, 'drills')).sort()).toHaveLength(4)
  })

  it('skips a number whose file is there already', () => {
    const data = tempDir()
    saveDrillResult(data, result())
    writeFileSync(join(data, 'drills', '2026-03-02-aigerim-paper-out-2.json'), 'someone else’s')
    expect(saveDrillResult(data, result()).json).toBe(join(data, 'drills', '2026-03-02-aigerim-paper-out-3.json'))
    expect(readFileSync(join(data, 'drills', '2026-03-02-aigerim-paper-out-2.json'), 'utf8')).toBe('someone else’s')
  })

  it('names files after a Cyrillic name in Latin letters, and after nothing unsafe', () => {
    expect(traineeSlug('Айгерим Жұмабаева')).toBe('aigerim-zhumabaeva')
    expect(traineeSlug('Ерлан Қасымов')).toBe('erlan-qasymov')
    expect(traineeSlug('../../etc/passwd')).toBe('etc-passwd')
    expect(traineeSlug('王伟')).toBe('trainee')
  })
})

describe('the printable result', () => {
  it("shows trainee, date, score, tasks, penalties and both timelines with each step's records", () => {
    const html = drillResultHtml(result())
    expect(html).toContain('Aigerim')
    expect(html).toContain('2026-03-02T09:15:00.000Z')
    expect(html).toContain('Score: 25 of 40 (pass mark 30): not passed')
    expect(html).toContain('New roll')
    expect(html).toContain('Cut the power &amp; restarted')
    expect(html).toContain('The trainee&#39;s steps')
    expect(html).toContain('The expected steps')
    expect(html).toContain('7 deviceFault')
    expect(html).toContain('9 deviceTested')
    expect(html).toContain('<code>clearFault device=printer</code>')
    expect(html).toContain('screen is idle, expected cash')
    expect(html).not.toMatch(/<script|<link|src=/)
  })

  it('escapes everything a person typed', () => {
    const html = drillResultHtml(result({ trainee: '<script>alert("x")</script>' }))
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('Paper &lt;out&gt;')
  })

  it("shows the captions in the trainer's language when they have it", () => {
    expect(drillResultHtml(result(), 'ru')).toContain('<h1>Нет бумаги</h1>')
    expect(drillResultHtml(result(), 'kk')).toContain('<h1>Paper &lt;out&gt;</h1>')
  })
})

describe('the drill library folder', () => {
  it('lists every drill file by name with its id and title, and a missing folder as empty', () => {
    const { drills, invalid } = listDrills(FIXTURES)
    expect(drills.map((d) => d.id)).toEqual(['flagged-top-up', 'printer-paper-out'])
    expect(drills[1]!.title.en).toBe('The printer is out of paper')
    expect(invalid).toEqual([])
    expect(listDrills(join(tempDir(), 'nowhere'))).toEqual({ drills: [], invalid: [] })
  })

  it('names the file and the field of a drill it cannot take', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'bad.drill.json'), JSON.stringify({ title: { en: 'x' } }))
    writeFileSync(join(dir, 'broken.drill.json'), '{ "title": ')
    const { invalid } = listDrills(dir)
    expect(invalid.map((i) => i.path)).toEqual([join(dir, 'bad.drill.json'), join(dir, 'broken.drill.json')])
    expect(invalid[0]!.issues.join('\n')).toMatch(/^story: /m)
    expect(invalid[1]!.issues[0]).toMatch(/broken\.drill\.json is not valid JSON: line 1/)
    expect(() => loadDrillFile(join(dir, 'bad.drill.json'))).toThrow(DrillError)
  })

  it('loads a library drill by id, and nothing outside the folder', () => {
    expect(drillId('/x/y/jam-at-5000.drill.json')).toBe('jam-at-5000')
    expect(loadLibraryDrill('printer-paper-out', FIXTURES)?.id).toBe('printer-paper-out')
    expect(loadLibraryDrill('nope', FIXTURES)).toBeNull()
    expect(loadLibraryDrill('../fixtures/printer-paper-out', FIXTURES)).toBeNull()
  })
})
