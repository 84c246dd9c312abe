import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DrillResultView, Intent } from '../../src/core/protocol'
import { parseDrill, type Drill } from '../../src/core/training/drillSchema'
import { TrainingRoom } from '../../src/core/training/room'
import { MemoryShelf } from '../../src/core/training/shelf'
import { FakeTicker } from './fakeTicker'
import { makeKiosk } from './helpers'

const fixture = (id: string): Drill =>
  parseDrill(JSON.parse(readFileSync(join(import.meta.dirname, `../training/fixtures/${id}.drill.json`), 'utf8')) as unknown, id)
const paperOut = fixture('printer-paper-out')
const WALL = Date.UTC(2026, 11, 6, 9, 0, 0)

function drillRoom() {
  const { kiosk: live } = makeKiosk()
  const ticker = new FakeTicker()
  const kept: DrillResultView[] = []
  const drills = { list: () => [{ id: paperOut.id, title: paperOut.title }], load: (id: string) => (id === paperOut.id ? paperOut : null) }
  const room = new TrainingRoom({ live, shelf: new MemoryShelf(), ticker, drills: { drills, wallNow: () => WALL, keep: (r) => kept.push(r) } })
  const drill = () => room.technicianView().training!.drill
  /** Real time passes (the drill's clock runs at real speed) until `done` holds. */
  const until = async (done: () => boolean, ms = 10_000) => {
    for (let waited = 0; !done(); waited += 50) {
      if (waited > ms) throw new Error('waited in vain')
      await ticker.pass(50)
    }
  }
  const act = async (intent: Intent) => {
    const result = room.send(intent)
    await ticker.pass(2_000)
    return result
  }
  return { room, live, ticker, kept, drill, until, act }
}

describe('drills in the training room', () => {
  it('runs a library drill on its own kiosk, scores the trainee as they work, and debriefs with the reference beside', async () => {
    const { room, live, kept, drill, until, act } = drillRoom()
    expect(drill().library).toEqual([{ id: 'printer-paper-out', title: paperOut.title }])
    expect(room.send({ type: 'drillStart', drill: 'printer-paper-out', trainee: 'Aigerim' })).toEqual({ ok: true })
    await until(() => room.technicianView().training!.mode === 'drill')
    // The set-up ran on the drill's kiosk, not the live one.
    expect(room.technicianView().devices.printer.fault).toBe('paperOut')
    expect(live.technicianView().devices.printer.fault).toBeNull()
    expect(drill().active).toMatchObject({ drill: 'printer-paper-out', trainee: 'Aigerim', score: 0, secondsLeft: 120, hintsLeft: 2 })

    expect(await act({ type: 'clearFault', device: 'printer' })).toEqual({ ok: true })
    expect(drill().active!.tasks.map((t) => [t.id, t.done])).toEqual([
      ['new-roll', true],
      ['test-printer', false]
    ])
    expect(drill().active!.score).toBe(20)
    await act({ type: 'serviceEntry' })
    await act({ type: 'servicePin', pin: '2222' })
    await act({ type: 'serviceOpen', page: 'devices' })
    await act({ type: 'deviceTest', device: 'printer' })
    expect(drill().active!.tasks.every((t) => t.done)).toBe(true)
    expect(room.send({ type: 'drillFinish' })).toEqual({ ok: true })
    await until(() => drill().result !== null)

    const result = drill().result!
    expect(result).toMatchObject({ drill: 'printer-paper-out', trainee: 'Aigerim', outcome: 'finished', score: 40, maxScore: 40, passed: true, hintsUsed: 0 })
    expect(result.startedAt.startsWith('2026-12-06T09:00')).toBe(true)
    const steps = result.timeline.map((e) => e.step.do)
    expect(steps).toEqual(['clearFault', 'serviceEntry', 'serviceLogin', 'serviceOpen', 'deviceTest'])
    // The device test is proved by its journal record, attributed to the step that wrote it.
    const test = result.timeline.find((e) => e.step.do === 'deviceTest')!
    expect(test.met).toBe('test-printer')
    expect(test.records.map((r) => r.kind)).toContain('deviceTested')
    expect(result.expected.map((e) => e.step.do)).toEqual(['clearFault', 'serviceLogin', 'serviceOpen', 'deviceTest', 'serviceLogout'])
    expect(kept).toEqual([result])

    // Back to the live kiosk: the drill's kiosk and its debrief are put away.
    expect(room.send({ type: 'trainingClose' })).toEqual({ ok: true })
    expect(room.technicianView().training).toMatchObject({ mode: 'live', drill: { active: null, result: null } })
    expect(room.view()).toEqual(live.view())
  })

  it('charges hints, ends at the time limit, and refuses what would leave a running drill', async () => {
    const { room, ticker, drill, until } = drillRoom()
    expect(room.send({ type: 'drillStart', drill: 'no-such-drill', trainee: 'Aigerim' })).toEqual({
      ok: false,
      error: 'drill: no drill "no-such-drill" in the library'
    })
    room.send({ type: 'drillStart', drill: 'printer-paper-out', trainee: 'Aigerim' })
    await until(() => drill().active !== null)
    expect(room.send({ type: 'drillStart', drill: 'printer-paper-out', trainee: 'Ben' })).toEqual({
      ok: false,
      error: 'a drill is running: finish or abort it first'
    })
    expect(room.send({ type: 'trainingClose' }).ok).toBe(false)
    expect(room.send({ type: 'playLoad', scenario: 'library.anything' }).ok).toBe(false)
    expect(room.send({ type: 'drillHint' })).toEqual({ ok: true })
    expect(drill().active!.hints).toEqual([paperOut.tasks[0]!.hint])
    expect(drill().active!.hintsLeft).toBe(1)
    await ticker.pass(121_000)
    await until(() => drill().result !== null)
    expect(drill().result).toMatchObject({ outcome: 'timeUp', score: 0, hintsUsed: 1, passed: false, seconds: 120 })
  })

  it('marks an aborted drill and scores it as it stands', async () => {
    const { room, drill, until, act } = drillRoom()
    room.send({ type: 'drillStart', drill: 'printer-paper-out', trainee: 'Aigerim' })
    await until(() => drill().active !== null)
    await act({ type: 'clearFault', device: 'printer' })
    expect(room.send({ type: 'drillAbort' })).toEqual({ ok: true })
    await until(() => drill().result !== null)
    expect(drill().result).toMatchObject({ outcome: 'aborted', score: 20, passed: false })
  })
})
