import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/core/config'
import type { Intent } from '../../src/core/protocol'
import { parseScenario } from '../../src/core/scenario/schema'
import { memoryRunner } from '../../src/core/testing/play'
import { configForFile, ScenarioRecorder, type RecorderControl } from '../../src/core/training/recorder'
import { MemoryShelf } from '../../src/core/training/shelf'
import { hashPin } from '../../src/core/service/pins'
import { DEMO_CARD, makeKiosk, moneyInvariantAfterEach } from './helpers'

moneyInvariantAfterEach()

/** A live kiosk on a virtual clock with a recorder wired as the training room wires it. */
function recordedKiosk(options: Parameters<typeof makeKiosk>[0] = {}) {
  const k = makeKiosk(options)
  const shelf = new MemoryShelf()
  const recorder = new ScenarioRecorder({ now: () => k.clock.now() })
  k.kiosk.subscribe(() => recorder.changed(k.kiosk))
  const control = (c: RecorderControl) => recorder.handle(c, { kiosk: k.kiosk, shelf })
  /** Sends an intent as a window would, then lets `seconds` of virtual time pass. */
  const send = async (intent: Intent, seconds = 0) => {
    const result = k.kiosk.send(intent)
    recorder.sent(intent, result, k.kiosk)
    await k.clock.advance(seconds * 1000)
    return result
  }
  return { ...k, shelf, recorder, control, send }
}

const cardRefOf = (k: ReturnType<typeof recordedKiosk>, number: string) => k.kiosk.hostCards().find((c) => c.number === number)!.cardRef

/** Replays a recorded file with the headless runner. */
async function replay(file: unknown) {
  const runner = memoryRunner(parseScenario(file))
  const report = await runner.run()
  runner.kiosk.stop()
  return report
}

/** A customer's cash top-up with pauses, and a technician's fault half-way (the host turns slow). */
async function recordTopUp() {
  const k = recordedKiosk({ config: { limits: { maxTopUpKzt: 50_000 } } })
  expect(k.control({ type: 'recordStart', name: 'Slow host top-up' })).toEqual({ ok: true })
  await k.send({ type: 'language', code: 'en' }, 1.5)
  await k.send({ type: 'start' }, 2)
  await k.send({ type: 'tapCard', cardRef: cardRefOf(k, DEMO_CARD) }, 3.2)
  await k.send({ type: 'chooseAmount', kzt: 5000 }, 1)
  await k.send({ type: 'payCash' }, 4)
  await k.send({ type: 'insertBill', currency: 'KZT', value: 2000 }, 2.5)
  await k.send({ type: 'fault', device: 'host', fault: 'slow' }, 0.5)
  await k.send({ type: 'insertBill', currency: 'KZT', value: 2000 }, 6)
  await k.send({ type: 'insertBill', currency: 'KZT', value: 1000 }, 1)
  await k.send({ type: 'confirm' }, 5)
  await k.send({ type: 'done' }, 3)
  expect(k.control({ type: 'recordStop' })).toEqual({ ok: true })
  return k
}

describe('the scenario recorder', () => {
  it('records a live top-up that replays headless with every expectation met', async () => {
    const k = await recordTopUp()
    const file = k.recorder.file()!
    const scenario = parseScenario(JSON.parse(JSON.stringify(file)))
    expect(scenario.name).toBe('Slow host top-up')
    expect(scenario.config).toEqual(k.kiosk.snapshot().context.config)
    expect(scenario.cards).toContainEqual({ number: DEMO_CARD, balanceKzt: 500, status: 'active' })
    const actions = scenario.steps.filter((s) => 'do' in s && s.do !== 'wait')
    expect(actions.map((s) => ('do' in s ? s.do : ''))).toEqual([
      'language',
      'start',
      'tapCard',
      'chooseAmount',
      'payCash',
      'insertBill',
      'fault',
      'insertBill',
      'insertBill',
      'confirm',
      'done'
    ])
    expect(actions[2]).toEqual({ do: 'tapCard', number: DEMO_CARD })
    // An expectation before every action and at the end; the pauses as waits from when the kiosk settled.
    expect(scenario.steps.filter((s) => 'expect' in s)).toHaveLength(12)
    expect(scenario.steps).toContainEqual({ do: 'wait', seconds: 1.5 })
    const screens = scenario.steps.flatMap((s) => ('expect' in s ? [s.expect.screen] : []))
    expect(screens).toContain('cash')
    expect(screens).toContain('receipt')
    expect(screens.at(-1)).toBe('idle')
    const report = await replay(file)
    expect(report.steps.filter((s) => !s.ok)).toEqual([])
    expect(report.ok).toBe(true)
    expect(report.cards[DEMO_CARD]!.balanceKzt).toBe(k.cards.get(DEMO_CARD)!.balanceKzt)
  })

  it('writes the wait from when the kiosk settled, not from the step', async () => {
    const k = recordedKiosk()
    k.control({ type: 'recordStart', name: 'tap' })
    // The card lookup takes the host's 300 ms: the next intent 2 s after the tap waits 1.7 s.
    await k.send({ type: 'tapCard', number: DEMO_CARD }, 2)
    await k.send({ type: 'chooseAmount', kzt: 1000 }, 0)
    k.control({ type: 'recordStop' })
    expect(k.recorder.view().steps.map((s) => s.step)).toEqual([
      { expect: { screen: 'idle' } },
      { do: 'tapCard', number: DEMO_CARD },
      { do: 'wait', seconds: 1.7 },
      { expect: { screen: 'amount' } },
      { do: 'chooseAmount', kzt: 1000 },
      { expect: { screen: 'paymentMethod' } }
    ])
    expect((await replay(k.recorder.file())).ok).toBe(true)
  })

  it('keeps captions per step and language, and saves under a free id on the shelf', async () => {
    const k = recordedKiosk()
    k.control({ type: 'recordStart', name: 'Jam at 5 000 ₸' })
    await k.send({ type: 'start' }, 1)
    k.control({ type: 'recordStop' })
    expect(k.control({ type: 'recordCaption', step: 1, language: 'en', text: 'The customer starts' })).toEqual({ ok: true })
    expect(k.control({ type: 'recordCaption', step: 1, language: 'ru', text: 'Клиент начинает' })).toEqual({ ok: true })
    expect(k.control({ type: 'recordCaption', step: 1, language: 'ru', text: null })).toEqual({ ok: true })
    expect(k.control({ type: 'recordCaption', step: 99, language: 'en', text: 'x' })).toEqual({ ok: false, error: 'step: there is no step 99 in the recording' })
    expect(k.recorder.view().steps[1]).toEqual({ index: 1, step: { do: 'start' }, caption: { en: 'The customer starts' } })
    k.shelf.save('Jam at 5 000 ₸', { steps: [] })
    expect(k.control({ type: 'recordSave' })).toEqual({ ok: true })
    const savedAs = k.recorder.view().savedAs
    expect(savedAs).toBe('recording.jam-at-5-000-2')
    const saved = parseScenario(k.shelf.load(savedAs!))
    expect(saved.steps[1]).toEqual({ do: 'start', caption: { en: 'The customer starts' } })
    expect(k.control({ type: 'recordSave' })).toEqual({ ok: false, error: 'already saved as recording.jam-at-5-000-2' })
    expect((await replay(saved)).ok).toBe(true)
  })

  it('does not record an intent the kiosk refused, nor anything before the start or after the stop', async () => {
    const k = recordedKiosk()
    await k.send({ type: 'start' }, 1)
    await k.send({ type: 'cancel' }, 1)
    k.control({ type: 'recordStart', name: 'refusals' })
    expect((await k.send({ type: 'confirm' }, 1)).ok).toBe(false)
    await k.send({ type: 'start' }, 1)
    k.control({ type: 'recordStop' })
    await k.send({ type: 'cancel' }, 1)
    const actions = k.recorder.view().steps.filter((s) => 'do' in s.step && s.step.do !== 'wait')
    expect(actions.map((s) => s.step)).toEqual([{ do: 'start' }])
  })

  it('records a staff login as serviceLogin with its PIN, and a shift report as its verb', async () => {
    const k = recordedKiosk({ config: { service: { pins: { collector: hashPin('1111') } } } })
    k.control({ type: 'recordStart', name: 'X report' })
    await k.send({ type: 'serviceEntry' }, 1)
    await k.send({ type: 'servicePin', pin: '1111' }, 2)
    expect(k.screen()).toBe('serviceMenu')
    await k.send({ type: 'shiftReport', report: 'X' }, 2)
    await k.send({ type: 'journalQuery', query: {} }, 1)
    await k.send({ type: 'serviceLogout' }, 1)
    k.control({ type: 'recordStop' })
    const view = k.recorder.view()
    const actions = view.steps.filter((s) => 'do' in s.step && s.step.do !== 'wait').map((s) => s.step)
    expect(actions).toEqual([{ do: 'serviceEntry' }, { do: 'serviceLogin', pin: '1111' }, { do: 'xReport' }, { do: 'serviceLogout' }])
    expect(view.notes).toEqual(['"journalQuery" was not recorded: a journal query only changes what the journal viewer shows; scenarios have no verb for it'])
    const report = await replay(k.recorder.file())
    expect(report.steps.filter((s) => !s.ok)).toEqual([])
    expect(report.shiftReports).toHaveLength(1)
  })

  it('stops itself at its most steps, with a note', async () => {
    const k = recordedKiosk()
    const recorder = new ScenarioRecorder({ now: () => k.clock.now(), maxSteps: 12 })
    k.kiosk.subscribe(() => recorder.changed(k.kiosk))
    recorder.handle({ type: 'recordStart', name: 'long' }, { kiosk: k.kiosk, shelf: k.shelf })
    for (const code of ['en', 'ru', 'kk', 'zh', 'en', 'ru'] as const) {
      const intent: Intent = { type: 'language', code }
      recorder.sent(intent, k.kiosk.send(intent), k.kiosk)
      await k.clock.advance(1000)
    }
    const view = recorder.view()
    expect(view.state).toBe('stopped')
    expect(view.steps.length).toBeLessThanOrEqual(12)
    expect(view.notes?.[0]).toMatch(/stopped itself at 12 steps/)
    expect((await replay(recorder.file())).ok).toBe(true)
  })

  it('refuses controls out of turn and discards a recording', async () => {
    const k = recordedKiosk()
    expect(k.control({ type: 'recordStop' })).toEqual({ ok: false, error: 'nothing is being recorded' })
    expect(k.control({ type: 'recordSave' })).toEqual({ ok: false, error: 'stop the recording before saving it' })
    expect(k.control({ type: 'recordDiscard' })).toEqual({ ok: false, error: 'there is no recording to discard' })
    k.control({ type: 'recordStart', name: 'one' })
    expect(k.control({ type: 'recordStart', name: 'two' })).toEqual({ ok: false, error: '"one" is being recorded: stop it first' })
    expect(k.control({ type: 'recordSave' })).toEqual({ ok: false, error: 'stop the recording before saving it' })
    k.control({ type: 'recordStop' })
    expect(k.control({ type: 'recordStart', name: 'two' })).toEqual({ ok: false, error: '"one" is not saved: save or discard it first' })
    expect(k.control({ type: 'recordDiscard' })).toEqual({ ok: true })
    expect(k.recorder.view()).toEqual({ state: 'off', name: null, steps: [], savedAs: null, notes: [] })
    expect(k.shelf.list()).toEqual([])
  })
})

describe('the recorded configuration', () => {
  it('loads back as the kiosk had it: currencies it does not take, its own location, the rates of the moment', () => {
    const config = loadConfig({ currencies: { EUR: null, CNY: null }, terminal: { location: { en: 'Astana, Baiterek' } } })
    const file = configForFile(config, { USD: '480.5', RUB: config.currencies.RUB!.rate })
    const back = loadConfig(JSON.parse(JSON.stringify(file)))
    expect(back).toEqual({ ...config, currencies: { ...config.currencies, USD: { ...config.currencies.USD!, rate: '480.5' } } })
    expect(back.currencies.EUR).toBeUndefined()
    expect(loadConfig(configForFile(loadConfig({}), {}))).toEqual(loadConfig({}))
  })
})
