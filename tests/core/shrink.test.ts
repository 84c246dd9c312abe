/** Shrinking a failing scenario to the steps that matter (src/core/testing/shrink.ts). */
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/core/config'
import type { Scenario, Step } from '../../src/core/scenario/schema'
import { parseGenerator } from '../../src/core/testing/generator'
import { failsTheSameWay, replayFailure, shrinkScenario, type ScenarioFailure } from '../../src/core/testing/shrink'
import { generatePaths } from '../../src/core/testing/walk'

const scenario = (steps: Step[]): Scenario => ({ name: 'hand-made', config: loadConfig(), steps }) as Scenario
const actionsOf = (steps: readonly Step[]) => steps.filter((s) => 'do' in s).length

/** A 60-step quick-random walk with the screen its last step led to edited into another: it fails there. */
async function walkWithOneExpectEdited(): Promise<{ edited: Scenario; screen: string }> {
  const { paths } = await generatePaths({ spec: parseGenerator('quickRandom(length(60))'), seed: 5 })
  const walk = paths[0]!.scenario
  const steps = walk.steps.map((s) => ({ ...s }))
  const last = steps.at(-1) as { expect: { screen: string } }
  const screen = last.expect.screen
  steps[steps.length - 1] = { expect: { screen: screen === 'idle' ? 'receipt' : 'idle' } } as Step
  return { edited: { ...walk, steps }, screen }
}

describe('shrinking a failing scenario', () => {
  it('shrinks a 60-step walk with its last expectation edited to a few steps that fail the same way, and they replay with that failure', async () => {
    const { edited, screen } = await walkWithOneExpectEdited()
    expect(actionsOf(edited.steps)).toBe(60)
    const original = await replayFailure(edited)
    expect(original).toMatchObject({ kind: 'expectation', index: edited.steps.length - 1 })
    expect((original as Extract<ScenarioFailure, { kind: 'expectation' }>).failures[0]).toMatch(new RegExp(`^screen is ${screen}, expected `))
    const shrunk = (await shrinkScenario(edited))!
    expect(shrunk.actionsBefore).toBe(60)
    expect(shrunk.kept.length).toBeLessThanOrEqual(6)
    expect(shrunk.stoppedEarly).toBe(false)
    // only the failing expectation is left of the expects, last
    expect(shrunk.steps.filter((s) => 'expect' in s)).toEqual([edited.steps.at(-1)])
    expect(shrunk.steps.slice(0, -1)).toEqual(shrunk.kept.map((k) => k.step))
    const again = await replayFailure({ ...edited, steps: shrunk.steps })
    expect(failsTheSameWay(original!, again)).toBe(true)
    expect(again).toEqual({ ...original, index: shrunk.steps.length - 1 })
    // the description names the steps that matter, numbered as in the original, and the failure
    for (const k of shrunk.kept) expect(shrunk.description).toContain(`${k.index + 1}. ${k.step.do}`)
    expect(shrunk.description).toContain(`fails: screen is ${screen}`)
    // deterministic
    expect((await shrinkScenario(edited))!.steps).toEqual(shrunk.steps)
  }, 120_000)

  it('is 1-minimal: dropping any one kept step no longer fails the same way', async () => {
    const { edited } = await walkWithOneExpectEdited()
    const shrunk = (await shrinkScenario(edited))!
    for (let i = 0; i < shrunk.kept.length; i++) {
      const fewer = shrunk.steps.filter((_, j) => j !== i)
      expect(failsTheSameWay(shrunk.failure, await replayFailure({ ...edited, steps: fewer })), `without step ${i + 1}`).toBe(false)
    }
  }, 120_000)

  it('keeps only the failing fields of a failing expectation and the steps that produce what was seen', async () => {
    const failing = scenario([
      { do: 'tapCard', number: '9398000011112222' },
      { expect: { screen: 'amount' } },
      { do: 'language', code: 'ru' },
      { do: 'chooseAmount', kzt: 1000 },
      { do: 'payCash' },
      { do: 'insertBill', currency: 'KZT', value: 1000 },
      { do: 'confirm' },
      { expect: { screen: 'receipt', balanceKzt: 2000 } },
      { do: 'wait', seconds: 5 }
    ] as Step[])
    const shrunk = (await shrinkScenario(failing))!
    expect(shrunk.failure).toEqual({ kind: 'expectation', index: 7, expect: { balanceKzt: 2000 }, failures: ['balanceKzt is 1500, expected 2000'] })
    // the language does not matter to the balance; the top-up does
    expect(shrunk.steps.map((s) => ('do' in s ? s.do : 'expect'))).toEqual(['tapCard', 'chooseAmount', 'payCash', 'insertBill', 'confirm', 'expect'])
    expect(shrunk.steps.at(-1)).toEqual({ expect: { balanceKzt: 2000 } })
  })

  it('keeps a step that was not possible as the failing step', async () => {
    const failing = scenario([
      { do: 'tapCard', number: '9398000011112222' },
      { do: 'chooseAmount', kzt: 1000 },
      { do: 'cancel' },
      { do: 'cancel' }, // the card is known: the second Cancel answers the question
      { do: 'wait', seconds: 35 },
      { expect: { screen: 'idle' } },
      { do: 'confirm' },
      { expect: { screen: 'idle' } }
    ] as Step[])
    const shrunk = (await shrinkScenario(failing))!
    expect(shrunk.failure).toMatchObject({ kind: 'notPossible', index: 6, error: '"confirm" is not possible on the idle screen' })
    expect(shrunk.steps).toEqual([{ do: 'confirm' }])
    expect(shrunk.description).toContain('none of its action steps matter')
  })

  it('shrinks a money-audit violation, matching it whatever the figures and ids in it', async () => {
    // A stand-in for a kiosk whose audit breaks once two notes went in after a cash payment was chosen.
    const steps: Step[] = [
      { do: 'tapCard', number: '9398000011112222' },
      { do: 'language', code: 'kk' },
      { do: 'chooseAmount', kzt: 5000 },
      { do: 'payCash' },
      { do: 'wait', seconds: 1 },
      { do: 'insertBill', currency: 'KZT', value: 1000 },
      { do: 'language', code: 'en' },
      { do: 'insertBill', currency: 'KZT', value: 2000 },
      { do: 'wait', seconds: 1 }
    ] as Step[]
    let replays = 0
    const replay = async (s: Scenario): Promise<ScenarioFailure | null> => {
      replays++
      const verbs = s.steps.map((x) => ('do' in x ? x.do : ''))
      const paid = verbs.indexOf('payCash')
      const notes = verbs.filter((v, i) => v === 'insertBill' && paid >= 0 && i > paid).length
      return notes >= 2
        ? { kind: 'audit', violations: [`cassette: ${notes + s.steps.length} notes counted, transaction 00412783-0000${s.steps.length}-K7Q3M9XT`] }
        : null
    }
    const shrunk = (await shrinkScenario(scenario(steps), { replay }))!
    expect(shrunk.failure.kind).toBe('audit')
    expect(shrunk.steps.map((s) => ('do' in s ? s.do : 'expect'))).toEqual(['payCash', 'insertBill', 'insertBill'])
    expect(shrunk.replays).toBe(replays)
    expect(shrunk.description).toContain('the money audit fails after the last step')
  })

  it('stops at its replay budget and says so', async () => {
    const { edited } = await walkWithOneExpectEdited()
    const shrunk = (await shrinkScenario(edited, { maxReplays: 2 }))!
    expect(shrunk.replays).toBe(2)
    expect(shrunk.stoppedEarly).toBe(true)
    expect(shrunk.description).toContain('Stopped after 2 replays: it may shrink further.')
    expect(failsTheSameWay(shrunk.failure, await replayFailure({ ...edited, steps: shrunk.steps }))).toBe(true)
  }, 120_000)

  it('gives nothing for a scenario that passes, the money audit included', async () => {
    const passing = scenario([{ do: 'tapCard', number: '9398000011112222' }, { expect: { screen: 'amount' } }] as Step[])
    expect(await replayFailure(passing)).toBeNull()
    expect(await shrinkScenario(passing)).toBeNull()
  })
})
