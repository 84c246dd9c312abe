/** The panel's card list with a remote host: the store names the cards, the remote host's answers give balances and statuses. */
import { describe, expect, it } from 'vitest'
import { DEMO_CARD_KEY, DEMO_CARDS } from '../../src/core/cards'
import { MemoryCardStore, SimulatedHost, type HostLink } from '../../src/core/devices/host'
import { realClock } from '../../src/node/realClock'

const [first, second] = DEMO_CARDS
const STRANGER = '9398777700001234'

describe('SimulatedHost.cardsAsKnown', () => {
  it('lists the store as it is when the host is simulated in this process', () => {
    const host = new SimulatedHost({ store: new MemoryCardStore(DEMO_CARDS), clock: realClock, latencyMs: 0, slowLatencyMs: 0, cardKey: DEMO_CARD_KEY })
    expect(host.remoteAddress).toBeNull()
    expect(host.cardsAsKnown()).toEqual(DEMO_CARDS)
  })

  it('with a remote host: unknown until asked, then what it answered to lookups and credits, cards it alone knows added', async () => {
    const remoteCards = new MemoryCardStore([
      { ...first!, balanceKzt: 9000 },
      { ...second!, status: 'blocked' },
      { number: STRANGER, balanceKzt: 70, status: 'active' }
    ])
    const remote: HostLink = {
      address: 'http://processing.example:8090',
      lookupCard: async (query) => ({ found: true, card: remoteCards.get((query as { number: string }).number)!, pending: [] }),
      credit: async (request) => remoteCards.applyCredit(request, '2026-12-07T10:00:00.000Z'),
      confirmCardWrite: async () => undefined
    }
    const host = new SimulatedHost({ store: new MemoryCardStore(DEMO_CARDS), clock: realClock, latencyMs: 0, slowLatencyMs: 0, cardKey: DEMO_CARD_KEY, remote })
    expect(host.remoteAddress).toBe('http://processing.example:8090')
    expect(host.cardsAsKnown().every((c) => c.balanceKzt === null && c.status === null)).toBe(true)

    await host.lookupCard({ number: first!.number })
    await host.lookupCard({ number: second!.number })
    await host.lookupCard({ number: STRANGER })
    await host.credit({ idempotencyKey: 'T-1', cardNumber: first!.number, amountKzt: 500, currency: 'KZT' })
    const known = new Map(host.cardsAsKnown().map((c) => [c.number, c]))
    expect(known.get(first!.number)).toEqual({ number: first!.number, balanceKzt: 9500, status: 'active' })
    expect(known.get(second!.number)).toMatchObject({ status: 'blocked' })
    expect(known.get(STRANGER)).toEqual({ number: STRANGER, balanceKzt: 70, status: 'active' })
    expect(known.size).toBe(DEMO_CARDS.length + 1)
  })

  it('lists only the last 10 cards outside the store that the remote host answered for (a kiosk sees thousands a day)', async () => {
    const strangers = Array.from({ length: 25 }, (_, i) => ({ number: `93987777${String(i).padStart(8, '0')}`, balanceKzt: i, status: 'active' as const }))
    const remoteCards = new MemoryCardStore([...DEMO_CARDS, ...strangers])
    const remote: HostLink = {
      lookupCard: async (query) => ({ found: true, card: remoteCards.get((query as { number: string }).number)!, pending: [] }),
      credit: async (request) => remoteCards.applyCredit(request, '2026-12-07T10:00:00.000Z'),
      confirmCardWrite: async () => undefined
    }
    const host = new SimulatedHost({ store: new MemoryCardStore(DEMO_CARDS), clock: realClock, latencyMs: 0, slowLatencyMs: 0, cardKey: DEMO_CARD_KEY, remote })
    for (const card of [...strangers, DEMO_CARDS[0]!]) await host.lookupCard({ number: card.number })
    const listed = host.cardsAsKnown()
    expect(listed.map((c) => c.number)).toEqual([...DEMO_CARDS, ...strangers.slice(-10)].map((c) => c.number))
    expect(listed.at(-1)).toEqual({ number: strangers[24]!.number, balanceKzt: 24, status: 'active' })
  })
})
