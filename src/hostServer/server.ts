/**
 * The simulated host over HTTP (docs/host-api.md): the host API on fastify, every request checked
 * with the zod schemas of src/core/hostApi.ts (an error names the field), the cards and the credits
 * by idempotency key in a CardStore (SQLite for `kiosk-sim host`), so a restarted host answers a
 * repeated key with the first result.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { z } from 'zod'
import { conflictOf, creditStatusIn, IdempotencyConflictError, lookupIn, type CardStore } from '../core/devices/host'
import {
  CardLookupRequest,
  CardWriteRequest,
  CreditRequest,
  ERROR_STATUS,
  firstIssue,
  IdempotencyKey,
  type HostErrorBody,
  type HostErrorCode
} from '../core/hostApi'
import { hostApiDocument } from '../core/hostApiDocument'

/** What a test can do to the next credits: lose the answer after applying it, or lose the request before (the connection drops). */
export type CreditDrill = 'loseAnswer' | 'loseRequest'

export interface HostServerOptions {
  store: CardStore
  /** The operator's card key: resolves the journal's card references (the kiosk's card-key.bin). */
  cardKey: Uint8Array
  /** The host's clock for `appliedAt` (the real one unless given). */
  now?: () => number
  /** Drills for the next credit requests, taken one per request (tests of unknown outcomes). */
  drills?: CreditDrill[]
}

/** Every request body is small: a card lookup or a credit. */
const BODY_LIMIT = 16 * 1024

function sendError(reply: FastifyReply, code: HostErrorCode, message: string, extra: Partial<HostErrorBody['error']> = {}): FastifyReply {
  return reply.code(ERROR_STATUS[code]).send({ error: { code, message, ...extra } } satisfies HostErrorBody)
}

/** Parses a request part with its schema; answers 400 naming the field when it does not fit. */
function parse<T extends z.ZodType>(schema: T, value: unknown, reply: FastifyReply): z.infer<T> | undefined {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const { field, message } = firstIssue(parsed.error)
  sendError(reply, 'invalidRequest', message, { field })
  return undefined
}

const CreditKeyParams = z.object({ idempotencyKey: IdempotencyKey })

/** The connection drops with no answer: the kiosk cannot tell whether the credit was applied. */
function dropConnection(reply: FastifyReply): FastifyReply {
  reply.hijack()
  reply.raw.socket?.destroy()
  return reply
}

/** The host server (not yet listening): `listen` it, or `inject` requests in tests. */
export function buildHostServer(options: HostServerOptions): FastifyInstance {
  const { store, cardKey } = options
  const now = options.now ?? Date.now
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT })
  // Malformed JSON, a wrong content type, a body over the limit: the same error shape, no stack trace.
  app.setErrorHandler((err: { statusCode?: number; message: string }, _request, reply) => {
    const status = err.statusCode ?? 500
    if (status >= 500) return sendError(reply, 'internal', 'the host failed to answer this request')
    return reply.code(status).send({ error: { code: 'invalidRequest', message: `(body): ${err.message}`, field: '(body)' } } satisfies HostErrorBody)
  })
  app.setNotFoundHandler((request, reply) => sendError(reply, 'notFound', `no such endpoint: ${request.method} ${request.url.split('?')[0]}`))

  const origin = (host: string | undefined) => `http://${host ?? '127.0.0.1'}`
  app.get('/openapi.json', (request) => hostApiDocument(origin(request.headers.host)))

  app.get('/v1/echo', () => ({ status: 'ok', time: new Date(now()).toISOString() }))

  app.post('/v1/cards/lookup', (request, reply) => {
    const query = parse(CardLookupRequest, request.body, reply)
    return query && lookupIn(store, cardKey, query)
  })

  app.post('/v1/credits', (request, reply) => {
    const credit = parse(CreditRequest, request.body, reply)
    if (!credit) return reply
    const drill = options.drills?.shift()
    if (drill === 'loseRequest') return dropConnection(reply)
    try {
      const earlier = store.creditOf?.(credit.idempotencyKey)
      const conflict = earlier && conflictOf(earlier, credit)
      if (conflict) throw conflict
      if (!earlier && !store.get(credit.cardNumber))
        return sendError(reply, 'unknownCard', `cardNumber: the host knows no card ${credit.cardNumber}`, { field: 'cardNumber' })
      const result = store.applyCredit(credit, new Date(now()).toISOString())
      if (drill === 'loseAnswer') return dropConnection(reply)
      return result
    } catch (err) {
      if (err instanceof IdempotencyConflictError) return sendError(reply, 'idempotencyConflict', err.message, { differs: err.differs })
      throw err
    }
  })

  app.get('/v1/credits/:idempotencyKey', (request, reply) => {
    const params = parse(CreditKeyParams, request.params, reply)
    return params && creditStatusIn(store, params.idempotencyKey)
  })

  app.post('/v1/card-writes', (request, reply) => {
    const report = parse(CardWriteRequest, request.body, reply)
    if (!report) return reply
    store.markWritten(report.cardNumber, report.transactionIds)
    return { confirmed: true }
  })
  return app
}
