/**
 * Drills in the training room (docs/training.md): a library drill started for a trainee runs on its
 * own kiosk (the drill's configuration, cards and set-up, with the transaction ids of its headless
 * runs), on a clock at real speed. The trainee works on the kiosk screen, the technician panel and
 * service mode; every intent they send and every journal record after the set-up is scored by a
 * DrillSession as it happens; hints, finish, abort and the time limit end it with a debrief.
 */
import { DEMO_CARDS } from '../cards'
import { MemoryCardStore } from '../devices/host'
import { MemoryReceiptArchive } from '../devices/printer'
import { MemoryJournal } from '../journal'
import type { KioskDeps } from '../kiosk'
import type { Caption, DrillResultView, DrillView, Intent, TrainingControl } from '../protocol'
import type { SendResult } from '../runtime'
import { ScenarioRunner } from '../scenario/runner'
import { WatchedJournal } from '../scenario/transactionRecords'
import { drillBootNonce, expectedTimeline } from './drillRun'
import { DrillError, type Drill } from './drillSchema'
import { drillPhaseOf, DrillSession } from './drillSession'
import { intentStep } from './intentSteps'
import type { Kiosk } from '../kiosk'
import { PacedClock, type Ticker } from './pacedClock'

/**
 * A drill's kiosk served in the room (the drills console's seam): the room shows it, passes it the
 * trainee's intents and tells `observe` of each; its journal records the drill watches itself (a
 * WatchedJournal under its kiosk).
 */
export interface DrillSeat {
  kiosk: Kiosk
  /** Its paced clock, stopped with it. */
  clock?: PacedClock
  /** The drill kiosk is about to be sent an intent (the kiosk as it was before it). */
  before?: (intent: Intent) => void
  /** The drill kiosk took (or refused) an intent. */
  observe?: (intent: Intent, result: SendResult) => void
}

/** The drills a room offers: the library's (src/node/drillLibrary.ts on disk). */
export interface DrillShelf {
  list(): { id: string; title: Caption }[]
  /** The drill, null when there is none by that id; throws DrillError for a file that is not a valid drill. */
  load(id: string): Drill | null
}

export interface DrillDeskDeps {
  drills: DrillShelf
  ticker: Ticker
  /** The wall clock the drill kiosk's time starts from (its journal's times and the result's dates). */
  wallNow?: () => number
  /** Keeps a finished drill's result (on disk: `<data>/drills/`); an error keeping it is shown, the result stays. */
  keep?: (result: DrillResultView) => void
  /** A PIN check to use instead of scrypt's (tests). */
  checkPin?: KioskDeps['checkPin']
}

/** What the desk needs of the room: to show the drill's kiosk, to go back to the live one, to say something changed. */
export interface DrillRoom {
  serveDrill(seat: DrillSeat): void
  endDrill(): void
  changed(): void
}

export type DrillControl = Extract<TrainingControl, { type: 'drillStart' | 'drillHint' | 'drillFinish' | 'drillAbort' }>

interface Running {
  drill: Drill
  session: DrillSession
  clock: PacedClock
  runner: ScenarioRunner
  expected: Promise<DrillResultView['expected']>
  hints: Caption[]
  /** The phase and the journal's last seq when the intent in progress was sent. */
  before: { phase: ReturnType<typeof drillPhaseOf>; seq: number } | null
  timeLimit: unknown
}

const ok: SendResult = { ok: true }
const refuse = (error: string): SendResult => ({ ok: false, error })

export class DrillDesk {
  private running: Running | null = null
  /** Set while the set-up plays: nothing else may start. */
  private starting = false
  private result: DrillResultView | null = null
  private keepError: string | null = null

  constructor(
    private readonly deps: DrillDeskDeps,
    private readonly room: DrillRoom
  ) {}

  handle(control: DrillControl): SendResult {
    switch (control.type) {
      case 'drillStart':
        return this.start(control.drill, control.trainee)
      case 'drillHint': {
        if (!this.running) return refuse('no drill is running')
        const hint = this.running.session.hint()
        if (!hint) return refuse('no hint is left for the tasks still open')
        this.running.hints.push(hint)
        return ok
      }
      case 'drillFinish':
      case 'drillAbort':
        if (!this.running) return refuse('no drill is running')
        void this.finish(control.type === 'drillAbort' ? 'aborted' : 'finished')
        return ok
    }
  }

  /** Whether a drill is running or starting (the room then refuses to close it or load the player). */
  get busy(): boolean {
    return this.running !== null || this.starting
  }

  /** The trainer went back to the live kiosk: the debrief is put away. */
  closed(): void {
    this.result = null
    this.keepError = null
  }

  view(): DrillView {
    const r = this.running
    const active = r ? { ...r.session.active(r.clock.now()), hints: [...r.hints] } : null
    return { library: this.deps.drills.list(), active, result: this.result, ...(this.keepError ? { notice: this.keepError } : {}) }
  }

  private start(id: string, trainee: string): SendResult {
    if (this.busy) return refuse('a drill is running: finish or abort it first')
    let drill: Drill | null
    try {
      drill = this.deps.drills.load(id)
    } catch (err) {
      if (err instanceof DrillError) return refuse(`drill ${id}: ${err.issues.join('; ')}`)
      throw err
    }
    if (!drill) return refuse(`drill: no drill "${id}" in the library`)
    this.result = null
    this.keepError = null
    this.starting = true
    void this.setUp(drill, trainee).finally(() => (this.starting = false))
    return ok
  }

  /** Plays the set-up at once on the drill's kiosk, then shows it and lets its clock run at real speed. */
  private async setUp(drill: Drill, trainee: string): Promise<void> {
    const clock = new PacedClock((this.deps.wallNow ?? Date.now)(), this.deps.ticker)
    let session: DrillSession | null = null
    const journal = new WatchedJournal(new MemoryJournal(), (record) => session?.record(record))
    const runner = new ScenarioRunner(
      { name: drill.id, config: drill.config, cards: drill.cards, steps: drill.setup },
      {
        clock,
        journal,
        cards: new MemoryCardStore(drill.cards ?? DEMO_CARDS),
        receiptArchive: new MemoryReceiptArchive(),
        bootNonce: (boot) => drillBootNonce(drill.id, boot),
        ...(this.deps.checkPin ? { checkPin: this.deps.checkPin } : {})
      }
    )
    await clock.runFast(async () => {
      for (const [i, step] of drill.setup.entries()) await runner.runStep(step, i)
    })
    session = new DrillSession(drill, { trainee, startedAt: clock.now() })
    const expected = expectedTimeline(drill)
    expected.catch(() => {}) // A set-up that fails headless is reported with the debrief, not as an unhandled rejection.
    const running: Running = { drill, session, clock, runner, expected, hints: [], before: null, timeLimit: null }
    running.timeLimit = clock.setTimeout(() => void this.finish('timeUp'), drill.timeLimitSeconds * 1000)
    this.running = running
    this.room.serveDrill({
      kiosk: runner.kiosk,
      clock,
      before: (intent) => this.before(running, intent),
      observe: (intent, result) => this.observe(running, intent, result)
    })
    clock.resume()
  }

  private before(running: Running, intent: Intent): void {
    void intent
    running.before = { phase: drillPhaseOf(running.runner.kiosk.snapshot()), seq: running.runner.journal.tail(1)[0]?.seq ?? 0 }
  }

  /** A trainee's intent, taken or refused: a step of their timeline (a trainer's control is none). */
  private observe(running: Running, intent: Intent, result: SendResult): void {
    if (this.running !== running) return
    const kiosk = running.runner.kiosk
    const mapped = intentStep(intent, (cardRef) => kiosk.hostCards().find((c) => c.cardRef === cardRef)?.number ?? null)
    if (!mapped.ok) return
    const before = running.before ?? { phase: drillPhaseOf(kiosk.snapshot()), seq: running.runner.journal.tail(1)[0]?.seq ?? 0 }
    running.before = null
    running.session.step(mapped.step, {
      at: running.clock.now(),
      phase: before.phase,
      screenAfter: kiosk.screen(),
      seqBefore: before.seq,
      ...(result.ok ? {} : { error: result.error })
    })
    this.room.changed()
  }

  private async finish(outcome: DrillResultView['outcome']): Promise<void> {
    const running = this.running
    if (!running) return
    this.running = null
    running.clock.clearTimeout(running.timeLimit)
    // The kiosk stays on screen behind the debrief, stopped in time.
    running.clock.pause()
    const now = running.clock.now()
    let expected: DrillResultView['expected'] = []
    try {
      expected = await running.expected
    } catch (err) {
      this.keepError = `the reference solution could not be played: ${(err as Error).message}`
    }
    this.result = running.session.finish(outcome, now, expected)
    try {
      this.deps.keep?.(this.result)
    } catch (err) {
      this.keepError = `the result could not be kept: ${(err as Error).message}`
    }
    this.room.changed()
  }

  /** Stops a running drill without a result (the room is stopping). */
  stop(): void {
    const running = this.running
    this.running = null
    if (running) {
      running.clock.clearTimeout(running.timeLimit)
      running.clock.pause()
    }
  }
}
