import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG, kioskConfigSchema, loadConfig, mergeConfig, type BonusTier, type FeeRule, type KioskConfig } from '../../src/core/config'
import {
  bonus,
  cardBreakdown,
  cashBreakdown,
  checkAmount,
  convertToKzt,
  decideNote,
  fee,
  fewestNotes,
  isAcceptedNote,
  maxAmountFor,
  parseScaled,
  payingOption,
  quoteRates,
  type Note,
  type NoteContext
} from '../../src/core/money'
import { makeKiosk } from './helpers'

// Generated cases (random configurations and note sequences) live in money.properties.test.ts.

/**
 * An explicit configuration, independent of the defaults' currencies and bonus: `currencies`
 * replaces the default list, `bonus` starts empty; the rest is merged over the defaults.
 */
function explicitConfig(currencies: Record<string, unknown>, over: Record<string, unknown> = {}): KioskConfig {
  const base = { ...DEFAULT_CONFIG, currencies, bonus: [] }
  return kioskConfigSchema.parse(mergeConfig(base, over))
}
/** Tenge notes only, no bonus (what the kiosk was before the money-rules release). */
const tengeOnly = (over: Record<string, unknown> = {}) => explicitConfig({ KZT: DEFAULT_CONFIG.currencies.KZT }, over)

const USD_RATE = '471.3725'
/** Tenge, USD, EUR and RUB (no CNY) at fixed rates, no bonus. */
const foreignConfig = (over: Record<string, unknown> = {}): KioskConfig =>
  explicitConfig(
    {
      KZT: DEFAULT_CONFIG.currencies.KZT,
      USD: { rate: USD_RATE, bills: [1, 2, 5, 10, 20, 50, 100] },
      EUR: { rate: '512.1', bills: [5, 10, 20, 50, 100] },
      RUB: { rate: '5.3017', bills: [50, 100, 500, 1000, 5000] }
    },
    over
  )

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
    const b = cashBreakdown(kzt(1000, 500, 2000), {}, tengeOnly())
    expect(b).toEqual({ tengeGrossKzt: 3500, foreignGrossKzt: 0, grossKzt: 3500, feeKzt: 0, netKzt: 3500, bonusKzt: 0, creditedKzt: 3500 })
  })

  it('is all zeros with no notes', () => {
    expect(cashBreakdown([], quoteRates(loadConfig()), loadConfig())).toEqual({
      tengeGrossKzt: 0,
      foreignGrossKzt: 0,
      grossKzt: 0,
      feeKzt: 0,
      netKzt: 0,
      bonusKzt: 0,
      creditedKzt: 0
    })
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
    const config = foreignConfig({
      currencies: { USD: { rate: '0.5', bills: [1] }, EUR: { rate: '0.5', bills: [1] } },
      fees: { cashForeign: { percent: '0', minKzt: 0 } }
    })
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
    const config = tengeOnly({ fees: { cashKzt: { percent: '1', minKzt: 0 } }, bonus: [{ fromKzt: 5000, percent: '2', maxKzt: 1000 }] })
    const b = cashBreakdown(kzt(5000, 1000), {}, config)
    expect(b.grossKzt).toBe(6000)
    expect(b.feeKzt).toBe(60)
    expect(b.netKzt).toBe(5940)
    expect(b.bonusKzt).toBe(118) // floor(118.8)
    expect(b.creditedKzt).toBe(5940 + 118)
  })

  it('gives no bonus when the fee brings the net below the tier', () => {
    const config = tengeOnly({ fees: { cashKzt: { percent: '1', minKzt: 0 } }, bonus: [{ fromKzt: 5000, percent: '2', maxKzt: 1000 }] })
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

  it('is an amount checkAmount accepts whenever it is at least the minimum, and one more is refused (every balance 0–210 000)', () => {
    for (let balance = 0; balance <= 210_000; balance++) {
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
    const config = tengeOnly()
    expect(isAcceptedNote({ currency: 'KZT', value: 1000 }, config, {})).toBe(true)
    expect(isAcceptedNote({ currency: 'KZT', value: 300 }, config, {})).toBe(false)
    expect(isAcceptedNote({ currency: 'KZT', value: 100 }, config, {})).toBe(false)
  })

  it('refuses a currency that is not configured', () => {
    // even with a rate in the quote: the currency itself is not configured
    expect(isAcceptedNote({ currency: 'USD', value: 1 }, tengeOnly(), { USD: USD_RATE })).toBe(false)
    expect(isAcceptedNote({ currency: 'CNY', value: 100 }, foreignConfig(), { CNY: '65.08' })).toBe(false)
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
    expect(quoteRates(tengeOnly())).toEqual({})
  })

  it('quotes the four default currencies at their default rates', () => {
    expect(quoteRates(loadConfig())).toEqual({ USD: '471.3725', EUR: '512.40', RUB: '5.1215', CNY: '65.08' })
  })

  it('quotes every configured foreign currency at its configured rate, never tenge', () => {
    expect(quoteRates(foreignConfig())).toEqual({ USD: '471.3725', EUR: '512.1', RUB: '5.3017' })
  })
})

describe('decideNote', () => {
  const ctx = (over: Partial<NoteContext> & { config?: NoteContext['config'] } = {}): NoteContext => {
    const config = over.config ?? tengeOnly()
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
    const config = tengeOnly({ limits: { maxTopUpKzt: 5000 } })
    expect(decideNote({ currency: 'KZT', value: 2000 }, ctx({ config, amountKzt: 5000, stacked: kzt(2000, 2000) }))).toBe('overMaxTopUp')
    expect(decideNote({ currency: 'KZT', value: 1000 }, ctx({ config, amountKzt: 5000, stacked: kzt(2000, 2000) }))).toBeNull()
  })

  it('returns a note that would exceed the balance cap', () => {
    const base = { amountKzt: 5000, balanceKzt: 195_000, stacked: kzt(2000, 2000) }
    expect(decideNote({ currency: 'KZT', value: 2000 }, ctx(base))).toBe('overBalanceCap')
    expect(decideNote({ currency: 'KZT', value: 1000 }, ctx(base))).toBeNull() // exactly 200 000
  })

  it('counts the bonus against the balance cap', () => {
    const config = tengeOnly({ bonus: [{ fromKzt: 5000, percent: '1', maxKzt: 1000 }] })
    // 5000 net + 50 bonus on 195 000 would make 200 050
    expect(decideNote({ currency: 'KZT', value: 5000 }, ctx({ config, amountKzt: 5000, balanceKzt: 195_000 }))).toBe('overBalanceCap')
    expect(decideNote({ currency: 'KZT', value: 5000 }, ctx({ config, amountKzt: 5000, balanceKzt: 194_950 }))).toBeNull()
  })
})

describe('cardBreakdown', () => {
  it('charges the chosen amount: fee(bankCard, amount), then net, bonus and credited as for cash', () => {
    const config = tengeOnly({ fees: { bankCard: { percent: '2', minKzt: 100 } }, bonus: [{ fromKzt: 5000, percent: '1', maxKzt: 30 }] })
    expect(cardBreakdown(1000, config)).toEqual({
      tengeGrossKzt: 1000,
      foreignGrossKzt: 0,
      grossKzt: 1000,
      feeKzt: 100,
      netKzt: 900,
      bonusKzt: 0,
      creditedKzt: 900
    })
    // 2 % of 6000 = 120, net 5880, bonus floor(58.8) = 58 capped at 30
    expect(cardBreakdown(6000, config)).toMatchObject({ feeKzt: 120, netKzt: 5880, bonusKzt: 30, creditedKzt: 5910 })
  })

  it('charges no fee with the default bank-card rule', () => {
    expect(cardBreakdown(3000, loadConfig())).toMatchObject({ grossKzt: 3000, feeKzt: 0, creditedKzt: 3000 })
  })
})

describe('fewestNotes', () => {
  it('finds the fewest notes adding up to exactly the total', () => {
    expect(fewestNotes(7, [1, 2, 5])).toEqual([5, 2])
    expect(fewestNotes(650, [50, 100, 200, 500])).toEqual([500, 100, 50])
    // greedy would take 5 + 1 + 1 + 1 (4 notes); 4 + 4 is 2
    expect(fewestNotes(8, [1, 4, 5])).toEqual([4, 4])
    expect(fewestNotes(0, [1])).toEqual([])
  })

  it('is null when no combination pays the total exactly', () => {
    expect(fewestNotes(3, [2, 5])).toBeNull()
    expect(fewestNotes(1, [2])).toBeNull()
  })
})

describe('payingOption', () => {
  const ctx = (config: KioskConfig, over: Partial<NoteContext> = {}): NoteContext => ({
    stacked: [],
    amountKzt: 3000,
    balanceKzt: 500,
    quote: quoteRates(config),
    config,
    ...over
  })

  it('takes the next payable sum when the smallest multiple of the notes cannot be paid (200 and 500 make no 300)', () => {
    const config = tengeOnly()
    expect(payingOption('KZT', ctx(config, { amountKzt: 300 }))).toMatchObject({ units: 400, notes: [200, 200] })
    expect(payingOption('KZT', ctx(config, { amountKzt: 100 }))).toMatchObject({ units: 200, notes: [200] })
  })

  it('counts the notes already stacked, in any currency', () => {
    const config = loadConfig()
    // 1 000 ₸ stacked: 2 000 ₸ more, or USD whose own fee is charged on the USD part only
    const stacked = kzt(1000)
    expect(payingOption('KZT', ctx(config, { stacked }))).toMatchObject({ units: 2000, notes: [2000] })
    // 5 USD: floor(2356.8625) − 100 = 2256 ≥ 2000; 4 USD: 1885 − 100 = 1785 < 2000
    expect(payingOption('USD', ctx(config, { stacked }))).toMatchObject({ units: 5, notes: [5], breakdown: { grossKzt: 3356, feeKzt: 100, netKzt: 3256 } })
  })

  it('is null once the amount is reached, for a currency not configured or not quoted, and when the notes would break a limit', () => {
    const config = loadConfig()
    expect(payingOption('KZT', ctx(config, { stacked: kzt(5000) }))).toBeNull()
    expect(payingOption('CNY', ctx(tengeOnly()))).toBeNull()
    expect(payingOption('USD', ctx(config, { quote: {} }))).toBeNull()
    // balance 199 900: 200 ₸ would make 200 100
    expect(payingOption('KZT', ctx(config, { amountKzt: 100, balanceKzt: 199_900 }))).toBeNull()
  })
})

// ---------------------------------------------------------------------------------------------
// The worked examples of docs/money.md, with the numbers the docs print. Each has a scenario
// file (tests/scenarios/money-*.json) that the CLI test runs and checks against the same numbers.
// ---------------------------------------------------------------------------------------------
describe('worked examples of docs/money.md (defaults)', () => {
  const config = loadConfig()
  const quote = quoteRates(config)
  /** Feeds notes through decideNote one by one; returns the decisions and the breakdown of what was stacked. */
  const feed = (notes: Note[], amountKzt: number, balanceKzt: number, cfg: KioskConfig = config, q = quote) => {
    const stacked: Note[] = []
    const decisions = notes.map((note) => {
      const refusal = decideNote(note, { stacked, amountKzt, balanceKzt, quote: q, config: cfg })
      if (refusal === null) stacked.push(note)
      return refusal
    })
    return { decisions, stacked, breakdown: cashBreakdown(stacked, q, cfg) }
  }
  const breakdown = (tenge: number, foreign: number, fee: number, bonus: number) => ({
    tengeGrossKzt: tenge,
    foreignGrossKzt: foreign,
    grossKzt: tenge + foreign,
    feeKzt: fee,
    netKzt: tenge + foreign - fee,
    bonusKzt: bonus,
    creditedKzt: tenge + foreign - fee + bonus
  })

  it('the defaults are the ones the docs state', () => {
    expect(quote).toEqual({ USD: '471.3725', EUR: '512.40', RUB: '5.1215', CNY: '65.08' })
    expect(config.currencies).toEqual({
      KZT: { bills: [200, 500, 1000, 2000, 5000, 10000, 20000] },
      USD: { rate: '471.3725', bills: [1, 2, 5, 10, 20, 50, 100] },
      EUR: { rate: '512.40', bills: [5, 10, 20, 50, 100, 200] },
      RUB: { rate: '5.1215', bills: [50, 100, 200, 500, 1000, 2000, 5000] },
      CNY: { rate: '65.08', bills: [1, 5, 10, 20, 50, 100] }
    })
    expect(config.fees).toEqual({ cashKzt: { percent: '0', minKzt: 0 }, cashForeign: { percent: '2', minKzt: 100 }, bankCard: { percent: '0', minKzt: 0 } })
    expect(config.bonus).toEqual([{ fromKzt: 10000, percent: '5', maxKzt: 2000 }])
    expect(config.limits).toEqual({ minTopUpKzt: 100, maxTopUpKzt: 100000, maxBalanceKzt: 200000 })
    expect(config.timeouts.rateLockSeconds).toBe(120)
    expect(config.timeouts.posSeconds).toBe(60)
  })

  it('1. tenge only (money-tenge-amount-passed.json): 1 000 + 500 + 2 000 for 3 000, then 200 returned', () => {
    const r = feed(kzt(1000, 500, 2000, 200), 3000, 500)
    expect(r.decisions).toEqual([null, null, null, 'amountReached'])
    expect(cashBreakdown(kzt(1000, 500), quote, config).netKzt).toBe(1500) // below 3 000: the 2 000 is still taken
    expect(r.breakdown).toEqual(breakdown(3500, 0, 0, 0))
    expect(500 + r.breakdown.creditedKzt).toBe(4000)
  })

  it('2. 7 USD for 3 000 ₸ (money-usd-seven-dollars.json): gross 3 299, fee 100, credited 3 199', () => {
    expect(convertToKzt(7, '471.3725')).toBe(3299) // 3 299.6075
    expect(fee(config.fees.cashForeign, 3299)).toBe(100) // 2 % = 65.98 < minimum 100
    const r = feed(usd(5, 2), 3000, 500)
    expect(r.decisions).toEqual([null, null])
    expect(cashBreakdown(usd(5), quote, config)).toEqual(breakdown(0, 2356, 100, 0)) // net 2 256 after the 5 USD
    expect(r.breakdown).toEqual(breakdown(0, 3299, 100, 0))
    expect(r.breakdown.creditedKzt).toBe(3199)
    // 6 USD would not do: floor(2 828.235) − 100 = 2 728 < 3 000
    expect(cashBreakdown(usd(5, 1), quote, config).netKzt).toBe(2728)
  })

  it('2. what the cash screen offers for 3 000 ₸ in each currency (payingOption)', () => {
    const ctx: NoteContext = { stacked: [], amountKzt: 3000, balanceKzt: 500, quote, config }
    const options = (['KZT', 'USD', 'EUR', 'RUB', 'CNY'] as const).map((c) => {
      const o = payingOption(c, ctx)!
      return { currency: c, units: o.units, notes: o.notes, gross: o.breakdown.grossKzt, fee: o.breakdown.feeKzt, credited: o.breakdown.creditedKzt }
    })
    expect(options).toEqual([
      { currency: 'KZT', units: 3000, notes: [2000, 1000], gross: 3000, fee: 0, credited: 3000 },
      { currency: 'USD', units: 7, notes: [5, 2], gross: 3299, fee: 100, credited: 3199 },
      { currency: 'EUR', units: 10, notes: [10], gross: 5124, fee: 103, credited: 5021 },
      { currency: 'RUB', units: 650, notes: [500, 100, 50], gross: 3328, fee: 100, credited: 3228 },
      { currency: 'CNY', units: 48, notes: [20, 20, 5, 1, 1, 1], gross: 3123, fee: 100, credited: 3023 }
    ])
    // one payable sum less does not reach 3 000: 5 EUR → 2 462, 600 RUB → 2 972, 47 CNY → 2 958
    expect(cashBreakdown([{ currency: 'EUR', value: 5 }], quote, config).netKzt).toBe(2462)
    expect(cashBreakdown([{ currency: 'RUB', value: 600 }], quote, config).netKzt).toBe(2972)
    expect(cashBreakdown([{ currency: 'CNY', value: 47 }], quote, config).netKzt).toBe(2958)
  })

  it('3. tenge and dollars (money-mixed-usd-tenge.json): each part pays its own fee', () => {
    const r = feed([...kzt(2000), ...usd(10)], 5000, 500)
    expect(r.decisions).toEqual([null, null])
    expect(r.breakdown).toEqual(breakdown(2000, 4713, 100, 0))
    expect(r.breakdown.creditedKzt).toBe(6613)
    expect(fee(config.fees.cashKzt, 2000)).toBe(0)
    expect(fee(config.fees.cashForeign, 4713)).toBe(100) // ceil(94.26) = 95 < 100
    expect(fee(config.fees.cashForeign, 6713)).toBe(135) // what one fee on the pooled gross would have been
  })

  it('4. the bonus tier is reached (money-bonus-tier.json): 20 000 ₸ → +1 000', () => {
    const r = feed(kzt(20000), 20000, 500)
    expect(r.breakdown).toEqual(breakdown(20000, 0, 0, 1000))
    expect(r.breakdown.creditedKzt).toBe(21000)
    expect(bonus(config.bonus, 9999)).toBe(0)
    expect(bonus(config.bonus, 10000)).toBe(500)
  })

  it('5. the bonus cap (money-bonus-cap.json): 50 000 ₸ → 5 % is 2 500, capped at 2 000', () => {
    const r = feed(kzt(20000, 20000, 10000), 50000, 500)
    expect(r.decisions).toEqual([null, null, null])
    expect(cashBreakdown(kzt(20000, 20000), quote, config).creditedKzt).toBe(42000)
    expect(r.breakdown).toEqual(breakdown(50000, 0, 0, 2000))
    expect(r.breakdown.creditedKzt).toBe(52000)
    expect(bonus(config.bonus, 40000)).toBe(2000) // the cap starts to bite at 40 000
  })

  it('6. fee rounded up, bonus rounded down (money-mixed-rounding.json): 5 000 ₸ + 50 USD', () => {
    const r = feed([...kzt(5000), ...usd(50)], 25000, 500)
    expect(convertToKzt(50, '471.3725')).toBe(23568) // 23 568.625
    expect(fee(config.fees.cashForeign, 23568)).toBe(472) // 471.36 rounded up
    expect(bonus(config.bonus, 28096)).toBe(1404) // 1 404.8 rounded down
    expect(r.breakdown).toEqual(breakdown(5000, 23568, 472, 1404))
    expect(r.breakdown.creditedKzt).toBe(29500)
  })

  it('7. a note returned for overBalanceCap (money-returned-over-balance-cap.json): the bonus counts', () => {
    expect(checkAmount(10000, 185000, config.limits)).toBeNull()
    const r = feed(kzt(5000, 10000, 5000), 10000, 185000)
    expect(r.decisions).toEqual([null, 'overBalanceCap', null])
    // with the 10 000: net 15 000 + bonus 750 = 15 750; 185 000 + 15 750 = 200 750 > 200 000
    expect(cashBreakdown(kzt(5000, 10000), quote, config)).toMatchObject({ netKzt: 15000, bonusKzt: 750, creditedKzt: 15750 })
    expect(r.breakdown).toEqual(breakdown(10000, 0, 0, 500))
    expect(185000 + r.breakdown.creditedKzt).toBe(195500)
  })

  it('8. a note returned for overMaxTopUp (money-returned-over-max-top-up.json)', () => {
    const r = feed(kzt(20000, 20000, 20000, 20000, 10000, 20000, 5000), 95000, 500)
    expect(r.decisions).toEqual([null, null, null, null, null, 'overMaxTopUp', null])
    expect(cashBreakdown(kzt(20000, 20000, 20000, 20000, 10000, 20000), quote, config).netKzt).toBe(110000)
    expect(r.breakdown).toEqual(breakdown(95000, 0, 0, 2000))
    expect(r.breakdown.creditedKzt).toBe(97000)
  })

  it('9. bank card with a fee (money-bank-card-fee.json): 1.5 %, at least 50', () => {
    const withFee = loadConfig({ fees: { bankCard: { percent: '1.5', minKzt: 50 } } })
    expect(cardBreakdown(12000, withFee)).toEqual({
      tengeGrossKzt: 12000,
      foreignGrossKzt: 0,
      grossKzt: 12000,
      feeKzt: 180,
      netKzt: 11820,
      bonusKzt: 591,
      creditedKzt: 12411
    })
    expect(cardBreakdown(2000, withFee)).toMatchObject({ feeKzt: 50, netKzt: 1950, creditedKzt: 1950 }) // 1.5 % = 30 < 50
    // refused when balance + credited would pass the cap: 190 000 + 10 000 + bonus 500 (fails-bank-card-over-balance-cap.json)
    expect(checkAmount(10000, 190000, config.limits)).toBeNull()
    expect(190000 + cardBreakdown(10000, config).creditedKzt).toBe(200500)
  })

  it('10. rate lock: what the quote changes (money-rate-lock-*.json)', () => {
    // a) set to 480 before the cash screen: 10 USD = 4 800, fee 100
    expect(cashBreakdown(usd(10), { USD: '480' }, config)).toEqual(breakdown(0, 4800, 100, 0))
    // b) locked at 471.3725 by the first note; at the later market rate 500 it would have been 3 400
    expect(cashBreakdown(usd(5, 2), { USD: '471.3725' }, config).creditedKzt).toBe(3199)
    expect(cashBreakdown(usd(5, 2), { USD: '500' }, config).creditedKzt).toBe(3400)
    // c) re-quoted at 490 after 120 s with nothing stacked: 4 800; at the old quote 4 613
    expect(cashBreakdown(usd(10), { USD: '490' }, config).creditedKzt).toBe(4800)
    expect(cashBreakdown(usd(10), { USD: '471.3725' }, config).creditedKzt).toBe(4613)
  })

  it('10. rate lock on the kiosk: a stacked note locks the quote; with nothing stacked it is renewed after rateLockSeconds', async () => {
    const { kiosk, clock, act, journal } = makeKiosk({ config: { timeouts: { inactivitySeconds: 600 } } })
    const quotes = () => journal.all().filter((r) => r.kind === 'ratesQuoted')
    await act({ type: 'tapCard', number: '9398000011112222' })
    await act({ type: 'chooseAmount', kzt: 3000 })
    await act({ type: 'payCash' })
    const opened = clock.now()
    expect(quotes().map((r) => (r.data.rates as Record<string, string>).USD)).toEqual(['471.3725'])
    expect(kiosk.view().cash!.quote!.validUntil).toBe(new Date(Date.parse(kiosk.view().cash!.quote!.quotedAt) + 120_000).toISOString())
    // nothing stacked: the market moves, the quote on screen stays until it runs out, then is renewed
    await act({ type: 'setRate', currency: 'USD', rate: '490' })
    expect(kiosk.view().cash!.quote!.rates.find((r) => r.currency === 'USD')!.rate).toBe('471.3725')
    await clock.advance(opened + 121_000 - clock.now())
    expect(quotes().map((r) => (r.data.rates as Record<string, string>).USD)).toEqual(['471.3725', '490'])
    // a stacked note locks the renewed quote: no countdown any more, later market rates do not apply
    await act({ type: 'insertBill', currency: 'USD', value: 5 })
    expect(kiosk.view().cash!.quote!.validUntil).toBeNull()
    await act({ type: 'setRate', currency: 'USD', rate: '500' })
    await clock.advance(300_000)
    await act({ type: 'insertBill', currency: 'USD', value: 2 })
    expect(quotes()).toHaveLength(2)
    // 7 USD at 490 = 3 430, fee 100
    expect(kiosk.view().cash!.breakdown).toEqual(breakdown(0, 3430, 100, 0))
    kiosk.stop()
  })
})
