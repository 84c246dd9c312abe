/** Drills played headless on the virtual clock: the set-up, the reference solution or a trainee's steps, scored as they go. */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Step } from '../../src/core/scenario/schema'
import { drillBootNonce, expectedTimeline, runDrill } from '../../src/core/training/drillRun'
import { DrillError, parseDrill, type Drill } from '../../src/core/training/drillSchema'
import { loadDrillFile } from '../../src/node/drillLibrary'

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))
const flagged = () => loadDrillFile(join(FIXTURES, 'flagged-top-up.drill.json'))
const printer = () => loadDrillFile(join(FIXTURES, 'printer-paper-out.drill.json'))
const FLAGGED_ID = '00412783-000001-XWTZ0T4G'

describe('runDrill', () => {
  it("scores the reference solution's maximum, and its timeline is the expected one", async () => {
    const drill = flagged()
    const result = await runDrill(drill)
    expect(result).toMatchObject({ drill: 'flagged-top-up', score: 50, maxScore: 50, passed: true, outcome: 'finished', penalties: [] })
    expect(result.tasks.every((t) => t.done)).toBe(true)
    expect(result.expected).toEqual(result.timeline)
    expect(result.timeline.map((e) => e.met).filter(Boolean)).toEqual(['log-in', 'resolve', 'x-report'])
    // The records a step produced: the credit's record lands while the trainee waits for the host.
    expect(result.timeline.find((e) => e.met === 'resolve')).toMatchObject({ step: { do: 'wait' }, records: [{ kind: 'flaggedResolved' }] })
  })

  it("gives the drill's kiosk its own boot nonce, so the ids the solution names are the live drill's", async () => {
    expect(drillBootNonce('flagged-top-up')).not.toBe(drillBootNonce('other'))
    expect(drillBootNonce('flagged-top-up', 2)).not.toBe(drillBootNonce('flagged-top-up'))
    const result = await runDrill(flagged())
    expect(result.timeline.find((e) => e.step.do === 'resolveFlagged')).toMatchObject({ step: { transactionId: FLAGGED_ID } })
    expect(result.timeline.some((e) => e.error)).toBe(false)
  })

  it('scores less when a step is skipped, and plays on past a step that is not possible', async () => {
    const drill = flagged()
    const actions = drill.solution.filter((s) => !('do' in s && s.do === 'resolveFlagged'))
    const skipped = await runDrill(drill, { actions, trainee: 'Aigerim' })
    expect(skipped).toMatchObject({ score: 20, passed: false, trainee: 'Aigerim' })
    expect(skipped.tasks.find((t) => t.id === 'resolve')!.done).toBe(false)
    expect(skipped.expected).toEqual((await runDrill(drill)).timeline)

    const early: Step[] = [{ do: 'resolveFlagged', transactionId: FLAGGED_ID, resolution: 'credit' }, ...drill.solution]
    const result = await runDrill(drill, { actions: early })
    expect(result.timeline[0]!.error).toMatch(/not possible|needs|log/i)
    expect(result.score).toBe(50)
  })

  it('notes a failing expectation in the timeline and goes on; a passing one is not an entry', async () => {
    const drill = printer()
    const actions: Step[] = [{ expect: { screen: 'cash' } }, ...drill.solution, { expect: { screen: 'idle' } }]
    const result = await runDrill(drill, { actions })
    expect(result.timeline).toHaveLength(drill.solution.length + 1)
    expect(result.timeline[0]).toMatchObject({ step: { expect: { screen: 'cash' } }, error: 'screen is idle, expected cash', met: null })
    expect(result.score).toBe(40)
  })

  it('charges a harmful action by the phase it was taken in', async () => {
    const drill = printer()
    const harmful: Step[] = [{ do: 'start' }, { do: 'collectCash' }, { do: 'cancel' }, { do: 'collectCash' }, ...drill.solution]
    const result = await runDrill(drill, { actions: harmful })
    expect(result.penalties.map((p) => p.id)).toEqual(['cassette-mid-session'])
    expect(result).toMatchObject({ score: 10, passed: false })
  })

  it('does not play steps from the time limit on: time up', async () => {
    const drill = printer()
    const slow: Step[] = [{ do: 'clearFault', device: 'printer' }, { do: 'wait', seconds: 120 }, ...drill.solution.slice(1)]
    const result = await runDrill(drill, { actions: slow })
    expect(result).toMatchObject({ outcome: 'timeUp', seconds: 120, score: 20 })
    expect(result.timeline).toHaveLength(2)
  })

  it('refuses a drill whose set-up fails, naming the step', async () => {
    const raw = {
      title: { en: 'Broken' },
      story: [{ en: 'x' }],
      setup: [{ do: 'confirm' }],
      tasks: [{ id: 'a', caption: { en: 'a' }, points: 1, proof: { action: 'xReport' } }],
      timeLimitSeconds: 60,
      passMark: 1,
      solution: [{ do: 'xReport' }]
    }
    const drill: Drill = parseDrill(raw, 'broken')
    await expect(runDrill(drill)).rejects.toThrow(DrillError)
    await expect(expectedTimeline(drill)).rejects.toThrow('setup[0]: "confirm" is not possible on the idle screen')
  })
})
