/**
 * The scenario step an intent is: the inverse of stepIntent (scenario/runRules.ts), for the
 * recorder. A few intents have no verb (they change nothing a replay could check, or need what a
 * scenario cannot name): they are listed with the reason.
 */
import { TRAINING_CONTROL_TYPES, type Intent } from '../protocol'
import type { ActionStep } from '../scenario/schema'

/** The intents no step can send, each with why (the recorder skips them with a note). */
export const NOT_RECORDABLE: Readonly<Partial<Record<Intent['type'], string>>> = {
  reprint: 'a technician reprint has no scenario verb (staff reprint from service mode: serviceReprint)',
  journalQuery: 'a journal query only changes what the journal viewer shows; scenarios have no verb for it',
  exportJournal: 'exporting the journal writes a file outside the kiosk; scenarios have no verb for it'
}

/** Why a trainer's control is never a step: it drives the training room, not the kiosk. */
export const TRAINERS_CONTROL = 'a trainer\u2019s control of the training room, not something done at the kiosk'

export type IntentStep = { ok: true; step: ActionStep } | { ok: false; reason: string }

/**
 * The step that sends `intent` again on a replay. A tap by cardRef becomes a tap by the card's
 * number (`numberOf`: null when no card has that reference); a staff PIN becomes `serviceLogin`,
 * so the PIN is written into the scenario (recordings are for demo PINs only).
 */
export function intentStep(intent: Intent, numberOf: (cardRef: string) => string | null): IntentStep {
  const reason = NOT_RECORDABLE[intent.type]
  if (reason !== undefined) return { ok: false, reason }
  // arm and disarm are verbs as they are; every other trainer's control is the room's.
  if (TRAINING_CONTROL_TYPES.has(intent.type) && intent.type !== 'arm' && intent.type !== 'disarm') return { ok: false, reason: TRAINERS_CONTROL }
  switch (intent.type) {
    case 'tapCard': {
      const number = intent.number ?? numberOf(intent.cardRef)
      return number === null ? { ok: false, reason: 'no card of this kiosk has that cardRef' } : { ok: true, step: { do: 'tapCard', number } }
    }
    case 'servicePin':
      return { ok: true, step: { do: 'serviceLogin', pin: intent.pin } }
    case 'shiftReport':
      return { ok: true, step: { do: intent.report === 'X' ? 'xReport' : 'zReport' } }
    case 'setRate':
      return { ok: true, step: { do: 'setRate', currency: intent.currency, rate: intent.rate } }
    case 'fault':
      return { ok: true, step: { do: 'fault', device: intent.device, fault: intent.fault, ...(intent.reason ? { reason: intent.reason } : {}) } }
    default: {
      const { type, ...fields } = intent
      return { ok: true, step: { do: type, ...fields } as ActionStep }
    }
  }
}
