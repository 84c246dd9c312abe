import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CaptionPlayer, STEP_GAP_MS, stepLabel } from '../../src/core/training/player'
import { MemoryShelf } from '../../src/core/training/shelf'
import { FakeTicker } from './fakeTicker'

const library = (id: string): object => JSON.parse(readFileSync(join(import.meta.dirname, '../../scenarios', `${id}.json`), 'utf8')) as object

const waitScenario = {
  name: 'A wait',
  steps: [
    { do: 'language', code: 'en', caption: { en: 'English, please.', ru: 'По-английски.' } },
    { do: 'wait', seconds: 10 },
    { expect: { language: 'en' }, caption: { kk: 'Ағылшынша.' } }
  ]
}

function playerWith(files: Record<string, object>): { player: CaptionPlayer; ticker: FakeTicker } {
  const shelf = new MemoryShelf(Object.entries(files).map(([id, file]) => ({ id, name: id, file })))
  const ticker = new FakeTicker()
  return { player: new CaptionPlayer({ shelf, ticker, tickMs: 50 }), ticker }
}

describe('the caption player', () => {
  it('labels a staff login without its PIN', () => {
    expect(stepLabel({ do: 'serviceLogin', pin: '2222' })).toBe('serviceLogin (PIN)')
  })

  it('loads a scenario paused at its first step, with each step labelled and captioned', () => {
    const { player } = playerWith({ wait: waitScenario })
    expect(player.load('library.wait')).toEqual({ ok: true })
    const view = player.view()
    expect(view).toMatchObject({ state: 'paused', step: 0, speed: 1, error: null })
    expect(view.scenario).toEqual({
      id: 'library.wait',
      name: 'A wait',
      steps: [
        { index: 0, label: 'language en', caption: { en: 'English, please.', ru: 'По-английски.' } },
        { index: 1, label: 'wait 10', caption: null },
        { index: 2, label: 'expect language en', caption: { kk: 'Ағылшынша.' } }
      ]
    })
    expect(player.kiosk()?.view().screen).toBe('idle')
  })

  it('paces a wait by the speed: 10 s of kiosk time take 10 s at 1x and 1 s at 10x', async () => {
    for (const speed of [1, 10]) {
      const { player, ticker } = playerWith({ wait: waitScenario })
      player.load('library.wait')
      player.setSpeed(speed)
      const start = player.kiosk()!.snapshot().context
      expect(start).toBeDefined()
      player.play()
      await ticker.pass(STEP_GAP_MS / speed + 9000 / speed)
      expect(player.view().step, `at ${speed}x`).toBe(1)
      await ticker.pass(1200 / speed)
      expect(player.view().step, `at ${speed}x`).toBe(2)
      await ticker.pass(STEP_GAP_MS / speed + 100)
      expect(player.view()).toMatchObject({ state: 'finished', step: 3, error: null })
      expect(player.kiosk()!.view().language).toBe('en')
    }
  })

  it('stops the kiosk clock while paused and plays on from there', async () => {
    const { player, ticker } = playerWith({ wait: waitScenario })
    player.load('library.wait')
    player.play()
    await ticker.pass(STEP_GAP_MS + 4000)
    expect(player.pause()).toEqual({ ok: true })
    expect(player.view().state).toBe('paused')
    const kiosk = player.kiosk()!
    const at = kiosk.technicianView().journal.length
    await ticker.pass(60_000)
    expect(player.view().step).toBe(1)
    expect(kiosk.technicianView().journal.length).toBe(at)
    player.play()
    await ticker.pass(6100)
    expect(player.view().step).toBe(2)
  })

  it('steps one step at a time, pausing after each', async () => {
    const { player, ticker } = playerWith({ jam: library('note-jam') })
    player.load('library.jam')
    player.step()
    await ticker.pass(500)
    expect(player.view()).toMatchObject({ state: 'paused', step: 1 })
    expect(player.kiosk()!.technicianView().devices.billValidator.condition).not.toBe('ok')
    player.step()
    await ticker.pass(5000)
    expect(player.view()).toMatchObject({ state: 'paused', step: 2 })
    expect(player.kiosk()!.view().screen).toBe('amount')
  })

  it('lands a jump on the state that playing there reaches', async () => {
    const { player: played, ticker } = playerWith({ foreign: library('foreign-note-top-up') })
    played.load('library.foreign')
    played.setSpeed(10)
    played.play()
    for (let i = 0; i < 400 && played.view().step < 6; i++) await ticker.pass(50)
    played.pause()
    expect(played.view().step).toBe(6)
    const { player: jumped } = playerWith({ foreign: library('foreign-note-top-up') })
    jumped.load('library.foreign')
    expect(jumped.jump(6)).toEqual({ ok: true })
    await jumped.settled()
    expect(jumped.view()).toMatchObject({ state: 'paused', step: 6 })
    const a = played.kiosk()!
    const b = jumped.kiosk()!
    expect(b.view()).toEqual(a.view())
    expect(b.view().screen).toBe('cash')
    expect(b.technicianView().journal).toEqual(a.technicianView().journal)
  })

  it('plays on from a jump and a jump while playing starts again on a fresh kiosk', async () => {
    const { player, ticker } = playerWith({ foreign: library('foreign-note-top-up') })
    player.load('library.foreign')
    player.setSpeed(10)
    player.jump(7)
    player.play()
    await player.settled()
    for (let i = 0; i < 400 && player.view().state === 'playing'; i++) await ticker.pass(50)
    expect(player.view()).toMatchObject({ state: 'finished', step: 10, error: null })
    const first = player.kiosk()
    player.jump(2)
    await player.settled()
    expect(player.kiosk()).not.toBe(first)
    expect(player.view()).toMatchObject({ state: 'paused', step: 2 })
    expect(player.kiosk()!.view().screen).toBe('amount')
  })

  it('ends failed, with the runner\u2019s error, on an expectation that does not hold', async () => {
    const { player, ticker } = playerWith({
      bad: { name: 'Wrong', steps: [{ do: 'start' }, { expect: { screen: 'receipt' } }, { do: 'cancel' }] }
    })
    player.load('library.bad')
    player.play()
    await ticker.pass(3000)
    expect(player.view()).toMatchObject({ state: 'failed', step: 2, error: 'step 2: screen is card, expected receipt' })
    expect(player.play()).toEqual({ ok: false, error: 'the scenario has failed: jump to a step to play it again' })
  })

  it('refuses a file that is not a scenario, naming the field, and an id not on the shelf', () => {
    const { player } = playerWith({ broken: { steps: [{ do: 'fly' }] } })
    const result = player.load('library.broken')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatch(/^scenario library\.broken: steps\[0\]\.do: unknown verb "fly"/)
    expect(player.load('library.none')).toEqual({ ok: false, error: 'scenario: no scenario "library.none" on the shelf' })
    expect(player.view().state).toBe('empty')
    expect(player.setSpeed(11)).toEqual({ ok: false, error: 'speed: expected a number from 0.25 to 10' })
    expect(player.jump(0)).toEqual({ ok: false, error: 'nothing is loaded: load a scenario first' })
  })

  it('names steps by verb and values', () => {
    expect(stepLabel({ do: 'insertBill', currency: 'USD', value: 5 })).toBe('insertBill USD 5')
    expect(stepLabel({ expect: { screen: 'receipt', creditedKzt: 100 } })).toBe('expect screen receipt, creditedKzt 100')
  })
})
