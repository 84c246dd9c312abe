/**
 * Scenario files replayed in Chromium (./replay.ts): the customer's steps clicked on the kiosk
 * screen, the hardware's sent as the technician panel sends them. Each step must end on the screen
 * the headless runner (`kiosk-sim run`) reports for it, with the same outcome, and every screen the
 * browser showed is photographed (artifacts/screenshots/replay/<scenario>/NN-<screen>.png).
 */
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { loadScenarioFile } from '../../src/cli/inputFiles'
import { runScenarioFile } from '../../src/cli/runCommand'
import { launchChromium, layoutProblems, ROOT, SCREENSHOTS, TAKE_SCREENSHOTS, untranslatedKeys } from './harness'
import { replayInBrowser } from './replay'

/** A bill jam after a stacked note; the card pulled mid-write; a counterfeit note and a full stacker, then a bank card. */
const SCENARIOS = ['validator-jam-after-notes-stacked', 'card-pulled-mid-write', 'validator-counterfeit-and-stacker-full']

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

describe.concurrent('a scenario replayed in Chromium', () => {
  it.for(SCENARIOS)('%s: the browser shows, step by step, the screens the headless runner reports', async (name, { expect }) => {
    const scenario = loadScenarioFile(join(ROOT, 'tests', 'scenarios', `${name}.json`))
    const headless = await runScenarioFile(scenario)
    expect(headless.ok).toBe(true)

    const dir = join(SCREENSHOTS, 'replay', name)
    rmSync(dir, { recursive: true, force: true })
    const problems: string[] = []
    const replay = await replayInBrowser(browser, scenario, {
      language: 'en',
      screenshotDir: dir,
      onScreen: async (shot, page) => {
        for (const p of await layoutProblems(page)) problems.push(`${shot.file}: ${p}`)
        for (const key of await untranslatedKeys(page)) problems.push(`${shot.file}: untranslated "${key}"`)
      }
    })

    expect(replay.steps).toEqual(headless.steps)
    expect(replay.ok).toBe(true)
    // One screenshot of the first screen (the attract screen), then one each time the screen changed.
    const changes = ['idle', ...headless.steps.map((s) => s.screen)].filter((screen, i, all) => i === 0 || screen !== all[i - 1])
    expect(replay.screenshots.map((s) => s.screen)).toEqual(changes)
    // The pictures themselves are written under `npm run screenshots` only.
    if (TAKE_SCREENSHOTS) expect(readdirSync(dir).sort()).toEqual(replay.screenshots.map((s) => s.file))
    expect(problems).toEqual([])
  })
})
