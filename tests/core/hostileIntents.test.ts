/**
 * Whatever a window or a WebSocket client sends, `parseIntent` answers without throwing, and what
 * it lets through never crashes the core: random JSON, intent-shaped objects with hostile fields
 * (numbers past 2^53, rates of twenty digits, megabyte strings, `__proto__` keys) and real intents
 * at the edges of their ranges, thrown at a kiosk in any order. After every one the kiosk still
 * runs, its views build, every money figure is a safe integer and the money audit holds.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEMO_CARDS } from '../../src/core/cards'
import { MAX_KZT, MAX_NOTE_VALUE } from '../../src/core/config'
import { CUSTOMER_INTENT_TYPES, DEVICE_FAULTS, intentSchema, KEYPAD_KEYS, parseIntent, type ClientRole } from '../../src/core/protocol'
import { checkInvariants } from '../fuzz/model'
import { makeKiosk } from './helpers'

const INTENT_TYPES = [...CUSTOMER_INTENT_TYPES, 'tapCard', 'removeCard', 'insertBill', 'setRate', 'fault', 'clearFault', 'reprint']
const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']

/** Numbers that break naive code: past 2^53, past 2^31, negative, fractional, huge. */
const hostileNumber = fc.oneof(
  fc.constantFrom(2 ** 53, 2 ** 53 + 2, 2 ** 31, -1, 0, 0.5, 1e308, -0, Number.MAX_SAFE_INTEGER, MAX_KZT + 1, MAX_NOTE_VALUE + 1),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true })
)
/** Decimal strings of any length (short and long equally likely), as a rate or an amount typed into a form. */
const digitString = fc
  .tuple(
    fc.integer({ min: 1, max: 25 }).chain((n) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`))),
    fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined })
  )
  .map(([whole, frac]) => (frac === undefined ? whole : `${whole}.${frac}`))
const hostileString = fc.oneof(digitString, fc.string(), fc.constantFrom(...INHERITED, '9007199254740993', '', 'x'.repeat(1_000_000)))
const hostileValue = fc.oneof(hostileNumber, hostileString, fc.jsonValue({ maxDepth: 3 }))

/** An object shaped like an intent, with random and hostile values in its fields (and maybe a `__proto__` key). */
const intentShaped = fc
  .record(
    {
      type: fc.constantFrom(...INTENT_TYPES, ...INHERITED),
      number: fc.oneof(fc.constantFrom(...DEMO_CARDS.map((c) => c.number)), hostileString),
      kzt: hostileValue,
      value: hostileValue,
      currency: fc.oneof(fc.constantFrom('KZT', 'USD', 'EUR', 'RUB', 'CNY'), hostileString),
      rate: fc.oneof(digitString, hostileValue),
      device: fc.oneof(fc.constantFrom(...Object.keys(DEVICE_FAULTS)), hostileString),
      fault: fc.oneof(fc.constantFrom(...Object.values(DEVICE_FAULTS).flat()), hostileString),
      code: fc.oneof(fc.constantFrom('kk', 'ru', 'en', 'zh'), hostileString),
      key: fc.oneof(fc.constantFrom(...KEYPAD_KEYS), hostileString),
      transactionId: hostileString,
      extra: hostileValue
    },
    { requiredKeys: ['type'] }
  )
  .chain((o) => fc.boolean().map((proto) => (proto ? (JSON.parse(`{"__proto__": {"type": "confirm"}, ${JSON.stringify(o).slice(1)}`) as unknown) : o)))

/** Real intents, weighted to reach the cash screen, with values at the edges of their ranges. */
const edgeRate = fc.oneof(fc.constantFrom('471.3725', '9999999.9999', '0.0001', '1', '5.1215', '9007199254740993'), digitString)
const realIntent = fc.oneof(
  { arbitrary: fc.constantFrom(...DEMO_CARDS.map((c) => c.number)).map((number) => ({ type: 'tapCard', number })), weight: 3 },
  {
    arbitrary: fc.oneof(fc.constantFrom(100, 1000, 5000, 20_000, MAX_KZT), fc.integer({ min: 1, max: MAX_KZT })).map((kzt) => ({ type: 'chooseAmount', kzt })),
    weight: 3
  },
  {
    arbitrary: fc.constantFrom({ type: 'payCash' }, { type: 'confirm' }, { type: 'done' }, { type: 'removeCard' }, { type: 'payCard' }, { type: 'cancel' }),
    weight: 4
  },
  {
    arbitrary: fc
      .record({
        currency: fc.constantFrom('KZT', 'USD', 'EUR', 'RUB', 'CNY'),
        value: fc.oneof(fc.constantFrom(1, 5, 100, 1000, 5000, 20_000, MAX_NOTE_VALUE), fc.integer({ min: 1, max: MAX_NOTE_VALUE }))
      })
      .map((note) => ({ type: 'insertBill', ...note })),
    weight: 3
  },
  { arbitrary: fc.record({ currency: fc.constantFrom('USD', 'EUR', 'RUB', 'CNY'), rate: edgeRate }).map((r) => ({ type: 'setRate', ...r })), weight: 2 },
  {
    arbitrary: fc.constantFrom(...Object.entries(DEVICE_FAULTS).flatMap(([device, faults]) => faults.map((fault) => ({ type: 'fault', device, fault })))),
    weight: 1
  },
  { arbitrary: fc.constantFrom(...Object.keys(DEVICE_FAULTS).map((device) => ({ type: 'clearFault', device }))), weight: 1 }
)

const payload = fc.oneof({ arbitrary: realIntent, weight: 6 }, { arbitrary: intentShaped, weight: 3 }, { arbitrary: fc.jsonValue(), weight: 1 })

/** A customer's way to the cash screen and through a payment, so random payloads also meet open quotes and stacked notes. */
const ACTIVE_CARD = DEMO_CARDS.find((c) => c.status === 'active')!.number
const toCash = fc
  .oneof(fc.constantFrom(1000, 3000, 20_000), fc.integer({ min: 1, max: MAX_KZT }))
  .map((kzt) => [{ type: 'tapCard', number: ACTIVE_CARD }, { type: 'chooseAmount', kzt }, { type: 'payCash' }])
const pay = fc.constant([
  { type: 'insertBill', currency: 'KZT', value: 1000 },
  { type: 'insertBill', currency: 'USD', value: 1 },
  { type: 'confirm' },
  { type: 'done' },
  { type: 'removeCard' }
])
const sequenceArb = fc
  .array(fc.oneof({ arbitrary: payload.map((p) => [p]), weight: 5 }, { arbitrary: toCash, weight: 2 }, { arbitrary: pay, weight: 1 }), {
    minLength: 1,
    maxLength: 14
  })
  .chain((chunks) => fc.tuple(...chunks.flat().map((p) => fc.tuple(fc.constant<unknown>(p), fc.constantFrom(0, 0.5, 3, 30)))))

describe('parseIntent on hostile JSON', () => {
  it('never throws: it returns an intent the schema takes, or an error naming what is wrong (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(payload, fc.anything()), fc.constantFrom<ClientRole>('kiosk', 'technician'), (raw, role) => {
        const parsed = parseIntent(raw, role)
        if (parsed.ok) {
          expect(intentSchema.safeParse(parsed.intent).success).toBe(true)
          if (role === 'kiosk') expect(CUSTOMER_INTENT_TYPES.has(parsed.intent.type)).toBe(true)
        } else {
          expect(parsed.error).toMatch(/^(invalid intent|the kiosk screen may not send)/)
          // An error quotes no megabyte of what was sent.
          expect(parsed.error.length).toBeLessThan(1000)
        }
      }),
      { numRuns: 3000 }
    )
  })

  it('refuses the values that crashed hosts: a rate of 2^53 + 1, a note or an amount past the ranges', () => {
    expect(parseIntent({ type: 'setRate', currency: 'USD', rate: '9007199254740993' }, 'technician')).toEqual({
      ok: false,
      error: 'invalid intent at rate: expected a rate from 0.0001 to 9999999.9999 (at most 7 digits before the point)'
    })
    expect(parseIntent({ type: 'insertBill', currency: 'KZT', value: 2 ** 53 + 2 }, 'technician')).toEqual({
      ok: false,
      error: 'invalid intent at value: expected an integer from 1 to 1000000'
    })
    expect(parseIntent({ type: 'chooseAmount', kzt: MAX_KZT + 1 }, 'kiosk')).toEqual({
      ok: false,
      error: 'invalid intent at kzt: expected an integer from 1 to 100000000'
    })
    expect(parseIntent({ type: 'fault', device: 'printer', fault: 'x'.repeat(100_000) }, 'technician').ok).toBe(false)
    expect(parseIntent({ type: 'reprint', transactionId: 'x'.repeat(65) }, 'technician').ok).toBe(false)
  })
})

describe('Kiosk.send on whatever parseIntent lets through', () => {
  it('never throws, and the kiosk stays consistent after every intent (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(sequenceArb, async (sequence) => {
        const k = makeKiosk()
        try {
          for (const [raw, seconds] of sequence) {
            const parsed = parseIntent(raw, 'technician')
            if (!parsed.ok) continue
            const result = k.kiosk.send(parsed.intent)
            expect(typeof result.ok).toBe('boolean')
            await k.clock.advance(seconds * 1000)
            checkInvariants(k)
            const view = k.kiosk.view()
            for (const figure of [...Object.values(view.cash?.breakdown ?? {}), ...(view.cash?.options ?? []).flatMap((o) => Object.values(o.breakdown))]) {
              expect(Number.isSafeInteger(figure)).toBe(true)
            }
            JSON.stringify(k.kiosk.technicianView())
          }
        } finally {
          k.kiosk.stop()
        }
      }),
      { numRuns: 150 }
    )
  }, 120_000)

  it('the issue: a technician rate of 2^53 + 1 never reaches the kiosk, so the cash screen still builds', async () => {
    const { kiosk, act } = makeKiosk()
    const parsed = parseIntent({ type: 'setRate', currency: 'USD', rate: '9007199254740993' }, 'technician')
    expect(parsed.ok).toBe(false)
    await act({ type: 'setRate', currency: 'USD', rate: '9999999.9999' })
    await act({ type: 'tapCard', number: DEMO_CARDS[0]!.number })
    await act({ type: 'chooseAmount', kzt: 1000 })
    await act({ type: 'payCash' })
    expect(kiosk.view().cash?.quote?.rates).toContainEqual({ currency: 'USD', rate: '9999999.9999' })
    expect(kiosk.error()).toBeNull()
  })
})
