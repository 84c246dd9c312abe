/** A trainer's caption in the language asked for, else in another the caption has (English first): captions may lack a language. */
import type { Caption, Language } from '../../core/protocol'

const FALLBACK: readonly Language[] = ['en', 'ru', 'kk', 'zh']

export function captionText(caption: Caption | null | undefined, language: Language): string {
  if (!caption) return ''
  return caption[language] ?? FALLBACK.map((l) => caption[l]).find((text) => text !== undefined) ?? ''
}

/** `m:ss` for a number of seconds (a drill's clock and timeline). */
export function minutesSeconds(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds))
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}
