/**
 * The host API over HTTP (docs/host-api.md): the requests and answers between a kiosk and its
 * processing centre as zod schemas. The HTTP host checks every request with them, the kiosk's HTTP
 * adapter every answer, and hostApiDocument.ts generates the OpenAPI document from them.
 */
import { z } from 'zod'
import { CARD_STATUSES } from './cards'

/** A card number as the reader gives it: 8 to 19 digits. */
export const CardNumber = z
  .string()
  .regex(/^\d{8,19}$/, 'expected 8 to 19 digits')
  .describe('The full card number, as the card reader gives it')

/** An idempotency key: the kiosk's transaction id (`00412783-000042-K7Q3M9XT`). */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1 to 64 letters, digits, "-" or "_"')
  .describe("The kiosk's transaction id: a repeated key is answered with the first result, never applied twice")

const Kzt = z.int().min(0).max(100_000_000).describe('Whole tenge')
const Instant = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'expected an ISO 8601 instant in UTC')

export const CardLookupRequest = z
  .union([
    z.strictObject({ number: CardNumber }),
    z.strictObject({
      last8: z
        .string()
        .regex(/^\d{8}$/, 'expected 8 digits')
        .describe('The last 8 digits, as typed on the keypad')
    }),
    z.strictObject({
      reference: z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'expected 64 hex digits')
        .describe("The journal's keyed card reference (HMAC-SHA256)")
    })
  ])
  .describe('A card by its number, the last 8 digits typed (unique or not found), or the keyed reference the journal holds')

export const Card = z.strictObject({ number: CardNumber, balanceKzt: Kzt, status: z.enum(CARD_STATUSES) })

export const PendingTopUp = z
  .strictObject({ transactionId: IdempotencyKey, amountKzt: Kzt })
  .describe('A credit the host applied that is not yet written onto the card: written at its next tap')

export const CardLookupResponse = z.discriminatedUnion('found', [
  z.strictObject({ found: z.literal(true), card: Card, pending: z.array(PendingTopUp) }),
  z.strictObject({ found: z.literal(false) })
])

export const CreditRequest = z.strictObject({
  idempotencyKey: IdempotencyKey,
  cardNumber: CardNumber,
  amountKzt: Kzt.min(1),
  currency: z.literal('KZT').describe('Credits are in tenge; kept with the key so a reused key can be told apart')
})

export const CreditResponse = z.strictObject({
  idempotencyKey: IdempotencyKey,
  balanceBeforeKzt: Kzt,
  balanceAfterKzt: Kzt,
  appliedAt: Instant.describe('When the host applied the credit (the first time)')
})

export const CardWriteRequest = z
  .strictObject({ cardNumber: CardNumber, transactionIds: z.array(IdempotencyKey).min(1).max(100) })
  .describe('The kiosk wrote these top-ups onto the card: the host stops holding them as pending')

export const CardWriteResponse = z.strictObject({ confirmed: z.literal(true) })

/** Reconciliation of an unknown outcome: what the host knows of one idempotency key. */
export const CreditStatusResponse = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('applied'),
    transactionId: IdempotencyKey,
    cardNumber: CardNumber,
    amountKzt: Kzt,
    currency: z.literal('KZT'),
    written: z.boolean().describe('Whether the kiosk reported it written onto the card'),
    result: CreditResponse
  }),
  z.strictObject({
    status: z.literal('notApplied').describe('No credit with this key reached the host: a retry with the same key applies it once'),
    transactionId: IdempotencyKey
  })
])

export const ERROR_CODES = ['invalidRequest', 'unknownCard', 'idempotencyConflict', 'notFound', 'internal'] as const

export const HostError = z.strictObject({
  error: z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string().describe('One line for a person: names the field of an invalid request'),
    field: z.string().optional().describe('The invalid field, as a dotted path (invalidRequest)'),
    differs: z
      .array(z.enum(['card', 'amount', 'currency']))
      .optional()
      .describe('What differs from the credit first applied with this key (idempotencyConflict)')
  })
})

export type HostErrorBody = z.infer<typeof HostError>
export type HostErrorCode = (typeof ERROR_CODES)[number]

/** The echo test's answer: the host is there, and its clock. */
export const EchoResponse = z.strictObject({ status: z.literal('ok'), time: z.iso.datetime().describe("The host's time (ISO 8601)") })

/** HTTP statuses of the errors. */
export const ERROR_STATUS: Record<HostErrorCode, number> = { invalidRequest: 400, unknownCard: 404, notFound: 404, idempotencyConflict: 409, internal: 500 }

/** Every endpoint: its method, path, request body (or path parameter) and answer, as the server and the document read them. */
export const HOST_ENDPOINTS = {
  echo: {
    method: 'GET',
    path: '/v1/echo',
    response: EchoResponse,
    summary: 'Echo test: the link works (a kiosk asks at power-up, and while the host does not answer until it does)'
  },
  lookupCard: { method: 'POST', path: '/v1/cards/lookup', body: CardLookupRequest, response: CardLookupResponse, summary: 'Look a card up' },
  credit: { method: 'POST', path: '/v1/credits', body: CreditRequest, response: CreditResponse, summary: 'Credit a card once per idempotency key' },
  creditStatus: {
    method: 'GET',
    path: '/v1/credits/{idempotencyKey}',
    param: IdempotencyKey,
    response: CreditStatusResponse,
    summary: 'Reconcile an unknown outcome: whether the credit of a key was applied'
  },
  confirmCardWrite: {
    method: 'POST',
    path: '/v1/card-writes',
    body: CardWriteRequest,
    response: CardWriteResponse,
    summary: 'Confirm top-ups written onto a card'
  }
} as const

/** The schemas by the name the OpenAPI document gives them under components.schemas. */
export const HOST_SCHEMAS = {
  CardLookupRequest,
  CardLookupResponse,
  Card,
  PendingTopUp,
  CreditRequest,
  CreditResponse,
  CreditStatusResponse,
  CardWriteRequest,
  CardWriteResponse,
  EchoResponse,
  HostError
} as const

/** The first issue of a failed parse as one line naming the field: `cardNumber: expected 8 to 19 digits`. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(body)'
  if (issue?.code === 'invalid_union') {
    // No branch matched (a lookup with none of its fields): name the fields one of which is expected.
    const fields = [...new Set(issue.errors.map((branch) => String(branch[0]?.path[0] ?? '')).filter(Boolean))]
    if (fields.length > 0) return { field, message: `${field}: expected an object with one of ${fields.join(', ')}` }
  }
  return { field, message: `${field}: ${issue?.message ?? 'invalid'}` }
}
