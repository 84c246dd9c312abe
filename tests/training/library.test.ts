/**
 * The drill library (drills/*.drill.json, issue 16): every file parses, speaks the four languages,
 * together the set-ups strike every device fault and the solutions do the service tasks, and every
 * reference solution scores its maximum, while one that skips a step or adds a harmful one
 * (tests/training/drillMistakes.json) scores less.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEVICE_FAULTS, DEVICES, LANGUAGES, type Caption } from '../../src/core/protocol'
import type { Step } from '../../src/core/scenario/schema'
import { runDrill } from '../../src/core/training/drillRun'
import type { Drill } from '../../src/core/training/drillSchema'
import { DRILL_LIBRARY_DIR, listDrills } from '../../src/node/drillLibrary'

const { drills: library, invalid } = listDrills(DRILL_LIBRARY_DIR)
const drills: Drill[] = library.map((d) => d.drill)

interface Mistakes {
  /** The index of a solution step left out. */
  skip: number
  /** Steps put into the solution before its step `at`. */
  harmful: { at: number; steps: Step[] }
}
const mistakes = JSON.parse(readFileSync(new URL('./drillMistakes.json', import.meta.url), 'utf8')) as Record<string, Mistakes>

/** Every caption of a drill, named by where it is. */
function captionsOf(drill: Drill): [string, Caption][] {
  const steps = (field: string, list: Step[]) => list.flatMap((s, i): [string, Caption][] => (s.caption ? [[`${field}[${i}].caption`, s.caption]] : []))
  return [
    ['title', drill.title],
    ...drill.story.map((c, i): [string, Caption] => [`story[${i}]`, c]),
    ...drill.tasks.flatMap((t, i): [string, Caption][] => [
      [`tasks[${i}].caption`, t.caption],
      ...(t.hint ? [[`tasks[${i}].hint`, t.hint] as [string, Caption]] : [])
    ]),
    ...drill.penalties.map((p, i): [string, Caption] => [`penalties[${i}].caption`, p.caption]),
    ...steps('setup', drill.setup),
    ...steps('solution', drill.solution)
  ]
}

const CYRILLIC = /[\u0400-\u04FF]/
const HAN = /[\u4E00-\u9FFF]/
/** Letters only Kazakh writes among the Cyrillic ones (ә, ғ, қ, ң, ө, ұ, ү, һ, і). */
const KAZAKH = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/

/** The service tasks of docs/service.md the library's reference solutions must do between them, as scenario verbs. */
const SERVICE_VERBS = [
  'serviceLogin',
  'serviceLogout',
  'serviceOpen',
  'collectCassette',
  'recount',
  'printCollectionReport',
  'xReport',
  'zReport',
  'serviceReprint',
  'lookUpClaim',
  'resolveFlagged',
  'deviceTest',
  'changeSettings',
  'setOutOfService',
  'setTraining',
  'acceptJournal',
  'clearFault'
] as const

const actions = (steps: Step[]) => steps.flatMap((s) => ('do' in s ? [s] : []))

describe('the drill library', () => {
  it('has at least ten drills, every one of them valid', () => {
    expect(invalid).toEqual([])
    expect(drills.length).toBeGreaterThanOrEqual(10)
  })

  it('says every caption in Kazakh, Russian, English and Chinese', () => {
    for (const drill of drills) {
      for (const [where, caption] of captionsOf(drill)) {
        const at = `${drill.id}: ${where}`
        for (const language of LANGUAGES) expect(caption[language]?.trim(), `${at}.${language}`).toBeTruthy()
        expect(caption.kk, `${at}.kk`).toMatch(CYRILLIC)
        expect(caption.ru, `${at}.ru`).toMatch(CYRILLIC)
        expect(caption.zh, `${at}.zh`).toMatch(HAN)
        expect(caption.en, `${at}.en`).not.toMatch(CYRILLIC)
        expect(caption.kk, `${at}: kk is not the Russian text`).not.toBe(caption.ru)
      }
      // Kazakh has letters Russian lacks: a story written in Russian under "kk" would have none.
      expect(drill.story.map((c) => c.kk).join(' '), `${drill.id}: story in Kazakh`).toMatch(KAZAKH)
    }
  })

  it('strikes every device fault in its set-ups (switched on or armed), and restores a journal from an older copy', () => {
    const struck = new Set<string>()
    for (const drill of drills) {
      for (const step of actions(drill.setup)) {
        if (step.do === 'fault') struck.add(`${step.device} ${step.fault}`)
        if (step.do === 'arm' && step.then.do === 'fault') struck.add(`${step.then.device} ${step.then.fault}`)
        if (step.do === 'restoreJournal') struck.add('journal restoredFromOlderCopy')
      }
    }
    const every = [...DEVICES.flatMap((device) => DEVICE_FAULTS[device].map((fault) => `${device} ${fault}`)), 'journal restoredFromOlderCopy']
    expect(every.filter((pair) => !struck.has(pair))).toEqual([])
    expect(
      drills.some((d) => actions(d.setup).some((s) => s.do === 'arm')),
      'a drill arms a fault'
    ).toBe(true)
  })

  it('does every service task in its reference solutions, with every role', () => {
    const done = drills.flatMap((d) => actions(d.solution))
    const verbs = new Set(done.map((s) => s.do))
    expect(SERVICE_VERBS.filter((v) => !verbs.has(v))).toEqual([])
    const pins = new Set(done.flatMap((s) => (s.do === 'serviceLogin' ? [s.pin] : [])))
    expect([...pins].sort()).toEqual(['1111', '2222', '3333'])
    const pages = new Set(done.flatMap((s) => (s.do === 'serviceOpen' ? [s.page] : [])))
    expect([...pages].sort()).toEqual(['claims', 'collection', 'devices', 'journal', 'reports', 'settings'])
    const resolutions = new Set(done.flatMap((s) => (s.do === 'resolveFlagged' ? [s.resolution] : [])))
    expect([...resolutions].sort()).toEqual(['credit', 'refund'])
    expect(done.some((s) => s.do === 'setOutOfService' && s.reason !== null)).toBe(true)
    expect(done.some((s) => s.do === 'setTraining' && s.on)).toBe(true)
  })

  it('lists a skipped step and a harmful one for every drill, and for no other', () => {
    expect(Object.keys(mistakes).sort()).toEqual(drills.map((d) => d.id).sort())
    for (const drill of drills) {
      const { skip, harmful } = mistakes[drill.id]!
      expect(skip, drill.id).toBeLessThan(drill.solution.length)
      expect(harmful.at, drill.id).toBeLessThanOrEqual(drill.solution.length)
    }
  })
})

// One run per (drill, variant): the same drill object, so the reference timeline is played once.
describe.each(drills.map((d) => [d.id, d] as const))('drill %s', (id, drill) => {
  it('scores its maximum with its reference solution, with no penalty and no refused step', { timeout: 30_000 }, async () => {
    const result = await runDrill(drill)
    expect(result.timeline.filter((e) => e.error !== undefined).map((e) => `${JSON.stringify(e.step)}: ${e.error}`)).toEqual([])
    expect(result.tasks.filter((t) => !t.done).map((t) => t.id)).toEqual([])
    expect(result.penalties).toEqual([])
    expect(result).toMatchObject({ outcome: 'finished', passed: true, score: result.maxScore })
  })

  it('scores less when the solution skips a step', { timeout: 30_000 }, async () => {
    const { skip } = mistakes[id]!
    const result = await runDrill(drill, { actions: drill.solution.filter((_, i) => i !== skip) })
    expect(result.score).toBeLessThan(result.maxScore)
    expect(result.tasks.some((t) => !t.done)).toBe(true)
  })

  it('charges a penalty and scores less when a harmful action is added', { timeout: 30_000 }, async () => {
    const { at, steps } = mistakes[id]!.harmful
    const result = await runDrill(drill, { actions: [...drill.solution.slice(0, at), ...steps, ...drill.solution.slice(at)] })
    expect(result.penalties.length).toBeGreaterThan(0)
    expect(result.score).toBeLessThan(result.maxScore)
  })
})
