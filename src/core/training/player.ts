/**
 * The caption player (docs/training.md): plays a scenario from the shelf on a fresh in-memory kiosk,
 * with the scenario runner's own rules, on a paced clock: 0.25x to 10x, pause, step, jump to a
 * step. The kiosk screen shows its kiosk meanwhile; the trainer's page shows the steps' captions.
 */
import { DEMO_CARDS } from '../cards'
import { MemoryCardStore } from '../devices/host'
import { MemoryReceiptArchive } from '../devices/printer'
import { MemoryJournal } from '../journal'
import type { Kiosk } from '../kiosk'
import { Listeners } from '../listeners'
import type { PlayerView } from '../protocol'
import type { SendResult } from '../runtime'
import { ScenarioRunner } from '../scenario/runner'
import { parseScenario, ScenarioError, type Scenario, type Step } from '../scenario/schema'
import { SCENARIO_START } from '../testing/play'
import { MAX_SPEED, MIN_SPEED, PacedClock, type Ticker } from './pacedClock'
import type { ScenarioShelf } from './shelf'

/** The pause after each step, in the player's time (1.5 s at 1x, 0.15 s at 10x): long enough to follow. The kiosk's clock stands still meanwhile. */
export const STEP_GAP_MS = 1500

export interface PlayerDeps {
  shelf: ScenarioShelf
  ticker: Ticker
  /** How often the paced clock catches up with real time (tests: the fake ticker's step). */
  tickMs?: number
}

const ok: SendResult = { ok: true }
const refuse = (error: string): SendResult => ({ ok: false, error })

/** A step as the step list names it: the verb and its values (`insertBill USD 10`), or what an expectation checks. */
export function stepLabel(step: Step): string {
  const { caption: _caption, ...rest } = step as Step & { caption?: unknown }
  const show = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))
  if ('expect' in rest)
    return `expect ${Object.entries(rest.expect)
      .map(([k, v]) => `${k} ${show(v)}`)
      .join(', ')}`
  const { do: verb, ...fields } = rest
  // The trainer's page shows the label: a staff PIN in a scenario is never put on screen.
  if (verb === 'serviceLogin') return 'serviceLogin (PIN)'
  return [verb, ...Object.values(fields).map(show)].join(' ')
}

export class CaptionPlayer {
  private loaded: { id: string; scenario: Scenario } | null = null
  private runner: ScenarioRunner | null = null
  private clock: PacedClock | null = null
  private state: PlayerView['state'] = 'empty'
  private next = 0
  private rate = 1
  private error: string | null = null
  /** Counts rebuilds: a loop or a replay of an older kiosk sees it changed and ends. */
  private generation = 0
  private looping = false
  private stepOnce = false
  /** A jump's replay in progress; a play or step asked for meanwhile starts once it is done. */
  private replaying: Promise<void> | null = null
  private afterReplay: 'play' | 'step' | null = null
  private readonly listeners = new Listeners()
  private followed: { kiosk: Kiosk; unsubscribe: () => void } | null = null

  constructor(private readonly deps: PlayerDeps) {}

  /** The kiosk being played on, or null when nothing is loaded. */
  kiosk(): Kiosk | null {
    return this.runner?.kiosk ?? null
  }

  /** Calls `listener` on every change of the player and of its kiosk; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener)
  }

  /** Loads a scenario from the shelf on a fresh kiosk, paused at its first step. */
  load(id: string): SendResult {
    const file = this.deps.shelf.load(id)
    if (file === null) return refuse(`scenario: no scenario "${id}" on the shelf`)
    let scenario: Scenario
    try {
      scenario = parseScenario(file)
    } catch (err) {
      if (err instanceof ScenarioError) return refuse(`scenario ${id}: ${err.issues.join('; ')}`)
      throw err
    }
    this.loaded = { id, scenario }
    this.replayTo(0)
    return ok
  }

  play(): SendResult {
    if (this.replaying) return this.later('play')
    if (!this.clock || !this.loaded) return refuse('nothing is loaded: load a scenario first')
    if (this.state === 'finished' || this.state === 'failed') return refuse(`the scenario has ${this.state}: jump to a step to play it again`)
    this.stepOnce = false
    this.run()
    return ok
  }

  /** Plays to the end of the step in progress (or the next one), then pauses. */
  step(): SendResult {
    if (this.replaying) return this.later('step')
    if (!this.clock || !this.loaded) return refuse('nothing is loaded: load a scenario first')
    if (this.state === 'finished' || this.state === 'failed') return refuse(`the scenario has ${this.state}: jump to a step to play it again`)
    this.stepOnce = true
    // Paused between steps: the next step starts at once.
    this.clock.endHolds()
    this.run()
    return ok
  }

  pause(): SendResult {
    if (this.replaying) {
      this.afterReplay = null
      return ok
    }
    if (this.state !== 'playing') return refuse(`the player is ${this.state}, not playing`)
    this.clock!.pause()
    this.state = 'paused'
    this.notify()
    return ok
  }

  /** Unloads the scenario and stops its kiosk. */
  stop(): void {
    this.generation++
    this.teardown()
    this.loaded = null
    this.replaying = null
    this.afterReplay = null
    this.state = 'empty'
    this.next = 0
    this.error = null
    this.notify()
  }

  setSpeed(speed: number): SendResult {
    if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) return refuse(`speed: expected a number from ${MIN_SPEED} to ${MAX_SPEED}`)
    this.rate = speed
    this.clock?.setSpeed(speed)
    this.notify()
    return ok
  }

  /** Plays again from the start up to (not including) step `step`, at once, then pauses there. */
  jump(step: number): SendResult {
    if (!this.loaded) return refuse('nothing is loaded: load a scenario first')
    const count = this.loaded.scenario.steps.length
    if (!Number.isInteger(step) || step < 0 || step >= count) return refuse(`step: expected a step from 0 to ${count - 1}`)
    this.replayTo(step)
    return ok
  }

  /** A promise of the jump's replay in progress (tests), or a resolved one. */
  settled(): Promise<void> {
    return this.replaying ?? Promise.resolve()
  }

  view(): PlayerView {
    const { loaded } = this
    return {
      state: this.state,
      scenario: loaded && {
        id: loaded.id,
        name: loaded.scenario.name,
        steps: loaded.scenario.steps.map((s, index) => ({ index, label: stepLabel(s), caption: s.caption ?? null }))
      },
      step: this.next,
      speed: this.rate,
      error: this.error
    }
  }

  private later(action: 'play' | 'step'): SendResult {
    this.afterReplay = action
    return ok
  }

  private run(): void {
    this.state = 'playing'
    this.clock!.resume()
    this.notify()
    if (!this.looping) void this.loop(this.generation)
  }

  /** Plays steps while the player plays; a step that fails ends it with the runner's error. */
  private async loop(generation: number): Promise<void> {
    const { runner, clock, loaded } = this
    if (!runner || !clock || !loaded) return
    const steps = loaded.scenario.steps
    this.looping = true
    try {
      while (generation === this.generation && this.state === 'playing') {
        const index = this.next
        const report = await runner.runStep(steps[index]!, index)
        if (generation !== this.generation) return
        this.next = index + 1
        this.follow()
        if (!report.ok) return this.end('failed', `step ${index + 1}: ${report.error}`)
        if (this.next >= steps.length) return this.end('finished', null)
        if (this.stepOnce) {
          this.stepOnce = false
          clock.pause()
          this.state = 'paused'
          this.notify()
          return
        }
        this.notify()
        await clock.hold(STEP_GAP_MS)
      }
    } finally {
      if (generation === this.generation) this.looping = false
    }
  }

  private end(state: 'finished' | 'failed', error: string | null): void {
    this.clock?.pause()
    this.state = state
    this.error = error
    this.notify()
  }

  /** A fresh kiosk, then steps 0..step-1 run at once; paused there. */
  private replayTo(step: number): void {
    const generation = ++this.generation
    this.teardown()
    const { scenario } = this.loaded!
    const clock = new PacedClock(SCENARIO_START, this.deps.ticker, this.deps.tickMs)
    clock.setSpeed(this.rate)
    this.clock = clock
    this.runner = new ScenarioRunner(scenario, {
      clock,
      journal: new MemoryJournal(),
      cards: new MemoryCardStore(scenario.cards ?? DEMO_CARDS),
      receiptArchive: new MemoryReceiptArchive()
    })
    this.state = 'paused'
    this.error = null
    this.next = 0
    this.looping = false
    this.stepOnce = false
    this.follow()
    this.notify()
    if (step === 0) return
    const runner = this.runner
    const replay = clock.runFast(async () => {
      for (let index = 0; index < step; index++) {
        const report = await runner.runStep(scenario.steps[index]!, index)
        if (generation !== this.generation) return
        this.next = index + 1
        if (!report.ok) return this.end('failed', `step ${index + 1}: ${report.error}`)
      }
    })
    this.replaying = replay.then(() => {
      if (generation !== this.generation) return
      this.replaying = null
      this.follow()
      this.notify()
      const action = this.afterReplay
      this.afterReplay = null
      if (action === 'play') this.play()
      else if (action === 'step') this.step()
    })
  }

  /** Stops the kiosk being played on and its clock. */
  private teardown(): void {
    this.clock?.pause()
    this.followed?.unsubscribe()
    this.followed = null
    this.runner?.kiosk.stop()
    this.runner = null
    this.clock = null
  }

  /** Listens to the runner's kiosk (a new one after a power cut in the scenario). */
  private follow(): void {
    const kiosk = this.runner?.kiosk
    if (!kiosk || this.followed?.kiosk === kiosk) return
    this.followed?.unsubscribe()
    this.followed = { kiosk, unsubscribe: kiosk.subscribe(() => this.notify()) }
  }

  private notify(): void {
    this.listeners.tell()
  }
}
