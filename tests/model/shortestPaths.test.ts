/**
 * Every state and transition reachable by `shortest` (issue 17): for each state and each transition
 * of the kiosk, the bill validator and the card reader outside tests/coverage-allowlist.json, the
 * explored graphs (standard first, then the other drill profiles, each explored only as far as
 * needed and shared by every search in this file) give a shortest path, and that path, replayed on
 * a fresh kiosk under the profile it names, takes the state or transition — as a coverage recorder
 * watching the replay sees it.
 *
 * The whole proof explores every profile a target needs, about 611 s of CPU on the development VM (2
 * cores shared, 2026-12-07): it runs with KIOSK_SHORTEST_ALL=1 (`KIOSK_SHORTEST_ALL=1 npx vitest run
 * tests/model/shortestPaths.test.ts`). By default a few targets, one per kind of profile, each
 * searched only as far as it needs, show the same in under a minute.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COVERED_MACHINES, CoverageRecorder, machineGraph, parseAllowList } from '../../src/core/coverage'
import { meanwhileOf } from '../../src/core/scenario/schema'
import { pathRunner } from '../../src/core/testing/play'
import { profilesNamed, STAFF_PROFILE, STANDARD_PROFILE } from '../../src/core/testing/profiles'
import { shortestPathToScreen, shortestPathToState, shortestPathToTransition, type PathFound, type PathTo } from '../../src/core/testing/shortest'

const allow = parseAllowList(JSON.parse(readFileSync(join(resolve(import.meta.dirname, '../..'), 'tests', 'coverage-allowlist.json'), 'utf8')))
const graphs = COVERED_MACHINES.map((m) => machineGraph(m).graph)
const unreachable = new Set(allow.unreachable.map((a) => `${a.machine}: ${a.transition}`))

/** Every state, and every transition outside the allow-list, as `[machine, id, kind]`. */
const targets = graphs.flatMap((g) => [
  ...g.states.map((id) => [g.machine, id, 'state'] as const),
  ...g.transitions.filter((t) => !unreachable.has(`${g.machine}: ${t.id}`)).map((t) => [g.machine, t.id, 'transition'] as const)
])

const found = (path: PathTo): path is PathFound => 'steps' in path

/** Replays a path on a fresh kiosk under its profile; what the replay left uncovered. */
async function uncoveredAfter(path: PathFound): Promise<{ states: string[]; transitions: string[] }> {
  const recorder = new CoverageRecorder()
  const runner = pathRunner([...path.steps], recorder.inspect, path.profile)
  for (const [index, step] of path.steps.entries()) {
    const report = await runner.runStep(step, index)
    expect(report.ok, `step ${index + 1} (${JSON.stringify(step)}) under ${path.profile.name}: ${report.error}`).toBe(true)
  }
  runner.kiosk.stop()
  const report = recorder.report()
  return {
    states: report.flatMap((m) => m.states.uncovered),
    transitions: report.flatMap((m) => m.transitions.uncovered)
  }
}

/**
 * What the explored graphs do not reach yet, though walks do (the coverage gate). The inactivity warning's exits, a held
 * top-up's activation, a typed amount the kiosk takes (the situations of src/core/testing/exploreSituations.ts), staff at
 * a locked PIN pad and from other screens, the serviceUnavailable exits and a write called off by a failing disk are
 * reached now. Left: a held top-up activated for a typed card, which then waits for the card in vain — the graph's
 * activations found so far all start with the card tapped (the held top-up's vertex at the attract screen after a typed
 * session is not reached before the search ends; not investigated further yet). Only shrinks.
 */
const NOT_YET_BY_SHORTEST: readonly string[] = [
  'kiosk: kiosk.session.flow.activatingTopUps · after cardWriteWait',
  // A resumed credit the host refuses as a conflict: a journal restored from an older copy that lacks a note stacked before
  // the credit, then accepted by staff (walks reach it: aims.ts, olderJournalAims). The drill drops a fixed 12 records.
  'kiosk: kiosk.session.flow.crediting · error creditCard #1'
]

describe.runIf(process.env.KIOSK_SHORTEST_ALL === '1')('the shortest path to every state and transition outside the allow-list', () => {
  it('exists, and replayed on a fresh kiosk under its profile takes that state or transition', async () => {
    const missing: string[] = []
    const byProfile = new Map<string, number>()
    for (const [machine, id, kind] of targets) {
      const path = kind === 'state' ? await shortestPathToState(id, undefined, allow) : await shortestPathToTransition(id, undefined, allow)
      if (!found(path)) {
        missing.push(`${machine}: ${id}: ${path.reason}`)
        continue
      }
      byProfile.set(path.profile.name, (byProfile.get(path.profile.name) ?? 0) + 1)
      const left = await uncoveredAfter(path)
      expect(
        kind === 'state' ? left.states : left.transitions,
        `${id} by [${path.steps.map((s) => JSON.stringify(s)).join(', ')}] under ${path.profile.name}`
      ).not.toContain(id)
    }
    expect(missing.map((m) => m.slice(0, m.indexOf(': no path'))).sort()).toEqual([...NOT_YET_BY_SHORTEST].sort())
    // Most are reached under the factory configuration; service mode needs staff, some drills other timings.
    expect(byProfile.get('standard')).toBeGreaterThan(targets.length / 2)
    expect(byProfile.get('staffOnDuty')).toBeGreaterThan(0)
  }, 900_000)
})

describe('the shortest path to a state, a transition or a screen', () => {
  it.for([
    ['state', 'kiosk.session.flow.billJam', [STANDARD_PROFILE]],
    ['transition', 'kiosk.session.flow.cash · validator.jammed #1', [STANDARD_PROFILE]],
    ['state', 'kiosk.service.loggedIn.page.settings', [STAFF_PROFILE]],
    ['transition', 'kiosk.service.loggedIn.page · staff.setOutOfService', [STAFF_PROFILE]],
    ['transition', 'kiosk.session.flow.checkingCard · after hostTimeout', profilesNamed(['slowHost'])],
    ['transition', 'cardReader.writing · remove', profilesNamed(['slowCardWrite'])],
    // The situations the exploration tells apart: the inactivity warning, the digits typed, a top-up held for the card's next tap.
    ['transition', 'kiosk.session.attention.warning · customer.*', [STANDARD_PROFILE]],
    ['transition', 'kiosk.session.flow.amount · customer.submitAmount #1', [STANDARD_PROFILE]],
    ['transition', 'kiosk.session.flow.checkingCard · done lookupCard #4', [STANDARD_PROFILE]],
    ['transition', 'kiosk.session.flow.serviceUnavailable · customer.back', [STANDARD_PROFILE]],
    // A note on its way back as the customer walks off (IN_FLIGHT_ACTIONS).
    ['transition', 'kiosk.idle · validator.returned', [STANDARD_PROFILE]]
  ] as const)('to %s %s replays on a fresh kiosk under its profile and takes it', async ([kind, id, profiles]) => {
    const path = kind === 'state' ? await shortestPathToState(id, profiles, allow) : await shortestPathToTransition(id, profiles, allow)
    expect(path).toHaveProperty('steps')
    const left = await uncoveredAfter(path as PathFound)
    expect(kind === 'state' ? left.states : left.transitions).not.toContain(id)
  })

  it('is the allow-list’s reason for a transition it names as unreachable', async () => {
    const entry = allow.unreachable[0]!
    expect(await shortestPathToTransition(entry.transition, undefined, allow)).toEqual({ reason: expect.stringContaining(entry.reason) })
  })

  it('reaches the jam notice under the factory configuration, a note in and the jam drilled on the cash screen', async () => {
    const path = await shortestPathToScreen('billJam')
    expect(found(path) && path.profile).toBe(STANDARD_PROFILE)
    // The jam strikes the note on its way (a step taken meanwhile), one step shorter than a jam armed before it.
    expect(found(path) && path.steps.map((s) => s.do)).toEqual(['tapCard', 'chooseAmount', 'payCash', 'insertBill'])
    expect(found(path) && meanwhileOf(path.steps.at(-1)!)).toEqual([{ do: 'fault', device: 'billValidator', fault: 'jam' }])
    const replayed = await uncoveredAfter(path as PathFound)
    expect(replayed.states).not.toContain('kiosk.session.flow.billJam')
  })

  it('refuses a state, transition or screen that does not exist, naming it', async () => {
    expect(() => shortestPathToState('kiosk.session.flow.nowhere')).toThrow(/state "kiosk.session.flow.nowhere": no such state/)
    expect(() => shortestPathToTransition('kiosk.idle · teleport')).toThrow(/transition "kiosk.idle · teleport": no such transition/)
    await expect(shortestPathToScreen('lobby' as never)).rejects.toThrow(/screen "lobby": no such screen/)
  })
})
