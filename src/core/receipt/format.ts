/**
 * How the receipt writes amounts and times. Amounts use the ISO code "KZT", not the tenge sign:
 * ₸ (U+20B8, 2007) is in no printer code page (not CP866, not KZ-1048), and the same words go to
 * the screen and to paper. Times are Almaty wall-clock time, whatever zone the kiosk's OS is in.
 */
import type { CurrencyCode } from '../config'
import type { Language } from '../protocol'

/** 5000 → "5 000" (ASCII space between thousands: every code page has it). */
export function groupThousands(n: number): string {
  const digits = String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
  return n < 0 ? `-${digits}` : digits
}

/** 5000 → "5 000 KZT". */
export function formatKzt(kzt: number): string {
  return `${groupThousands(kzt)} KZT`
}

/** An amount of a currency: "100 USD", "5 000 KZT". */
export function formatUnits(units: number, currency: CurrencyCode): string {
  return `${groupThousands(units)} ${currency}`
}

export const RECEIPT_TIME_ZONE = 'Asia/Almaty'

const almatyClock = new Intl.DateTimeFormat('en-US', {
  timeZone: RECEIPT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23'
})

/**
 * An ISO instant as Almaty date and time: "14.05.2025 15:30:00" in Kazakh and Russian (the local
 * habit), "2025-05-14 15:30:00" in English and Chinese (unambiguous for visitors). A text that is
 * not a time is returned as it is (cleaned of control characters by the document builder).
 */
export function formatAlmatyTime(iso: string, language: Language): string {
  const date = new Date(iso)
  if (iso === '' || Number.isNaN(date.getTime())) return iso
  const parts = almatyClock.formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '??'
  const time = `${part('hour')}:${part('minute')}:${part('second')}`
  return language === 'kk' || language === 'ru'
    ? `${part('day')}.${part('month')}.${part('year')} ${time}`
    : `${part('year')}-${part('month')}-${part('day')} ${time}`
}
