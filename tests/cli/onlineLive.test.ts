/**
 * Live-safe walks and `kiosk-sim online --url`: a walk of the actions a running kiosk can be sent
 * plays green on a real web host over a real kiosk (the factory configuration, as the standard
 * profile has), and online mode plays each action on it too, failing the step that shows another screen.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { onlineOptions, startOnline, type OnlineService } from '../../src/cli/onlineCommand'
import { parseIntent } from '../../src/core/protocol'
import { actionName, IN_FLIGHT_ACTIONS, PATH_ACTIONS } from '../../src/core/testing/actions'
import { parseGenerator } from '../../src/core/testing/generator'
import { LIVE_SAFE, LIVE_SAFE_ACTIONS, liveIntents } from '../../src/core/testing/liveSafe'
import { STANDARD_PROFILE } from '../../src/core/testing/profiles'
import { walk } from '../../src/core/testing/walk'
import { startWebHost, type WebHost } from '../../src/hosts/webServer'
import { createNodeKiosk } from '../../src/node/nodeKiosk'

let dir: string
let runtime: ReturnType<typeof createNodeKiosk>
let host: WebHost
let printed: string
let service: OnlineService | undefined

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-online-live-'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>')
  // The factory configuration: the standard profile's timings, in real time.
  runtime = createNodeKiosk({ dataDir: join(dir, 'data') })
  const logs: string[] = []
  host = await startWebHost({ runtime, rendererDir: join(dir, 'renderer'), port: 0, log: (line) => logs.push(line) })
  printed = logs.find((l) => l.startsWith('Technician panel: '))!.slice('Technician panel: '.length)
  service = undefined
})

afterEach(async () => {
  await service?.close()
  await host.close()
  runtime.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('live-safe actions', () => {
  it('leave out only the power cut, the journal restored from an older copy and the notes with steps on their way, each with why', () => {
    expect(LIVE_SAFE.leftOut.map((l) => l.action)).toEqual(['powerCut', 'restoreJournal 12', ...IN_FLIGHT_ACTIONS.map(actionName)])
    expect(LIVE_SAFE.leftOut.every((l) => l.why.length > 20)).toBe(true)
    expect(LIVE_SAFE_ACTIONS.length).toBe(PATH_ACTIONS.length - 2 - IN_FLIGHT_ACTIONS.length)
  })

  it('become intents the technician WebSocket accepts, every fault and staff step included', () => {
    for (const step of LIVE_SAFE_ACTIONS) {
      const intents = liveIntents(step)
      expect(Array.isArray(intents), actionName(step)).toBe(true)
      for (const intent of intents as object[]) expect(parseIntent(intent, 'technician'), actionName(step)).toEqual({ ok: true, intent })
    }
    const verbs = new Set(LIVE_SAFE_ACTIONS.map((s) => s.do))
    for (const verb of ['fault', 'clearFault', 'wait', 'enterCard', 'serviceLogin', 'setOutOfService', 'changeSettings', 'acceptJournal'])
      expect(verbs).toContain(verb)
    expect(LIVE_SAFE_ACTIONS.filter((s) => s.do === 'fault')).toHaveLength(PATH_ACTIONS.filter((s) => s.do === 'fault').length)
  })

  it('make a quick-random walk that `kiosk-sim run --url` plays green on a running kiosk', async () => {
    // Seed 66's 36 steps wait 11 s in all (a live run waits in real time; most seeds wait a minute or more).
    const result = await walk({ spec: parseGenerator('quickRandom(length(36))'), seed: 66, profiles: [STANDARD_PROFILE], actions: LIVE_SAFE_ACTIONS })
    const scenario = result.paths[0]!.scenario
    const verbs = new Set(scenario.steps.flatMap((s) => ('do' in s ? [s.do] : [])))
    for (const verb of ['tapCard', 'insertBill', 'fault', 'clearFault', 'chooseAmount', 'wait']) expect(verbs).toContain(verb)
    const file = join(dir, 'walk.json')
    writeFileSync(file, JSON.stringify({ name: scenario.name, steps: scenario.steps }))
    const out: string[] = []
    const err: string[] = []
    const code = await main(['run', file, '--url', printed], { out: (t) => out.push(t), err: (t) => err.push(t) })
    expect(err.join('\n')).toBe('')
    expect(out.join('\n')).toContain(`PASSED (${scenario.steps.length} steps)`)
    expect(code).toBe(0)
  }, 120_000)
})

/** GET or PUT one endpoint of the service; its JSON answer. */
async function call(path: string, method = 'GET'): Promise<Record<string, unknown>> {
  const response = await fetch(`${service!.server.url}/${path}`, { method })
  return (await response.json()) as Record<string, unknown>
}

describe('kiosk-sim online --url', () => {
  const options = (generator: string, seed = '13') => {
    const parsed = onlineOptions({ generator, seed, url: printed })
    if (typeof parsed === 'string') throw new Error(parsed)
    return parsed.walk
  }

  it('plays every action on the running kiosk too, which shows the screen of every vertex', async () => {
    // Seed 11's 20 steps wait 1 s in all (each wait step is waited in real time on the running kiosk).
    service = await startOnline(options('quickRandom(length(20))', '11'), 0, printed)
    const names: string[] = []
    while ((await call('hasNext')).hasNext === 'true') {
      const next = await call('getNext')
      expect(next.result, JSON.stringify(next)).toBe('ok')
      names.push(next.currentElementName as string)
      if (names.at(-1)!.startsWith('v_')) expect(runtime.view().screen).toBe(names.at(-1)!.slice(2))
    }
    expect(names.filter((n) => n.startsWith('e_') && n !== 'e_freshKiosk')).toHaveLength(20)
    expect(names.filter((n) => n === 'e_freshKiosk')).toHaveLength(1)
    expect(await call('getStatistics')).toMatchObject({ result: 'ok', totalFailedNumberOfModels: 0, totalCompletedNumberOfModels: 1, steps: 20 })
    // A running kiosk cannot be made fresh again.
    expect(await call('restart', 'PUT')).toMatchObject({ result: 'nok', error: expect.stringContaining('cannot be made fresh') })
  }, 120_000)

  it('fails the step where the running kiosk shows another screen, naming both', async () => {
    service = await startOnline(options('random(length(5))'), 0, printed)
    // Behind the walk's back, a customer starts on the running kiosk.
    expect(runtime.send({ type: 'start' })).toEqual({ ok: true })
    expect(await call('getNext')).toMatchObject({ result: 'ok', currentElementName: 'e_freshKiosk' })
    expect(await call('getNext')).toEqual({
      result: 'nok',
      error: 'v_idle: after a fresh kiosk the running kiosk shows card, the model expected idle'
    })
    expect(await call('hasNext')).toEqual({ result: 'ok', hasNext: 'false' })
    const stats = await call('getStatistics')
    expect(stats).toMatchObject({ totalFailedNumberOfModels: 1, failures: [{ failure: expect.stringContaining('shows card, the model expected idle') }] })
  }, 30_000)

  it('refuses several profiles and a kiosk that is not there, naming the option', async () => {
    expect(onlineOptions({ url: printed, profile: 'standard,slowHost' })).toMatch(/^--profile: with --url the walk runs under one profile/)
    const err: string[] = []
    const code = await main(['online', '--port', '0', '--url', 'ws://127.0.0.1:1/ws'], { out: () => undefined, err: (t) => err.push(t) })
    expect(code).toBe(2)
    expect(err.join('\n')).toMatch(/cannot connect to ws:\/\/127\.0\.0\.1:1\/ws/)
  })
})
