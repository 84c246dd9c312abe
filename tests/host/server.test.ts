/** The HTTP host's own behaviour: schema-checked requests, keys kept across a restart, lost answers retried with the same key. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_CARD_KEY, DEMO_CARDS } from '../../src/core/cards'
import { HostUnavailableError, MemoryCardStore } from '../../src/core/devices/host'
import { hostApiDocument } from '../../src/core/hostApiDocument'
import { HttpHostLink } from '../../src/hostServer/client'
import { buildHostServer, type CreditDrill } from '../../src/hostServer/server'
import { SqliteCardStore } from '../../src/node/sqliteCardStore'

const CARD = DEMO_CARDS[0]!.number
const dir = mkdtempSync(join(tmpdir(), 'host-server-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const credit = (idempotencyKey: string, amountKzt = 1000) => ({ idempotencyKey, cardNumber: CARD, amountKzt, currency: 'KZT' as const })

describe('the HTTP host checks every request', () => {
  const app = buildHostServer({ store: new MemoryCardStore(DEMO_CARDS), cardKey: DEMO_CARD_KEY })
  it.each([
    ['/v1/credits', { ...credit('k1'), amountKzt: 10.5 }, 'amountKzt', 'amountKzt: Invalid input: expected int, received number'],
    ['/v1/credits', { ...credit('k1'), cardNumber: '12ab' }, 'cardNumber', 'cardNumber: expected 8 to 19 digits'],
    ['/v1/credits', { ...credit('k1'), currency: 'USD' }, 'currency', 'currency: Invalid input: expected "KZT"'],
    ['/v1/cards/lookup', { last8: '123' }, 'last8', 'last8: expected 8 digits'],
    ['/v1/cards/lookup', {}, '(body)', '(body): expected an object with one of number, last8, reference'],
    ['/v1/card-writes', { cardNumber: CARD, transactionIds: [] }, 'transactionIds', 'transactionIds: Too small: expected array to have >=1 items']
  ])('%s refuses %j naming %s', async (url, payload, field, message) => {
    const response = await app.inject({ method: 'POST', url, payload })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ error: { code: 'invalidRequest', field, message } })
  })

  it('answers malformed JSON, an unknown card and an unknown endpoint with the error shape, no stack trace', async () => {
    const bad = await app.inject({ method: 'POST', url: '/v1/credits', headers: { 'content-type': 'application/json' }, payload: '{"idem' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({ code: 'invalidRequest', field: '(body)' })
    expect(bad.body).not.toMatch(/at .*\.js/)
    const unknown = await app.inject({ method: 'POST', url: '/v1/credits', payload: { ...credit('k2'), cardNumber: '9398999999999999' } })
    expect([unknown.statusCode, unknown.json().error.code, unknown.json().error.field]).toEqual([404, 'unknownCard', 'cardNumber'])
    const nowhere = await app.inject({ method: 'GET', url: '/v1/nothing' })
    expect([nowhere.statusCode, nowhere.json().error.code]).toEqual([404, 'notFound'])
  })

  it('serves the OpenAPI document at /openapi.json', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json', headers: { host: 'example.test:8090' } })
    expect(response.json()).toEqual(hostApiDocument('http://example.test:8090'))
  })
})

describe('the HTTP host and the adapter when answers are lost', () => {
  const store = new SqliteCardStore(join(dir, 'host.sqlite'), DEMO_CARDS)
  const drills: CreditDrill[] = []
  const app = buildHostServer({ store, cardKey: DEMO_CARD_KEY, drills })
  let link: HttpHostLink
  afterAll(() => app.close())

  it.each<[CreditDrill[], string]>([
    [['loseAnswer'], 'applied, its answer lost'],
    [['loseRequest'], 'lost before it was applied']
  ])('a credit %j (%s) is sent again with the same key and applied once', async (lost) => {
    link ??= new HttpHostLink(await app.listen({ port: 0, host: '127.0.0.1' }), { retryDelayMs: 10 })
    const before = store.get(CARD)!.balanceKzt
    drills.push(...lost)
    const key = `lost-${lost[0]}`
    const result = await link.credit(credit(key, 500))
    expect(result).toMatchObject({ balanceBeforeKzt: before, balanceAfterKzt: before + 500 })
    expect(store.get(CARD)!.balanceKzt).toBe(before + 500)
    expect(store.appliedCredits().filter((c) => c.transactionId === key)).toHaveLength(1)
  })

  it('gives up after its attempts with the outcome unknown, and the kiosk’s retry with the key gets the first result', async () => {
    drills.push('loseAnswer', 'loseAnswer')
    const before = store.get(CARD)!.balanceKzt
    await expect(link.credit(credit('unknown-outcome', 300))).rejects.toBeInstanceOf(HostUnavailableError)
    expect(await link.creditStatus('unknown-outcome')).toMatchObject({ status: 'applied', amountKzt: 300 })
    expect(await link.credit(credit('unknown-outcome', 300))).toMatchObject({ balanceAfterKzt: before + 300 })
    expect(store.get(CARD)!.balanceKzt).toBe(before + 300)
  })

  it('a restarted host answers a repeated key with the first result', async () => {
    const first = await link.credit(credit('across-restart', 200))
    await app.close()
    store.close()
    const reopened = new SqliteCardStore(join(dir, 'host.sqlite'), DEMO_CARDS)
    const again = buildHostServer({ store: reopened, cardKey: DEMO_CARD_KEY })
    const link2 = new HttpHostLink(await again.listen({ port: 0, host: '127.0.0.1' }))
    expect(await link2.credit(credit('across-restart', 200))).toEqual(first)
    expect(reopened.get(CARD)!.balanceKzt).toBe(first.balanceAfterKzt)
    await again.close()
    reopened.close()
  })
})
