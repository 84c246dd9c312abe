/**
 * The trainer's side of the protocol (docs/training.md): faults armed to fire on a kiosk event,
 * the scenario recorder, the caption player, drills and the live statechart. Every control here
 * is the technician role's (the key holder's); the kiosk screen may send none of them.
 */
import { z } from 'zod'
import { boundedInt } from '../config'
import { declineReasonSchema, deviceSchema, faultNameSchema, refineFault, type Device, type FaultName } from './faults'
import { LANGUAGES, type Language } from './languages'
import type { DeclineReason } from '../devices/pos'

/** Most characters of one caption in one language. */
export const MAX_CAPTION_CHARS = 500

/** A caption in one or more of the kiosk's languages: the trainer's, shown beside the kiosk (never on the customer's screen). */
export const captionSchema = z
  .strictObject(
    Object.fromEntries(LANGUAGES.map((l) => [l, z.string().trim().min(1, 'expected text').max(MAX_CAPTION_CHARS).optional()])) as {
      [L in Language]: z.ZodOptional<z.ZodString>
    }
  )
  .refine((c) => Object.values(c).some((text) => text !== undefined), `expected a caption in at least one of ${LANGUAGES.join(', ')}`)
export type Caption = Partial<Record<Language, string>>

/**
 * The kiosk events an armed fault waits for. The action runs at the event itself, before the device
 * goes on, so it strikes the thing in progress: the note on its way into the cassette, the receipt
 * being printed, the card being written, the payment being asked for.
 */
export const ARM_TRIGGERS = [
  /** The validator holds a note in escrow. */
  'noteEscrowed',
  /** A note starts its run into the cassette (a jam now leaves it in doubt). */
  'noteStacking',
  /** The host answered a credit request with a credit (host down after the n-th credit). */
  'credited',
  /** The printer starts a receipt (paper out or a jam during it). */
  'receiptPrinting',
  /** The card write starts (the card pulled mid-write). */
  'cardWriting',
  /** The bank-card terminal is asked for a payment (silent, or a decline, on it). */
  'bankCardPayment',
  /** A customer starts a session from the attract screen. */
  'sessionStarted'
] as const
export type ArmTrigger = (typeof ARM_TRIGGERS)[number]

/** What an armed fault does when its event comes: switch a device fault on, or pull the card off the reader. */
export const armedActionSchema = z.discriminatedUnion('do', [
  z.strictObject({ do: z.literal('fault'), device: deviceSchema, fault: faultNameSchema, reason: declineReasonSchema.optional() }).superRefine(refineFault),
  z.strictObject({ do: z.literal('removeCard') })
])
export type ArmedAction = { do: 'fault'; device: Device; fault: FaultName; reason?: DeclineReason } | { do: 'removeCard' }

/** The fields of `arm` (the technician control and the scenario verb alike). */
export const ARM_FIELDS = {
  when: z.enum(ARM_TRIGGERS, { error: `expected one of ${ARM_TRIGGERS.join(', ')}` }),
  /** Fires at the n-th such event from now (1: the next). */
  nth: boundedInt(1, 99).optional(),
  then: armedActionSchema
} as const

const shelfId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,119}$/, 'expected a shelf id (lower-case letters, digits, ".", "_" or "-")')
  .refine((id) => !id.includes('..'), 'expected a shelf id without ".."')
const traineeName = z.string().trim().min(1, 'expected the trainee\u2019s name').max(80, 'expected at most 80 characters')
const stepIndex = boundedInt(0, 9999)

/** The trainer's controls: technician role only. */
export const trainingControlSchema = z.discriminatedUnion('type', [
  /** A fault armed to fire on a kiosk event instead of now. */
  z.strictObject({ type: z.literal('arm'), ...ARM_FIELDS }),
  /** Every armed fault not yet fired called off. */
  z.strictObject({ type: z.literal('disarm') }),
  /** Records the session from now (customer taps, technician and staff actions, their timing) as a scenario named so. */
  z.strictObject({ type: z.literal('recordStart'), name: z.string().trim().min(1, 'expected a name').max(200, 'expected at most 200 characters') }),
  z.strictObject({ type: z.literal('recordStop') }),
  /** A caption for a recorded step in one language (null: removes that language's). */
  z.strictObject({
    type: z.literal('recordCaption'),
    step: stepIndex,
    language: z.enum(LANGUAGES),
    text: z.string().trim().min(1, 'expected text').max(MAX_CAPTION_CHARS).nullable()
  }),
  /** The recording kept on the shelf (the recordings folder), under its name. */
  z.strictObject({ type: z.literal('recordSave') }),
  z.strictObject({ type: z.literal('recordDiscard') }),
  /** A scenario from the shelf loaded into the caption player (the kiosk screen then shows its kiosk). */
  z.strictObject({ type: z.literal('playLoad'), scenario: shelfId }),
  z.strictObject({ type: z.literal('playControl'), action: z.enum(['play', 'pause', 'step', 'stop']) }),
  z.strictObject({
    type: z.literal('playSpeed'),
    speed: z.number({ error: 'expected a number from 0.25 to 10' }).min(0.25, 'expected at least 0.25').max(10, 'expected at most 10')
  }),
  /** Plays again from the start up to (not including) step `step`, at once, then pauses there. */
  z.strictObject({ type: z.literal('playJump'), step: stepIndex }),
  /** A drill from the library started for a trainee (the kiosk screen then shows the drill's kiosk). */
  z.strictObject({ type: z.literal('drillStart'), drill: shelfId, trainee: traineeName }),
  /** The next hint (it costs points). */
  z.strictObject({ type: z.literal('drillHint') }),
  /** The trainee says they are done: the drill is scored now. */
  z.strictObject({ type: z.literal('drillFinish') }),
  /** The trainer stops the drill: scored as it stands, marked aborted. */
  z.strictObject({ type: z.literal('drillAbort') }),
  /** Back to the live kiosk from a finished drill or the player. */
  z.strictObject({ type: z.literal('trainingClose') })
])
export type TrainingControl = z.infer<typeof trainingControlSchema>
export const TRAINING_CONTROL_TYPES: ReadonlySet<string> = new Set(trainingControlSchema.options.map((o) => o.shape.type.value))

// ---- What the trainer's pages see (TechnicianView.armed, .chart, .training) ----

/** An armed fault waiting for its event. */
export interface ArmedFaultView {
  id: number
  when: ArmTrigger
  nth: number
  /** Such events seen since it was armed. */
  seen: number
  then: ArmedAction
}

/** One event the kiosk's machines received, for the statechart page's list (card numbers masked, no PIN ever). */
export interface ChartEventView {
  /** Counts events since the kiosk started: the list's key. */
  n: number
  /** ISO time. */
  at: string
  /** The machine that received it: `kiosk`, `billValidator`, `cardReader`. */
  machine: string
  type: string
  payload: Record<string, unknown>
}

/** The statechart page's live part: which state nodes are active, and the last events. */
export interface ChartView {
  /** Ids of every active state node of every machine, e.g. `kiosk.session.flow.cash`, `billValidator.idle`. */
  active: string[]
  /** The last events, newest last (at most 50). */
  events: ChartEventView[]
}

/** A scenario on the shelf: bundled examples and the trainer's recordings. */
export interface ShelfItemView {
  id: string
  name: string
  source: 'library' | 'recording'
  steps: number
}

export interface RecordedStepView {
  index: number
  /** The step as the scenario file has it (`{"do": …}` or `{"expect": …}`). */
  step: Record<string, unknown>
  caption: Caption | null
}

export interface RecorderView {
  state: 'off' | 'recording' | 'stopped'
  name: string | null
  steps: RecordedStepView[]
  /** The shelf id it was saved under, once saved. */
  savedAs: string | null
  /** What the trainer should know: intents not recorded and why, the recording stopping itself at its most steps. */
  notes?: string[]
}

export interface PlayerView {
  state: 'empty' | 'paused' | 'playing' | 'finished' | 'failed'
  scenario: { id: string; name: string; steps: { index: number; label: string; caption: Caption | null }[] } | null
  /** The next step to play. */
  step: number
  speed: number
  /** Why the last step failed. */
  error: string | null
}

/** A drill's expected action as the trainer's console shows it. */
export interface DrillTaskView {
  id: string
  caption: Caption
  points: number
  done: boolean
}

export interface DrillTimelineEntry {
  /** Seconds from the drill's start. */
  at: number
  /** What was done: the scenario step (verb and fields) as the recorder writes it. */
  step: Record<string, unknown>
  /** The screen after it. */
  screen: string
  /** The expected action it met, or the penalty it earned. */
  met: string | null
  penalty: string | null
  /** The journal records that prove it (seq, kind). */
  records: { seq: number; kind: string }[]
  /** Why the step was not possible, or which expectation failed (such a step proves nothing). */
  error?: string
}

export interface DrillPenaltyView {
  id: string
  caption: Caption
  points: number
  at: number
}

export interface DrillResultView {
  drill: string
  title: Caption
  trainee: string
  startedAt: string
  finishedAt: string
  outcome: 'finished' | 'timeUp' | 'aborted'
  score: number
  maxScore: number
  passMark: number
  passed: boolean
  hintsUsed: number
  seconds: number
  tasks: DrillTaskView[]
  penalties: DrillPenaltyView[]
  timeline: DrillTimelineEntry[]
  /** The reference solution's timeline, to show beside the trainee's. */
  expected: DrillTimelineEntry[]
}

export interface DrillView {
  library: { id: string; title: Caption }[]
  active: {
    drill: string
    title: Caption
    trainee: string
    story: Caption[]
    tasks: DrillTaskView[]
    hints: Caption[]
    hintsLeft: number
    secondsLeft: number
    score: number
  } | null
  result: DrillResultView | null
  /** What went wrong around the drill (its result could not be kept, its reference could not be played). */
  notice?: string
}

/** The training room: which kiosk the screens show, the recorder, the player and the drills. */
export interface TrainingView {
  mode: 'live' | 'playback' | 'drill'
  shelf: ShelfItemView[]
  recorder: RecorderView
  player: PlayerView
  drill: DrillView
}
