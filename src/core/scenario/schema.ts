/**
 * The scenario file format (docs/scenarios.md). Validation errors name the field the way the
 * user wrote it, e.g. `steps[3].value: expected a positive integer`.
 */
import { z } from 'zod'
import { CARD_STATUSES } from '../cards'
import { boundedInt, ConfigError, CURRENCY_CODES, formatIssue, loadConfig, MAX_KZT, MAX_NOTE_VALUE, rateSchema, type KioskConfig } from '../config'
import {
  ARM_FIELDS,
  captionSchema,
  declineReasonSchema,
  deviceSchema,
  faultNameSchema,
  KEYPAD_KEYS,
  LANGUAGES,
  recountNotesSchema,
  refineFault,
  SCREENS,
  STAFF_FIELDS,
  type Caption
} from '../protocol'

// The ranges of the intents the steps become (protocol.ts) and of the config: the runner sends a step's intent as it is.
const amountKzt = boundedInt(1, MAX_KZT)
const noteValue = boundedInt(1, MAX_NOTE_VALUE)
const kzt = boundedInt(0, MAX_KZT)
const cardNumber = z.string({ error: 'expected a 16-digit card number' }).regex(/^\d{16}$/, 'expected a 16-digit card number')

const bare = <V extends string>(verb: V) => z.strictObject({ do: z.literal(verb) })

/** The most steps taken while one note is on its way (`insertBill`'s `meanwhile`). */
export const MAX_MEANWHILE = 6

/** Verbs a `meanwhile` may not hold: a wait lets the note land first, and the validator holds one note at a time. */
const NOT_MEANWHILE: Readonly<Record<string, string>> = {
  wait: 'a wait lets the note land first; put it after this step',
  insertBill: 'the validator takes one note at a time; insert the next one in a later step'
}

/** A verb that is a staff intent by the same name takes the intent's fields and checks (protocol/intents.ts). */
const verbOf = <V extends keyof typeof STAFF_FIELDS>(verb: V) => z.strictObject({ do: z.literal(verb), ...STAFF_FIELDS[verb] })

/** Every verb a step can `do`, with its parameters. */
export const VERB_SCHEMAS = {
  language: z.strictObject({ do: z.literal('language'), code: z.enum(LANGUAGES, { error: `expected one of ${LANGUAGES.join(', ')}` }) }),
  start: bare('start'),
  /** Without a number: the card identified earlier in the scenario (e.g. held on the reader for the write). */
  tapCard: z.strictObject({ do: z.literal('tapCard'), number: cardNumber.optional() }),
  enterCard: z.strictObject({
    do: z.literal('enterCard'),
    digits: z.string({ error: 'expected the last 8 digits of the card number' }).regex(/^\d{8}$/, 'expected the last 8 digits of the card number')
  }),
  removeCard: bare('removeCard'),
  keypad: z.strictObject({ do: z.literal('keypad'), key: z.enum(KEYPAD_KEYS, { error: `expected one of ${KEYPAD_KEYS.join(', ')}` }) }),
  submitCard: bare('submitCard'),
  chooseAmount: z.strictObject({ do: z.literal('chooseAmount'), kzt: amountKzt }),
  submitAmount: bare('submitAmount'),
  payCash: bare('payCash'),
  payCard: bare('payCard'),
  /** With `meanwhile`: those steps are taken while the note is still on its way (being stacked or returned), before it lands. */
  insertBill: z.strictObject({
    do: z.literal('insertBill'),
    currency: z.enum(CURRENCY_CODES, { error: `expected one of ${CURRENCY_CODES.join(', ')}` }),
    value: noteValue,
    meanwhile: z
      .array(z.unknown(), { error: 'expected a list of steps' })
      .min(1, 'expected at least one step')
      .max(MAX_MEANWHILE, `expected at most ${MAX_MEANWHILE} steps`)
      .optional()
  }),
  confirm: bare('confirm'),
  cancel: bare('cancel'),
  back: bare('back'),
  moreTime: bare('moreTime'),
  keepGoing: bare('keepGoing'),
  done: bare('done'),
  wait: z.strictObject({
    do: z.literal('wait'),
    seconds: z.number({ error: 'expected a number of seconds' }).positive('expected a number of seconds above 0').max(86_400, 'expected at most 86400 seconds')
  }),
  setRate: z.strictObject({
    do: z.literal('setRate'),
    currency: z.enum(['USD', 'EUR', 'RUB', 'CNY'], { error: 'expected one of USD, EUR, RUB, CNY' }),
    rate: rateSchema
  }),
  // The technician control's rule (protocol/faults.ts): the fault is one of the device's, only a POS decline takes a reason.
  fault: z
    .strictObject({ do: z.literal('fault'), device: deviceSchema, fault: faultNameSchema, reason: declineReasonSchema.optional() })
    .superRefine(refineFault),
  clearFault: z.strictObject({ do: z.literal('clearFault'), device: deviceSchema }),
  /** A fault armed to fire on a kiosk event (docs/training.md): e.g. the host down after the 2nd credit, the card pulled during the next write. */
  arm: z.strictObject({ do: z.literal('arm'), ...ARM_FIELDS }),
  /** Every armed fault not yet fired called off. */
  disarm: bare('disarm'),
  /** The kiosk loses power and starts again at once, from its journal (a note in the validator's path stays there). */
  powerCut: bare('powerCut'),
  /**
   * The kiosk loses power and its journal is replaced by an older copy (its last `dropLast` records
   * gone; the head kept beside it is not): it starts out of service until staff accept the journal.
   */
  restoreJournal: z.strictObject({ do: z.literal('restoreJournal'), dropLast: boundedInt(1, 1_000_000) }),
  /** Staff accept a journal that failed its start-up check, as it is (the technician panel's button). */
  acceptJournal: bare('acceptJournal'),
  /** The service door opened, the cassette taken out and put back empty: a cash collection (the report's `collections`). */
  collectCash: bare('collectCash'),
  /** The collector's count of the last collected cassette (a collector or administrator logged in); the report gives its shortage and surplus. */
  recount: z.strictObject({ do: z.literal('recount'), notes: recountNotesSchema }),
  // Service mode (docs/service.md). serviceLogin opens the PIN pad (the hidden gesture) unless it is open, then enters the PIN.
  serviceLogin: z.strictObject({ do: z.literal('serviceLogin'), ...STAFF_FIELDS.servicePin }),
  serviceLogout: bare('serviceLogout'),
  /** From the collection page: the cassette out and back empty (a collector or administrator logged in). */
  collectCassette: bare('collectCassette'),
  /** The hidden gesture on the kiosk screen: the PIN pad (during a session: once it ends). */
  serviceEntry: bare('serviceEntry'),
  serviceCancel: bare('serviceCancel'),
  serviceDoor: z.strictObject({ do: z.literal('serviceDoor'), open: z.boolean({ error: 'expected true (open) or false (closed)' }) }),
  serviceOpen: verbOf('serviceOpen'),
  /** An X report: the period so far. */
  xReport: bare('xReport'),
  /** A Z report: closes the period (the next report's period starts here). */
  zReport: bare('zReport'),
  printCollectionReport: verbOf('printCollectionReport'),
  serviceReprint: verbOf('serviceReprint'),
  deviceTest: verbOf('deviceTest'),
  setOutOfService: verbOf('setOutOfService'),
  setTraining: verbOf('setTraining'),
  changeSettings: verbOf('changeSettings'),
  resolveFlagged: verbOf('resolveFlagged'),
  lookUpClaim: verbOf('lookUpClaim')
} as const

export type Verb = keyof typeof VERB_SCHEMAS
export const VERBS = Object.keys(VERB_SCHEMAS) as Verb[]
/** Whether `name` is one of the verbs (not merely a property every object has, such as `constructor`). */
export const isVerb = (name: string): name is Verb => Object.hasOwn(VERB_SCHEMAS, name)
export type ActionStep = { [V in Verb]: z.infer<(typeof VERB_SCHEMAS)[V]> }[Verb]

export const expectationSchema = z
  .strictObject({
    screen: z.enum(SCREENS, { error: `expected a screen name: ${SCREENS.join(', ')}` }).optional(),
    balanceKzt: kzt.optional(),
    language: z.enum(LANGUAGES).optional(),
    transactionStatus: z.enum(['completed', 'cancelled', 'pending', 'flagged']).optional(),
    creditedKzt: kzt.optional(),
    receiptPrinted: z.boolean({ error: 'expected true or false' }).optional()
  })
  .refine((e) => Object.keys(e).length > 0, 'expected at least one thing to check')
export type Expectation = z.infer<typeof expectationSchema>
export type ExpectStep = { expect: Expectation }
/** Any step may carry a caption: the trainer's words for it, shown beside the kiosk by the caption player (docs/training.md). */
export type Step = (ActionStep | ExpectStep) & { caption?: Caption }

/**
 * How a scenario's steps are timed: `settled` (written by hand) waits after each step until the
 * devices and the host are done; `recorded` (the recorder's) takes each step at the instant its
 * waits lead to, as it was taken live, whether or not the kiosk was still at work.
 */
export const TIMINGS = ['settled', 'recorded'] as const
export type Timing = (typeof TIMINGS)[number]

export interface Scenario {
  name: string
  timing?: Timing
  config: KioskConfig
  cards: { number: string; balanceKzt: number; status: (typeof CARD_STATUSES)[number] }[] | null
  steps: Step[]
}

const headerSchema = z.strictObject({
  name: z.string().max(200, 'expected at most 200 characters').optional(),
  description: z.string().max(10_000, 'expected at most 10000 characters').optional(),
  timing: z.enum(TIMINGS, { error: `expected one of ${TIMINGS.join(', ')}` }).optional(),
  // Taken as it is (a record schema would drop a `__proto__` key unseen): loadConfig names every key it does not know.
  config: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'expected an object').optional(),
  cards: z
    .array(z.strictObject({ number: cardNumber, balanceKzt: kzt, status: z.enum(CARD_STATUSES, { error: `expected one of ${CARD_STATUSES.join(', ')}` }) }))
    .optional(),
  steps: z.array(z.unknown()).min(1, 'expected at least one step')
})

export class ScenarioError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('\n'))
    this.name = 'ScenarioError'
  }
}

const issuesOf = (error: z.ZodError, prefix: string): string[] => error.issues.flatMap((i) => formatIssue(i, prefix))

/** A step with its caption checked and set aside (the verb's own schema knows nothing of captions). */
export function parseStep(raw: unknown, index: number): Step {
  const at = `steps[${index}]`
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ScenarioError([`${at}: expected an object with "do" or "expect"`])
  if (!Object.hasOwn(raw, 'caption')) return parseBareStep(raw, at)
  const { caption: rawCaption, ...rest } = raw as { caption: unknown }
  const caption = captionSchema.safeParse(rawCaption)
  if (!caption.success) throw new ScenarioError(issuesOf(caption.error, `${at}.caption`))
  return { ...parseBareStep(rest, at), caption: caption.data as Caption }
}

function parseBareStep(raw: object, at: string): Step {
  // Own keys only: `in` would find `constructor`, `toString` and the like on every object's prototype.
  if (Object.hasOwn(raw, 'expect')) {
    if (Object.hasOwn(raw, 'do')) throw new ScenarioError([`${at}: a step has either "do" or "expect", not both`])
    const keys = Object.keys(raw).filter((k) => k !== 'expect')
    if (keys.length) throw new ScenarioError([`${at}.${keys[0]}: unknown key next to "expect"`])
    const result = expectationSchema.safeParse((raw as { expect: unknown }).expect)
    if (!result.success) throw new ScenarioError(issuesOf(result.error, `${at}.expect`))
    return { expect: result.data }
  }
  const verb = Object.hasOwn(raw, 'do') ? (raw as { do: unknown }).do : undefined
  if (typeof verb !== 'string' || !isVerb(verb)) {
    const shown = JSON.stringify(verb) ?? String(verb)
    const named = shown.length > 60 ? `${shown.slice(0, 59)}…` : shown
    throw new ScenarioError([`${at}.do: ${verb === undefined ? 'missing' : `unknown verb ${named}`}; expected one of ${VERBS.join(', ')}`])
  }
  const result = VERB_SCHEMAS[verb].safeParse(raw)
  if (!result.success) throw new ScenarioError(issuesOf(result.error, at))
  if (result.data.do === 'insertBill' && result.data.meanwhile) return { ...result.data, meanwhile: parseMeanwhile(result.data.meanwhile, at) }
  return result.data as ActionStep
}

/** The steps of an `insertBill`'s `meanwhile`: actions only (no caption), none of NOT_MEANWHILE's verbs. */
function parseMeanwhile(raw: readonly unknown[], at: string): ActionStep[] {
  return raw.map((item, i) => {
    const where = `${at}.meanwhile[${i}]`
    if (typeof item !== 'object' || item === null || Array.isArray(item) || !Object.hasOwn(item, 'do'))
      throw new ScenarioError([`${where}: expected an action (an object with "do")`])
    const step = parseBareStep(item, where) as ActionStep
    const refused = NOT_MEANWHILE[step.do]
    if (refused) throw new ScenarioError([`${where}.do: "${step.do}" cannot be taken while a note is on its way: ${refused}`])
    return step
  })
}

/** The steps an action takes while its note is on its way (an `insertBill`'s `meanwhile`), none for any other. */
export const meanwhileOf = (step: ActionStep): readonly ActionStep[] => (step.do === 'insertBill' ? ((step.meanwhile as ActionStep[] | undefined) ?? []) : [])

/** Validates a parsed scenario file; throws ScenarioError naming every bad field. */
export function parseScenario(raw: unknown): Scenario {
  const header = headerSchema.safeParse(raw)
  if (!header.success) throw new ScenarioError(issuesOf(header.error, ''))
  let config: KioskConfig
  try {
    config = loadConfig(header.data.config ?? {}, 'config')
  } catch (err) {
    if (err instanceof ConfigError) throw new ScenarioError(err.issues)
    throw err
  }
  const cards = header.data.cards ?? null
  const seen = new Set<string>()
  cards?.forEach((c, i) => {
    if (seen.has(c.number)) throw new ScenarioError([`cards[${i}].number: card ${c.number} is listed twice`])
    seen.add(c.number)
  })
  const timing = header.data.timing
  return { name: header.data.name ?? 'Unnamed scenario', ...(timing ? { timing } : {}), config, cards, steps: header.data.steps.map(parseStep) }
}
