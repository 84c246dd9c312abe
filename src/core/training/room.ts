/**
 * The training room (docs/training.md): the runtime the hosts serve when a trainer may use the
 * kiosk. It wraps the live kiosk and shows either it, the caption player's kiosk (playback) or a
 * drill's kiosk; it takes the trainer's controls itself and passes every other intent to the kiosk
 * shown, refusing them while a scenario plays.
 */
import type { Kiosk } from '../kiosk'
import { Listeners } from '../listeners'
import { TRAINING_CONTROL_TYPES, type Intent, type KioskView, type TechnicianView, type TrainingControl, type TrainingView } from '../protocol'
import type { KioskRuntime, SendResult } from '../runtime'
import type { RecordData } from '../domain/journalRecords'
import type { Ticker } from './pacedClock'
import { DrillDesk, type DrillDeskDeps, type DrillSeat } from './drillDesk'

export type { DrillSeat } from './drillDesk'
import { CaptionPlayer } from './player'
import { ScenarioRecorder, type RecorderControl } from './recorder'
import type { ScenarioShelf } from './shelf'

export type RoomMode = TrainingView['mode']

/** The controls the room passes to the kiosk shown, as any intent (faults armed on an event belong to a kiosk). */
const KIOSK_CONTROLS: ReadonlySet<string> = new Set(['arm', 'disarm'])

export interface TrainingRoomDeps {
  /** The live kiosk: the room stops it with itself. */
  live: Kiosk
  shelf: ScenarioShelf
  /** Real time for the caption player's clock and the recorder's timing. */
  ticker: Ticker
  recorder?: ScenarioRecorder
  /** The drill library and where results are kept; without it the room offers no drills. */
  drills?: Omit<DrillDeskDeps, 'ticker'>
}

export class TrainingRoom implements KioskRuntime {
  private mode: RoomMode = 'live'
  private readonly listeners = new Listeners()
  private readonly recorder: ScenarioRecorder
  readonly player: CaptionPlayer
  private drill: DrillSeat | null = null
  private readonly desk: DrillDesk | null
  private unsubscribeDrill: (() => void) | null = null
  private readonly unsubscribers: (() => void)[] = []

  constructor(private readonly deps: TrainingRoomDeps) {
    this.recorder = deps.recorder ?? new ScenarioRecorder({ now: () => deps.ticker.now() })
    this.player = new CaptionPlayer({ shelf: deps.shelf, ticker: deps.ticker })
    this.desk = deps.drills ? new DrillDesk({ ...deps.drills, ticker: deps.ticker }, this) : null
    this.unsubscribers.push(
      deps.live.subscribe(() => {
        this.recorder.changed(deps.live)
        if (this.mode === 'live' || this.recorder.view().state === 'recording') this.notify()
      }),
      this.player.subscribe(() => {
        if (this.mode === 'playback') this.notify()
      })
    )
  }

  /** The kiosk the screens show now. */
  shown(): Kiosk {
    if (this.mode === 'playback') return this.player.kiosk() ?? this.deps.live
    if (this.mode === 'drill' && this.drill) return this.drill.kiosk
    return this.deps.live
  }

  get roomMode(): RoomMode {
    return this.mode
  }

  send(intent: Intent): SendResult {
    if (TRAINING_CONTROL_TYPES.has(intent.type) && !KIOSK_CONTROLS.has(intent.type)) {
      const result = this.control(intent as TrainingControl)
      this.notify()
      return result
    }
    if (this.mode === 'playback') {
      return { ok: false, error: `a scenario is playing: "${intent.type}" is refused; stop the player to use the live kiosk again` }
    }
    if (this.mode === 'drill' && this.drill) {
      this.drill.before?.(intent)
      const result = this.drill.kiosk.send(intent)
      this.drill.observe?.(intent, result)
      return result
    }
    const result = this.deps.live.send(intent)
    this.recorder.sent(intent, result, this.deps.live)
    return result
  }

  private control(control: TrainingControl): SendResult {
    switch (control.type) {
      case 'playLoad': {
        if (this.mode === 'drill' || this.desk?.busy) return { ok: false, error: 'a drill is running: finish or abort it first' }
        const result = this.player.load(control.scenario)
        if (result.ok) this.mode = 'playback'
        return result
      }
      case 'playControl':
        if (control.action === 'stop') return this.closePlayer()
        if (this.mode !== 'playback') return { ok: false, error: 'nothing is loaded: load a scenario first' }
        return control.action === 'play' ? this.player.play() : control.action === 'pause' ? this.player.pause() : this.player.step()
      case 'playSpeed':
        return this.player.setSpeed(control.speed)
      case 'playJump':
        if (this.mode !== 'playback') return { ok: false, error: 'nothing is loaded: load a scenario first' }
        return this.player.jump(control.step)
      case 'trainingClose':
        if (this.mode === 'playback') return this.closePlayer()
        if (this.desk?.busy) return { ok: false, error: 'a drill is running: finish or abort it first' }
        if (this.mode === 'drill') {
          this.endDrill()
          this.desk?.closed()
          return { ok: true }
        }
        return { ok: false, error: 'the live kiosk is shown already' }
      case 'recordStart':
      case 'recordStop':
      case 'recordCaption':
      case 'recordSave':
      case 'recordDiscard':
        return this.recorder.handle(control as RecorderControl, { kiosk: this.deps.live, shelf: this.deps.shelf })
      case 'drillStart':
      case 'drillHint':
      case 'drillFinish':
      case 'drillAbort':
        if (!this.desk) return { ok: false, error: 'this kiosk has no drill library' }
        if (control.type === 'drillStart' && this.mode === 'playback') this.closePlayer()
        return this.desk.handle(control)
      default:
        return { ok: false, error: `"${control.type}" is not a trainer's control` }
    }
  }

  private closePlayer(): SendResult {
    if (this.mode !== 'playback') return { ok: false, error: 'no scenario is loaded' }
    this.player.stop()
    this.mode = 'live'
    return { ok: true }
  }

  /**
   * Shows a drill's kiosk instead of the live one, passing it every non-training intent (the drills
   * console calls this; the player is closed first). `endDrill` goes back to the live kiosk.
   */
  serveDrill(seat: DrillSeat): void {
    if (this.mode === 'playback') this.player.stop()
    this.endDrill(false)
    this.drill = seat
    this.mode = 'drill'
    this.unsubscribeDrill = seat.kiosk.subscribe(() => this.notify())
    this.notify()
  }

  /** Stops the drill's kiosk and its clock, and shows the live kiosk again. */
  endDrill(notify = true): void {
    const seat = this.drill
    if (!seat) return
    this.unsubscribeDrill?.()
    this.unsubscribeDrill = null
    this.drill = null
    seat.clock?.pause()
    seat.kiosk.stop()
    this.mode = 'live'
    if (notify) this.notify()
  }

  view(): KioskView {
    return this.shown().view()
  }

  technicianView(): TechnicianView {
    return { ...this.shown().technicianView(), training: this.trainingView() }
  }

  /** The trainer's part of the technician view. */
  trainingView(): TrainingView {
    return {
      mode: this.mode,
      shelf: this.deps.shelf.list(),
      recorder: this.recorder.view(),
      player: this.player.view(),
      drill: this.desk?.view() ?? { library: [], active: null, result: null }
    }
  }

  subscribe(listener: () => void): () => void {
    return this.listeners.add(listener)
  }

  /** Always into the live kiosk's journal: a window reloaded is the machine's history, whatever the room shows. */
  recordScreenRecovered(recovery: RecordData<'screenRecovered'>): void {
    this.deps.live.recordScreenRecovered(recovery)
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe()
    this.player.stop()
    this.desk?.stop()
    this.endDrill(false)
    this.listeners.clear()
    this.deps.live.stop()
  }

  /** Something the screens show changed (the drill desk's scoring, hints, debrief). */
  changed(): void {
    this.notify()
  }

  private notify(): void {
    this.listeners.tell()
  }
}
