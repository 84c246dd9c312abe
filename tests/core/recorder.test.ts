import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/core/config'
import { INTENT_TYPES, TRAINING_CONTROL_TYPES, type Intent } from '../../src/core/protocol'
import { stepIntent } from '../../src/core/scenario/runRules'
import { parseScenario, parseStep } from '../../src/core/scenario/schema'
import { memoryRunner } from '../../src/core/testing/play'
import { intentStep, NOT_RECORDABLE } from '../../src/core/training/intentSteps'
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
    // An expectation before every action and at the end; the pauses as waits since the step.
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

  it('writes the wait from the step to the millisecond, and marks the file as taken at the recorded instants', async () => {
    const k = recordedKiosk()
    k.control({ type: 'recordStart', name: 'tap' })
    // The card lookup takes the host's 300 ms; the next intent comes 2.25 s after the tap, whatever the kiosk did meanwhile.
    await k.send({ type: 'tapCard', number: DEMO_CARD }, 2.25)
    await k.send({ type: 'chooseAmount', kzt: 1000 }, 0)
    k.control({ type: 'recordStop' })
    expect(k.recorder.view().steps.map((s) => s.step)).toEqual([
      { expect: { screen: 'idle' } },
      { do: 'tapCard', number: DEMO_CARD },
      { do: 'wait', seconds: 2.25 },
      { expect: { screen: 'amount' } },
      { do: 'chooseAmount', kzt: 1000 },
      { expect: { screen: 'paymentMethod' } }
    ])
    expect(k.recorder.file()).toMatchObject({ timing: 'recorded' })
    expect((await replay(k.recorder.file())).ok).toBe(true)
  })

  it('replays a customer who did not wait for the kiosk: Done while the receipt still prints, idle as soon as live', async () => {
    const k = recordedKiosk()
    k.control({ type: 'recordStart', name: 'hurried customer' })
    await k.send({ type: 'tapCard', number: DEMO_CARD }, 1)
    await k.send({ type: 'chooseAmount', kzt: 1000 }, 1)
    await k.send({ type: 'payCash' }, 1)
    await k.send({ type: 'insertBill', currency: 'KZT', value: 1000 }, 3)
    await k.send({ type: 'confirm' })
    while (k.kiosk.screen() !== 'receipt') await k.clock.advance(50)
    // The receipt is still being printed when the customer presses Done.
    expect(k.kiosk.printer.busy).toBe(true)
    await k.send({ type: 'done' })
    while (k.kiosk.screen() !== 'idle') await k.clock.advance(50)
    await k.clock.advance(100)
    k.control({ type: 'recordStop' })
    const steps = k.recorder.file()!.steps
    expect(steps.at(-1)).toEqual({ expect: { screen: 'idle' } })
    const report = await replay(k.recorder.file())
    expect(report.steps.filter((s) => !s.ok)).toEqual([])
    expect(report.ok).toBe(true)
  })

  it('records a card pulled mid-write so that the replay pulls it mid-write too', async () => {
    const k = recordedKiosk()
    k.control({ type: 'recordStart', name: 'pulled' })
    await k.send({ type: 'tapCard', number: DEMO_CARD }, 1)
    await k.send({ type: 'chooseAmount', kzt: 1000 }, 1)
    await k.send({ type: 'payCash' }, 1)
    await k.send({ type: 'insertBill', currency: 'KZT', value: 1000 }, 2)
    await k.send({ type: 'confirm' }, 0.4)
    expect(k.kiosk.cardReader().getSnapshot().matches('writing')).toBe(true)
    await k.send({ type: 'removeCard' }, 3)
    k.control({ type: 'recordStop' })
    const report = await replay(k.recorder.file())
    expect(report.steps.filter((s) => !s.ok)).toEqual([])
    expect(report.transactions.at(-1)!.status).toBe('pending')
  })

  it('keeps captions per step and language, and saves under a free id on the shelf', async () => {
    const k = recordedKiosk()
    k.control({ type: 'recordStart', name: 'Jam at 5 000 ₸' })
    await k.send({ type: 'start' }, 1)
    k.control({ type: 'recordStop' })
    expect(k.control({ type: 'recordCaption', step: 1, language: 'en', text: 'The customer starts' })).toEqual({ ok: true })
    expect(k.control({ type: 'recordCaption', step: 1, language: 'ru', text: 'Клиент начинает' })).toEqual({ ok: true })
    expect(k.control({ type: 'recordCaption', step: 1, language: 'ru', text: null })).toEqual({ ok: true })
    expect(k.control({ type: 'recordCaption', step: 99, language: 'en', text: 'x' })).toEqual({
      ok: false,
      error: 'step: there is no step 99 in the recording'
    })
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

/** One intent of every type (the type makes sure none is missing). */
const SAMPLES: { [T in Intent['type']]: Extract<Intent, { type: T }> } = {
  language: { type: 'language', code: 'kk' },
  start: { type: 'start' },
  keypad: { type: 'keypad', key: '7' },
  submitCard: { type: 'submitCard' },
  chooseAmount: { type: 'chooseAmount', kzt: 2000 },
  submitAmount: { type: 'submitAmount' },
  payCash: { type: 'payCash' },
  payCard: { type: 'payCard' },
  confirm: { type: 'confirm' },
  cancel: { type: 'cancel' },
  back: { type: 'back' },
  moreTime: { type: 'moreTime' },
  keepGoing: { type: 'keepGoing' },
  done: { type: 'done' },
  tapCard: { type: 'tapCard', number: DEMO_CARD },
  removeCard: { type: 'removeCard' },
  insertBill: { type: 'insertBill', currency: 'USD', value: 20 },
  setRate: { type: 'setRate', currency: 'EUR', rate: '500.5' },
  fault: { type: 'fault', device: 'pos', fault: 'decline', reason: 'insufficientFunds' },
  clearFault: { type: 'clearFault', device: 'printer' },
  reprint: { type: 'reprint', transactionId: 'T-1' },
  acceptJournal: { type: 'acceptJournal' },
  collectCash: { type: 'collectCash' },
  serviceDoor: { type: 'serviceDoor', open: true },
  serviceEntry: { type: 'serviceEntry' },
  servicePin: { type: 'servicePin', pin: '1111' },
  serviceCancel: { type: 'serviceCancel' },
  serviceLogout: { type: 'serviceLogout' },
  serviceOpen: { type: 'serviceOpen', page: 'menu' },
  journalQuery: { type: 'journalQuery', query: {} },
  exportJournal: { type: 'exportJournal', query: {} },
  collectCassette: { type: 'collectCassette' },
  recount: { type: 'recount', notes: [{ currency: 'KZT', value: 1000, count: 3 }] },
  shiftReport: { type: 'shiftReport', report: 'Z' },
  printCollectionReport: { type: 'printCollectionReport', number: 2 },
  serviceReprint: { type: 'serviceReprint', transactionId: 'T-1' },
  deviceTest: { type: 'deviceTest', device: 'printer' },
  setOutOfService: { type: 'setOutOfService', reason: 'cleaning' },
  setTraining: { type: 'setTraining', on: true },
  changeSettings: { type: 'changeSettings', section: 'limits', value: { maxTopUpKzt: 1000 } },
  lookUpClaim: { type: 'lookUpClaim', reference: 'R-1' },
  resolveFlagged: { type: 'resolveFlagged', transactionId: 'T-1', resolution: 'refund', note: 'counted' },
  arm: { type: 'arm', when: 'noteStacking', nth: 2, then: { do: 'fault', device: 'billValidator', fault: 'jam' } },
  disarm: { type: 'disarm' },
  recordStart: { type: 'recordStart', name: 'x' },
  recordStop: { type: 'recordStop' },
  recordCaption: { type: 'recordCaption', step: 0, language: 'en', text: 'x' },
  recordSave: { type: 'recordSave' },
  recordDiscard: { type: 'recordDiscard' },
  playLoad: { type: 'playLoad', scenario: 'library.x' },
  playControl: { type: 'playControl', action: 'play' },
  playSpeed: { type: 'playSpeed', speed: 2 },
  playJump: { type: 'playJump', step: 3 },
  drillStart: { type: 'drillStart', drill: 'jam', trainee: 'Aigerim' },
  drillHint: { type: 'drillHint' },
  drillFinish: { type: 'drillFinish' },
  drillAbort: { type: 'drillAbort' },
  trainingClose: { type: 'trainingClose' }
}

describe('the step an intent is', () => {
  const noCard = () => null
  it.each(INTENT_TYPES.map((type) => [type]))('%s is a step that sends it back, or not recordable with a reason', (type) => {
    const intent = SAMPLES[type] as Intent
    const mapped = intentStep(intent, noCard)
    if (!mapped.ok) {
      expect(TRAINING_CONTROL_TYPES.has(type) || NOT_RECORDABLE[type] !== undefined, mapped.reason).toBe(true)
      return
    }
    // The step is valid in a scenario file as the recorder writes it.
    expect(parseStep(JSON.parse(JSON.stringify(mapped.step)), 0)).toEqual(mapped.step)
    const step = mapped.step
    if (step.do === 'serviceLogin') return expect({ type: 'servicePin', pin: step.pin }).toEqual(intent)
    expect(step.do === 'wait' || step.do === 'enterCard' || step.do === 'restoreJournal').toBe(false)
    expect(stepIntent(step as Parameters<typeof stepIntent>[0], null)).toEqual(intent)
  })

  it('records every customer, technician and staff intent but the listed few, and arm and disarm of the trainer’s', () => {
    const unrecorded = INTENT_TYPES.filter((type) => !intentStep(SAMPLES[type] as Intent, noCard).ok)
    expect(unrecorded.filter((type) => !TRAINING_CONTROL_TYPES.has(type))).toEqual(['reprint', 'journalQuery', 'exportJournal'])
    expect(TRAINING_CONTROL_TYPES.size - unrecorded.filter((type) => TRAINING_CONTROL_TYPES.has(type)).length).toBe(2)
  })

  it('writes a tap by cardRef as a tap by the card’s number, and refuses an unknown cardRef', () => {
    const ref = 'a'.repeat(64)
    const numberOf = (cardRef: string) => (cardRef === ref ? DEMO_CARD : null)
    expect(intentStep({ type: 'tapCard', cardRef: ref }, numberOf)).toEqual({ ok: true, step: { do: 'tapCard', number: DEMO_CARD } })
    expect(intentStep({ type: 'tapCard', cardRef: 'b'.repeat(64) }, numberOf)).toEqual({ ok: false, reason: 'no card of this kiosk has that cardRef' })
  })
})
