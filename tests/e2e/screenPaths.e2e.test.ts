/**
 * The shortest path to every screen, replayed in Chromium through the web host (./replay.ts) with a
 * screenshot per screen: artifacts/screenshots/paths/<screen>.png.
 *
 * The kiosk's state graph is explored on the live core with the device drills that show a screen
 * of their own, and xstate/graph gives the shortest path to each screen it rests on. Each path
 * must end, in the browser, on its screen, with every step reported as the headless runner
 * (`kiosk-sim run`) reports it; the screens a step only passes through while it settles are
 * photographed on the way. Every screen of the kiosk must be photographed, so a screen that no
 * path reaches any more fails the test.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runScenarioFile } from '../../src/cli/runCommand'
import { loadConfig } from '../../src/core/config'
import { LANGUAGES, SCREENS, type ScreenName } from '../../src/core/protocol'
import { actionName, PATH_ACTIONS, SIBLINGS_WHILE_DRILLING } from '../../src/core/testing/actions'
import type { Scenario } from '../../src/core/scenario/schema'
import { exploreKiosk, shortestPathsToScreens, type GeneratedPath } from '../../src/core/testing/explore'
import { STAFF_PROFILE } from '../../src/core/testing/profiles'
import { launchChromium, layoutProblems, SCREENSHOTS, TAKE_SCREENSHOTS, untranslatedKeys } from './harness'
import { replayInBrowser, type ScreenShot } from './replay'

/**
 * Actions that change what a screen shows but lead to no screen the others do not (the card near
 * its cap, other amounts and notes, typed amounts, more time, the language, the rate, short waits,
 * the power cut), and the printer's drills (paper low or out and a jam are told on the receipt
 * screen). Measured: with them (all of PATH_ACTIONS, a device's drills at a time: 80 s) the same
 * screens are reached by paths just as short; without them the graph (~380 states) takes about 6 s.
 */
const SAME_SCREENS = [
  // What leads to no other screen than its siblings while a drill is on (actions.ts) leads to none here either.
  ...SIBLINGS_WHILE_DRILLING,
  'wait 10',
  'wait 35',
  'powerCut',
  // The administrator opens every service page: the collector's and the technician's logins lead nowhere else.
  'serviceLogin 1111',
  'serviceLogin 2222'
]
/**
 * Left out too: a note with steps taken while it is on its way (`meanwhile`), which only the headless runner plays (the browser
 * sends its intents in real time, after the note has landed); the screens it leads to are reached by drills as well.
 */
const ACTIONS = PATH_ACTIONS.filter(
  (a) => !SAME_SCREENS.includes(actionName(a)) && !('device' in a && a.device === 'printer') && !(a.do === 'insertBill' && a.meanwhile)
)

/** Shown only while a step settles (a card lookup, a bank-card payment, a credit): no path rests there, each is photographed on the way. */
const PASSING: readonly ScreenName[] = ['checkingCard', 'bankCard', 'crediting']

// Under the drill with staff (they have PINs), so that service mode's screens are reached too.
const graph = await exploreKiosk({ actions: ACTIONS, limit: 1000, profile: STAFF_PROFILE, deviceDrills: true })
const paths = shortestPathsToScreens(graph)

const DIR = join(SCREENSHOTS, 'paths')
/** Each path's screenshots, one folder per path, until the wanted ones are copied to DIR. */
let work: string
let browser: Browser
/** The screens a path ended on or passed (photographed under `npm run screenshots`). */
const shown = new Set<ScreenName>()
/** The screenshots taken while a step settled, by the index of their path. */
const passed: { path: number; dir: string; shot: ScreenShot }[] = []

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true })
  mkdirSync(DIR, { recursive: true })
  work = mkdtempSync(join(tmpdir(), 'kiosk-paths-'))
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  rmSync(work, { recursive: true, force: true })
})

describe('the explored graph', () => {
  it('leaves out only actions PATH_ACTIONS has, is explored completely, and has a path to every screen but the passing ones', () => {
    const names = new Set(PATH_ACTIONS.map(actionName))
    expect(SAME_SCREENS.filter((name) => !names.has(name))).toEqual([])
    expect(graph.truncated).toBe(false)
    expect(SCREENS.filter((screen) => !paths.some((p) => p.screen === screen))).toEqual(PASSING)
  })
})

describe.concurrent('the shortest path to a screen replayed in Chromium', () => {
  it.for(paths.map((path, i): [ScreenName, GeneratedPath, number] => [path.screen, path, i]))('%s', async ([screen, path, i], { expect }) => {
    const scenario: Scenario = { name: `shortest path to ${screen}`, config: loadConfig(STAFF_PROFILE.config), cards: null, steps: [...path.steps] }
    const headless = await runScenarioFile(scenario)
    expect(headless.ok).toBe(true)

    // The languages take turns, so that each is photographed on some screens.
    const language = LANGUAGES[i % LANGUAGES.length]!
    const dir = join(work, screen)
    const problems: string[] = []
    const replay = await replayInBrowser(browser, scenario, {
      language,
      screenshotDir: dir,
      whileSettling: true,
      onScreen: async (shot, page) => {
        for (const p of await layoutProblems(page)) problems.push(`${shot.file} (${language}): ${p}`)
        for (const key of await untranslatedKeys(page)) problems.push(`${shot.file} (${language}): untranslated "${key}"`)
      }
    })

    expect(replay.steps).toEqual(headless.steps)
    expect(replay.ok).toBe(true)
    const resting = replay.screenshots.filter((s) => !s.settling)
    // The screens the steps ended on, one screenshot each time it changed; the last is the path's screen.
    expect(resting.map((s) => s.screen)).toEqual(['idle', ...headless.steps.map((s) => s.screen)].filter((s, k, all) => k === 0 || s !== all[k - 1]))
    expect(resting.at(-1)!.screen).toBe(screen)
    expect(replay.screenshots.at(-1)).toEqual(resting.at(-1))
    expect(problems).toEqual([])
    shown.add(resting.at(-1)!.screen)
    if (TAKE_SCREENSHOTS) copyFileSync(join(dir, resting.at(-1)!.file), join(DIR, `${screen}.png`))
    for (const shot of replay.screenshots.filter((s) => s.settling)) passed.push({ path: i, dir, shot })
  })
})

describe('the screenshots of the shortest paths', () => {
  it('show every screen: the passing ones on the way along the paths to others', () => {
    // Each passing screen as the shortest path that passes it showed it.
    for (const screen of PASSING) {
      const first = passed.filter((p) => p.shot.screen === screen).sort((a, b) => a.path - b.path)[0]
      if (!first) continue
      shown.add(screen)
      if (TAKE_SCREENSHOTS) copyFileSync(join(first.dir, first.shot.file), join(DIR, `${screen}.png`))
    }
    expect(PASSING.filter((screen) => !passed.some((p) => p.shot.screen === screen))).toEqual([])
    expect([...shown].sort()).toEqual([...SCREENS].sort())
    // The pictures themselves are written under `npm run screenshots` only.
    if (TAKE_SCREENSHOTS) expect(readdirSync(DIR).sort()).toEqual(SCREENS.map((s) => `${s}.png`).sort())
  })
})
