/**
 * Armed faults (docs/devices.md, "Armed faults"): a fault or a pulled card that waits for a kiosk
 * event instead of happening now — a jam on the next stacked note, the host down after the 2nd
 * credit, paper out during the next receipt. Each fires once, at its n-th event, through the same
 * path as the technician's own `fault` and `removeCard` (so it is journaled the same way), and at
 * the event itself, before the device goes on: it strikes what is in progress.
 */
import { z } from 'zod'
import type { Actor, ActorRefFrom, AnyActorRef } from 'xstate'
import { formatIssue } from '../config'
import type { SimulatedPos } from '../devices/pos'
import type { billValidatorMachine } from '../machines/billValidatorMachine'
import type { cardReaderMachine } from '../machines/cardReaderMachine'
import type { kioskMachine } from '../machines/kiosk/machine'
import { ARM_FIELDS, type ArmedAction, type ArmedFaultView, type ArmTrigger, type Intent, type TrainingControl } from '../protocol'
import type { SendResult } from '../runtime'

/** The two controls this module answers. */
export type ArmControl = Extract<TrainingControl, { type: 'arm' | 'disarm' }>

const armSchema = z.strictObject({ type: z.literal('arm'), ...ARM_FIELDS })

/** Why an `arm` control cannot be taken (its field named), or null. Parsed intents are checked already; a direct caller's are not. */
export function armProblem(control: unknown): string | null {
  const result = armSchema.safeParse(control)
  return result.success ? null : result.error.issues.flatMap((issue) => formatIssue(issue)).join('; ')
}

/** The intent an armed action fires: the technician's own control. */
export function intentOfAction(action: ArmedAction): Intent {
  if (action.do === 'removeCard') return { type: 'removeCard' }
  return { type: 'fault', device: action.device, fault: action.fault, ...(action.reason ? { reason: action.reason } : {}) }
}

/** The kiosk states whose entry is a trigger, per device machine. */
const VALIDATOR_TRIGGERS: Partial<Record<string, ArmTrigger>> = { escrowed: 'noteEscrowed', stacking: 'noteStacking' }
const READER_TRIGGERS: Partial<Record<string, ArmTrigger>> = { writing: 'cardWriting' }

export class ArmedFaults {
  private armed: ArmedFaultView[] = []
  private lastId = 0

  /**
   * `fire` delivers a fired action's intent to the kiosk (Kiosk.send); the bank-card terminal's
   * payments are watched here, the machines' events once each starts (`watch`).
   */
  constructor(
    private readonly fire: (intent: Intent) => void,
    pos: SimulatedPos
  ) {
    pos.onCharge = () => this.saw('bankCardPayment')
  }

  /** Arms a fault, or calls off every armed one not yet fired. */
  handle(control: ArmControl): SendResult {
    if (control.type === 'disarm') {
      this.armed = []
      return { ok: true }
    }
    const problem = armProblem(control)
    if (problem) return { ok: false, error: `invalid arm: ${problem}` }
    const { when, nth = 1, then } = control
    this.armed.push({ id: ++this.lastId, when, nth, seen: 0, then: { ...then } })
    return { ok: true }
  }

  /** The armed faults waiting, oldest first (copies: the technician view is serialised). */
  view(): ArmedFaultView[] {
    return this.armed.map((a) => ({ ...a, then: { ...a.then } }))
  }

  /** A trigger event happened: each armed fault waiting for it counts it, and those at their n-th fire now, oldest first. */
  saw(trigger: ArmTrigger): void {
    const due: ArmedFaultView[] = []
    for (const armed of this.armed) {
      if (armed.when !== trigger) continue
      armed.seen++
      if (armed.seen >= armed.nth) due.push(armed)
    }
    if (due.length === 0) return
    // One-shot: gone before firing, so an event the action itself causes cannot fire it twice.
    this.armed = this.armed.filter((a) => !due.includes(a))
    for (const armed of due) this.fire(intentOfAction(armed.then))
  }

  /**
   * Watches a kiosk machine that just started (at power-up and at each restart from the journal):
   * a session begun from the attract screen, a credit the host answered (its `creditApplied`
   * record, journaled first), and the validator's and card reader's states entered.
   */
  watch(
    kiosk: Actor<typeof kioskMachine>,
    validator: ActorRefFrom<typeof billValidatorMachine>,
    cardReader: ActorRefFrom<typeof cardReaderMachine>
  ): void {
    kiosk.on('journal', (e) => {
      if (e.kind === 'creditApplied') this.saw('credited')
    })
    let idle = kiosk.getSnapshot().matches('idle')
    kiosk.subscribe({
      next: (snapshot) => {
        const wasIdle = idle
        idle = snapshot.matches('idle')
        if (wasIdle && snapshot.matches('session')) this.saw('sessionStarted')
      },
      // The kiosk's own observer stops the kiosk on a machine's error; this one has nothing to add.
      error: () => {}
    })
    this.watchStates(validator, VALIDATOR_TRIGGERS)
    this.watchStates(cardReader, READER_TRIGGERS)
  }

  /** Sees a device machine enter the states that are triggers (a state entered again after leaving it counts again). */
  private watchStates(device: AnyActorRef, triggers: Partial<Record<string, ArmTrigger>>): void {
    let state = String(device.getSnapshot().value)
    device.subscribe({
      next: (snapshot: { value: unknown }) => {
        const before = state
        state = String(snapshot.value)
        const trigger = triggers[state]
        if (trigger && state !== before) this.saw(trigger)
      },
      error: () => {}
    })
  }
}
