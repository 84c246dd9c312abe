/**
 * A drill played headless on a virtual clock (`kiosk-sim drill run`, the library's tests): the
 * set-up, then the reference solution or a trainee's recorded actions step by step, scored by a
 * DrillSession as they happen.
 */
import { DEMO_CARDS } from '../cards'
import { VirtualClock } from '../clock'
import { MemoryCardStore } from '../devices/host'
import { MemoryJournal, type Journal } from '../journal'
import { fixedBootNonce } from '../kiosk'
import type { DrillResultView, DrillTimelineEntry } from '../protocol'
import { ScenarioRunner } from '../scenario/runner'
import type { Step } from '../scenario/schema'
import { memoizedRolesForPin, SCENARIO_START } from '../testing/play'
import { DrillError, type Drill } from './drillSchema'
import { drillPhaseOf, DrillSession } from './drillSession'

/** Where a headless drill's clock starts (the scenarios' instant: a weekday morning in Almaty). */
export const DRILL_START = SCENARIO_START

/** The n-th start's boot nonce of a drill's kiosk, headless and live alike, so its transaction ids are the same in both. */
export function drillBootNonce(drillId: string, boot = 1): string {
  return fixedBootNonce(boot === 1 ? `drill ${drillId}` : `drill ${drillId}, start ${boot}`)
}

/** The trainee's name when none is given. */
export const DEFAULT_TRAINEE = 'trainee'

export interface DrillRunOptions {
  /** The trainee's steps (a recorded scenario's); the drill's reference solution when not given. */
  actions?: Step[]
  trainee?: string
}

/** The records appended since `seen` (the journal's seq then); the journal's last seq too. */
function newRecords(journal: Journal, seen: number) {
  const last = journal.tail(1)[0]?.seq ?? 0
  return { last, records: last > seen ? journal.tail(last - seen) : [] }
}

/** Plays the drill's set-up, then `actions`; the session as it stands when they are played or the time is up. */
async function play(
  drill: Drill,
  actions: readonly Step[],
  trainee: string
): Promise<{ session: DrillSession; outcome: DrillResultView['outcome']; now: number }> {
  const clock = new VirtualClock(DRILL_START)
  const journal = new MemoryJournal()
  const steps = [...drill.setup, ...actions]
  const runner = new ScenarioRunner(
    { name: drill.id, config: drill.config, cards: drill.cards, steps },
    {
      clock,
      journal,
      cards: new MemoryCardStore(drill.cards ?? DEMO_CARDS),
      checkPin: memoizedRolesForPin,
      bootNonce: (boot) => drillBootNonce(drill.id, boot)
    }
  )
  try {
    for (const [i, step] of drill.setup.entries()) {
      const report = await runner.runStep(step, i)
      if (!report.ok) throw new DrillError([`setup[${i}]: ${report.error ?? 'the step failed'}`])
    }
    const session = new DrillSession(drill, { trainee, startedAt: clock.now() })
    const limit = session.startedAt + drill.timeLimitSeconds * 1000
    let seen = newRecords(journal, 0).last
    let outcome: DrillResultView['outcome'] = 'finished'
    for (const [j, step] of actions.entries()) {
      const at = clock.now()
      if (at >= limit) {
        outcome = 'timeUp'
        break
      }
      const phase = drillPhaseOf(runner.kiosk.snapshot())
      const report = await runner.runStep(step, drill.setup.length + j)
      const error = report.ok ? undefined : (report.error ?? 'the step failed')
      // A passing expectation is the trainee's own check, not an action: only a failing one is noted.
      if ('do' in step || error !== undefined) session.step(step, { at, phase, screenAfter: report.screen, ...(error !== undefined ? { error } : {}) })
      const fresh = newRecords(journal, seen)
      for (const record of fresh.records) session.record(record)
      seen = fresh.last
    }
    if (clock.now() > limit) outcome = 'timeUp'
    return { session, outcome, now: clock.now() }
  } finally {
    runner.kiosk.stop()
  }
}

const expectedTimelines = new WeakMap<Drill, Promise<DrillTimelineEntry[]>>()

/** The reference solution's timeline (played once per drill object). Throws DrillError for a set-up that fails. */
export function expectedTimeline(drill: Drill): Promise<DrillTimelineEntry[]> {
  let timeline = expectedTimelines.get(drill)
  if (!timeline) {
    timeline = play(drill, drill.solution, DEFAULT_TRAINEE).then(({ session }) => session.timeline())
    expectedTimelines.set(drill, timeline)
  }
  return timeline
}

/**
 * Plays a drill headless: the set-up (not scored; a step of it that fails makes the drill invalid:
 * DrillError), then the trainee's actions or the reference solution, each step scored as it is
 * taken. Steps from the time limit on are not played (outcome timeUp); a step that is not possible
 * or an expectation that fails is noted in the timeline and the run goes on.
 */
export async function runDrill(drill: Drill, options: DrillRunOptions = {}): Promise<DrillResultView> {
  const trainee = options.trainee ?? DEFAULT_TRAINEE
  if (options.actions !== undefined) {
    const expected = await expectedTimeline(drill)
    const run = await play(drill, options.actions, trainee)
    return run.session.finish(run.outcome, run.now, expected)
  }
  // The reference solution played as the trainee's run gives the expected timeline too: not played twice.
  const run = play(drill, drill.solution, trainee)
  if (!expectedTimelines.has(drill)) {
    const timeline = run.then(({ session }) => session.timeline())
    timeline.catch(() => {}) // The run's own failure is thrown below; the cached copy must not go unhandled.
    expectedTimelines.set(drill, timeline)
  }
  const { session, outcome, now } = await run
  return session.finish(outcome, now, await expectedTimeline(drill))
}
