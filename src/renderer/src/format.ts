/**
 * Locale formatting for the screens: the only arithmetic-free work the renderer does with money.
 * Amounts arrive from the core as whole tenge already computed.
 */
import type { Language } from '../../core/protocol'
import type { CurrencyCode } from '../../core/config'
import type { Note } from '../../core/money'

/** The BCP 47 tag of each kiosk language, for `lang` attributes (fonts, hyphenation, screen readers). */
export const LANGUAGE_TAGS: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB', zh: 'zh-CN' }

/**
 * The locale each language formats numbers and dates with. Kazakh writes them as Russian does
 * (`5 000`, `25.11.2025, 14:03:12`), but Chromium's ICU data has no Kazakh number or date
 * patterns and would fall back to `5,000` and `2025-11-25`: so Kazakh formats as ru-KZ.
 */
export const FORMAT_LOCALES: Record<Language, string> = { kk: 'ru-KZ', ru: 'ru-RU', en: 'en-GB', zh: 'zh-CN' }

/** Receipts and screens show the time where the kiosk stands. */
export const KIOSK_TIME_ZONE = 'Asia/Almaty'

/** A no-break space keeps the sign on the same line as its number. */
const NBSP = '\u00a0'

const numberFormats = new Map<Language, Intl.NumberFormat>()
function numberFormat(language: Language): Intl.NumberFormat {
  let format = numberFormats.get(language)
  if (!format) {
    format = new Intl.NumberFormat(FORMAT_LOCALES[language], { maximumFractionDigits: 0 })
    numberFormats.set(language, format)
  }
  return format
}

/** A whole number with the locale's grouping: `5 000` (kk, ru), `5,000` (en, zh). */
export function formatNumber(value: number, language: Language): string {
  return numberFormat(language).format(value)
}

/**
 * How each language writes tenge on screen: one notation per language, used by every amount and
 * label (issue 18). All four take the tenge sign, as Kazakhstan's own signs and price tags do; the
 * ISO code KZT is left to the printed receipt, whose printers have no ₸ (src/core/receipt/format.ts).
 */
export const TENGE: Record<Language, string> = { kk: '₸', ru: '₸', en: '₸', zh: '₸' }

/** The name of a currency in a list of currencies: tenge by its sign, foreign cash by its code. */
export function currencyLabel(currency: CurrencyCode, language: Language): string {
  return currency === 'KZT' ? TENGE[language] : currency
}

/** An amount of tenge: `5 000 ₸` (kk, ru), `5,000 ₸` (en, zh). */
export function formatKzt(kzt: number, language: Language): string {
  return `${formatNumber(kzt, language)}${NBSP}${TENGE[language]}`
}

/** A banknote: tenge as `1 000 ₸`, foreign cash by its code, `20 USD`. */
export function formatNote(note: Note, language: Language): string {
  return note.currency === 'KZT' ? formatKzt(note.value, language) : `${formatNumber(note.value, language)}${NBSP}${note.currency}`
}

/** An amount of one currency: tenge as `2 000 ₸`, foreign cash in whole units by its code, `5 000 RUB`. */
export function formatUnits(units: number, currency: CurrencyCode, language: Language): string {
  return formatNote({ currency, value: units }, language)
}

/** Cash paid per currency, in the order given: `20 USD + 2 000 ₸`; `0 ₸` when nothing is paid. */
export function formatPaid(paid: readonly { currency: CurrencyCode; units: number }[], language: Language): string {
  return paid.length === 0 ? formatKzt(0, language) : paid.map((p) => formatUnits(p.units, p.currency, language)).join(' + ')
}

const decimalSeparators = new Map<Language, string>()
/**
 * A rate exactly as the core quoted it, digit for digit (`"512.40"` keeps its zero), with the
 * locale's decimal separator and grouping: `471.3725` (en, zh), `471,3725` (kk, ru).
 */
export function formatRate(rate: string, language: Language): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate)
  if (!match) return rate
  let separator = decimalSeparators.get(language)
  if (separator === undefined) {
    separator = new Intl.NumberFormat(FORMAT_LOCALES[language]).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.'
    decimalSeparators.set(language, separator)
  }
  const whole = formatNumber(Number(match[1]), language)
  return match[2] === undefined ? whole : `${whole}${separator}${match[2]}`
}

/** One unit of a foreign currency in tenge: `1 USD = 471.3725 ₸`. */
export function formatRateLine(currency: CurrencyCode, rate: string, language: Language): string {
  return `1${NBSP}${currency} = ${formatRate(rate, language)}${NBSP}${TENGE[language]}`
}

/**
 * The notes that make up a sum, largest first, repeats counted: `7 USD: 5 + 2`,
 * `79 CNY: 50 + 20 + 5 + 4 × 1`; a single note is just `20 USD`.
 */
export function formatNotesFor(currency: CurrencyCode, units: number, notes: readonly number[], language: Language): string {
  const total = formatUnits(units, currency, language)
  if (notes.length <= 1) return total
  const counts = new Map<number, number>()
  for (const value of [...notes].sort((a, b) => b - a)) counts.set(value, (counts.get(value) ?? 0) + 1)
  const parts = [...counts].map(([value, count]) => (count > 1 ? `${count}${NBSP}×${NBSP}${formatNumber(value, language)}` : formatNumber(value, language)))
  return `${total}: ${parts.join(' + ')}`
}

/** A countdown of milliseconds as minutes and seconds, rounded up: `1:54`, `0:05`, `0:00`. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** Digits typed on the amount keypad, as an amount: `12 500 ₸`; empty when nothing is typed. */
export function formatAmountEntry(entry: string, language: Language): string {
  return /^\d+$/.test(entry) ? formatKzt(Number(entry), language) : ''
}

const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>()
/** An instant as date and time in Almaty: `25.11.2025, 14:03:12` (kk, ru), `25/11/2025, 14:03:12` (en), `2025/11/25 14:03:12` (zh). */
export function formatDateTime(iso: string, language: Language): string {
  let format = dateTimeFormats.get(language)
  if (!format) {
    format = new Intl.DateTimeFormat(FORMAT_LOCALES[language], {
      timeZone: KIOSK_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23'
    })
    dateTimeFormats.set(language, format)
  }
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : format.format(date)
}

const timeFormats = new Map<Language, Intl.DateTimeFormat>()
/** The time of an instant in Almaty: `14:03:12` in every locale. */
export function formatTime(iso: string, language: Language): string {
  let format = timeFormats.get(language)
  if (!format) {
    format = new Intl.DateTimeFormat(FORMAT_LOCALES[language], {
      timeZone: KIOSK_TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23'
    })
    timeFormats.set(language, format)
  }
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : format.format(date)
}
