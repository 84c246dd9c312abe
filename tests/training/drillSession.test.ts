/** The drill's scoring rules one by one, on a session fed steps and journal records by hand (as the live room feeds it). */
import { describe, expect, it } from 'vitest'
import type { JournalRecord } from '../../src/core/journal'
import type { Step } from '../../src/core/scenario/schema'
import { parseDrill, type Drill } from '../../src/core/training/drillSchema'
import { drillPhaseOf, DrillSession, holdsSubset, type DrillStepContext } from '../../src/core/training/drillSession'

const T0 = Date.UTC(2026, 0, 15, 6, 0, 0)
const en = (text: string) => ({ en: text })

/** A drill with these tasks and penalties (the rest filled in). */
function drill(file: { tasks: unknown[]; penalties?: unknown[]; hintCost?: number; passMark?: number; timeLimitSeconds?: number }): Drill {
  return parseDrill(
    { title: en('Test drill'), story: [en('A story.')], timeLimitSeconds: 300, passMark: 0, solution: [{ do: 'wait', seconds: 1 }], ...file },
    'test-drill'
  )
}
const task = (id: string, points: number, proof: object, more: object = {}) => ({ id, caption: en(id), points, proof, ...more })

let seq = 0
/** A journal record of `kind` appended `seconds` after the drill's start. */
function rec(kind: string, data: object, seconds = 1): JournalRecord {
  seq++
  return { seq, time: new Date(T0 + seconds * 1000).toISOString(), kind, data, prevHash: '', hash: '' } as unknown as JournalRecord
}
const ctx = (seconds: number, more: Partial<DrillStepContext> = {}): DrillStepContext => ({
  at: T0 + seconds * 1000,
  phase: 'idle',
  screenAfter: 'idle',
  ...more
})
const session = (d: Drill) => new DrillSession(d, { trainee: 'Aigerim', startedAt: T0 })
const done = (s: DrillSession) =>
  s
    .finish('finished', T0 + 60_000)
    .tasks.filter((t) => t.done)
    .map((t) => t.id)

describe('record proofs', () => {
  const d = drill({ tasks: [task('resolve', 30, { record: 'flaggedResolved', where: { resolution: 'credited', extra: { a: [1, 2] } } })] })

  it('is met by a record of its kind whose data holds `where`, deep', () => {
    const s = session(d)
    s.step({ do: 'resolveFlagged', transactionId: 'T1', resolution: 'credit' }, ctx(1))
    s.record(rec('flaggedResolved', { transactionId: 'T1', resolution: 'credited', extra: { a: [1, 2], b: 3 } }))
    const result = s.finish('finished', T0 + 5000)
    expect(result.tasks).toEqual([{ id: 'resolve', caption: en('resolve'), points: 30, done: true }])
    expect(result.score).toBe(30)
    expect(result.timeline[0]).toMatchObject({ met: 'resolve', records: [{ seq, kind: 'flaggedResolved' }] })
  })

  it('is not met by another kind or by data that differs anywhere in `where`', () => {
    const s = session(d)
    s.record(rec('flaggedResolved', { resolution: 'refunded', extra: { a: [1, 2] } }))
    s.record(rec('flaggedResolved', { resolution: 'credited', extra: { a: [1] } }))
    s.record(rec('creditApplied', { resolution: 'credited', extra: { a: [1, 2] } }))
    expect(done(s)).toEqual([])
  })

  it('compares subsets: objects key by key, arrays item by item, values exactly', () => {
    expect(holdsSubset({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 })).toBe(true)
    expect(holdsSubset({ a: [{ x: 1 }] }, { a: [{ x: 1, y: 2 }] })).toBe(true)
    expect(holdsSubset({ a: [1] }, { a: [1, 2] })).toBe(false)
    expect(holdsSubset({ a: 1 }, { a: '1' })).toBe(false)
    expect(holdsSubset({ a: undefined }, {})).toBe(false)
  })
})

describe('action proofs', () => {
  const d = drill({ tasks: [task('log-in', 10, { action: 'serviceLogin', where: { pin: '1111' }, during: 'idle' })] })

  it('is met by a step of its verb holding `where`, taken in the phase it asks for', () => {
    const s = session(d)
    s.step({ do: 'serviceLogin', pin: '1111' }, ctx(2))
    expect(done(s)).toEqual(['log-in'])
  })

  it('is not met in another phase, with other fields, or by a step that was not possible', () => {
    const s = session(d)
    s.step({ do: 'serviceLogin', pin: '1111' }, ctx(1, { phase: 'session' }))
    s.step({ do: 'serviceLogin', pin: '2222' }, ctx(2))
    s.step({ do: 'serviceLogin', pin: '1111' }, ctx(3, { error: 'service entry waits' }))
    s.step({ expect: { screen: 'idle' } }, ctx(4, { error: 'screen is card, expected idle' }))
    const result = s.finish('finished', T0 + 5000)
    expect(result.tasks[0]!.done).toBe(false)
    expect(result.timeline.map((e) => e.error ?? null)).toEqual([null, null, 'service entry waits', 'screen is card, expected idle'])
  })

  it("reads the phase off the kiosk's top-level state", () => {
    expect(drillPhaseOf({ value: 'idle' } as never)).toBe('idle')
    expect(drillPhaseOf({ value: { session: { flow: 'cash' } } } as never)).toBe('session')
    expect(drillPhaseOf({ value: { service: 'menu' } } as never)).toBe('service')
    for (const value of ['outOfService', 'closedByStaff', 'journalUntrusted', { storageFailed: 'waiting' }])
      expect(drillPhaseOf({ value } as never)).toBe('outOfService')
  })
})

describe('order and count', () => {
  const d = drill({
    tasks: [
      task('clear', 10, { action: 'clearFault', where: { device: 'printer' } }),
      task('test', 10, { record: 'deviceTested', where: { ok: true } }, { after: 'clear' }),
      task('twice', 10, { action: 'xReport', count: 2 })
    ]
  })

  it('counts an `after` task only when its proof comes after the other task was met', () => {
    const early = session(d)
    early.record(rec('deviceTested', { ok: true }))
    early.step({ do: 'clearFault', device: 'printer' }, ctx(2))
    expect(done(early)).toEqual(['clear'])

    const late = session(d)
    late.step({ do: 'clearFault', device: 'printer' }, ctx(1))
    late.step({ do: 'deviceTest', device: 'printer' }, ctx(2))
    late.record(rec('deviceTested', { ok: true }, 2))
    expect(done(late)).toEqual(['clear', 'test'])
  })

  it('asks for the n-th match with `count`', () => {
    const s = session(d)
    s.step({ do: 'xReport' }, ctx(1))
    expect(s.active(T0 + 1000).tasks.find((t) => t.id === 'twice')!.done).toBe(false)
    s.step({ do: 'xReport' }, ctx(2))
    const result = s.finish('finished', T0 + 3000)
    expect(result.tasks.find((t) => t.id === 'twice')!.done).toBe(true)
    expect(result.timeline.map((e) => e.met)).toEqual([null, 'twice'])
  })

  it('is complete when every task is done', () => {
    const s = session(d)
    s.step({ do: 'clearFault', device: 'printer' }, ctx(1))
    s.record(rec('deviceTested', { ok: true }, 1))
    s.step({ do: 'xReport' }, ctx(2))
    expect(s.isComplete()).toBe(false)
    s.step({ do: 'xReport' }, ctx(3))
    expect(s.isComplete()).toBe(true)
  })
})

describe('penalties', () => {
  const d = drill({
    tasks: [task('report', 50, { action: 'xReport' })],
    penalties: [
      { id: 'cassette', caption: en('cassette mid-session'), points: 10, proof: { action: 'collectCash', during: 'session' } },
      { id: 'restart', caption: en('restart'), points: 7, once: true, proof: { action: 'powerCut' } },
      { id: 'second-login-fail', caption: en('second wrong PIN'), points: 3, proof: { record: 'serviceLoginFailed', count: 2 } }
    ]
  })

  it('charges a penalty at every match, or once, from its count-th match on, at the step that earned it', () => {
    const s = session(d)
    s.step({ do: 'xReport' }, ctx(1))
    s.step({ do: 'collectCash' }, ctx(2, { phase: 'session' }))
    s.step({ do: 'collectCash' }, ctx(3, { phase: 'idle' }))
    s.step({ do: 'collectCash' }, ctx(4, { phase: 'session' }))
    s.step({ do: 'powerCut' }, ctx(5))
    s.step({ do: 'powerCut' }, ctx(6))
    for (const at of [7, 8, 9]) {
      s.step({ do: 'serviceLogin', pin: '9999' }, ctx(at))
      s.record(rec('serviceLoginFailed', {}, at))
    }
    const result = s.finish('finished', T0 + 10_000)
    expect(result.penalties.map((p) => [p.id, p.points, p.at])).toEqual([
      ['cassette', 10, 2],
      ['cassette', 10, 4],
      ['restart', 7, 5],
      ['second-login-fail', 3, 8],
      ['second-login-fail', 3, 9]
    ])
    expect(result.timeline.map((e) => e.penalty)).toEqual([null, 'cassette', null, 'cassette', 'restart', null, null, 'second-login-fail', 'second-login-fail'])
    expect(result.score).toBe(50 - 20 - 7 - 6)
  })

  it('charges a harmful action that was tried even when the kiosk refused it, but meets no task with a refused step', () => {
    const s = session(d)
    s.step({ do: 'collectCash' }, ctx(1, { phase: 'session', error: 'collecting is refused while the validator is jammed' }))
    s.step({ do: 'xReport' }, ctx(2, { error: 'no one is logged in' }))
    const result = s.finish('finished', T0 + 3000)
    expect(result.penalties.map((p) => p.id)).toEqual(['cassette'])
    expect(result.tasks).toEqual([expect.objectContaining({ id: 'report', done: false })])
  })

  it('never scores below 0', () => {
    const s = session(d)
    for (const at of [1, 2, 3, 4, 5, 6]) s.step({ do: 'collectCash' }, ctx(at, { phase: 'session' }))
    expect(s.finish('finished', T0 + 5000)).toMatchObject({ score: 0, maxScore: 50, passed: true })
  })
})

describe('hints', () => {
  const d = drill({
    hintCost: 4,
    passMark: 20,
    tasks: [
      task('a', 10, { action: 'xReport' }, { hint: en('hint a') }),
      task('b', 10, { action: 'zReport' }),
      task('c', 10, { action: 'collectCash' }, { hint: en('hint c') })
    ]
  })

  it('gives the hint of the first task not done that has one, each once, and each costs hintCost', () => {
    const s = session(d)
    s.step({ do: 'xReport' }, ctx(1))
    expect(s.active(T0 + 1000)).toMatchObject({ hints: [], hintsLeft: 1, score: 10 })
    expect(s.hint()).toEqual(en('hint c'))
    expect(s.hint()).toBeNull()
    expect(s.active(T0 + 2000)).toMatchObject({ hints: [en('hint c')], hintsLeft: 0, score: 6 })
    s.step({ do: 'zReport' }, ctx(3))
    s.step({ do: 'collectCash' }, ctx(4))
    const result = s.finish('finished', T0 + 5000)
    expect(result).toMatchObject({ hintsUsed: 1, score: 26, maxScore: 30, passed: true })
  })

  it('scores what hints cost against the pass mark', () => {
    const s = session(d)
    s.hint()
    s.hint()
    for (const [i, verb] of (['xReport', 'zReport'] as const).entries()) s.step({ do: verb }, ctx(i + 1))
    expect(s.finish('finished', T0 + 5000)).toMatchObject({ hintsUsed: 2, score: 12, passed: false })
  })
})

describe('time, abort and the live feed', () => {
  const d = drill({ timeLimitSeconds: 30, passMark: 10, tasks: [task('a', 10, { action: 'xReport' }), task('b', 10, { record: 'shiftReport' })] })

  it('counts nothing after the time limit, and counts the seconds down', () => {
    const s = session(d)
    expect(s.active(T0 + 12_300).secondsLeft).toBe(18)
    s.step({ do: 'xReport' }, ctx(31))
    s.record(rec('shiftReport', {}, 31))
    expect(s.active(T0 + 40_000)).toMatchObject({ secondsLeft: 0, score: 0 })
    expect(s.finish('timeUp', T0 + 40_000)).toMatchObject({ outcome: 'timeUp', seconds: 30, score: 0, passed: false })
  })

  it('scores an aborted drill as it stands, and ignores what comes after the finish', () => {
    const s = session(d)
    s.step({ do: 'xReport' }, ctx(3))
    const result = s.finish('aborted', T0 + 4000)
    expect(result).toMatchObject({ outcome: 'aborted', score: 10, seconds: 4, trainee: 'Aigerim', startedAt: new Date(T0).toISOString() })
    s.record(rec('shiftReport', {}, 5))
    expect(s.hint()).toBeNull()
    expect(s.finish('finished', T0 + 6000)).toBe(result)
  })

  it("gives a step the records appended after `seqBefore`, also those that arrived before it (live: the intent's own)", () => {
    const s = session(d)
    s.step({ do: 'wait', seconds: 1 }, ctx(1))
    const before = seq
    s.record(rec('shiftReport', { report: 'X' }, 2))
    s.step({ do: 'xReport' }, ctx(2, { seqBefore: before }))
    s.record(rec('receiptPrinted', {}, 2))
    const [wait, report] = s.finish('finished', T0 + 3000).timeline
    expect(wait!.records).toEqual([])
    expect(report!.records.map((r) => r.kind)).toEqual(['shiftReport', 'receiptPrinted'])
    expect(report!.met).toBe('a')
  })

  it('lists a record before any step in no entry, yet counts it', () => {
    const s = session(d)
    s.record(rec('shiftReport', {}, 1))
    expect(done(s)).toEqual(['b'])
  })
})

describe('the timeline entries', () => {
  it('keep the step as written, the screen after it and the seconds from the start', () => {
    const d = drill({ tasks: [task('a', 5, { action: 'insertBill', where: { currency: 'USD' } })] })
    const s = session(d)
    const step: Step = { do: 'insertBill', currency: 'USD', value: 10, caption: en('a ten-dollar note') }
    s.step(step, ctx(12.34, { screenAfter: 'cash', phase: 'session' }))
    expect(s.timeline()).toEqual([{ at: 12.3, step, screen: 'cash', met: 'a', penalty: null, records: [] }])
  })
})
