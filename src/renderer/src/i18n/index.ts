import { createI18n } from 'vue-i18n'
import type { Language } from '../../../core/protocol'
import en, { type Messages } from './en'
import kk from './kk'
import ru from './ru'
import { speechMessages } from './speech'
import zh from './zh'

/** The shape of every language's messages: English is the reference. */
export type { Messages } from './en'

export const messages: Record<Language, Messages & { speech: (typeof speechMessages)['en'] }> = {
  kk: { ...kk, speech: speechMessages.kk },
  ru: { ...ru, speech: speechMessages.ru },
  en: { ...en, speech: speechMessages.en },
  zh: { ...zh, speech: speechMessages.zh }
}

/** Each language's own name, shown on the language buttons whatever the current language. */
export const NATIVE_LANGUAGE_NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English', zh: '中文' }

/** The order of the language buttons. */
export const LANGUAGE_ORDER = Object.keys(NATIVE_LANGUAGE_NAMES) as Language[]

/** The kiosk's i18n instance; its locale follows `view.language` (see App.vue). */
export function createKioskI18n(locale: Language = 'en') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'en', messages })
}

export type KioskI18n = ReturnType<typeof createKioskI18n>
