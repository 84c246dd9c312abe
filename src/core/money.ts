/**
 * Every money rule of the kiosk, in one pure module (see docs/money.md).
 * Amounts are whole tenge (number, always an integer); rates and percentages are decimal
 * strings turned into scaled bigints so no binary floating point ever touches money.
 */
import type { BonusTier, CurrencyCode, FeeRule, KioskConfig, Limits } from './config'

export interface Note {
  currency: CurrencyCode
  value: number
}

/** Tenge per 1 unit of each foreign currency, as quoted (decimal strings). */
export type RateQuote = Partial<Record<CurrencyCode, string>>

const RATE_SCALE = 10_000n // rates have at most 4 decimals
const PERCENT_SCALE = 100n // percentages have at most 2 decimals

/** Parses a non-negative decimal string with at most `decimals` decimals into an integer scaled by 10^decimals. */
export function parseScaled(text: string, decimals: number): bigint {
  // The same few rates and percentages are parsed for every view and every note: remembered (a bounded few).
  const key = `${decimals}:${text}`
  const known = parsedScaled.get(key)
  if (known !== undefined) return known
  if (parsedScaled.size >= 1000) parsedScaled.clear()
  const value = parseScaledText(text, decimals)
  parsedScaled.set(key, value)
  return value
}

const parsedScaled = new Map<string, bigint>()

function parseScaledText(text: string, decimals: number): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match || (match[2]?.length ?? 0) > decimals) throw new RangeError(`not a decimal with at most ${decimals} decimals: "${text}"`)
  return BigInt(match[1]! + (match[2] ?? '').padEnd(decimals, '0'))
}

const toBig = (kzt: number): bigint => {
  if (!Number.isSafeInteger(kzt)) throw new RangeError(`not a whole amount of tenge: ${kzt}`)
  return BigInt(kzt)
}

/** floor(a / b) for non-negative bigints. */
const floorDiv = (a: bigint, b: bigint): bigint => a / b
/** ceil(a / b) for non-negative bigints. */
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b

/** Converts a number of foreign currency units to tenge: floor(units × rate). */
export function convertToKzt(units: number, rate: string): number {
  return Number(floorDiv(toBig(units) * parseScaled(rate, 4), RATE_SCALE))
}

/** fee(rule, base) = base > 0 ? min(base, max(rule.minKzt, ceil(base × percent / 100))) : 0 */
export function fee(rule: FeeRule, baseKzt: number): number {
  if (baseKzt <= 0) return 0
  const byPercent = Number(ceilDiv(toBig(baseKzt) * parseScaled(rule.percent, 2), 100n * PERCENT_SCALE))
  return Math.min(baseKzt, Math.max(rule.minKzt, byPercent))
}

/** The tier with the highest `fromKzt` that net reaches: min(maxKzt, floor(net × percent / 100)); 0 if none. */
export function bonus(tiers: readonly BonusTier[], netKzt: number): number {
  let tier: BonusTier | undefined
  for (const t of tiers) if (netKzt >= t.fromKzt && (!tier || t.fromKzt >= tier.fromKzt)) tier = t
  if (!tier || netKzt <= 0) return 0
  const byPercent = Number(floorDiv(toBig(netKzt) * parseScaled(tier.percent, 2), 100n * PERCENT_SCALE))
  return Math.min(tier.maxKzt, byPercent)
}

/** The full cash breakdown of a set of stacked notes. */
export interface CashBreakdown {
  /** Tenge notes at face value. */
  tengeGrossKzt: number
  /** Foreign notes, each currency converted once at the quoted rate. */
  foreignGrossKzt: number
  grossKzt: number
  feeKzt: number
  netKzt: number
  bonusKzt: number
  creditedKzt: number
}

/** Sums notes per currency (foreign cash in whole units). */
export function unitsByCurrency(notes: readonly Note[]): Partial<Record<CurrencyCode, number>> {
  const units: Partial<Record<CurrencyCode, number>> = {}
  for (const n of notes) units[n.currency] = (units[n.currency] ?? 0) + n.value
  return units
}

/** Rules 1–5 of docs/money.md for cash: gross, fee, net, bonus, credited. */
export function cashBreakdown(notes: readonly Note[], quote: RateQuote, config: Pick<KioskConfig, 'fees' | 'bonus'>): CashBreakdown {
  let tengeGrossKzt = 0
  let foreignGrossKzt = 0
  for (const [currency, units] of Object.entries(unitsByCurrency(notes)) as [CurrencyCode, number][]) {
    if (currency === 'KZT') tengeGrossKzt += units
    else {
      const rate = quote[currency]
      if (rate === undefined) throw new RangeError(`no rate quoted for ${currency}`)
      foreignGrossKzt += convertToKzt(units, rate)
    }
  }
  const grossKzt = tengeGrossKzt + foreignGrossKzt
  const feeKzt = fee(config.fees.cashKzt, tengeGrossKzt) + fee(config.fees.cashForeign, foreignGrossKzt)
  const netKzt = grossKzt - feeKzt
  const bonusKzt = bonus(config.bonus, netKzt)
  return { tengeGrossKzt, foreignGrossKzt, grossKzt, feeKzt, netKzt, bonusKzt, creditedKzt: netKzt + bonusKzt }
}

export type AmountRefusal = 'belowMin' | 'aboveMax' | 'overBalanceCap'

/**
 * Rule 6 for the chosen amount: minTopUp ≤ amount ≤ maxTopUp and balance + amount ≤ maxBalance.
 * With bonus tiers, the bonus that amount earns counts against the cap too: otherwise the kiosk
 * would accept an amount that no note (and no bank card) could then pay without breaking the cap.
 */
export function checkAmount(amountKzt: number, balanceKzt: number, limits: Limits, tiers: readonly BonusTier[] = []): AmountRefusal | null {
  if (amountKzt < limits.minTopUpKzt) return 'belowMin'
  if (amountKzt > limits.maxTopUpKzt) return 'aboveMax'
  if (balanceKzt + amountKzt + bonus(tiers, amountKzt) > limits.maxBalanceKzt) return 'overBalanceCap'
  return null
}

/** A preset as the amount screen offers it: refused as a typed amount would be (rule 6), saying why; before a card is known, by the limits only. */
export function amountPreset(
  kzt: number,
  balanceKzt: number | null,
  limits: Limits,
  tiers: readonly BonusTier[] = []
): { kzt: number; available: boolean; reason?: AmountRefusal } {
  const reason = checkAmount(kzt, balanceKzt ?? 0, limits, tiers)
  return reason ? { kzt, available: false, reason } : { kzt, available: true }
}

/** The largest amount the card can still take: limited by the per-top-up maximum and the balance cap (with its bonus). */
export function maxAmountFor(balanceKzt: number, limits: Limits, tiers: readonly BonusTier[] = []): number {
  let high = Math.max(0, Math.min(limits.maxTopUpKzt, limits.maxBalanceKzt - balanceKzt))
  if (balanceKzt + high + bonus(tiers, high) <= limits.maxBalanceKzt) return high
  // amount + bonus grows with the amount: find the largest amount that still fits.
  let low = 0
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (balanceKzt + mid + bonus(tiers, mid) <= limits.maxBalanceKzt) low = mid
    else high = mid
  }
  return low
}

export type NoteRefusal = 'notAccepted' | 'amountReached' | 'overMaxTopUp' | 'overBalanceCap'

export interface NoteContext {
  /** Notes already stacked in this transaction. */
  stacked: readonly Note[]
  amountKzt: number
  balanceKzt: number
  quote: RateQuote
  config: Pick<KioskConfig, 'currencies' | 'fees' | 'bonus' | 'limits'>
}

/** Whether the currency and value are configured as accepted notes (and, for foreign cash, quoted). */
export function isAcceptedNote(note: Note, config: Pick<KioskConfig, 'currencies'>, quote: RateQuote): boolean {
  const currency = config.currencies[note.currency]
  if (!currency || !currency.bills.includes(note.value)) return false
  return note.currency === 'KZT' || quote[note.currency] !== undefined
}

/**
 * Rule 6 for a note in escrow: stack it, or return it and say why. Every stacked note is
 * credited (no change), so a note is returned whenever stacking it would break a limit.
 */
export function decideNote(note: Note, ctx: NoteContext): NoteRefusal | null {
  if (!isAcceptedNote(note, ctx.config, ctx.quote)) return 'notAccepted'
  const before = cashBreakdown(ctx.stacked, ctx.quote, ctx.config)
  if (before.netKzt >= ctx.amountKzt) return 'amountReached'
  const after = cashBreakdown([...ctx.stacked, note], ctx.quote, ctx.config)
  if (after.netKzt > ctx.config.limits.maxTopUpKzt) return 'overMaxTopUp'
  if (ctx.balanceKzt + after.creditedKzt > ctx.config.limits.maxBalanceKzt) return 'overBalanceCap'
  return null
}

/**
 * How much tenge cash the customer still has to insert for the chosen amount, fee included: the
 * smallest sum of tenge that, added to the notes stacked, makes net reach the amount (0 once it does).
 */
export function tengeStillToInsert(ctx: Pick<NoteContext, 'stacked' | 'amountKzt' | 'quote'> & { config: Pick<KioskConfig, 'fees' | 'bonus'> }): number {
  const netWith = (kzt: number) => cashBreakdown(kzt > 0 ? [...ctx.stacked, { currency: 'KZT', value: kzt }] : ctx.stacked, ctx.quote, ctx.config).netKzt
  if (netWith(0) >= ctx.amountKzt) return 0
  // net grows with every tenge (a fee rises by at most what it is charged on): double, then halve.
  let high = Math.max(1, ctx.amountKzt - netWith(0))
  while (netWith(high) < ctx.amountKzt) high *= 2
  let low = 0
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2)
    if (netWith(mid) >= ctx.amountKzt) high = mid
    else low = mid
  }
  return high
}

/** The quote of the currently accepted currencies: tenge per unit, as configured. */
export function quoteRates(config: Pick<KioskConfig, 'currencies'>): RateQuote {
  const quote: RateQuote = {}
  for (const [code, currency] of Object.entries(config.currencies) as [CurrencyCode, { rate?: string } | undefined][]) {
    if (code !== 'KZT' && currency?.rate) quote[code] = currency.rate
  }
  return quote
}

/** Rule 8: a bank-card payment of the chosen amount: fee(bankCard, amount), net, bonus, credited. */
export function cardBreakdown(amountKzt: number, config: Pick<KioskConfig, 'fees' | 'bonus'>): CashBreakdown {
  const feeKzt = fee(config.fees.bankCard, amountKzt)
  const netKzt = amountKzt - feeKzt
  const bonusKzt = bonus(config.bonus, netKzt)
  return { tengeGrossKzt: amountKzt, foreignGrossKzt: 0, grossKzt: amountKzt, feeKzt, netKzt, bonusKzt, creditedKzt: netKzt + bonusKzt }
}

/** The fewest notes of the given values that add up to exactly `total` units, or null if none do. */
export function fewestNotes(total: number, values: readonly number[]): number[] | null {
  // A fewest-notes answer holds fewer than `largest` notes of each smaller value (that many could be
  // swapped for fewer largest notes), so past `bound` it holds at least `k` largest notes: take those
  // and solve the rest. The same count and the same totals that can be paid, with a table of at most
  // `bound + largest` entries whatever the total (a tiny rate once made it millions, for every view).
  const distinct = [...new Set(values)].sort((a, b) => a - b)
  if (distinct.length === 0) return total === 0 ? [] : null
  const largest = distinct.at(-1)!
  const bound = distinct.length > 1 ? (distinct.length - 1) * largest * distinct.at(-2)! : 0
  const k = total > bound ? Math.floor((total - bound) / largest) : 0
  const rest = fewestNotesByTable(total - k * largest, values)
  return rest && [...rest, ...new Array<number>(k).fill(largest)].sort((a, b) => b - a)
}

/** Coin change by dynamic programming over every sum up to `total`. */
function fewestNotesByTable(total: number, values: readonly number[]): number[] | null {
  const best: (number | undefined)[] = new Array(total + 1)
  const last: number[] = new Array(total + 1)
  best[0] = 0
  for (let sum = 1; sum <= total; sum++) {
    for (const v of values) {
      const prev = sum - v >= 0 ? best[sum - v] : undefined
      if (prev !== undefined && (best[sum] === undefined || prev + 1 < best[sum]!)) {
        best[sum] = prev + 1
        last[sum] = v
      }
    }
  }
  if (best[total] === undefined) return null
  const notes: number[] = []
  for (let sum = total; sum > 0; sum -= last[sum]!) notes.push(last[sum]!)
  return notes.sort((a, b) => b - a)
}

/** How a customer can reach the chosen amount with one currency, shown before the first note. */
export interface PayingOption {
  currency: CurrencyCode
  /** Tenge per unit as quoted (absent for tenge). */
  rate: string | null
  /** The smallest sum of this currency's notes that reaches the chosen amount, and the fewest notes for it. */
  units: number
  notes: number[]
  /** What paying exactly these notes (after those already stacked) would credit. */
  breakdown: CashBreakdown
}

/**
 * For one accepted currency: the smallest amount of its notes that, added to the notes already
 * stacked, makes net reach the chosen amount without breaking a limit; null when no such notes exist.
 */
export function payingOption(currency: CurrencyCode, ctx: NoteContext): PayingOption | null {
  const spec = ctx.config.currencies[currency]
  const rate = currency === 'KZT' ? null : (ctx.quote[currency] ?? null)
  if (!spec || (currency !== 'KZT' && rate === null)) return null
  const values = [...spec.bills].sort((a, b) => a - b)
  const step = values.reduce((g, v) => gcd(g, v))
  const netWith = (units: number): CashBreakdown => cashBreakdown([...ctx.stacked, { currency, value: units }], ctx.quote, ctx.config)
  const current = cashBreakdown(ctx.stacked, ctx.quote, ctx.config).netKzt
  if (current >= ctx.amountKzt) return null
  // net grows with every unit (a fee rises by at most what it is charged on), so search the smallest sum.
  let high = step
  while (netWith(high).netKzt < ctx.amountKzt) {
    high *= 2
    if (high > 10_000_000) return null
  }
  let low = 0
  while (high - low > step) {
    const mid = Math.floor((low + high) / 2 / step) * step
    if (mid <= low) break
    if (netWith(mid).netKzt >= ctx.amountKzt) high = mid
    else low = mid
  }
  // Not every multiple of the step can be paid (200 and 500 make no 300): take the next one that can.
  let notes: number[] | null = null
  for (let tries = 0; !notes && tries < 100; tries++, high += step)
    notes = fewestNotes(
      high / step,
      values.map((v) => v / step)
    )
  if (!notes) return null
  high -= step
  notes = notes.map((n) => n * step)
  const breakdown = netWith(high)
  if (breakdown.netKzt > ctx.config.limits.maxTopUpKzt || ctx.balanceKzt + breakdown.creditedKzt > ctx.config.limits.maxBalanceKzt) return null
  return { currency, rate, units: high, notes, breakdown }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}
