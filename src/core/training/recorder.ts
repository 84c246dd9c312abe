/**
 * The scenario recorder (docs/training.md): records the live session — customer taps, technician
 * and staff actions, their timing — as a scenario file in today's format, with an expectation of
 * the screen after each step; the trainer names it and captions its steps.
 *
 * CONTRACT STUB: the recorder helper replaces the body; the room calls exactly these methods.
 */
import type { Kiosk } from '../kiosk'
import type { Intent, RecorderView, TrainingControl } from '../protocol'
import type { SendResult } from '../runtime'
import type { ScenarioShelf } from './shelf'

export type RecorderControl = Extract<TrainingControl, { type: 'recordStart' | 'recordStop' | 'recordCaption' | 'recordSave' | 'recordDiscard' }>

export class ScenarioRecorder {
  constructor(private readonly deps: { now: () => number }) {}

  /** A recorder control from the trainer's page, for the live kiosk. */
  handle(control: RecorderControl, on: { kiosk: Kiosk; shelf: ScenarioShelf }): SendResult {
    void control
    void on
    void this.deps
    return { ok: false, error: 'the recorder is not built yet' }
  }

  /** The live kiosk took (or refused) an intent: a step when recording and it was taken. */
  sent(intent: Intent, result: SendResult, kiosk: Kiosk): void {
    void intent
    void result
    void kiosk
  }

  /** The live kiosk changed (to notice when the last step's devices have settled). */
  changed(kiosk: Kiosk): void {
    void kiosk
  }

  view(): RecorderView {
    return { state: 'off', name: null, steps: [], savedAs: null }
  }
}
