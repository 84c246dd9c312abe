import { z } from 'zod'
import { LANGUAGES } from './protocol/languages'
import { pinHashProblem } from './service/pins'

/** ISO 4217 codes the kiosk knows how to take as banknotes. */
export const CURRENCY_CODES = ['KZT', 'USD', 'EUR', 'RUB', 'CNY'] as const
export type CurrencyCode = (typeof CURRENCY_CODES)[number]
export const FOREIGN_CURRENCIES = CURRENCY_CODES.filter((c) => c !== 'KZT') as Exclude<CurrencyCode, 'KZT'>[]

/** The longest delay a timer can hold: setTimeout keeps at most 2^31 − 1 ms and fires a longer one at once. */
export const MAX_TIMER_MS = 2_147_483_647
/** The longest timeout in whole seconds (2 147 483 s, about 24.8 days). */
export const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000)
/**
 * The largest amount of tenge a limit, a fee, a bonus, a preset, a chosen amount or a card balance
 * may be. With notes and rates bounded too, no money sum can leave Number.MAX_SAFE_INTEGER
 * (docs/config.md, "Ranges").
 */
export const MAX_KZT = 100_000_000
/** The largest face value of one note, in units of its currency. */
export const MAX_NOTE_VALUE = 1_000_000
/** A rate has at most this many digits before the point: below 10 000 000 tenge per unit. */
export const MAX_RATE_INTEGER_DIGITS = 7
export const MAX_STACKER_CAPACITY = 1_000_000
export const MAX_CREDIT_ATTEMPTS = 10

/** An integer from `min` to `max`; every way of missing it gets the one message that says the range. */
export function boundedInt(min: number, max: number) {
  const message = `expected an integer from ${min} to ${max}`
  // abort: one message, not the same one per check missed (2^53 + 1 is both not a safe integer and too big).
  const check = { error: message, abort: true }
  return z.number({ error: message }).int(check).min(min, check).max(max, check)
}

const RATE_PATTERN = /^\d+(\.\d{1,4})?$/
const RATE_RANGE = `expected a rate from 0.0001 to ${'9'.repeat(MAX_RATE_INTEGER_DIGITS)}.9999 (at most ${MAX_RATE_INTEGER_DIGITS} digits before the point)`
/** A tenge-per-unit exchange rate: a positive decimal string with at most 4 decimals and 7 digits before the point. */
export const rateSchema = z
  .string({ error: 'expected a decimal string such as "471.3725"' })
  .regex(RATE_PATTERN, 'expected a decimal string with at most 4 decimals, such as "471.3725"')
  // The pattern first: one message per bad rate. Seven digits keep a note's worth (≤ 10^6 units) below 10^13 tenge.
  .refine((s) => !RATE_PATTERN.test(s) || s.split('.')[0]!.length <= MAX_RATE_INTEGER_DIGITS, RATE_RANGE)
  .refine((s) => !RATE_PATTERN.test(s) || s.split('.')[0]!.length > MAX_RATE_INTEGER_DIGITS || Number(s) > 0, 'expected a rate above 0')
const rate = rateSchema
const PERCENT_PATTERN = /^\d+(\.\d{1,2})?$/
/** A percentage from 0 to `max`: a decimal string with at most 2 decimals. */
function percent(max: number, range: string) {
  return z
    .string({ error: 'expected a decimal string such as "2.5"' })
    .regex(PERCENT_PATTERN, 'expected a non-negative decimal string with at most 2 decimals, such as "2.5"')
    .refine((s) => !PERCENT_PATTERN.test(s) || Number(s) <= max, range)
}
/** A fee of 100 % or more would keep the whole payment and credit nothing (fee() caps it at the payment). */
const feePercent = percent(99.99, 'expected a percentage from 0 to 99.99: a fee of 100 % or more would keep the whole payment')
const bonusPercent = percent(100, 'expected a percentage from 0 to 100')
const kzt = boundedInt(0, MAX_KZT)
const positiveKzt = boundedInt(1, MAX_KZT)
const seconds = boundedInt(1, MAX_TIMER_SECONDS)
/** WCAG 2.2.1 (Timing Adjustable): a customer warned of a timeout gets at least 20 s to ask for more time. */
export const MIN_WARNING_SECONDS = 20
const WARNING_RANGE = `expected an integer from ${MIN_WARNING_SECONDS} to ${MAX_TIMER_SECONDS}`
const warningSeconds = z
  .number({ error: WARNING_RANGE })
  .int({ error: WARNING_RANGE, abort: true })
  .max(MAX_TIMER_SECONDS, { error: WARNING_RANGE, abort: true })
  .min(MIN_WARNING_SECONDS, {
    error: `expected at least ${MIN_WARNING_SECONDS}: WCAG 2.2.1 gives a customer at least ${MIN_WARNING_SECONDS} s to ask for more time before the session ends`,
    abort: true
  })
const ms = boundedInt(0, MAX_TIMER_MS)
/** A text of 1 to `max` characters. */
const text = (max: number) => z.string({ error: 'expected a text' }).min(1, 'expected a text').max(max, `expected at most ${max} characters`)
const bills = z.array(boundedInt(1, MAX_NOTE_VALUE)).min(1, 'expected at least one note value').max(20, 'expected at most 20 note values')

/** A staff PIN as the configuration keeps it: only its salted hash, as `kiosk-sim hash-pin` prints it. */
const PIN_HASH_EXPECTED = 'expected a PIN hash made by kiosk-sim hash-pin'
const pinHash = z.string({ error: PIN_HASH_EXPECTED }).superRefine((stored, ctx) => {
  const problem = pinHashProblem(stored)
  if (problem) ctx.addIssue({ code: 'custom', message: `${PIN_HASH_EXPECTED}: ${problem}` })
})

/** Service mode (issue 15): who may enter with which PIN, the lockout after wrong PINs, the inactivity logout. */
const service = z.strictObject({
  /** Role → PIN hash; a role without one cannot log in. */
  pins: z.strictObject({ collector: pinHash.optional(), technician: pinHash.optional(), administrator: pinHash.optional() }),
  /** Wrong PINs in a row that lock PIN entry. */
  maxPinAttempts: boundedInt(1, 10),
  /** How long PIN entry stays locked after the last of them. */
  lockoutSeconds: seconds,
  /** Staff who touch nothing for this long are logged out. */
  inactivitySeconds: seconds
})

const feeRule = z.strictObject({ percent: feePercent, minKzt: kzt })
const bonusTier = z.strictObject({ fromKzt: kzt, percent: bonusPercent, maxKzt: kzt })

const currencies = z.strictObject({
  KZT: z.strictObject({ bills }),
  USD: z.strictObject({ rate, bills }).optional(),
  EUR: z.strictObject({ rate, bills }).optional(),
  RUB: z.strictObject({ rate, bills }).optional(),
  CNY: z.strictObject({ rate, bills }).optional()
})

export const kioskConfigSchema = z.strictObject({
  terminal: z.strictObject({
    /** 8-digit terminal number printed on receipts and shown on the info screen. */
    id: z.string().regex(/^\d{8}$/, 'expected 8 digits'),
    /** Where the kiosk stands: one text, or one per screen language (`en` required, the others fall back to it). */
    location: z.union([text(200), z.strictObject({ en: text(200), kk: text(200).optional(), ru: text(200).optional(), zh: text(200).optional() })]),
    supportPhone: text(40),
    issuerName: text(100),
    /** Business identification number of the card issuer (12 digits). */
    issuerBin: z.string().regex(/^\d{12}$/, 'expected 12 digits'),
    /** Demo mode: screens say the rates and cards are not real. */
    demo: z.boolean(),
    /** The attract screen's language, to which the kiosk returns after every session. */
    defaultLanguage: z.enum(LANGUAGES, { error: `expected one of ${LANGUAGES.join(', ')}` }),
    /** Where a customer opens an e-receipt: the QR code on screen is this plus the e-receipt token (unguessable; not the transaction id). */
    eReceiptBaseUrl: z.url({ error: 'expected an absolute URL such as "https://receipts.example.kz/r/"' }).max(200, 'expected at most 200 characters')
  }),
  currencies,
  fees: z.strictObject({ cashKzt: feeRule, cashForeign: feeRule, bankCard: feeRule }),
  bonus: z
    .array(bonusTier)
    .max(10, 'expected at most 10 bonus tiers')
    .superRefine((tiers, ctx) => {
      for (let i = 1; i < tiers.length; i++) {
        const [prev, cur] = [tiers[i - 1]!, tiers[i]!]
        if (cur.fromKzt < prev.fromKzt) ctx.addIssue({ code: 'custom', path: [i, 'fromKzt'], message: 'must not decrease from one tier to the next' })
        if (Number(cur.percent) < Number(prev.percent))
          ctx.addIssue({ code: 'custom', path: [i, 'percent'], message: 'must not decrease from one tier to the next' })
        if (cur.maxKzt < prev.maxKzt) ctx.addIssue({ code: 'custom', path: [i, 'maxKzt'], message: 'must not decrease from one tier to the next' })
      }
    }),
  limits: z
    .strictObject({ minTopUpKzt: positiveKzt, maxTopUpKzt: positiveKzt, maxBalanceKzt: positiveKzt })
    .refine((l) => l.minTopUpKzt <= l.maxTopUpKzt, { path: ['minTopUpKzt'], message: 'must not exceed maxTopUpKzt' })
    // A minimum above the balance cap would refuse every amount on every card.
    .refine((l) => l.minTopUpKzt <= l.maxBalanceKzt, { path: ['minTopUpKzt'], message: 'must not exceed maxBalanceKzt' }),
  /** Amounts offered as one-touch buttons on the amount screen (one outside the limits is refused like a typed amount). */
  amountPresetsKzt: z.array(positiveKzt).min(1, 'expected 1 to 6 amounts').max(6, 'expected 1 to 6 amounts'),
  timeouts: z.strictObject({
    /** No touch for this long (where the customer is expected to act) shows the inactivity warning. */
    inactivitySeconds: seconds,
    /** The warning's countdown, with "more time": at least 20 s (WCAG 2.2.1). */
    warningSeconds,
    rateLockSeconds: seconds,
    /** How long the done screen (the receipt, the new balance, the credit, the reference) stays unless the customer taps Done. */
    doneSeconds: seconds,
    /** How long it stays when the receipt could not be printed, so the customer can scan its QR code (if longer than doneSeconds). */
    eReceiptSeconds: seconds,
    /** The goodbye after the done screen. */
    thankYouSeconds: seconds,
    /** How long a card-problem screen waits before going back to idle by itself. */
    messageSeconds: seconds,
    /** A note left in escrow longer than this is returned by the validator. */
    escrowSeconds: seconds,
    /** How long the kiosk waits for the bank-card terminal before showing a timeout. */
    posSeconds: seconds,
    /** How long the kiosk waits for the host's answer before treating the outcome as unknown. */
    hostSeconds: seconds,
    /** How long the kiosk waits for the card to be put on the reader for writing the top-up; then it stays pending. */
    cardWriteSeconds: seconds,
    /** How long a notice the customer must read (a jammed note, its reference) stays before the kiosk goes on. */
    noticeSeconds: seconds
  }),
  devices: z.strictObject({
    billValidator: z.strictObject({
      stackMs: ms,
      returnMs: ms,
      stackerCapacity: boundedInt(1, MAX_STACKER_CAPACITY),
      /** The cassette's serial number, printed on each cash collection report. */
      cassetteId: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'expected 1 to 32 letters, digits or hyphens')
    }),
    host: z
      .strictObject({
        latencyMs: ms,
        slowLatencyMs: ms,
        /** Credit attempts (all with the same idempotency key) before the top-up is flagged for an operator. */
        creditAttempts: boundedInt(1, MAX_CREDIT_ATTEMPTS),
        /** The first retry waits this long; each next one twice as long. */
        retryBaseMs: boundedInt(1, MAX_TIMER_MS)
      })
      // The last retry (before attempt creditAttempts) waits retryBaseMs × 2^(creditAttempts − 2): a timer must hold it.
      .superRefine((h, ctx) => {
        const doublings = 2 ** (h.creditAttempts - 2)
        if (h.creditAttempts >= 2 && h.retryBaseMs * doublings > MAX_TIMER_MS) {
          const message = `expected at most ${Math.floor(MAX_TIMER_MS / doublings)} with creditAttempts ${h.creditAttempts}: the last retry waits retryBaseMs × ${doublings}, and a timer holds at most ${MAX_TIMER_MS} ms`
          ctx.addIssue({ code: 'custom', path: ['retryBaseMs'], message })
        }
      }),
    /** paper: the roll's width, 80 mm (48 columns, 576 dots) or 58 mm (32 columns, 384 dots). */
    printer: z.strictObject({ printMs: ms, paper: z.enum(['80mm', '58mm'], { error: 'expected "80mm" or "58mm"' }) }),
    cardReader: z.strictObject({ writeMs: ms }),
    pos: z.strictObject({ latencyMs: ms })
  }),
  service
})

export type KioskConfig = z.infer<typeof kioskConfigSchema>
export type FeeRule = KioskConfig['fees']['cashKzt']
export type BonusTier = KioskConfig['bonus'][number]
export type Limits = KioskConfig['limits']
export type ServiceConfig = KioskConfig['service']

/** The documented defaults; a scenario's or the user's `config` is merged over them. */
export const DEFAULT_CONFIG: KioskConfig = {
  terminal: {
    id: '00412783',
    location: {
      en: 'Almaty, Almaly metro station, entrance hall',
      ru: 'Алматы, станция метро «Алмалы», вестибюль',
      kk: 'Алматы, «Алмалы» метро бекеті, вестибюль',
      zh: '阿拉木图，阿尔马雷地铁站，入口大厅'
    },
    supportPhone: '+7 727 356 00 00',
    issuerName: 'Demo Transit Card LLP',
    issuerBin: '210540012345',
    demo: true,
    // Russian: what real top-up terminals here show first, and the language most visitors read (docs/config.md).
    defaultLanguage: 'ru',
    eReceiptBaseUrl: 'https://receipts.demo-transit.kz/r/'
  },
  // Demo rates (tenge per unit): screens say so while terminal.demo is on.
  currencies: {
    KZT: { bills: [200, 500, 1000, 2000, 5000, 10000, 20000] },
    USD: { rate: '471.3725', bills: [1, 2, 5, 10, 20, 50, 100] },
    EUR: { rate: '512.40', bills: [5, 10, 20, 50, 100, 200] },
    RUB: { rate: '5.1215', bills: [50, 100, 200, 500, 1000, 2000, 5000] },
    CNY: { rate: '65.08', bills: [1, 5, 10, 20, 50, 100] }
  },
  fees: {
    cashKzt: { percent: '0', minKzt: 0 },
    cashForeign: { percent: '2', minKzt: 100 },
    bankCard: { percent: '0', minKzt: 0 }
  },
  bonus: [{ fromKzt: 10000, percent: '5', maxKzt: 2000 }],
  limits: { minTopUpKzt: 100, maxTopUpKzt: 100000, maxBalanceKzt: 200000 },
  amountPresetsKzt: [1000, 2000, 5000, 10000],
  timeouts: {
    inactivitySeconds: 30,
    warningSeconds: 20,
    rateLockSeconds: 120,
    doneSeconds: 15,
    eReceiptSeconds: 30,
    thankYouSeconds: 1,
    messageSeconds: 10,
    escrowSeconds: 20,
    posSeconds: 60,
    hostSeconds: 10,
    cardWriteSeconds: 30,
    noticeSeconds: 30
  },
  devices: {
    billValidator: { stackMs: 600, returnMs: 600, stackerCapacity: 500, cassetteId: 'CB-0001' },
    host: { latencyMs: 300, slowLatencyMs: 4000, creditAttempts: 4, retryBaseMs: 2000 },
    printer: { printMs: 400, paper: '80mm' },
    cardReader: { writeMs: 300 },
    pos: { latencyMs: 1500 }
  },
  // No PIN by default: no one can enter service mode until a configuration gives a role its PIN hash.
  service: { pins: {}, maxPinAttempts: 3, lockoutSeconds: 300, inactivitySeconds: 120 }
}

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Merges `override` over `base`: objects key by key, arrays and scalars replace, and `null`
 * removes a key (e.g. `"currencies": { "EUR": null }` stops taking euros).
 */
export function mergeConfig(base: unknown, override: unknown, path = ''): unknown {
  if (!isPlainObject(base) || !isPlainObject(override) || REPLACED_WHOLE.has(path)) return override === undefined ? base : override
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key]
    // Own properties only, defined rather than assigned: a `__proto__` or `constructor` key stays a key the schema then names as unknown.
    else
      Object.defineProperty(merged, key, {
        value: mergeConfig(Object.hasOwn(base, key) ? base[key] : undefined, value, path ? `${path}.${key}` : key),
        writable: true,
        enumerable: true,
        configurable: true
      })
  }
  return merged
}

/** Values a configuration replaces whole: another kiosk's location must not keep the demo's translations. */
const REPLACED_WHOLE: ReadonlySet<string> = new Set(['terminal.location'])

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('\n'))
    this.name = 'ConfigError'
  }
}

/** Formats a zod issue path the way users write it: `limits.maxTopUpKzt`, `bonus[1].percent`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part)
  return out || '(root)'
}

/** One validation problem as users read it: `limits.maxTopUpKzt: expected a positive integer`, `currencies.GBP: unknown key`. */
export function formatIssue(issue: z.core.$ZodIssue, prefix = ''): string[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${formatPath([...issue.path, key], prefix)}: unknown key`)
  return [`${formatPath(issue.path, prefix)}: ${issue.message}`]
}

/** Merges a partial configuration over the defaults and validates it; throws ConfigError naming each bad key. */
export function loadConfig(override: unknown = {}, prefix = ''): KioskConfig {
  const result = kioskConfigSchema.safeParse(mergeConfig(DEFAULT_CONFIG, override))
  if (result.success) return result.data
  throw new ConfigError(result.error.issues.flatMap((i) => formatIssue(i, prefix)))
}

/** The terminal's location in a screen language (the English text when that language has none). */
export function locationIn(location: KioskConfig['terminal']['location'], language: 'kk' | 'ru' | 'en' | 'zh'): string {
  return typeof location === 'string' ? location : (location[language] ?? location.en)
}
