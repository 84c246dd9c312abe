import { nextTick, onBeforeUnmount, onMounted, reactive, watch, type Ref } from 'vue'
import type { KioskView, Language } from '../../../core/protocol'

/** The voice each language asks the system for (Web Speech API). */
export const SPEECH_TAGS: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-US', zh: 'zh-CN' }
/** What is left out when a screen is read: the keypad's keys, decorations, the receipt drawn as SVG (read from the view instead). */
const UNSPOKEN = '.keypad, [aria-hidden="true"], [data-testid="receipt-svg"], svg, script, style'
const RATES = [0.6, 0.8, 1, 1.25, 1.5]
const VOLUMES = [0.2, 0.4, 0.6, 0.8, 1]

/** The speech mode, shared by the kiosk screen and its controls: on or off, its speed and volume (steps), and whether a voice was found. */
export const speech = reactive({ on: false, rate: 2, volume: 4, noVoice: false, lastText: '', lastLanguage: 'en' as Language })
/** The display modes: high contrast and large text (classes on the page's root, CSS variables in kiosk.css). */
export const display = reactive({ contrast: false, large: false })

function synthesis(): SpeechSynthesis | null {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null
}

/** The system's voice for a language: its exact tag (kk-KZ), else any voice of the language (kk). */
export function voiceFor(language: Language): SpeechSynthesisVoice | null {
  const voices = synthesis()?.getVoices() ?? []
  const tag = SPEECH_TAGS[language].toLowerCase()
  const norm = (lang: string) => lang.replace('_', '-').toLowerCase()
  return voices.find((v) => norm(v.lang) === tag) ?? voices.find((v) => norm(v.lang).split('-')[0] === language) ?? null
}

/** Says `text` in `language`, cutting off whatever was being said. */
export function say(text: string, language: Language): void {
  speech.lastText = text
  speech.lastLanguage = language
  const synth = synthesis()
  const voice = voiceFor(language)
  speech.noVoice = !synth || !voice
  if (!synth || !text) return
  synth.cancel()
  const utterance = new SpeechSynthesisUtterance(text)
  utterance.lang = SPEECH_TAGS[language]
  if (voice) utterance.voice = voice
  utterance.rate = RATES[speech.rate]!
  utterance.volume = VOLUMES[speech.volume]!
  synth.speak(utterance)
}

export function stopSpeech(): void {
  speech.on = false
  synthesis()?.cancel()
}

/** Repeats what was said last, at the current speed and volume. */
export function repeat(): void {
  say(speech.lastText, speech.lastLanguage)
}

/** One step slower/faster (-1/+1) or quieter/louder, then says the last text again so the change is heard. */
export function adjust(what: 'rate' | 'volume', step: -1 | 1): void {
  const max = (what === 'rate' ? RATES : VOLUMES).length - 1
  speech[what] = Math.min(max, Math.max(0, speech[what] + step))
  repeat()
}

/** The words of a screen as shown: the text of `root` without the keypad, icons or the receipt's drawing, one line a block. */
export function screenText(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement
  for (const el of Array.from(copy.querySelectorAll(UNSPOKEN))) el.remove()
  const blocks = Array.from(copy.querySelectorAll<HTMLElement>('h1, h2, h3, p, li, dt, dd, th, td, button, label, figcaption, [role="status"] > span'))
  const lines = blocks
    .filter((el) => !el.querySelector('h1, h2, h3, p, li, dt, dd, th, td, button, label'))
    .map((el) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '')
  return [...new Set(lines.filter(Boolean))].join('\n')
}

/**
 * The speech mode in the kiosk screen: while it is on, each new screen (and the inactivity warning)
 * is read aloud in the screen's language, the receipt with its amounts. `receiptLine` words the
 * receipt's amounts (the view's, formatted for the language). F1 or `*` on a keyboard or keypad
 * starts it (or repeats), `#` stops it.
 */
export function useSpeechMode(
  view: () => KioskView | null,
  main: Ref<HTMLElement | null>,
  receiptLine: (view: KioskView) => string | null
): { readScreen(): void } {
  const readScreen = () => {
    const now = view()
    if (!now || !main.value) return
    const warning = document.querySelector<HTMLElement>('[data-testid="inactivity-warning"]')
    const parts = [screenText(main.value), receiptLine(now), warning ? screenText(warning) : null]
    say(parts.filter(Boolean).join('\n'), now.language)
  }
  watch(
    () => [view()?.screen, view()?.language, view()?.warning !== null] as const,
    async () => {
      if (!speech.on) return
      await nextTick()
      readScreen()
    },
    { flush: 'post' }
  )
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'F1' || event.key === '*') {
      event.preventDefault()
      speech.on = true
      readScreen()
    } else if (event.key === '#') stopSpeech()
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
  return { readScreen }
}
