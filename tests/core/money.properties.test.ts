/**
 * Property tests of the money rules (docs/money.md) with fast-check: random configurations
 * (rates with up to 4 decimals and percentages with up to 2, as decimal strings; minimum fees;
 * bonus tier lists that do not decrease) and random sequences of notes in mixed currencies.
 *
 * Every property runs at least 1000 cases and prints nothing when it holds. On a failure
 * fast-check reports the counterexample with its `seed` and `path`; replay exactly that run with
 *
 *   FC_SEED=<seed> FC_PATH=<path> npx vitest run tests/core/money.properties.test.ts -t '<test name>'
 *
 * (FC_SEED alone reruns every property with that seed; a path belongs to one property, hence -t.)
 * (FC_RUNS raises the number of cases, e.g. FC_RUNS=20000 for a longer soak.)
 */
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { CURRENCY_CODES, DEFAULT_CONFIG, kioskConfigSchema, type BonusTier, type CurrencyCode, type FeeRule, type KioskConfig } from '../../src/core/config'
import {
  bonus,
  cashBreakdown,
  checkAmount,
  convertToKzt,
  decideNote,
  fee,
  isAcceptedNote,
  maxAmountFor,
  payingOption,
  quoteRates,
  type Note,
  type NoteContext,
  type RateQuote
} from '../../src/core/money'

const NUM_RUNS = Math.max(1000, Number(process.env.FC_RUNS ?? 1000))
/** fast-check options: at least 1000 cases; FC_SEED (and FC_PATH) replay a reported failure. */
const runs = (): fc.Parameters<unknown> => ({
  numRuns: NUM_RUNS,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
  ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {})
})
// 1000 cases take a second or two per property; leave room for slow machines and long soaks.
vi.setConfig({ testTimeout: Math.max(60_000, NUM_RUNS * 200) })
const check = <T>(property: fc.IProperty<T>) => fc.assert(property, runs() as fc.Parameters<T>)

// ---------------------------------------------------------------------------------------------
// Independent exact arithmetic: a decimal string as a fraction num/den (den = 10^decimals as
// written), compared by cross-multiplication in bigint. No code shared with src/core/money.ts.
// ---------------------------------------------------------------------------------------------
interface Fraction {
  num: bigint
  den: bigint
}
function fraction(text: string): Fraction {
  const dot = text.indexOf('.')
  if (dot < 0) return { num: BigInt(text), den: 1n }
  const decimals = text.length - dot - 1
  return { num: BigInt(text.slice(0, dot) + text.slice(dot + 1)), den: 10n ** BigInt(decimals) }
}
/** The integer k with k ≤ a/b < k + 1 (a, b ≥ 0, b > 0), found by checking the defining inequality. */
function exactFloor(a: bigint, b: bigint): bigint {
  const k = a / b
  if (!(k * b <= a && a < (k + 1n) * b)) throw new Error('floor reference broken')
  return k
}
/** The integer c with c − 1 < a/b ≤ c. */
function exactCeil(a: bigint, b: bigint): bigint {
  const k = exactFloor(a, b)
  return k * b === a ? k : k + 1n
}
const big = BigInt
const refConvert = (units: number, rate: string): number => {
  const r = fraction(rate)
  return Number(exactFloor(big(units) * r.num, r.den))
}
const refFee = (rule: FeeRule, base: number): number => {
  if (base <= 0) return 0
  const p = fraction(rule.percent)
  const byPercent = Number(exactCeil(big(base) * p.num, 100n * p.den))
  return Math.min(base, Math.max(rule.minKzt, byPercent))
}
const refBonus = (tiers: readonly BonusTier[], net: number): number => {
  const reached = tiers.filter((t) => net >= t.fromKzt)
  if (!reached.length || net <= 0) return 0
  const top = reached.reduce((a, b) => (b.fromKzt >= a.fromKzt ? b : a))
  const p = fraction(top.percent)
  return Math.min(top.maxKzt, Number(exactFloor(big(net) * p.num, 100n * p.den)))
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------
type Foreign = Exclude<CurrencyCode, 'KZT'>
const FOREIGN: Foreign[] = ['USD', 'EUR', 'RUB', 'CNY']

/** A decimal string: an integer part and 0..maxDecimals decimals (trailing zeros allowed, as in "512.40"). */
const decimal = (whole: fc.Arbitrary<number>, maxDecimals: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      whole,
      fc.integer({ min: 0, max: maxDecimals }).chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }))
    )
    .map(([w, frac]) => (frac.length ? `${w}.${frac.join('')}` : String(w)))

/** A positive rate with up to 4 decimals, from 0.0001 to 99 999.9999. */
const anyRate = decimal(
  fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99_999 })),
  4
).filter((r) => /[1-9]/.test(r))
/** A rate of at least 5 (as RUB): payingOption lists notes, and at 0.0001 ₸ a note it would list millions. */
const usableRate = decimal(
  fc.oneof(
    { arbitrary: fc.integer({ min: 5, max: 20 }), weight: 3 },
    { arbitrary: fc.integer({ min: 5, max: 999 }), weight: 3 },
    { arbitrary: fc.integer({ min: 5, max: 99_999 }), weight: 1 }
  ),
  4
)
/** A percentage with up to 2 decimals; `max` bounds the whole part. */
const percentUpTo = (max: number) => decimal(fc.oneof(fc.integer({ min: 0, max: Math.min(5, max) }), fc.integer({ min: 0, max })), 2)
const feeRule = (maxPercent: number): fc.Arbitrary<FeeRule> =>
  fc.record({ percent: percentUpTo(maxPercent), minKzt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500 })) })

/** A percentage given in hundredths, written the way people write it: "5", "2.5", "0.75". */
const percentText = (hundredths: number): string => {
  const text = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`
  return text.replace(/\.?0+$/, '') || '0'
}
/** 0–4 bonus tiers whose fromKzt, percent and maxKzt never decrease (what the config accepts). */
const bonusTiers: fc.Arbitrary<BonusTier[]> = fc
  .array(fc.record({ from: fc.integer({ min: 0, max: 30_000 }), percent: fc.integer({ min: 0, max: 800 }), max: fc.integer({ min: 0, max: 3000 }) }), {
    maxLength: 4
  })
  .map((steps) => {
    let fromKzt = 0
    let hundredths = 0
    let maxKzt = 0
    return steps.map((s) => {
      fromKzt += s.from
      hundredths += s.percent
      maxKzt += s.max
      return { fromKzt, percent: percentText(hundredths), maxKzt }
    })
  })

interface ConfigOptions {
  rate?: fc.Arbitrary<string>
  /** Largest whole part of a fee percentage (the config takes fees up to 99.99 %). */
  maxFeePercent?: number
  /** Keep each currency's largest note among its random subset of notes. */
  keepLargestBill?: boolean
  /** 'any': limits from tight to roomy; 'roomy': mostly a per-top-up maximum of 50 000 ₸ or more. */
  limits?: 'any' | 'roomy'
}

/** A random non-empty subset of a currency's default notes (with its largest note when asked). */
const billsOf = (all: readonly number[], keepLargest: boolean): fc.Arbitrary<number[]> =>
  keepLargest ? fc.subarray(all.slice(0, -1)).map((some) => [...some, all.at(-1)!]) : fc.subarray([...all], { minLength: 1 })

/** A valid configuration (validated by the real schema) with random currencies, rates, fees, bonus tiers and limits. */
const configArb = ({ rate = anyRate, maxFeePercent = 99, keepLargestBill = false, limits = 'any' }: ConfigOptions = {}): fc.Arbitrary<KioskConfig> =>
  fc
    .record({
      kztBills: billsOf(DEFAULT_CONFIG.currencies.KZT.bills, keepLargestBill),
      foreign: fc.record(
        Object.fromEntries(
          FOREIGN.map((code) => [
            code,
            fc.option(fc.record({ rate, bills: billsOf(DEFAULT_CONFIG.currencies[code]!.bills, keepLargestBill) }), { nil: undefined })
          ])
        ) as Record<Foreign, fc.Arbitrary<{ rate: string; bills: number[] } | undefined>>
      ),
      cashKzt: fc.oneof(fc.constant({ percent: '0', minKzt: 0 }), feeRule(maxFeePercent)),
      cashForeign: feeRule(maxFeePercent),
      bankCard: feeRule(maxFeePercent),
      bonus: bonusTiers,
      minTopUpKzt: fc.integer({ min: 1, max: 1000 }),
      maxTopUpExtra:
        limits === 'any'
          ? fc.oneof(fc.constantFrom(0, 4000, 19_000, 99_000), fc.integer({ min: 0, max: 100_000 }))
          : fc.oneof({ arbitrary: fc.integer({ min: 0, max: 100_000 }), weight: 1 }, { arbitrary: fc.integer({ min: 50_000, max: 500_000 }), weight: 4 }),
      maxBalanceExtra:
        limits === 'any'
          ? fc.oneof(fc.constantFrom(0, 10_000, 200_000), fc.integer({ min: 0, max: 300_000 }))
          : fc.oneof({ arbitrary: fc.integer({ min: 0, max: 300_000 }), weight: 1 }, { arbitrary: fc.integer({ min: 500_000, max: 1_000_000 }), weight: 4 })
    })
    .map((g) => {
      const currencies: Record<string, unknown> = { KZT: { bills: g.kztBills } }
      for (const code of FOREIGN) if (g.foreign[code]) currencies[code] = g.foreign[code]
      return kioskConfigSchema.parse({
        ...DEFAULT_CONFIG,
        currencies,
        fees: { cashKzt: g.cashKzt, cashForeign: g.cashForeign, bankCard: g.bankCard },
        bonus: g.bonus,
        limits: { minTopUpKzt: g.minTopUpKzt, maxTopUpKzt: g.minTopUpKzt + g.maxTopUpExtra, maxBalanceKzt: g.minTopUpKzt + g.maxBalanceExtra }
      })
    })

const acceptedOf = (config: KioskConfig): Note[] =>
  CURRENCY_CODES.flatMap((currency) => (config.currencies[currency]?.bills ?? []).map((value) => ({ currency, value })))

/** A note the config accepts, or (rarely) any note at all, in any currency and of any value. */
const noteArb = (config: KioskConfig, strangers = true): fc.Arbitrary<Note> => {
  const accepted = fc.constantFrom(...acceptedOf(config))
  if (!strangers) return accepted
  return fc.oneof(
    { arbitrary: accepted, weight: 9 },
    { arbitrary: fc.record({ currency: fc.constantFrom(...CURRENCY_CODES), value: fc.integer({ min: 1, max: 30_000 }) }), weight: 1 }
  )
}

/** A card balance and a chosen amount the amount screen accepts for it (rule 6). */
const sessionArb = (config: KioskConfig) =>
  fc.integer({ min: 0, max: config.limits.maxBalanceKzt - config.limits.minTopUpKzt }).chain((balanceKzt) =>
    fc.record({
      balanceKzt: fc.constant(balanceKzt),
      amountKzt: fc.oneof(
        fc.integer({ min: config.limits.minTopUpKzt, max: maxAmountFor(balanceKzt, config.limits) }),
        fc.constantFrom(config.limits.minTopUpKzt, maxAmountFor(balanceKzt, config.limits))
      )
    })
  )

/** A configuration, a session on it, and notes pushed into the validator one after another. */
const feedArb = (options: ConfigOptions = {}, maxNotes = 20, strangers = true) =>
  configArb(options).chain((config) =>
    fc.record({ config: fc.constant(config), session: sessionArb(config), notes: fc.array(noteArb(config, strangers), { maxLength: maxNotes }) })
  )

/** Feeds notes through decideNote one by one as the kiosk does; returns what was stacked and every decision. */
function feed(notes: readonly Note[], base: Omit<NoteContext, 'stacked'>) {
  const stacked: Note[] = []
  const decisions: { note: Note; refusal: ReturnType<typeof decideNote>; netBefore: number }[] = []
  for (const note of notes) {
    const netBefore = cashBreakdown(stacked, base.quote, base.config).netKzt
    const refusal = decideNote(note, { ...base, stacked })
    decisions.push({ note, refusal, netBefore })
    if (refusal === null) stacked.push(note)
  }
  return { stacked, decisions }
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

// ---------------------------------------------------------------------------------------------
// Rounding: compared with exact fractions, floor for conversion and bonus, ceil for fee.
// ---------------------------------------------------------------------------------------------
describe('rounding goes the documented way (exact fractions in bigint)', () => {
  it('conversion: floor(units × rate), i.e. k ≤ units × rate < k + 1', () => {
    check(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 1_000_000_000 })),
        anyRate,
        (units, rate) => {
          const k = convertToKzt(units, rate)
          const r = fraction(rate)
          expect(k).toBe(refConvert(units, rate))
          // never rounded up, never more than one tenge short
          expect(big(k) * r.den <= big(units) * r.num).toBe(true)
          expect(big(units) * r.num < big(k + 1) * r.den).toBe(true)
        }
      )
    )
  })

  it('fee: min(base, max(minKzt, ceil(base × percent / 100))), the percentage rounded up', () => {
    check(
      fc.property(
        feeRule(200),
        fc.oneof(fc.integer({ min: -1000, max: 300 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000_000_000 })),
        (rule, base) => {
          const got = fee(rule, base)
          expect(got).toBe(refFee(rule, base))
          if (base <= 0) {
            expect(got).toBe(0)
            return
          }
          expect(got).toBeGreaterThanOrEqual(0)
          expect(got).toBeLessThanOrEqual(base)
          const p = fraction(rule.percent)
          // when the percentage decides, it is never below the exact percentage (rounded up) and less than one tenge above it
          if (got > rule.minKzt && got < base) {
            expect(big(got) * 100n * p.den >= big(base) * p.num).toBe(true)
            expect(big(got - 1) * 100n * p.den < big(base) * p.num).toBe(true)
          }
        }
      )
    )
  })

  it('bonus: min(maxKzt, floor(net × percent / 100)) of the highest tier reached, rounded down', () => {
    check(
      fc.property(bonusTiers, fc.oneof(fc.integer({ min: -100, max: 40_000 }), fc.integer({ min: 0, max: 10_000_000 })), (tiers, net) => {
        const got = bonus(tiers, net)
        expect(got).toBe(refBonus(tiers, net))
        expect(got).toBeGreaterThanOrEqual(0)
        const reached = tiers.filter((t) => net >= t.fromKzt)
        if (!reached.length || net <= 0) {
          expect(got).toBe(0)
          return
        }
        const top = reached.at(-1)! // the list does not decrease: the last reached tier is the highest
        expect(got).toBeLessThanOrEqual(top.maxKzt)
        const p = fraction(top.percent)
        if (got < top.maxKzt) {
          expect(big(got) * 100n * p.den <= big(net) * p.num).toBe(true)
          expect(big(net) * p.num < big(got + 1) * 100n * p.den).toBe(true)
        }
      })
    )
  })

  it('the cash breakdown converts each currency once (floor of its total units) and charges each part its own fee', () => {
    check(
      fc.property(
        configArb().chain((config) => fc.record({ config: fc.constant(config), notes: fc.array(noteArb(config, false), { maxLength: 20 }) })),
        ({ config, notes }) => {
          const quote = quoteRates(config)
          const b = cashBreakdown(notes, quote, config)
          const units = new Map<CurrencyCode, number>()
          for (const n of notes) units.set(n.currency, (units.get(n.currency) ?? 0) + n.value)
          const tenge = units.get('KZT') ?? 0
          let foreign = 0
          for (const [code, u] of units) if (code !== 'KZT') foreign += refConvert(u, quote[code]!)
          expect(b.tengeGrossKzt).toBe(tenge)
          expect(b.foreignGrossKzt).toBe(foreign)
          expect(b.feeKzt).toBe(refFee(config.fees.cashKzt, tenge) + refFee(config.fees.cashForeign, foreign))
          expect(b.bonusKzt).toBe(refBonus(config.bonus, b.netKzt))
        }
      )
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Rules 1–5
// ---------------------------------------------------------------------------------------------
describe('the breakdown', () => {
  it('credited = gross − fee + bonus, net = gross − fee, 0 ≤ fee ≤ gross, all whole tenge', () => {
    check(
      fc.property(
        configArb().chain((config) => fc.record({ config: fc.constant(config), notes: fc.array(noteArb(config, false), { maxLength: 25 }) })),
        ({ config, notes }) => {
          const b = cashBreakdown(notes, quoteRates(config), config)
          expect(b.creditedKzt).toBe(b.grossKzt - b.feeKzt + b.bonusKzt)
          expect(b.netKzt).toBe(b.grossKzt - b.feeKzt)
          expect(b.grossKzt).toBe(b.tengeGrossKzt + b.foreignGrossKzt)
          expect(b.feeKzt).toBeGreaterThanOrEqual(0)
          expect(b.feeKzt).toBeLessThanOrEqual(b.grossKzt)
          expect(b.bonusKzt).toBeGreaterThanOrEqual(0)
          for (const v of Object.values(b)) expect(Number.isSafeInteger(v)).toBe(true)
        }
      )
    )
  })

  it('adding a stacked note never lowers net nor credited (any fees, any non-decreasing tiers)', () => {
    check(
      fc.property(
        configArb().chain((config) => fc.record({ config: fc.constant(config), notes: fc.array(noteArb(config, false), { minLength: 1, maxLength: 20 }) })),
        ({ config, notes }) => {
          const quote = quoteRates(config)
          let previous = cashBreakdown([], quote, config)
          for (let k = 1; k <= notes.length; k++) {
            const current = cashBreakdown(notes.slice(0, k), quote, config)
            expect(current.netKzt).toBeGreaterThanOrEqual(previous.netKzt)
            expect(current.creditedKzt).toBeGreaterThanOrEqual(previous.creditedKzt)
            previous = current
          }
        }
      )
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Rule 6: the chosen amount
// ---------------------------------------------------------------------------------------------
describe('the chosen amount', () => {
  it('checkAmount accepts exactly minTopUpKzt ≤ amount ≤ maxTopUpKzt with balance + amount ≤ maxBalanceKzt; maxAmountFor is the largest such amount', () => {
    check(
      fc.property(
        fc
          .record({ min: fc.integer({ min: 1, max: 5000 }), topUp: fc.integer({ min: 0, max: 200_000 }), cap: fc.integer({ min: 1, max: 400_000 }) })
          .chain(({ min, topUp, cap }) =>
            fc.record({
              limits: fc.constant({ minTopUpKzt: min, maxTopUpKzt: min + topUp, maxBalanceKzt: cap }),
              balance: fc.integer({ min: 0, max: cap + 1000 }),
              amount: fc.integer({ min: 1, max: min + topUp + 1000 })
            })
          ),
        ({ limits, balance, amount }) => {
          const ok = limits.minTopUpKzt <= amount && amount <= limits.maxTopUpKzt && balance + amount <= limits.maxBalanceKzt
          expect(checkAmount(amount, balance, limits) === null).toBe(ok)
          const max = maxAmountFor(balance, limits)
          expect(max).toBeGreaterThanOrEqual(0)
          if (max >= limits.minTopUpKzt) expect(checkAmount(max, balance, limits)).toBeNull()
          expect(checkAmount(max + 1, balance, limits)).not.toBeNull()
          if (ok) expect(amount).toBeLessThanOrEqual(max)
        }
      )
    )
  })
})

describe('the chosen amount with a bonus', () => {
  it('counts the bonus against the cap: an accepted amount plus its bonus fits, and maxAmountFor is the largest accepted amount', () => {
    check(
      fc.property(
        fc.record({
          balance: fc.integer({ min: 0, max: 200_000 }),
          amount: fc.integer({ min: 100, max: 100_000 }),
          fromKzt: fc.integer({ min: 0, max: 50_000 }),
          percent: fc.integer({ min: 0, max: 2000 }).map((p) => (p / 100).toFixed(2)),
          maxKzt: fc.integer({ min: 0, max: 5000 })
        }),
        ({ balance, amount, fromKzt, percent, maxKzt }) => {
          const limits = { minTopUpKzt: 100, maxTopUpKzt: 100_000, maxBalanceKzt: 200_000 }
          const tiers = [{ fromKzt, percent, maxKzt }]
          const accepted = checkAmount(amount, balance, limits, tiers) === null
          if (accepted) expect(balance + amount + bonus(tiers, amount)).toBeLessThanOrEqual(limits.maxBalanceKzt)
          const max = maxAmountFor(balance, limits, tiers)
          if (max >= limits.minTopUpKzt) expect(checkAmount(max, balance, limits, tiers)).toBeNull()
          if (max < limits.maxTopUpKzt) expect(checkAmount(max + 1, balance, limits, tiers)).not.toBeNull()
          if (accepted) expect(amount).toBeLessThanOrEqual(max)
        }
      )
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Rule 6: notes fed one by one through decideNote
// ---------------------------------------------------------------------------------------------
describe('decideNote, notes fed one by one', () => {
  it('never lets net exceed maxTopUpKzt nor balance + credited exceed maxBalanceKzt; after net reaches the amount every note is returned', () => {
    check(
      fc.property(feedArb(), ({ config, session, notes }) => {
        const quote = quoteRates(config)
        expect(checkAmount(session.amountKzt, session.balanceKzt, config.limits)).toBeNull()
        const { stacked, decisions } = feed(notes, { ...session, quote, config })
        let reached = false
        for (const d of decisions) {
          if (d.netBefore >= session.amountKzt) reached = true
          if (reached) expect(d.refusal === 'amountReached' || d.refusal === 'notAccepted').toBe(true)
          if (!isAcceptedNote(d.note, config, quote)) expect(d.refusal).toBe('notAccepted')
        }
        for (let k = 1; k <= stacked.length; k++) {
          const b = cashBreakdown(stacked.slice(0, k), quote, config)
          expect(b.netKzt).toBeLessThanOrEqual(config.limits.maxTopUpKzt)
          expect(session.balanceKzt + b.creditedKzt).toBeLessThanOrEqual(config.limits.maxBalanceKzt)
          // only the last stacked note may have reached the amount
          if (k < stacked.length) expect(b.netKzt).toBeLessThan(session.amountKzt)
        }
        const after = cashBreakdown(stacked, quote, config)
        if (after.netKzt >= session.amountKzt) {
          for (const note of acceptedOf(config)) expect(decideNote(note, { ...session, stacked, quote, config })).toBe('amountReached')
        }
      })
    )
  })

  it('a note is returned exactly when stacking it would break a rule-6 limit (or it is not accepted, or the amount was reached)', () => {
    check(
      fc.property(feedArb(), ({ config, session, notes }) => {
        const quote = quoteRates(config)
        const { decisions } = feed(notes, { ...session, quote, config })
        const stacked: Note[] = []
        for (const { note, refusal, netBefore } of decisions) {
          const after = isAcceptedNote(note, config, quote) ? cashBreakdown([...stacked, note], quote, config) : null
          const breaks =
            after === null ||
            netBefore >= session.amountKzt ||
            after.netKzt > config.limits.maxTopUpKzt ||
            session.balanceKzt + after.creditedKzt > config.limits.maxBalanceKzt
          expect(refusal !== null).toBe(breaks)
          if (refusal === 'overMaxTopUp') expect(after!.netKzt).toBeGreaterThan(config.limits.maxTopUpKzt)
          if (refusal === 'overBalanceCap') expect(session.balanceKzt + after!.creditedKzt).toBeGreaterThan(config.limits.maxBalanceKzt)
          if (refusal === null) stacked.push(note)
        }
      })
    )
  })

  it('a returned note changes nothing: the breakdown of the stacked notes is identical and nothing is mutated', () => {
    check(
      fc.property(feedArb(), ({ config, session, notes }) => {
        const quote = deepFreeze(quoteRates(config))
        deepFreeze(config)
        const stacked: Note[] = []
        for (const note of notes) {
          const before = cashBreakdown(stacked, quote, config)
          const snapshot = JSON.stringify(stacked)
          const frozen = deepFreeze([...stacked.map((n) => ({ ...n }))])
          const refusal = decideNote(deepFreeze({ ...note }), { ...session, stacked: frozen, quote, config })
          if (refusal !== null) {
            expect(JSON.stringify(stacked)).toBe(snapshot)
            expect(cashBreakdown(stacked, quote, config)).toEqual(before)
            expect(decideNote(note, { ...session, stacked, quote, config })).toBe(refusal) // and it says so again
          } else stacked.push(note)
        }
      })
    )
  })
})

// ---------------------------------------------------------------------------------------------
// payingOption: "how many notes of each currency reach the amount"
// ---------------------------------------------------------------------------------------------

/** Which sums of `step`-multiples up to `limit` the bills can pay, by an independent reachability table. */
function payableTable(bills: readonly number[], limit: number): boolean[] {
  const ok = new Array<boolean>(limit + 1).fill(false)
  ok[0] = true
  for (let s = 1; s <= limit; s++) for (const b of bills) if (b <= s && ok[s - b]) ok[s] = true
  return ok
}
/** The fewest bills that pay exactly `total` (independent table). */
function fewestCount(bills: readonly number[], total: number): number {
  const best = new Array<number>(total + 1).fill(Infinity)
  best[0] = 0
  for (let s = 1; s <= total; s++) for (const b of bills) if (b <= s && best[s - b]! + 1 < best[s]!) best[s] = best[s - b]! + 1
  return best[total]!
}

describe('payingOption', () => {
  it('its notes, fed one by one, are all stacked and reach the amount; the previous payable sum does not; they are the fewest notes; null only when the currency cannot reach it', () => {
    check(
      fc.property(feedArb({ rate: usableRate, maxFeePercent: 50, keepLargestBill: true, limits: 'roomy' }, 4, false), ({ config, session, notes }) => {
        const quote: RateQuote = quoteRates(config)
        const base = { ...session, quote, config }
        const { stacked } = feed(notes, base)
        const ctx: NoteContext = { ...base, stacked }
        const current = cashBreakdown(stacked, quote, config).netKzt
        for (const currency of CURRENCY_CODES) {
          const option = payingOption(currency, ctx)
          const spec = config.currencies[currency]
          if (!spec || current >= session.amountKzt) {
            expect(option).toBeNull()
            continue
          }
          const step = spec.bills.reduce(gcd)
          const netWith = (units: number) => cashBreakdown([...stacked, { currency, value: units }], quote, config)
          // Independent reference: the smallest payable sum of this currency making net ≥ amount.
          let threshold = step
          while (netWith(threshold).netKzt < session.amountKzt) threshold += Math.max(step, Math.floor(threshold / 2 / step) * step)
          let lo = 0
          while (threshold - lo > step) {
            const mid = lo + Math.floor((threshold - lo) / 2 / step) * step
            if (netWith(mid).netKzt >= session.amountKzt) threshold = mid
            else lo = mid
          }
          const scaled = spec.bills.map((b) => b / step)
          const table = payableTable(scaled, threshold / step + 200)
          let smallest = threshold / step
          while (!table[smallest]) smallest++
          const smallestUnits = smallest * step
          const at = netWith(smallestUnits)
          const fits = at.netKzt <= config.limits.maxTopUpKzt && session.balanceKzt + at.creditedKzt <= config.limits.maxBalanceKzt
          if (!fits) {
            expect(option).toBeNull()
            continue
          }
          expect(option).not.toBeNull()
          const o = option!
          expect(o.currency).toBe(currency)
          expect(o.rate).toBe(currency === 'KZT' ? null : quote[currency])
          expect(o.units).toBe(smallestUnits)
          expect(sum(o.notes)).toBe(o.units)
          expect(o.notes.length).toBe(fewestCount(scaled, smallest))
          // fed through decideNote one by one, every note is stacked and the last one reaches the amount
          const paid = [...stacked]
          for (const value of o.notes) {
            expect(decideNote({ currency, value }, { ...ctx, stacked: paid })).toBeNull()
            paid.push({ currency, value })
          }
          const after = cashBreakdown(paid, quote, config)
          expect(after.netKzt).toBeGreaterThanOrEqual(session.amountKzt)
          expect(o.breakdown).toEqual(after)
          // the previous payable sum of this currency does not reach the amount
          let previous = smallest - 1
          while (previous > 0 && !table[previous]) previous--
          expect(netWith(previous * step).netKzt).toBeLessThan(session.amountKzt)
        }
      })
    )
  })
})
