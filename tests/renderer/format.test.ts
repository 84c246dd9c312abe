import { describe, expect, it } from 'vitest'
import { formatAmountEntry, formatDateTime, formatKzt, formatNote } from '../../src/renderer/src/format'

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
