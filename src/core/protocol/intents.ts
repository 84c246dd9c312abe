/**
 * What a window may send the core: the customer's intents from the kiosk screen and the
 * technician's controls of the simulated hardware, with the schema that checks every one.
 */
import { z } from 'zod'
import { boundedInt, CURRENCY_CODES, MAX_KZT, MAX_NOTE_VALUE, rateSchema } from '../config'
import type { DeclineReason } from '../devices/pos'
import { SERVICE_PAGES } from '../service/roles'
import { declineReasonSchema, deviceSchema, faultNameSchema, refineFault, type Device, type FaultName } from './faults'

import { LANGUAGES } from './languages'
import { trainingControlSchema, type TrainingControl } from './training'

export { LANGUAGES, type Language } from './languages'

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
  /** The safe answer to "Cancel the top-up?": the customer goes on where they were. */
  z.strictObject({ type: z.literal('keepGoing') }),
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
  /** The service door's switch: opening it asks for service mode (the PIN pad), closing it logs staff out. */
  z.strictObject({ type: z.literal('serviceDoor'), open: z.boolean({ error: 'expected true (open) or false (closed)' }) })
])

/** How long a reason for taking the kiosk out of service may be. */
export const MAX_REASON_CHARS = 120
/** A settings change's value, before the configuration's schema checks it: any JSON of bounded size. */
const settingsValue = z.unknown().refine((v) => v !== undefined && JSON.stringify(v).length <= 4000, 'expected a JSON value of at most 4000 characters')

/** The fields of the staff's intents with fields (the scenario verbs of the same names take the same). */
export const STAFF_FIELDS = {
  servicePin: { pin: z.string().regex(/^[0-9]{4,8}$/, 'expected a PIN of 4 to 8 digits') },
  serviceOpen: { page: z.enum(['menu', ...SERVICE_PAGES]) },
  /** The journal viewer's filters and page (checked by service/journalQuery.ts, errors named `query.<field>`). */
  journalQuery: { query: z.unknown().refine((v) => JSON.stringify(v ?? null).length <= 2000, 'expected a query of at most 2000 characters') },
  /** The records the filters select, written as CSV where the kiosk keeps its exports (the notice says where). */
  exportJournal: { query: z.unknown().refine((v) => JSON.stringify(v ?? null).length <= 2000, 'expected a query of at most 2000 characters') },
  /** An X report (the period so far) or a Z report (closes the period), printed and kept. */
  shiftReport: { report: z.enum(['X', 'Z']) },
  /** A collection's report printed again. */
  printCollectionReport: { number: boundedInt(1, 1_000_000) },
  /** A customer's receipt of the period printed again (also after a restart: from the journal and the receipt archive). */
  serviceReprint: { transactionId: z.string().min(1).max(64) },
  deviceTest: { device: z.enum(['printer', 'billValidator', 'cardReader']) },
  /** Out of service with a reason, or back in service (null). */
  setOutOfService: {
    reason: z.string().trim().min(1, 'expected a reason').max(MAX_REASON_CHARS, `expected at most ${MAX_REASON_CHARS} characters`).nullable()
  },
  setTraining: { on: z.boolean({ error: 'expected true or false' }) },
  /** New rates, limits, fees, bonus tiers or PINs: checked by the configuration's schema, applied from the next quote on. */
  changeSettings: { section: z.enum(['rates', 'limits', 'fee', 'bonus', 'pins']), value: settingsValue },
  /** A customer's claim looked up by the reference on their receipt (null: clear the look-up). */
  lookUpClaim: { reference: z.string().trim().min(1, 'expected a reference').max(64, 'expected at most 64 characters').nullable() },
  /** A flagged transaction resolved: credited to the card (with its own idempotency key) or refunded to the customer. */
  resolveFlagged: {
    transactionId: z.string().min(1).max(64),
    resolution: z.enum(['credit', 'refund']),
    note: z.string().max(200, 'expected at most 200 characters').optional()
  }
} as const
const staff = <T extends keyof typeof STAFF_FIELDS>(type: T) => z.strictObject({ type: z.literal(type), ...STAFF_FIELDS[type] })

/**
 * What staff do in service mode: from the kiosk screen (the hidden gesture, the PIN pad, the menu),
 * the technician panel or a scenario. Entry and the PIN pad need no role; everything else needs a
 * logged-in role that may do it (the core checks: service/roles.ts).
 */
export const staffIntentSchema = z.discriminatedUnion('type', [
  /** The hidden gesture on the kiosk screen (docs/service.md): the PIN pad, once no customer is served. */
  z.strictObject({ type: z.literal('serviceEntry') }),
  staff('servicePin'),
  z.strictObject({ type: z.literal('serviceCancel') }),
  z.strictObject({ type: z.literal('serviceLogout') }),
  staff('serviceOpen'),
  staff('journalQuery'),
  staff('exportJournal'),
  /** From the service menu: the cassette taken out and an empty one put in (a cash collection, as the door and cassette would). */
  z.strictObject({ type: z.literal('collectCassette') }),
  /** The collector's count of the last collected cassette, per denomination. */
  z.strictObject({ type: z.literal('recount'), notes: recountNotesSchema }),
  staff('shiftReport'),
  staff('printCollectionReport'),
  staff('serviceReprint'),
  staff('deviceTest'),
  staff('setOutOfService'),
  staff('setTraining'),
  staff('changeSettings'),
  staff('lookUpClaim'),
  staff('resolveFlagged')
])
export type StaffIntent = z.infer<typeof staffIntentSchema>
export const STAFF_INTENT_TYPES: ReadonlySet<string> = new Set(staffIntentSchema.options.map((o) => o.shape.type.value))
export const isStaffIntent = (intent: Intent): intent is StaffIntent => STAFF_INTENT_TYPES.has(intent.type)
/** A tap names its card one way: zod's inferred type would allow both or neither (the refine forbids them). */
export type TapCard = { type: 'tapCard'; number: string; cardRef?: undefined } | { type: 'tapCard'; cardRef: string; number?: undefined }
/**
 * A fault switched on. The names are the closed set of faults.ts; that the fault is one of the
 * device's is the schema's check (the type keeps device and fault apart so that a scenario step's
 * pair maps onto it as it is).
 */
export type FaultControl = { type: 'fault'; device: Device; fault: FaultName; reason?: DeclineReason }
export type TechnicianControl = Exclude<z.infer<typeof technicianControlSchema>, { type: 'tapCard' | 'fault' }> | TapCard | FaultControl

const INTENT_OPTIONS = [
  ...customerIntentSchema.options,
  ...technicianControlSchema.options,
  ...staffIntentSchema.options,
  ...trainingControlSchema.options
] as const
/** Every intent type, customer's and technician's. */
export const INTENT_TYPES: readonly Intent['type'][] = INTENT_OPTIONS.map((o) => o.shape.type.value)
// One discriminated union over every type, so an invalid field is named (a union of the two unions says only "Invalid input").
export const intentSchema = z.discriminatedUnion('type', INTENT_OPTIONS, {
  error: ({ input }) =>
    typeof input !== 'object' || input === null || Array.isArray(input) ? 'expected a JSON object with a "type"' : `expected one of ${INTENT_TYPES.join(', ')}`
})
export type Intent = CustomerIntent | TechnicianControl | StaffIntent | TrainingControl

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
  // Staff work at the kiosk's own screen: their intents come from it too (the core checks the role logged in).
  if (role === 'kiosk' && !isCustomerIntent(intent) && !isStaffIntent(intent)) return { ok: false, error: `the kiosk screen may not send "${intent.type}"` }
  return { ok: true, intent }
}
