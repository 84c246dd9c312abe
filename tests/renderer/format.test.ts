import { describe, expect, it } from 'vitest'
import {
  currencyLabel,
  formatAmountEntry,
  formatCountdown,
  formatDateTime,
  formatKzt,
  formatNote,
  formatNotesFor,
  formatPaid,
  formatRate,
  formatRateLine,
  formatTime,
  TENGE
} from '../../src/renderer/src/format'

describe('formatKzt', () => {
  it('groups thousands with a no-break space in Kazakh and Russian', () => {
    expect(formatKzt(5000, 'kk')).toMatch(/^5[\u00a0\u202f]000\u00a0₸$/)
    expect(formatKzt(5000, 'ru')).toMatch(/^5[\u00a0\u202f]000\u00a0₸$/)
    expect(formatKzt(125000, 'ru')).toMatch(/^125[\u00a0\u202f]000\u00a0₸$/)
  })

  it('groups thousands with a comma in English and Chinese', () => {
    expect(formatKzt(5000, 'en')).toBe('5,000\u00a0₸')
    expect(formatKzt(5000, 'zh')).toBe('5,000\u00a0₸')
  })

  it('keeps small amounts ungrouped and never shows decimals', () => {
    expect(formatKzt(200, 'en')).toBe('200\u00a0₸')
    expect(formatKzt(0, 'kk')).toBe('0\u00a0₸')
  })
})

describe('formatNote', () => {
  it('shows tenge notes with the tenge sign and foreign notes with their code', () => {
    expect(formatNote({ currency: 'KZT', value: 1000 }, 'en')).toBe('1,000\u00a0₸')
    expect(formatNote({ currency: 'USD', value: 20 }, 'en')).toBe('20\u00a0USD')
    expect(formatNote({ currency: 'RUB', value: 1000 }, 'ru')).toMatch(/^1[\u00a0\u202f]000\u00a0RUB$/)
  })
})

describe('formatAmountEntry', () => {
  it('formats typed digits as an amount and nothing as nothing', () => {
    expect(formatAmountEntry('12500', 'en')).toBe('12,500\u00a0₸')
    expect(formatAmountEntry('', 'en')).toBe('')
  })
})

describe('formatDateTime', () => {
  it('shows the instant in Almaty time (UTC+5) in each locale', () => {
    const iso = '2025-11-25T09:03:12.000Z'
    expect(formatDateTime(iso, 'ru')).toBe('25.11.2025, 14:03:12')
    expect(formatDateTime(iso, 'en')).toBe('25/11/2025, 14:03:12')
    expect(formatDateTime(iso, 'zh')).toBe('2025/11/25 14:03:12')
    expect(formatDateTime(iso, 'kk')).toBe('25.11.2025, 14:03:12')
  })

  it('crosses midnight in Almaty before it does in UTC', () => {
    expect(formatDateTime('2025-12-31T20:30:00.000Z', 'en')).toBe('01/01/2026, 01:30:00')
  })
})

describe('formatRate and formatRateLine', () => {
  it('keeps every digit the core quoted, with the locale decimal separator', () => {
    expect(formatRate('471.3725', 'en')).toBe('471.3725')
    expect(formatRate('512.40', 'zh')).toBe('512.40')
    expect(formatRate('471.3725', 'ru')).toBe('471,3725')
    expect(formatRate('5.1215', 'kk')).toBe('5,1215')
    expect(formatRate('65', 'en')).toBe('65')
  })

  it('groups a large whole part', () => {
    expect(formatRate('1234.5', 'en')).toBe('1,234.5')
    expect(formatRate('1234.5', 'ru')).toMatch(/^1[\u00a0\u202f]234,5$/)
  })

  it('writes one unit in tenge', () => {
    expect(formatRateLine('USD', '471.3725', 'en')).toBe('1\u00a0USD = 471.3725\u00a0₸')
    expect(formatRateLine('EUR', '512.40', 'ru')).toBe('1\u00a0EUR = 512,40\u00a0₸')
  })
})

describe('formatNotesFor', () => {
  it('names the total and the notes, largest first, repeats counted', () => {
    expect(formatNotesFor('USD', 7, [5, 2], 'en')).toBe('7\u00a0USD: 5 + 2')
    expect(formatNotesFor('CNY', 79, [50, 20, 5, 1, 1, 1, 1], 'en')).toBe('79\u00a0CNY: 50 + 20 + 5 + 4\u00a0×\u00a01')
    expect(formatNotesFor('KZT', 3000, [1000, 2000], 'en')).toBe('3,000\u00a0₸: 2,000 + 1,000')
  })

  it('is just the total for a single note', () => {
    expect(formatNotesFor('EUR', 20, [20], 'en')).toBe('20\u00a0EUR')
  })

  it('groups foreign units by the locale', () => {
    expect(formatNotesFor('RUB', 2400, [2000, 200, 200], 'ru')).toMatch(/^2[\u00a0\u202f]400\u00a0RUB: 2[\u00a0\u202f]000 \+ 2\u00a0×\u00a0200$/)
  })
})

describe('formatPaid', () => {
  it('lists each currency paid, in order', () => {
    expect(
      formatPaid(
        [
          { currency: 'USD', units: 20 },
          { currency: 'KZT', units: 2000 }
        ],
        'en'
      )
    ).toBe('20\u00a0USD + 2,000\u00a0₸')
    expect(formatPaid([], 'en')).toBe('0\u00a0₸')
  })
})

describe('formatCountdown', () => {
  it('shows minutes and seconds, rounding up, never below zero', () => {
    expect(formatCountdown(120_000)).toBe('2:00')
    expect(formatCountdown(114_001)).toBe('1:55')
    expect(formatCountdown(5_000)).toBe('0:05')
    expect(formatCountdown(0)).toBe('0:00')
    expect(formatCountdown(-3_000)).toBe('0:00')
  })
})

describe('formatTime', () => {
  it('shows the time of day in Almaty', () => {
    for (const language of ['kk', 'ru', 'en', 'zh'] as const) expect(formatTime('2025-11-25T09:03:12.000Z', language)).toBe('14:03:12')
  })
})

describe('one tenge notation per language', () => {
  it.each(['kk', 'ru', 'en', 'zh'] as const)('writes tenge the same way everywhere in %s, never as KZT', (language) => {
    const sign = TENGE[language]
    expect(formatKzt(5000, language).endsWith(sign)).toBe(true)
    expect(formatNote({ currency: 'KZT', value: 1000 }, language).endsWith(sign)).toBe(true)
    expect(formatRateLine('USD', '471.3725', language).endsWith(sign)).toBe(true)
    expect(currencyLabel('KZT', language)).toBe(sign)
    expect(currencyLabel('USD', language)).toBe('USD')
    const all = [formatKzt(1, language), formatPaid([{ currency: 'KZT', units: 2000 }], language), formatAmountEntry('2500', language)].join(' ')
    expect(all).not.toContain('KZT')
  })
})
