/**
 * What a window may send the core: the customer's intents from the kiosk screen and the
 * technician's controls of the simulated hardware, with the schema that checks every one.
 */
import { z } from 'zod'
import { boundedInt, CURRENCY_CODES, MAX_KZT, MAX_NOTE_VALUE, rateSchema } from '../config'
import type { DeclineReason } from '../devices/pos'
import { declineReasonSchema, deviceSchema, faultNameSchema, refineFault, type Device, type FaultName } from './faults'

export const LANGUAGES = ['kk', 'ru', 'en', 'zh'] as const
export type Language = (typeof LANGUAGES)[number]

export const KEYPAD_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'backspace', 'clear'] as const
export type KeypadKey = (typeof KEYPAD_KEYS)[number]

const cardNumber = z.string().regex(/^\d{16}$/, 'expected 16 digits')

/** A recount: notes per denomination as the collector counted them (a cassette holds a few thousand notes at most). */
export const recountNotesSchema = z
  .array(z.strictObject({ currency: z.enum(CURRENCY_CODES), value: boundedInt(1, MAX_NOTE_VALUE), count: boundedInt(0, 100_000) }))
  .max(100, 'expected at most 100 denominations')

/** What a customer does on the kiosk screen. */
export const customerIntentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('language'), code: z.enum(LANGUAGES) }),
  z.strictObject({ type: z.literal('start') }),
  z.strictObject({ type: z.literal('keypad'), key: z.enum(KEYPAD_KEYS) }),
  z.strictObject({ type: z.literal('submitCard') }),
  z.strictObject({ type: z.literal('chooseAmount'), kzt: boundedInt(1, MAX_KZT) }),
  z.strictObject({ type: z.literal('submitAmount') }),
  z.strictObject({ type: z.literal('payCash') }),
  z.strictObject({ type: z.literal('payCard') }),
  z.strictObject({ type: z.literal('confirm') }),
  z.strictObject({ type: z.literal('cancel') }),
  z.strictObject({ type: z.literal('back') }),
  z.strictObject({ type: z.literal('moreTime') }),
  z.strictObject({ type: z.literal('done') })
])
export type CustomerIntent = z.infer<typeof customerIntentSchema>

/** What the technician panel (and scenarios) do to the simulated hardware. */
export const technicianControlSchema = z.discriminatedUnion('type', [
  // A card by its number (scenarios, a technician typing one) or by the technician view's handle (`cards[].cardRef`).
  z
    .strictObject({
      type: z.literal('tapCard'),
      number: cardNumber.optional(),
      cardRef: z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'expected a card reference (64 hex digits)')
        .optional()
    })
    .refine((tap) => (tap.number === undefined) !== (tap.cardRef === undefined), 'tapCard takes exactly one of number (16 digits) or cardRef'),
  z.strictObject({ type: z.literal('removeCard') }),
  z.strictObject({ type: z.literal('insertBill'), currency: z.enum(CURRENCY_CODES), value: boundedInt(1, MAX_NOTE_VALUE) }),
  z.strictObject({ type: z.literal('setRate'), currency: z.enum(CURRENCY_CODES).exclude(['KZT']), rate: rateSchema }),
  // The fault must be one of the device's (refineFault): `{device: 'printer', fault: 'down'}` is an invalid intent.
  z.strictObject({ type: z.literal('fault'), device: deviceSchema, fault: faultNameSchema, reason: declineReasonSchema.optional() }).superRefine(refineFault),
  z.strictObject({ type: z.literal('clearFault'), device: deviceSchema }),
  // Room for ids of the form <terminal>-<number>-<random>.
  z.strictObject({ type: z.literal('reprint'), transactionId: z.string().min(1).max(64) }),
  /** Staff accept a journal that failed its start-up check (broken chain, rolled back, replaced), as it is. */
  z.strictObject({ type: z.literal('acceptJournal') }),
  /** The service door opened, the cassette taken out and put back empty: a cash collection. */
  z.strictObject({ type: z.literal('collectCash') }),
  /** The collector's count of the last collected cassette, per denomination. */
  z.strictObject({ type: z.literal('recount'), notes: recountNotesSchema })
])
/** A tap names its card one way: zod's inferred type would allow both or neither (the refine forbids them). */
export type TapCard = { type: 'tapCard'; number: string; cardRef?: undefined } | { type: 'tapCard'; cardRef: string; number?: undefined }
/**
 * A fault switched on. The names are the closed set of faults.ts; that the fault is one of the
 * device's is the schema's check (the type keeps device and fault apart so that a scenario step's
 * pair maps onto it as it is).
 */
export type FaultControl = { type: 'fault'; device: Device; fault: FaultName; reason?: DeclineReason }
export type TechnicianControl = Exclude<z.infer<typeof technicianControlSchema>, { type: 'tapCard' | 'fault' }> | TapCard | FaultControl

const INTENT_OPTIONS = [...customerIntentSchema.options, ...technicianControlSchema.options] as const
/** Every intent type, customer's and technician's. */
export const INTENT_TYPES: readonly Intent['type'][] = INTENT_OPTIONS.map((o) => o.shape.type.value)
// One discriminated union over every type, so an invalid field is named (a union of the two unions says only "Invalid input").
export const intentSchema = z.discriminatedUnion('type', INTENT_OPTIONS, {
  error: ({ input }) =>
    typeof input !== 'object' || input === null || Array.isArray(input) ? 'expected a JSON object with a "type"' : `expected one of ${INTENT_TYPES.join(', ')}`
})
export type Intent = CustomerIntent | TechnicianControl

export const CUSTOMER_INTENT_TYPES: ReadonlySet<string> = new Set(customerIntentSchema.options.map((o) => o.shape.type.value))
export const isCustomerIntent = (intent: Intent): intent is CustomerIntent => CUSTOMER_INTENT_TYPES.has(intent.type)

/** Which window sent an intent: the kiosk screen may only send customer intents. */
export type ClientRole = 'kiosk' | 'technician'

export type ParsedIntent = { ok: true; intent: Intent } | { ok: false; error: string }

/** Validates an untrusted payload from a window and checks its role may send it. */
export function parseIntent(payload: unknown, role: ClientRole): ParsedIntent {
  const result = intentSchema.safeParse(payload)
  if (!result.success) {
    const issue = result.error.issues[0]!
    return { ok: false, error: `invalid intent${issue.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue.message}` }
  }
  const intent = result.data as Intent
  if (role === 'kiosk' && !isCustomerIntent(intent)) return { ok: false, error: `the kiosk screen may not send "${intent.type}"` }
  return { ok: true, intent }
}
