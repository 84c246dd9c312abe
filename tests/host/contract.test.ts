/**
 * Contract tests of the host link: the same cases against the in-process simulated host and the
 * HTTP host (kiosk-sim host's server, spoken to by the kiosk's HTTP adapter). docs/host-api.md.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardReference, DEMO_CARD_KEY, DEMO_CARDS } from '../../src/core/cards'
import { IdempotencyConflictError, MemoryCardStore, SimulatedHost, type HostLink } from '../../src/core/devices/host'
import { HttpHostLink } from '../../src/hostServer/client'
import { buildHostServer } from '../../src/hostServer/server'
import { realClock } from '../../src/node/realClock'
import { SqliteCardStore } from '../../src/node/sqliteCardStore'

const CARD = DEMO_CARDS[0]! // 9398000011112222, 500 ₸
const OTHER = DEMO_CARDS[1]! // 9398000033334444, 12 450 ₸

interface Case {
  name: string
  run(host: Required<Omit<HostLink, 'address'>>): Promise<void>
}

/** Every key is new per host: each case runs on the same host as the others, in turn. */
let n = 0
const key = (label: string) => `${label}-${++n}`

const CASES: Case[] = [
  {
    name: 'answers the echo test',
    async run(host) {
      await expect(host.echo()).resolves.toBeUndefined()
    }
  },
  {
    name: 'finds a card by its number, its last 8 digits and its keyed reference',
    async run(host) {
      for (const query of [{ number: OTHER.number }, { last8: OTHER.number.slice(-8) }, { reference: cardReference(OTHER.number, DEMO_CARD_KEY) }]) {
        const found = await host.lookupCard(query)
        expect(found.found && found.card.number).toBe(OTHER.number)
      }
      expect(await host.lookupCard({ number: '9398999999999999' })).toEqual({ found: false })
      expect(await host.lookupCard({ last8: '12345678' })).toEqual({ found: false })
    }
  },
  {
    name: 'applies a repeated idempotency key once and answers it with the first result',
    async run(host) {
      const before = await host.lookupCard({ number: CARD.number })
      const balance = before.found ? before.card.balanceKzt : NaN
      const request = { idempotencyKey: key('twice'), cardNumber: CARD.number, amountKzt: 700, currency: 'KZT' as const }
      const first = await host.credit(request)
      const again = await host.credit(request)
      expect(first).toMatchObject({ balanceBeforeKzt: balance, balanceAfterKzt: balance + 700 })
      expect(again).toEqual(first)
      const after = await host.lookupCard({ number: CARD.number })
      expect(after.found && after.card.balanceKzt).toBe(balance + 700)
    }
  },
  {
    name: 'refuses a key used before for another amount or card as a conflict, the first credit untouched',
    async run(host) {
      const idempotencyKey = key('conflict')
      const first = await host.credit({ idempotencyKey, cardNumber: CARD.number, amountKzt: 300, currency: 'KZT' })
      const refused = await host.credit({ idempotencyKey, cardNumber: OTHER.number, amountKzt: 400, currency: 'KZT' }).catch((err: unknown) => err)
      expect(refused).toBeInstanceOf(IdempotencyConflictError)
      expect((refused as IdempotencyConflictError).differs).toEqual(['card', 'amount'])
      expect(await host.creditStatus(idempotencyKey)).toMatchObject({ status: 'applied', cardNumber: CARD.number, amountKzt: 300, result: first })
    }
  },
  {
    name: 'holds a credit as pending until the card write is confirmed',
    async run(host) {
      const idempotencyKey = key('pending')
      await host.credit({ idempotencyKey, cardNumber: OTHER.number, amountKzt: 1000, currency: 'KZT' })
      const before = await host.lookupCard({ number: OTHER.number })
      expect(before.found && before.pending).toContainEqual({ transactionId: idempotencyKey, amountKzt: 1000 })
      await host.confirmCardWrite({ cardNumber: OTHER.number, transactionIds: [idempotencyKey] })
      const after = await host.lookupCard({ number: OTHER.number })
      expect(after.found && after.pending.map((p) => p.transactionId)).not.toContain(idempotencyKey)
      expect(await host.creditStatus(idempotencyKey)).toMatchObject({ status: 'applied', written: true })
    }
  },
  {
    name: 'reconciles an unknown outcome: not applied until a credit with the key arrives, applied once after',
    async run(host) {
      const idempotencyKey = key('reconcile')
      expect(await host.creditStatus(idempotencyKey)).toEqual({ status: 'notApplied', transactionId: idempotencyKey })
      const result = await host.credit({ idempotencyKey, cardNumber: CARD.number, amountKzt: 250, currency: 'KZT' })
      expect(await host.creditStatus(idempotencyKey)).toEqual({
        status: 'applied',
        transactionId: idempotencyKey,
        cardNumber: CARD.number,
        amountKzt: 250,
        currency: 'KZT',
        written: false,
        result
      })
    }
  }
]

const inProcessHost = () =>
  new SimulatedHost({ store: new MemoryCardStore(DEMO_CARDS), clock: realClock, latencyMs: 0, slowLatencyMs: 0, cardKey: DEMO_CARD_KEY }) as Required<
    Omit<HostLink, 'address'>
  >

describe('the in-process simulated host', () => {
  const host = inProcessHost()
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => c.run(host))
})

describe('the HTTP host (kiosk-sim host) through the kiosk’s HTTP adapter', () => {
  let dir: string
  let store: SqliteCardStore
  let app: ReturnType<typeof buildHostServer>
  let host: HttpHostLink
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'host-contract-'))
    store = new SqliteCardStore(join(dir, 'host.sqlite'), DEMO_CARDS)
    app = buildHostServer({ store, cardKey: DEMO_CARD_KEY })
    host = new HttpHostLink(await app.listen({ port: 0, host: '127.0.0.1' }))
  })
  afterAll(async () => {
    await app.close()
    store.close()
    rmSync(dir, { recursive: true, force: true })
  })
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => c.run(host))
})
