/** The kiosk's four languages, in the order of their codes (the screens order them their own way). */
export const LANGUAGES = ['kk', 'ru', 'en', 'zh'] as const
export type Language = (typeof LANGUAGES)[number]
