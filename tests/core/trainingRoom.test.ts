import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { VirtualClock } from '../../src/core/clock'
import { MemoryCardStore } from '../../src/core/devices/host'
import { DEMO_CARDS } from '../../src/core/cards'
import { loadConfig } from '../../src/core/config'
import { MemoryJournal } from '../../src/core/journal'
import { Kiosk } from '../../src/core/kiosk'
import type { Intent } from '../../src/core/protocol'
import type { SendResult } from '../../src/core/runtime'
import { ScenarioRecorder, type RecorderControl } from '../../src/core/training/recorder'
import { TrainingRoom } from '../../src/core/training/room'
import { MemoryShelf, type ScenarioShelf } from '../../src/core/training/shelf'
import { FakeTicker } from './fakeTicker'
import { makeKiosk, testBootNonce } from './helpers'

const jam = JSON.parse(readFileSync(join(import.meta.dirname, '../../scenarios/note-jam.json'), 'utf8')) as object

/** A recorder that notes what the room told it. */
class NotingRecorder extends ScenarioRecorder {
  readonly told: string[] = []
  override handle(control: RecorderControl, on: { kiosk: Kiosk; shelf: ScenarioShelf }): SendResult {
    this.told.push(`handle ${control.type} ${on.kiosk === live ? 'live' : 'other'}`)
    return { ok: true }
  }
  override sent(intent: Intent, result: SendResult, kiosk: Kiosk): void {
    this.told.push(`sent ${intent.type} ${result.ok} ${kiosk === live ? 'live' : 'other'}`)
  }
  override changed(kiosk: Kiosk): void {
    if (kiosk === live && this.told.at(-1) !== 'changed') this.told.push('changed')
  }
}

let live: Kiosk

function room(): { room: TrainingRoom; recorder: NotingRecorder; ticker: FakeTicker; clock: VirtualClock } {
  const t = makeKiosk()
  live = t.kiosk
  const recorder = new NotingRecorder({ now: () => 0 })
  const ticker = new FakeTicker()
  const shelf = new MemoryShelf([{ id: 'note-jam', name: 'A note jams in the validator', file: jam }])
  return { room: new TrainingRoom({ live, shelf, ticker, recorder }), recorder, ticker, clock: t.clock }
}

describe('the training room', () => {
  it('serves the live kiosk, telling the recorder of each intent and change, and shows its training view', async () => {
    const { room: r, recorder, clock } = room()
    const heard = vi.fn()
    r.subscribe(heard)
    expect(r.send({ type: 'start' })).toEqual({ ok: true })
    await clock.advance(100)
    expect(r.view().screen).toBe('card')
    expect(r.view()).toEqual(live.view())
    expect(heard).toHaveBeenCalled()
    expect(recorder.told).toEqual(['changed', 'sent start true live'])
    const training = r.technicianView().training
    expect(training).toEqual({
      mode: 'live',
      shelf: [{ id: 'library.note-jam', name: 'A note jams in the validator', source: 'library', steps: 9 }],
      // The recorder's own view, as it is.
      recorder: recorder.view(),
      player: { state: 'empty', scenario: null, step: 0, speed: 1, error: null },
      drill: { library: [], active: null, result: null }
    })
    expect(training?.recorder.state).toBe('off')
    expect(r.technicianView().state).toBe(live.technicianView().state)
  })

  it('passes the recorder its controls with the live kiosk, and says a room without a drill library has no drills', () => {
    const { room: r, recorder } = room()
    expect(r.send({ type: 'recordStart', name: 'Jam' })).toEqual({ ok: true })
    expect(recorder.told).toContain('handle recordStart live')
    expect(r.send({ type: 'drillStart', drill: 'library.x', trainee: 'Aigerim' })).toEqual({
      ok: false,
      error: 'this kiosk has no drill library'
    })
    expect(r.send({ type: 'trainingClose' })).toEqual({ ok: false, error: 'the live kiosk is shown already' })
  })

  it('shows the player\u2019s kiosk during playback, refusing every other intent, and notifies on the switch', () => {
    const { room: r, recorder } = room()
    const heard = vi.fn()
    r.subscribe(heard)
    expect(r.send({ type: 'playControl', action: 'play' })).toEqual({ ok: false, error: 'nothing is loaded: load a scenario first' })
    heard.mockClear()
    expect(r.send({ type: 'playLoad', scenario: 'library.note-jam' })).toEqual({ ok: true })
    expect(heard).toHaveBeenCalled()
    expect(r.roomMode).toBe('playback')
    expect(r.shown()).toBe(r.player.kiosk())
    expect(r.shown()).not.toBe(live)
    expect(r.technicianView().training).toMatchObject({ mode: 'playback', player: { state: 'paused', scenario: { id: 'library.note-jam' } } })
    const refused = r.send({ type: 'start' })
    expect(refused).toEqual({ ok: false, error: 'a scenario is playing: "start" is refused; stop the player to use the live kiosk again' })
    expect(r.send({ type: 'tapCard', number: '9398000011112222' }).ok).toBe(false)
    expect(live.view().screen).toBe('idle')
    expect(recorder.told.filter((t) => t.startsWith('sent'))).toEqual([])
    heard.mockClear()
    expect(r.send({ type: 'playControl', action: 'stop' })).toEqual({ ok: true })
    expect(heard).toHaveBeenCalled()
    expect(r.roomMode).toBe('live')
    expect(r.shown()).toBe(live)
    expect(r.technicianView().training?.player.state).toBe('empty')
  })

  it('notifies on the played kiosk\u2019s changes, not on the live one\u2019s meanwhile', async () => {
    const { room: r, ticker } = room()
    r.send({ type: 'playLoad', scenario: 'library.note-jam' })
    const heard = vi.fn()
    r.subscribe(heard)
    r.send({ type: 'playSpeed', speed: 10 })
    r.send({ type: 'playControl', action: 'step' })
    heard.mockClear()
    await ticker.pass(500)
    expect(heard).toHaveBeenCalled()
    expect(r.technicianView().devices.billValidator.condition).not.toBe('ok')
    heard.mockClear()
    live.send({ type: 'start' })
    expect(heard).not.toHaveBeenCalled()
    r.send({ type: 'trainingClose' })
    expect(r.view().screen).toBe('card')
  })

  it('serves a drill\u2019s kiosk through its seam, observing its intents, and goes back to the live one', () => {
    const { room: r } = room()
    const drillKiosk = new Kiosk({
      config: loadConfig({}),
      clock: new VirtualClock(0),
      journal: new MemoryJournal(),
      cards: new MemoryCardStore(DEMO_CARDS),
      bootNonce: testBootNonce
    })
    const observed: string[] = []
    const heard = vi.fn()
    r.subscribe(heard)
    r.serveDrill({ kiosk: drillKiosk, observe: (intent, result) => observed.push(`${intent.type} ${result.ok}`) })
    expect(heard).toHaveBeenCalled()
    expect(r.technicianView().training?.mode).toBe('drill')
    expect(r.send({ type: 'start' })).toEqual({ ok: true })
    expect(r.view().screen).toBe('card')
    expect(live.view().screen).toBe('idle')
    expect(observed).toEqual(['start true'])
    expect(r.send({ type: 'playLoad', scenario: 'library.note-jam' }).ok).toBe(false)
    expect(r.send({ type: 'trainingClose' })).toEqual({ ok: true })
    expect(r.shown()).toBe(live)
    expect(drillKiosk.snapshot().status).toBe('stopped')
  })

  it('stops the live kiosk and the player with itself', () => {
    const { room: r } = room()
    r.send({ type: 'playLoad', scenario: 'library.note-jam' })
    const played = r.player.kiosk()!
    r.stop()
    expect(r.player.view().state).toBe('empty')
    expect(() => played.snapshot()).not.toThrow()
    expect(played.snapshot().status).toBe('stopped')
    expect(live.snapshot().status).toBe('stopped')
  })
})
