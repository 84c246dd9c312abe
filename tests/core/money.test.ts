import { describe, expect, it } from 'vitest'
import { loadConfig, type BonusTier, type CurrencyCode, type FeeRule, type KioskConfig } from '../../src/core/config'
import {
  bonus,
  cashBreakdown,
  checkAmount,
  convertToKzt,
  decideNote,
  fee,
  isAcceptedNote,
  maxAmountFor,
  parseScaled,
  quoteRates,
  type Note,
  type NoteContext,
  type RateQuote
} from '../../src/core/money'

// ---------------------------------------------------------------------------------------------
// A small seeded PRNG (mulberry32) for property-style checks: reproducible, no dependency.
// ---------------------------------------------------------------------------------------------
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CASES = 2000

class Gen {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!
  }
  bool(): boolean {
    return this.next() < 0.5
  }
  /** A decimal string with an integer part in [0, maxInt] and 0..maxDecimals decimals. */
  decimal(maxInt: number, maxDecimals: number): string {
    const whole = String(this.int(0, maxInt))
    const decimals = this.int(0, maxDecimals)
    if (decimals === 0) return whole
    let frac = ''
    for (let i = 0; i < decimals; i++) frac += String(this.int(0, 9))
    return `${whole}.${frac}`
  }
  /** A positive rate with at most 4 decimals. */
  rate(): string {
    for (;;) {
      const r = this.decimal(this.pick([1, 10, 600, 99999]), 4)
      if (/[1-9]/.test(r)) return r
    }
  }
}

// Independent bigint reference implementations of the documented formulas.
const scaled = (text: string, decimals: number): bigint => {
  const [whole, frac = ''] = text.split('.')
  return BigInt(whole! + frac.padEnd(decimals, '0'))
}
const refConvert = (units: number, rate: string): number => Number((BigInt(units) * scaled(rate, 4)) / 10_000n)
const refFee = (rule: FeeRule, base: number): number => {
  if (base <= 0) return 0
  const num = BigInt(base) * scaled(rule.percent, 2)
  const byPercent = Number((num + 9_999n) / 10_000n)
  return Math.min(base, Math.max(rule.minKzt, byPercent))
}

const USD_RATE = '471.3725'
const foreignConfig = (over: Record<string, unknown> = {}): KioskConfig =>
  loadConfig({
    currencies: {
      USD: { rate: USD_RATE, bills: [1, 2, 5, 10, 20, 50, 100] },
      EUR: { rate: '512.1', bills: [5, 10, 20, 50, 100] },
      RUB: { rate: '5.3017', bills: [50, 100, 500, 1000, 5000] }
    },
    ...over
  })

const kzt = (...values: number[]): Note[] => values.map((value) => ({ currency: 'KZT', value }))
const usd = (...values: number[]): Note[] => values.map((value) => ({ currency: 'USD', value }))

describe('parseScaled', () => {
  it('turns a decimal string into an exact integer scaled by 10^decimals', () => {
    expect(parseScaled('471.3725', 4)).toBe(4_713_725n)
    expect(parseScaled('2.5', 2)).toBe(250n)
    expect(parseScaled('2', 2)).toBe(200n)
    expect(parseScaled('0.01', 2)).toBe(1n)
    expect(parseScaled('0', 4)).toBe(0n)
    expect(parseScaled('007.5', 2)).toBe(750n)
    expect(parseScaled('12345678901234567890.1234', 4)).toBe(123456789012345678901234n)
  })

  it('rejects more decimals than allowed', () => {
    expect(() => parseScaled('471.37251', 4)).toThrow(RangeError)
    expect(() => parseScaled('1.234', 2)).toThrow(/at most 2 decimals: "1.234"/)
    expect(() => parseScaled('1.5', 0)).toThrow(RangeError)
  })

  it.each(['', 'abc', '1e3', '1,5', '1.', '.5', ' 1', '1 ', '+1', 'NaN', 'Infinity', '0x10', '1.2.3'])('rejects the non-numeric text %j', (text) => {
    expect(() => parseScaled(text, 4)).toThrow(RangeError)
  })

  it.each(['-1', '-0.5', '-0'])('rejects the negative number %j', (text) => {
    expect(() => parseScaled(text, 4)).toThrow(RangeError)
  })
})

describe('convertToKzt', () => {
  it('floors units × rate: 3 USD at 471.3725 is 1414 (floor of 1414.1175)', () => {
    expect(convertToKzt(3, '471.3725')).toBe(1414)
    expect(convertToKzt(1, '471.3725')).toBe(471)
  })

  it('floors even when the fraction is just below a whole tenge', () => {
    expect(convertToKzt(1, '0.9999')).toBe(0)
    expect(convertToKzt(9999, '0.0001')).toBe(0)
    expect(convertToKzt(10_000, '0.0001')).toBe(1)
  })

  it('is exact where binary floating point is not: 100 units at 0.29 is 29, not 28', () => {
    expect(Math.floor(100 * 0.29)).toBe(28) // what a float implementation would give
    expect(convertToKzt(100, '0.29')).toBe(29)
    expect(convertToKzt(100, '0.57')).toBe(57)
    expect(convertToKzt(100, '1.15')).toBe(115)
    expect(convertToKzt(10, '1.13')).toBe(11)
  })

  it('handles large unit counts exactly', () => {
    expect(convertToKzt(1_000_000, '471.3725')).toBe(471_372_500)
    expect(convertToKzt(123_456_789, '99999.9999')).toBe(Number((123_456_789n * 999_999_999n) / 10_000n))
    expect(convertToKzt(1_000_000_000, '5.3017')).toBe(5_301_700_000)
  })

  it('gives 0 for zero units and for a zero rate', () => {
    expect(convertToKzt(0, '471.3725')).toBe(0)
    expect(convertToKzt(5, '0')).toBe(0)
  })

  it('refuses a fractional unit count and a rate with 5 decimals', () => {
    expect(() => convertToKzt(1.5, '471.3725')).toThrow(RangeError)
    expect(() => convertToKzt(1, '471.37251')).toThrow(RangeError)
  })

  it(`agrees with a bigint computation of floor(units × rate) for ${CASES} generated cases`, () => {
    const g = new Gen(0xc0ffee)
    for (let i = 0; i < CASES; i++) {
      const units = g.pick([g.int(0, 20), g.int(0, 10_000), g.int(0, 50_000_000)])
      const rate = g.rate()
      expect(convertToKzt(units, rate), `${units} × ${rate}`).toBe(refConvert(units, rate))
    }
  })
})

describe('fee', () => {
  const rule = (percent: string, minKzt = 0): FeeRule => ({ percent, minKzt })

  it('is 0 on a zero base, even with a minimum fee', () => {
    expect(fee(rule('2', 100), 0)).toBe(0)
    expect(fee(rule('0', 500), 0)).toBe(0)
  })

  it('is 0 on a negative base', () => {
    expect(fee(rule('2', 100), -1000)).toBe(0)
  })

  it('applies the minimum when the percentage is below it', () => {
    expect(fee(rule('2', 100), 1000)).toBe(100) // 2 % of 1000 is 20
    expect(fee(rule('2', 100), 5000)).toBe(100) // exactly 100
    expect(fee(rule('2', 100), 5001)).toBe(101) // 100.02 rounds up
    expect(fee(rule('0', 10), 1000)).toBe(10)
  })

  it('rounds the percentage up to the next whole tenge', () => {
    expect(fee(rule('2'), 1001)).toBe(21) // 20.02
    expect(fee(rule('2'), 1000)).toBe(20) // exact: no rounding
    expect(fee(rule('2.5'), 1000)).toBe(25)
    expect(fee(rule('2.5'), 1001)).toBe(26) // 25.025
    expect(fee(rule('2.5'), 40)).toBe(1)
  })

  it('never charges more than the base', () => {
    expect(fee(rule('2', 100), 50)).toBe(50)
    expect(fee(rule('2', 100), 1)).toBe(1)
    expect(fee(rule('100'), 777)).toBe(777)
    expect(fee(rule('150'), 777)).toBe(777)
  })

  it('charges nothing with percent "0" and no minimum', () => {
    expect(fee(rule('0'), 1)).toBe(0)
    expect(fee(rule('0'), 100_000)).toBe(0)
  })

  it('with percent "0.01" charges 1 ₸ per started 10 000 ₸', () => {
    expect(fee(rule('0.01'), 1)).toBe(1)
    expect(fee(rule('0.01'), 10_000)).toBe(1)
    expect(fee(rule('0.01'), 10_001)).toBe(2)
    expect(fee(rule('0.01'), 20_000)).toBe(2)
  })

  it('is exact where binary floating point is not: 1.1 % of 3000 is 33, not 34', () => {
    expect(Math.ceil((3000 * 1.1) / 100)).toBe(34) // what a float implementation would give
    expect(fee(rule('1.1'), 3000)).toBe(33)
  })

  it('refuses a percentage with 3 decimals', () => {
    expect(() => fee(rule('2.125'), 1000)).toThrow(RangeError)
  })

  it(`agrees with min(base, max(minKzt, ceil(base × percent / 100))) computed in bigint for ${CASES} cases`, () => {
    const g = new Gen(42)
    for (let i = 0; i < CASES; i++) {
      const r = rule(g.decimal(g.pick([0, 5, 100, 200]), 2), g.pick([0, g.int(0, 500)]))
      const base = g.pick([0, g.int(1, 300), g.int(0, 1_000_000)])
      const got = fee(r, base)
      expect(got, `${JSON.stringify(r)} on ${base}`).toBe(refFee(r, base))
      expect(got).toBeGreaterThanOrEqual(0)
      expect(got).toBeLessThanOrEqual(base)
    }
  })
})

describe('bonus', () => {
  const tiers: BonusTier[] = [
    { fromKzt: 1000, percent: '1', maxKzt: 1000 },
    { fromKzt: 5000, percent: '2', maxKzt: 1000 },
    { fromKzt: 10000, percent: '3', maxKzt: 1000 }
  ]

  it('is 0 with no tiers', () => {
    expect(bonus([], 100_000)).toBe(0)
  })

  it('is 0 when no tier is reached', () => {
    expect(bonus(tiers, 999)).toBe(0)
    expect(bonus([{ fromKzt: 5000, percent: '5', maxKzt: 1000 }], 4999)).toBe(0)
  })

  it('applies a tier from exactly its fromKzt', () => {
    expect(bonus(tiers, 1000)).toBe(10)
    expect(bonus(tiers, 5000)).toBe(100)
    expect(bonus(tiers, 10000)).toBe(300)
  })

  it('uses the tier with the highest fromKzt reached', () => {
    expect(bonus(tiers, 7000)).toBe(140) // 2 %, not 1 %
    expect(bonus(tiers, 4999)).toBe(49) // 1 %
  })

  it('caps the bonus at the tier maxKzt', () => {
    expect(bonus(tiers, 100_000)).toBe(1000) // 3 % would be 3000
    expect(bonus([{ fromKzt: 0, percent: '10', maxKzt: 50 }], 1000)).toBe(50)
  })

  it('rounds the bonus down', () => {
    expect(bonus(tiers, 1099)).toBe(10) // 10.99
    expect(bonus([{ fromKzt: 0, percent: '2.5', maxKzt: 1000 }], 999)).toBe(24) // 24.975
  })

  it('does not depend on the order of the tiers', () => {
    const shuffled = [tiers[2]!, tiers[0]!, tiers[1]!]
    for (const net of [0, 999, 1000, 4999, 5000, 7000, 9999, 10000, 50000]) expect(bonus(shuffled, net), `net ${net}`).toBe(bonus(tiers, net))
    expect(bonus(shuffled, 7000)).toBe(140)
  })

  it('is 0 on a zero net even with a tier from 0', () => {
    expect(bonus([{ fromKzt: 0, percent: '5', maxKzt: 1000 }], 0)).toBe(0)
  })
})

describe('cashBreakdown', () => {
  it('sums tenge notes at face value', () => {
    const b = cashBreakdown(kzt(1000, 500, 2000), {}, loadConfig())
    expect(b).toEqual({ tengeGrossKzt: 3500, foreignGrossKzt: 0, grossKzt: 3500, feeKzt: 0, netKzt: 3500, bonusKzt: 0, creditedKzt: 3500 })
  })

  it('is all zeros with no notes', () => {
    expect(cashBreakdown([], {}, loadConfig())).toEqual({ tengeGrossKzt: 0, foreignGrossKzt: 0, grossKzt: 0, feeKzt: 0, netKzt: 0, bonusKzt: 0, creditedKzt: 0 })
  })

  it('converts a foreign currency once over all its notes: 3 × 1 USD at 471.3725 is 1414, not 3 × 471', () => {
    const config = foreignConfig()
    const b = cashBreakdown(usd(1, 1, 1), quoteRates(config), config)
    expect(b.foreignGrossKzt).toBe(1414)
    expect(b.grossKzt).toBe(1414)
    // default cashForeign fee: 2 %, at least 100 → max(100, ceil(28.28)) = 100
    expect(b.feeKzt).toBe(100)
    expect(b.netKzt).toBe(1314)
    expect(b.creditedKzt).toBe(1314)
  })

  it('converts each currency separately, not the pooled foreign units', () => {
    const config = foreignConfig({ currencies: { USD: { rate: '0.5', bills: [1] }, EUR: { rate: '0.5', bills: [1] } }, fees: { cashForeign: { percent: '0', minKzt: 0 } } })
    const notes: Note[] = [...usd(1, 1, 1), { currency: 'EUR', value: 1 }]
    // USD: floor(3 × 0.5) = 1; EUR: floor(1 × 0.5) = 0
    expect(cashBreakdown(notes, quoteRates(config), config).foreignGrossKzt).toBe(1)
  })

  it('charges the tenge fee on tenge notes and the foreign fee on foreign notes', () => {
    const config = foreignConfig({ fees: { cashKzt: { percent: '1', minKzt: 0 }, cashForeign: { percent: '2', minKzt: 100 } } })
    const b = cashBreakdown([...kzt(1000), ...usd(1, 1, 1)], quoteRates(config), config)
    expect(b.tengeGrossKzt).toBe(1000)
    expect(b.foreignGrossKzt).toBe(1414)
    expect(b.grossKzt).toBe(2414)
    expect(b.feeKzt).toBe(10 + 100)
    expect(b.netKzt).toBe(2304)
  })

  it('does not apply the foreign minimum fee to tenge-only cash', () => {
    const config = foreignConfig()
    expect(cashBreakdown(kzt(5000), quoteRates(config), config).feeKzt).toBe(0)
  })

  it('credits net + bonus, the bonus computed on the net', () => {
    const config = loadConfig({ fees: { cashKzt: { percent: '1', minKzt: 0 } }, bonus: [{ fromKzt: 5000, percent: '2', maxKzt: 1000 }] })
    const b = cashBreakdown(kzt(5000, 1000), {}, config)
    expect(b.grossKzt).toBe(6000)
    expect(b.feeKzt).toBe(60)
    expect(b.netKzt).toBe(5940)
    expect(b.bonusKzt).toBe(118) // floor(118.8)
    expect(b.creditedKzt).toBe(5940 + 118)
  })

  it('gives no bonus when the fee brings the net below the tier', () => {
    const config = loadConfig({ fees: { cashKzt: { percent: '1', minKzt: 0 } }, bonus: [{ fromKzt: 5000, percent: '2', maxKzt: 1000 }] })
    const b = cashBreakdown(kzt(5000), {}, config)
    expect(b.netKzt).toBe(4950)
    expect(b.bonusKzt).toBe(0)
    expect(b.creditedKzt).toBe(4950)
  })

  it('refuses foreign notes with no quoted rate', () => {
    expect(() => cashBreakdown(usd(1), {}, foreignConfig())).toThrow(/no rate quoted for USD/)
  })
})

describe('checkAmount', () => {
  const limits = { minTopUpKzt: 100, maxTopUpKzt: 100_000, maxBalanceKzt: 200_000 }

  it('refuses an amount below the minimum and accepts the minimum itself', () => {
    expect(checkAmount(99, 0, limits)).toBe('belowMin')
    expect(checkAmount(100, 0, limits)).toBeNull()
  })

  it('refuses an amount above the per-top-up maximum and accepts the maximum itself', () => {
    expect(checkAmount(100_001, 0, limits)).toBe('aboveMax')
    expect(checkAmount(100_000, 0, limits)).toBeNull()
  })

  it('refuses an amount that would take the balance over the cap and accepts reaching it exactly', () => {
    expect(checkAmount(5_001, 195_000, limits)).toBe('overBalanceCap')
    expect(checkAmount(5_000, 195_000, limits)).toBeNull()
    expect(checkAmount(100, 200_000, limits)).toBe('overBalanceCap')
  })

  it('reports belowMin before the balance cap and aboveMax before the balance cap', () => {
    expect(checkAmount(50, 200_000, limits)).toBe('belowMin')
    expect(checkAmount(150_000, 195_000, limits)).toBe('aboveMax')
  })
})

describe('maxAmountFor', () => {
  const limits = { minTopUpKzt: 100, maxTopUpKzt: 100_000, maxBalanceKzt: 200_000 }

  it('is the per-top-up maximum when the balance leaves more room', () => {
    expect(maxAmountFor(0, limits)).toBe(100_000)
    expect(maxAmountFor(100_000, limits)).toBe(100_000)
  })

  it('is the room left under the balance cap when that is smaller', () => {
    expect(maxAmountFor(150_000, limits)).toBe(50_000)
    expect(maxAmountFor(195_000, limits)).toBe(5_000)
  })

  it('is 0, never negative, at or above the cap', () => {
    expect(maxAmountFor(200_000, limits)).toBe(0)
    expect(maxAmountFor(250_000, limits)).toBe(0)
  })

  it('is an amount checkAmount accepts whenever it is at least the minimum', () => {
    const g = new Gen(7)
    for (let i = 0; i < CASES; i++) {
      const balance = g.int(0, 210_000)
      const max = maxAmountFor(balance, limits)
      if (max >= limits.minTopUpKzt) {
        expect(checkAmount(max, balance, limits), `balance ${balance}`).toBeNull()
        expect(checkAmount(max + 1, balance, limits), `balance ${balance}`).not.toBeNull()
      }
    }
  })
})

describe('isAcceptedNote', () => {
  it('accepts a configured tenge note and refuses an unconfigured value', () => {
    const config = loadConfig()
    expect(isAcceptedNote({ currency: 'KZT', value: 1000 }, config, {})).toBe(true)
    expect(isAcceptedNote({ currency: 'KZT', value: 300 }, config, {})).toBe(false)
    expect(isAcceptedNote({ currency: 'KZT', value: 100 }, config, {})).toBe(false)
  })

  it('refuses a currency that is not configured', () => {
    expect(isAcceptedNote({ currency: 'USD', value: 1 }, loadConfig(), { USD: USD_RATE })).toBe(false)
  })

  it('accepts a configured foreign note only while its rate is quoted', () => {
    const config = foreignConfig()
    expect(isAcceptedNote({ currency: 'USD', value: 1 }, config, quoteRates(config))).toBe(true)
    expect(isAcceptedNote({ currency: 'USD', value: 1 }, config, {})).toBe(false)
    expect(isAcceptedNote({ currency: 'USD', value: 3 }, config, quoteRates(config))).toBe(false)
    expect(isAcceptedNote({ currency: 'CNY', value: 100 }, config, quoteRates(config))).toBe(false)
  })
})

describe('quoteRates', () => {
  it('quotes nothing with tenge only', () => {
    expect(quoteRates(loadConfig())).toEqual({})
  })

  it('quotes every configured foreign currency at its configured rate, never tenge', () => {
    expect(quoteRates(foreignConfig())).toEqual({ USD: '471.3725', EUR: '512.1', RUB: '5.3017' })
  })
})

describe('decideNote', () => {
  const ctx = (over: Partial<NoteContext> & { config?: NoteContext['config'] } = {}): NoteContext => {
    const config = over.config ?? loadConfig()
    return { stacked: [], amountKzt: 3000, balanceKzt: 500, quote: quoteRates(config), ...over, config }
  }

  it('returns a note whose value is not accepted', () => {
    expect(decideNote({ currency: 'KZT', value: 300 }, ctx())).toBe('notAccepted')
  })

  it('returns a note in a currency that is not configured', () => {
    expect(decideNote({ currency: 'USD', value: 1 }, ctx({ quote: { USD: USD_RATE } }))).toBe('notAccepted')
  })

  it('says notAccepted before amountReached', () => {
    expect(decideNote({ currency: 'KZT', value: 300 }, ctx({ stacked: kzt(5000) }))).toBe('notAccepted')
  })

  it('returns any note once the net already reaches the amount', () => {
    expect(decideNote({ currency: 'KZT', value: 200 }, ctx({ stacked: kzt(1000, 2000) }))).toBe('amountReached')
    expect(decideNote({ currency: 'KZT', value: 200 }, ctx({ stacked: kzt(5000) }))).toBe('amountReached')
  })

  it('accepts the note that passes the chosen amount', () => {
    expect(decideNote({ currency: 'KZT', value: 2000 }, ctx({ stacked: kzt(1000, 500) }))).toBeNull()
    expect(decideNote({ currency: 'KZT', value: 20000 }, ctx({ stacked: [] }))).toBeNull()
  })

  it('counts the net, after fees, towards the amount', () => {
    const config = foreignConfig()
    // 2 USD: gross floor(942.745) = 942, fee 100 → net 842 < 1000: a third note is still taken
    expect(decideNote({ currency: 'USD', value: 1 }, ctx({ config, amountKzt: 1000, stacked: usd(1, 1) }))).toBeNull()
    // 3 USD: net 1314 ≥ 1000
    expect(decideNote({ currency: 'USD', value: 1 }, ctx({ config, amountKzt: 1000, stacked: usd(1, 1, 1) }))).toBe('amountReached')
  })

  it('returns a note that would take the net over the per-top-up maximum', () => {
    const config = loadConfig({ limits: { maxTopUpKzt: 5000 } })
    expect(decideNote({ currency: 'KZT', value: 2000 }, ctx({ config, amountKzt: 5000, stacked: kzt(2000, 2000) }))).toBe('overMaxTopUp')
    expect(decideNote({ currency: 'KZT', value: 1000 }, ctx({ config, amountKzt: 5000, stacked: kzt(2000, 2000) }))).toBeNull()
  })

  it('returns a note that would exceed the balance cap', () => {
    const base = { amountKzt: 5000, balanceKzt: 195_000, stacked: kzt(2000, 2000) }
    expect(decideNote({ currency: 'KZT', value: 2000 }, ctx(base))).toBe('overBalanceCap')
    expect(decideNote({ currency: 'KZT', value: 1000 }, ctx(base))).toBeNull() // exactly 200 000
  })

  it('counts the bonus against the balance cap', () => {
    const config = loadConfig({ bonus: [{ fromKzt: 5000, percent: '1', maxKzt: 1000 }] })
    // 5000 net + 50 bonus on 195 000 would make 200 050
    expect(decideNote({ currency: 'KZT', value: 5000 }, ctx({ config, amountKzt: 5000, balanceKzt: 195_000 }))).toBe('overBalanceCap')
    expect(decideNote({ currency: 'KZT', value: 5000 }, ctx({ config, amountKzt: 5000, balanceKzt: 194_950 }))).toBeNull()
  })
})

// ---------------------------------------------------------------------------------------------
// Property-style checks over generated cases.
// ---------------------------------------------------------------------------------------------
const FOREIGN_BILLS: Record<Exclude<CurrencyCode, 'KZT'>, number[]> = {
  USD: [1, 2, 5, 10, 20, 50, 100],
  EUR: [5, 10, 20, 50, 100],
  RUB: [50, 100, 500, 1000, 5000],
  CNY: [1, 5, 10, 20, 50, 100]
}

/** A valid configuration with random foreign rates, fees and (non-decreasing) bonus tiers. */
function randomConfig(g: Gen, fees: 'random' | 'zeroTenge' | 'percentage'): KioskConfig {
  const currencies: Record<string, unknown> = {}
  for (const code of ['USD', 'EUR', 'RUB', 'CNY'] as const) if (g.bool()) currencies[code] = { rate: g.rate(), bills: FOREIGN_BILLS[code] }
  const feeRule = (): FeeRule => ({ percent: g.decimal(g.pick([0, 3, 10]), 2), minKzt: g.pick([0, 0, g.int(1, 300)]) })
  const tiers: BonusTier[] = []
  let from = 0
  let percent = 0
  let max = 0
  for (let n = g.int(0, 3); n > 0; n--) {
    from += g.int(0, 20_000)
    percent += g.int(0, 300) / 100
    max += g.int(0, 2000)
    tiers.push({ fromKzt: from, percent: percent.toFixed(2), maxKzt: max })
  }
  const cashKzt = fees === 'zeroTenge' ? { percent: '0', minKzt: 0 } : fees === 'percentage' ? { percent: g.decimal(5, 2), minKzt: g.int(0, 200) } : feeRule()
  const cashForeign = fees === 'percentage' ? { percent: g.decimal(5, 2), minKzt: g.int(0, 200) } : feeRule()
  return loadConfig({ currencies, fees: { cashKzt, cashForeign }, bonus: tiers })
}

function randomNote(g: Gen, config: KioskConfig, anyValue = false): Note {
  const codes = (Object.keys(config.currencies) as CurrencyCode[]).filter((c) => config.currencies[c])
  const currency = g.pick(codes)
  if (anyValue && g.int(0, 9) === 0) return { currency: g.pick(['KZT', 'USD', 'EUR', 'RUB', 'CNY'] as const), value: g.int(1, 30_000) }
  return { currency, value: g.pick(config.currencies[currency]!.bills) }
}

function randomNotes(g: Gen, config: KioskConfig, max: number): Note[] {
  const notes: Note[] = []
  for (let n = g.int(0, max); n > 0; n--) notes.push(randomNote(g, config))
  return notes
}

describe('money properties', () => {
  it(`credited = gross − fee + bonus and 0 ≤ fee ≤ gross (${CASES} cases)`, () => {
    const g = new Gen(2026)
    for (let i = 0; i < CASES; i++) {
      const config = randomConfig(g, 'random')
      const notes = randomNotes(g, config, 12)
      const b = cashBreakdown(notes, quoteRates(config), config)
      const why = JSON.stringify({ notes, fees: config.fees, bonus: config.bonus, quote: quoteRates(config) })
      expect(b.creditedKzt, why).toBe(b.grossKzt - b.feeKzt + b.bonusKzt)
      expect(b.grossKzt, why).toBe(b.tengeGrossKzt + b.foreignGrossKzt)
      expect(b.netKzt, why).toBe(b.grossKzt - b.feeKzt)
      expect(b.feeKzt, why).toBeGreaterThanOrEqual(0)
      expect(b.feeKzt, why).toBeLessThanOrEqual(b.grossKzt)
      expect(b.bonusKzt, why).toBeGreaterThanOrEqual(0)
      for (const v of Object.values(b)) expect(Number.isSafeInteger(v), why).toBe(true)
    }
  })

  it(`gross is each currency converted once with a bigint floor (${CASES} cases)`, () => {
    const g = new Gen(99)
    for (let i = 0; i < CASES; i++) {
      const config = randomConfig(g, 'random')
      const quote: RateQuote = quoteRates(config)
      const notes = randomNotes(g, config, 12)
      const units: Record<string, number> = {}
      for (const n of notes) units[n.currency] = (units[n.currency] ?? 0) + n.value
      let expected = units.KZT ?? 0
      for (const [code, u] of Object.entries(units)) if (code !== 'KZT') expected += refConvert(u, quote[code as CurrencyCode]!)
      expect(cashBreakdown(notes, quote, config).grossKzt, JSON.stringify({ notes, quote })).toBe(expected)
    }
  })

  for (const fees of ['zeroTenge', 'percentage'] as const) {
    it(`adding a stacked note never lowers credited (${fees === 'zeroTenge' ? 'tenge fee 0' : 'percentage fees'}, ${CASES} cases)`, () => {
      const g = new Gen(fees === 'zeroTenge' ? 11 : 12)
      for (let i = 0; i < CASES; i++) {
        const config = randomConfig(g, fees)
        const quote = quoteRates(config)
        const notes = randomNotes(g, config, 10)
        let previous = cashBreakdown([], quote, config)
        for (let k = 1; k <= notes.length; k++) {
          const current = cashBreakdown(notes.slice(0, k), quote, config)
          const why = JSON.stringify({ notes: notes.slice(0, k), fees: config.fees, bonus: config.bonus, quote })
          expect(current.creditedKzt, why).toBeGreaterThanOrEqual(previous.creditedKzt)
          expect(current.netKzt, why).toBeGreaterThanOrEqual(previous.netKzt)
          previous = current
        }
      }
    })
  }

  it(`decideNote never lets the net exceed maxTopUpKzt nor balance + credited exceed maxBalanceKzt (${CASES} cases)`, () => {
    const g = new Gen(31337)
    let stackedAny = 0
    let refusedForLimits = 0
    for (let i = 0; i < CASES; i++) {
      const maxTopUpKzt = g.pick([1000, 5000, 20_000, 100_000])
      const maxBalanceKzt = g.pick([10_000, 50_000, 200_000])
      const config = loadConfig({ ...randomConfigOverride(g), limits: { minTopUpKzt: 100, maxTopUpKzt, maxBalanceKzt } })
      const quote = quoteRates(config)
      const balanceKzt = g.int(0, maxBalanceKzt)
      const amountKzt = g.int(100, maxTopUpKzt)
      const stacked: Note[] = []
      for (let n = 0; n < 15; n++) {
        const note = randomNote(g, config, true)
        const refusal = decideNote(note, { stacked, amountKzt, balanceKzt, quote, config })
        if (refusal === 'overMaxTopUp' || refusal === 'overBalanceCap') refusedForLimits++
        if (refusal !== null) continue
        stacked.push(note)
        stackedAny++
        const b = cashBreakdown(stacked, quote, config)
        const why = JSON.stringify({ stacked, amountKzt, balanceKzt, limits: config.limits, fees: config.fees, bonus: config.bonus, quote })
        expect(b.netKzt, why).toBeLessThanOrEqual(maxTopUpKzt)
        expect(balanceKzt + b.creditedKzt, why).toBeLessThanOrEqual(maxBalanceKzt)
        expect(isAcceptedNote(note, config, quote), why).toBe(true)
      }
      // once the amount is reached every further accepted note is returned with amountReached
      const b = cashBreakdown(stacked, quote, config)
      if (b.netKzt >= amountKzt) expect(decideNote({ currency: 'KZT', value: 1000 }, { stacked, amountKzt, balanceKzt, quote, config })).toBe('amountReached')
    }
    // the generator exercises both outcomes
    expect(stackedAny).toBeGreaterThan(CASES)
    expect(refusedForLimits).toBeGreaterThan(100)
  })
})

/** The fee, bonus and currency parts of randomConfig, as a raw override (limits set by the caller). */
function randomConfigOverride(g: Gen): Record<string, unknown> {
  const c = randomConfig(g, 'random')
  return { currencies: c.currencies, fees: c.fees, bonus: c.bonus }
}
