/** The fleet's kiosk against a real HTTP host, its audit, and the Artillery processor built on it (docs/host-api.md). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CARD_KEY } from '../../src/core/cards'
import { MemoryCardStore } from '../../src/core/devices/host'
import { summarize } from '../../src/hostServer/fleet/fleet'
import { classify, runFleetKiosk } from '../../src/hostServer/fleet/fleetKiosk'
import { fleetCards } from '../../src/hostServer/fleetCards'
import { buildHostServer, type CreditDrill } from '../../src/hostServer/server'

const store = new MemoryCardStore(fleetCards(20))
const drills: CreditDrill[] = []
const app = buildHostServer({ store, cardKey: DEMO_CARD_KEY, drills })
let url: string
beforeAll(async () => {
  url = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(() => app.close())

describe('a fleet kiosk', () => {
  it('tops up its own cards on the host, and its journal agrees with the host', async () => {
    drills.push('loseAnswer') // the first credit's answer is lost: retried with the same key, credited once
    const report = await runFleetKiosk({ url, index: 1, kiosks: 4, cardCount: 20, durationMs: 60_000, seed: 5, sessions: 3 })
    expect(report).toMatchObject({ sessions: 3, completed: 3, flagged: 0, failed: 0, lost: 0, doubled: 0, violations: [] })
    const credited = store.appliedCredits()
    expect(credited).toHaveLength(3)
    // Kiosk 1 of 4 tops up the fleet cards 1, 5, 9, … only.
    const mine = new Set(
      fleetCards(20)
        .filter((_, i) => i % 4 === 1)
        .map((c) => c.number)
    )
    for (const c of credited) expect(mine.has(c.cardNumber)).toBe(true)
    expect(report.creditLatenciesMs).toHaveLength(3)
  })

  it('counts the audit’s findings as lost or doubled', () => {
    expect(classify('00412783-000042-K7Q3M9XT (completed): money in but never credited')).toBe('lost')
    expect(classify('host: idempotency key X applied twice')).toBe('doubled')
    expect(classify('T1: credited 2000 ₸, the money rules give 1000 ₸')).toBe('doubled')
    expect(classify('T1: credited 500 ₸, the money rules give 1000 ₸')).toBe('lost')
    expect(classify('card …2222: balance 3000 ₸, expected 500 + 2000 ₸ credited')).toBe('doubled')
    expect(classify('card …2222: balance 500 ₸, expected 500 + 2000 ₸ credited')).toBe('lost')
    expect(classify('journal: chain broken at record 4')).toBe('other')
  })

  it('sums the kiosks’ reports: throughput per second and latency percentiles', () => {
    const base = { sessions: 2, completed: 2, flagged: 0, failed: 0, lost: 0, doubled: 0, violations: [] }
    const summary = summarize(
      [
        { ...base, index: 0, creditLatenciesMs: [10, 20], completedAtMs: [100, 1500] },
        { ...base, index: 1, creditLatenciesMs: [30, 400], completedAtMs: [900, 2500] }
      ],
      { kiosks: 2, durationMs: 3000 }
    )
    expect(summary).toMatchObject({ sessions: 4, completed: 4, perSecond: [2, 1, 1], topUpsPerSecond: 1.3 })
    expect(summary.creditLatencyMs.count).toBe(4)
    expect(summary.creditLatencyMs.p50).toBeCloseTo(20, 0)
    expect(summary.creditLatencyMs.max).toBeCloseTo(400, 0)
  })
})

describe('the Artillery processor', () => {
  it('runs one kiosk session per virtual user and emits its counters', async () => {
    // @ts-expect-error -- a plain JavaScript module, as Artillery loads it
    const { kioskSession } = (await import('../../artillery/kiosk-processor.mjs')) as {
      kioskSession: (context: { vars: Record<string, unknown> }, events: { emit: (...args: unknown[]) => void }) => Promise<void>
    }
    const emitted: unknown[][] = []
    await kioskSession({ vars: { target: url, cardCount: 20 } }, { emit: (...args) => emitted.push(args) })
    expect(emitted).toContainEqual(['counter', 'kiosk.completed', 1])
    expect(emitted).toContainEqual(['counter', 'kiosk.lost', 0])
    expect(emitted).toContainEqual(['counter', 'kiosk.doubled', 0])
    expect(emitted.filter((e) => e[1] === 'kiosk.credit_ms')).toHaveLength(1)
  })
})
