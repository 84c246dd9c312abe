/** Which caption the trainer's page shows, in the trainer's language. */
import type { Caption, Language, PlayerView } from '../../../core/protocol'

/** One step of the loaded scenario as the player lists it. */
export type PlayerStep = NonNullable<PlayerView['scenario']>['steps'][number]

/** The order other languages are tried in when a caption lacks the trainer's. */
const FALLBACK: readonly Language[] = ['en', 'ru', 'kk', 'zh']

/** A caption's text in `language`, or in the first other language it has (with that language), or null. */
export function captionText(caption: Caption | null, language: Language): { text: string; language: Language } | null {
  if (!caption) return null
  for (const l of [language, ...FALLBACK.filter((f) => f !== language)]) {
    const text = caption[l]
    if (text) return { text, language: l }
  }
  return null
}

/**
 * The step whose caption is shown: the nearest captioned step at or before the one in progress
 * (the next to play), so a caption stays up over the uncaptioned steps after it.
 */
export function captionedStep(player: PlayerView): PlayerStep | null {
  const steps = player.scenario?.steps ?? []
  for (let i = Math.min(player.step, steps.length - 1); i >= 0; i--) if (steps[i]!.caption) return steps[i]!
  return null
}

/** The speeds the player offers. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10] as const

/** The trainer's languages, each by its own name. */
export const LANGUAGE_NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English', zh: '中文' }

/** A caption's text for the trainer, in another language when it lacks theirs; empty when there is none. */
export const captionIn = (caption: Caption | null | undefined, language: Language): string => captionText(caption ?? null, language)?.text ?? ''

/** `m:ss` for a number of seconds (a drill's clock and timeline). */
export function minutesSeconds(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds))
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}
