import { describe, expect, it } from 'vitest'
import { MAX_SPEED, PacedClock } from '../../src/core/training/pacedClock'
import { FakeTicker } from './fakeTicker'

const START = 1_000_000

function pacedClock(speed = 1): { clock: PacedClock; ticker: FakeTicker } {
  const ticker = new FakeTicker()
  const clock = new PacedClock(START, ticker, 50)
  clock.setSpeed(speed)
  return { clock, ticker }
}

describe('the paced clock', () => {
  it('moves virtual time by real time times the speed, firing the kiosk timers in order', async () => {
    const { clock, ticker } = pacedClock(2)
    const fired: string[] = []
    clock.setTimeout(() => fired.push('b'), 1500)
    clock.setTimeout(() => fired.push('a'), 500)
    clock.resume()
    await ticker.pass(1000)
    expect(clock.now()).toBe(START + 2000)
    expect(fired).toEqual(['a', 'b'])
  })

  it('stands still while paused, and resumes from the moment of resuming without a jump', async () => {
    const { clock, ticker } = pacedClock(1)
    clock.resume()
    await ticker.pass(300)
    clock.pause()
    expect(clock.paused).toBe(true)
    expect(ticker.running).toBe(0)
    await ticker.pass(5000)
    expect(clock.now()).toBe(START + 300)
    clock.resume()
    await ticker.pass(200)
    expect(clock.now()).toBe(START + 500)
  })

  it('changes speed without a jump: the time so far counts at the old speed', async () => {
    const { clock, ticker } = pacedClock(1)
    clock.resume()
    await ticker.pass(1000)
    expect(clock.now()).toBe(START + 1000)
    clock.setSpeed(10)
    expect(clock.now()).toBe(START + 1000)
    await ticker.pass(1000)
    expect(clock.now()).toBe(START + 11_000)
    clock.setSpeed(0.25)
    await ticker.pass(1000)
    expect(clock.now()).toBe(START + 11_250)
  })

  it('makes an advance wait for paced time and ends it exactly at its target', async () => {
    const { clock, ticker } = pacedClock(10)
    let done = false
    void clock.advance(3000).then(() => (done = true))
    clock.resume()
    await ticker.pass(250)
    expect(done).toBe(false)
    expect(clock.now()).toBe(START + 2500)
    await ticker.pass(50)
    expect(done).toBe(true)
    expect(clock.now()).toBe(START + 3000)
  })

  it('runs fast when asked: an advance moves at once, paused or not', async () => {
    const { clock } = pacedClock(0.25)
    const fired: number[] = []
    clock.setTimeout(() => fired.push(clock.now()), 60_000)
    await clock.runFast(() => clock.advance(120_000))
    expect(clock.now()).toBe(START + 120_000)
    expect(fired).toEqual([START + 60_000])
  })

  it('holds for paced time without moving the kiosk clock', async () => {
    const { clock, ticker } = pacedClock(2)
    let held = false
    void clock.hold(1500).then(() => (held = true))
    clock.resume()
    await ticker.pass(700)
    expect(held).toBe(false)
    await ticker.pass(50)
    expect(held).toBe(true)
    expect(clock.now()).toBe(START)
    await ticker.pass(100)
    expect(clock.now()).toBe(START + 200)
  })

  it('ends holds on demand and refuses a speed out of range, naming it', () => {
    const { clock } = pacedClock()
    let held = false
    void clock.hold(10_000).then(() => (held = true))
    clock.endHolds()
    return Promise.resolve().then(() => {
      expect(held).toBe(true)
      expect(() => clock.setSpeed(MAX_SPEED + 1)).toThrow(/speed: expected a number from 0.25 to 10/)
      expect(() => clock.setSpeed(0.1)).toThrow(/speed/)
    })
  })
})
