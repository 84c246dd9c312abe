import { Validator } from '@seriousme/openapi-schema-validator'
// Ajv comes with fastify (its request validator): the same JSON Schema 2020-12 engine a client generated from the document uses.
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { HOST_SCHEMAS } from '../../src/core/hostApi'
import { hostApiDocument } from '../../src/core/hostApiDocument'

const doc = hostApiDocument('http://127.0.0.1:8090')

/** Messages right and wrong for each schema: the zod schema and the document's JSON Schema must judge them alike. */
const SAMPLES: { schema: keyof typeof HOST_SCHEMAS; value: unknown; valid: boolean }[] = [
  { schema: 'CardLookupRequest', value: { number: '9398000011112222' }, valid: true },
  { schema: 'CardLookupRequest', value: { last8: '11112222' }, valid: true },
  { schema: 'CardLookupRequest', value: { reference: 'ab'.repeat(32) }, valid: true },
  { schema: 'CardLookupRequest', value: { last8: '1111222' }, valid: false },
  { schema: 'CardLookupRequest', value: { number: '9398000011112222', last8: '11112222' }, valid: false },
  { schema: 'CardLookupRequest', value: {}, valid: false },
  {
    schema: 'CreditRequest',
    value: { idempotencyKey: '00412783-000042-K7Q3M9XT', cardNumber: '9398000011112222', amountKzt: 2000, currency: 'KZT' },
    valid: true
  },
  {
    schema: 'CreditRequest',
    value: { idempotencyKey: '00412783-000042-K7Q3M9XT', cardNumber: '9398000011112222', amountKzt: 0, currency: 'KZT' },
    valid: false
  },
  {
    schema: 'CreditRequest',
    value: { idempotencyKey: '00412783-000042-K7Q3M9XT', cardNumber: '9398000011112222', amountKzt: 20.5, currency: 'KZT' },
    valid: false
  },
  { schema: 'CreditRequest', value: { idempotencyKey: 'a b', cardNumber: '9398000011112222', amountKzt: 1, currency: 'KZT' }, valid: false },
  { schema: 'CreditRequest', value: { idempotencyKey: 'k1', cardNumber: '9398000011112222', amountKzt: 1, currency: 'USD' }, valid: false },
  { schema: 'CreditRequest', value: { idempotencyKey: 'k1', cardNumber: '9398000011112222', amountKzt: 1, currency: 'KZT', extra: 1 }, valid: false },
  {
    schema: 'CreditResponse',
    value: { idempotencyKey: 'k1', balanceBeforeKzt: 500, balanceAfterKzt: 2500, appliedAt: '2026-12-07T06:00:00.000Z' },
    valid: true
  },
  { schema: 'CreditResponse', value: { idempotencyKey: 'k1', balanceBeforeKzt: 500, balanceAfterKzt: 2500, appliedAt: 'yesterday' }, valid: false },
  { schema: 'CardLookupResponse', value: { found: false }, valid: true },
  { schema: 'CardLookupResponse', value: { found: true, card: { number: '9398000011112222', balanceKzt: 5, status: 'active' }, pending: [] }, valid: true },
  { schema: 'CardLookupResponse', value: { found: true, card: { number: '9398000011112222', balanceKzt: 5, status: 'lost' }, pending: [] }, valid: false },
  { schema: 'CreditStatusResponse', value: { status: 'notApplied', transactionId: 'k1' }, valid: true },
  { schema: 'CreditStatusResponse', value: { status: 'applied', transactionId: 'k1' }, valid: false },
  { schema: 'CardWriteRequest', value: { cardNumber: '9398000011112222', transactionIds: [] }, valid: false },
  { schema: 'HostError', value: { error: { code: 'idempotencyConflict', message: 'm', differs: ['amount'] } }, valid: true },
  { schema: 'HostError', value: { error: { code: 'teapot', message: 'm' } }, valid: false }
]

const ajv = new Ajv2020({ strict: false })
ajv.addSchema({ $id: 'https://host.invalid/openapi.json', components: doc.components })

describe('the host API document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc))
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('has every endpoint with its request and answer schemas', () => {
    const paths = doc.paths as Record<string, Record<string, { operationId: string; requestBody?: unknown; responses: Record<string, unknown> }>>
    expect(Object.keys(paths).sort()).toEqual(['/v1/card-writes', '/v1/cards/lookup', '/v1/credits', '/v1/credits/{idempotencyKey}', '/v1/echo'])
    expect(paths['/v1/credits']!.post!.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CreditRequest' } } }
    })
    expect(Object.keys(paths['/v1/credits']!.post!.responses).sort()).toEqual(['200', '400', '404', '409', '500'])
    expect(paths['/v1/credits/{idempotencyKey}']!.get!.operationId).toBe('creditStatus')
    expect(paths['/v1/echo']!.get!.responses['200']).toEqual({
      description: 'done',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/EchoResponse' } } }
    })
  })

  it.for(SAMPLES.map((s, i) => [i, s] as const))('judges sample %i as the zod schema does', ([, sample]) => {
    const validate = ajv.getSchema(`https://host.invalid/openapi.json#/components/schemas/${sample.schema}`)!
    expect(HOST_SCHEMAS[sample.schema].safeParse(sample.value).success).toBe(sample.valid)
    expect(validate(sample.value)).toBe(sample.valid)
  })
})
