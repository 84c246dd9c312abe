/**
 * Locale formatting for the screens: the only arithmetic-free work the renderer does with money.
 * Amounts arrive from the core as whole tenge already computed.
 */
import type { Language } from '../../core/protocol'
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

/** An amount of tenge: `5 000 ₸` (kk, ru), `5,000 ₸` (en, zh). */
export function formatKzt(kzt: number, language: Language): string {
  return `${formatNumber(kzt, language)}${NBSP}₸`
}

/** A banknote: tenge as `1 000 ₸`, foreign cash by its code, `20 USD`. */
export function formatNote(note: Note, language: Language): string {
  return note.currency === 'KZT' ? formatKzt(note.value, language) : `${formatNumber(note.value, language)}${NBSP}${note.currency}`
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
