import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_CONFIG, formatIssue, formatPath, kioskConfigSchema, loadConfig, mergeConfig } from '../../src/core/config'

/** The issues loadConfig reports for an override (fails the test if it loads). */
function issuesOf(override: unknown, prefix?: string): string[] {
  try {
    loadConfig(override, prefix)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as ConfigError).issues
  }
  throw new Error(`expected ${JSON.stringify(override)} to be refused`)
}

/**
 * The issues the schema reports for a whole configuration (not merged over the defaults): for
 * what a merge cannot express, e.g. a foreign currency that the defaults do not already define.
 */
function issuesOfWhole(config: unknown): string[] {
  const result = kioskConfigSchema.safeParse(config)
  if (result.success) throw new Error(`expected ${JSON.stringify(config)} to be refused`)
  return result.error.issues.flatMap((i) => formatIssue(i))
}

describe('loadConfig merging', () => {
  it('returns the defaults when nothing is overridden', () => {
    expect(loadConfig()).toEqual(DEFAULT_CONFIG)
    expect(loadConfig({})).toEqual(DEFAULT_CONFIG)
  })

  it('merges objects key by key: overriding limits.maxTopUpKzt keeps the other limits', () => {
    const config = loadConfig({ limits: { maxTopUpKzt: 50_000 } })
    expect(config.limits).toEqual({ minTopUpKzt: 100, maxTopUpKzt: 50_000, maxBalanceKzt: 200_000 })
    expect(config.timeouts).toEqual(DEFAULT_CONFIG.timeouts)
  })

  it('merges nested objects key by key: one fee field keeps its sibling and the other rules', () => {
    const config = loadConfig({ fees: { cashForeign: { minKzt: 250 } } })
    expect(config.fees.cashForeign).toEqual({ percent: '2', minKzt: 250 })
    expect(config.fees.cashKzt).toEqual(DEFAULT_CONFIG.fees.cashKzt)
    expect(config.fees.bankCard).toEqual(DEFAULT_CONFIG.fees.bankCard)
  })

  it('overrides a foreign currency next to tenge, keeping the other currencies', () => {
    const config = loadConfig({ currencies: { USD: { rate: '471.3725', bills: [1, 5, 100] } } })
    expect(config.currencies.KZT).toEqual(DEFAULT_CONFIG.currencies.KZT)
    expect(config.currencies.USD).toEqual({ rate: '471.3725', bills: [1, 5, 100] })
    expect(config.currencies.EUR).toEqual(DEFAULT_CONFIG.currencies.EUR)
  })

  it('merges a currency key by key: a new rate keeps the default notes', () => {
    expect(loadConfig({ currencies: { USD: { rate: '480' } } }).currencies.USD).toEqual({ rate: '480', bills: DEFAULT_CONFIG.currencies.USD!.bills })
  })

  it('the defaults are the money-rules release defaults', () => {
    expect(DEFAULT_CONFIG.currencies).toEqual({
      KZT: { bills: [200, 500, 1000, 2000, 5000, 10000, 20000] },
      USD: { rate: '471.3725', bills: [1, 2, 5, 10, 20, 50, 100] },
      EUR: { rate: '512.40', bills: [5, 10, 20, 50, 100, 200] },
      RUB: { rate: '5.1215', bills: [50, 100, 200, 500, 1000, 2000, 5000] },
      CNY: { rate: '65.08', bills: [1, 5, 10, 20, 50, 100] }
    })
    expect(DEFAULT_CONFIG.fees.cashForeign).toEqual({ percent: '2', minKzt: 100 })
    expect(DEFAULT_CONFIG.bonus).toEqual([{ fromKzt: 10000, percent: '5', maxKzt: 2000 }])
    expect(DEFAULT_CONFIG.timeouts).toMatchObject({ rateLockSeconds: 120, posSeconds: 60 })
    expect(DEFAULT_CONFIG.devices.pos).toEqual({ latencyMs: 1500 })
  })

  it('null removes a key: "currencies": { "EUR": null } stops taking euros, the rest stays', () => {
    const config = loadConfig({ currencies: { EUR: null, CNY: null } })
    expect(Object.keys(config.currencies).sort()).toEqual(['KZT', 'RUB', 'USD'])
    expect(config.currencies.USD).toEqual(DEFAULT_CONFIG.currencies.USD)
    const tengeOnly = loadConfig({ currencies: { USD: null, EUR: null, RUB: null, CNY: null } })
    expect(tengeOnly.currencies).toEqual({ KZT: DEFAULT_CONFIG.currencies.KZT })
    expect(mergeConfig({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null } })).toEqual({ a: 1, b: { d: 3 } })
  })

  it('null cannot remove what is required: tenge, a section', () => {
    expect(issuesOf({ currencies: { KZT: null } })).toEqual([expect.stringMatching(/^currencies\.KZT: /)])
    expect(issuesOf({ limits: null })).toEqual([expect.stringMatching(/^limits: /)])
  })

  it('a tenge-only configuration (no foreign currency) is valid when given whole', () => {
    const tengeOnly = { ...DEFAULT_CONFIG, currencies: { KZT: DEFAULT_CONFIG.currencies.KZT }, bonus: [] }
    expect(kioskConfigSchema.parse(tengeOnly).currencies).toEqual({ KZT: DEFAULT_CONFIG.currencies.KZT })
  })

  it('replaces arrays: amountPresetsKzt is the new list, not merged with the default one', () => {
    expect(loadConfig({ amountPresetsKzt: [500] }).amountPresetsKzt).toEqual([500])
    expect(loadConfig({ amountPresetsKzt: [3000, 7000] }).amountPresetsKzt).toEqual([3000, 7000])
  })

  it('replaces the accepted tenge notes rather than merging them', () => {
    expect(loadConfig({ currencies: { KZT: { bills: [1000] } } }).currencies.KZT.bills).toEqual([1000])
  })

  it('replaces the bonus tiers', () => {
    const tiers = [{ fromKzt: 5000, percent: '1', maxKzt: 500 }]
    expect(loadConfig({ bonus: tiers }).bonus).toEqual(tiers)
  })

  it('does not change the defaults it merges over', () => {
    const before = JSON.stringify(DEFAULT_CONFIG)
    loadConfig({ limits: { maxTopUpKzt: 1000 }, amountPresetsKzt: [100], fees: { cashKzt: { percent: '5' } } })
    expect(JSON.stringify(DEFAULT_CONFIG)).toBe(before)
  })

  it('mergeConfig replaces scalars and arrays and keeps the base where the override is undefined', () => {
    expect(mergeConfig({ a: 1, b: [1, 2], c: { d: 1, e: 2 } }, { b: [3], c: { e: 5 } })).toEqual({ a: 1, b: [3], c: { d: 1, e: 5 } })
    expect(mergeConfig({ a: 1 }, undefined)).toEqual({ a: 1 })
    expect(mergeConfig([1, 2], [3])).toEqual([3])
  })
})

describe('loadConfig errors name the key', () => {
  it('an unknown currency code names currencies and the code', () => {
    const issues = issuesOf({ currencies: { GBP: { rate: '590', bills: [5, 10] } } })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toBe('currencies.GBP: unknown key')
  })

  it('a negative percentage names fees.cashForeign.percent', () => {
    const issues = issuesOf({ fees: { cashForeign: { percent: '-1' } } })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(/^fees\.cashForeign\.percent: /)
    expect(issues[0]).toContain('non-negative')
  })

  it('a non-numeric percentage names fees.cashForeign.percent', () => {
    expect(issuesOf({ fees: { cashForeign: { percent: 'two' } } })[0]).toMatch(/^fees\.cashForeign\.percent: /)
  })

  it('a percentage given as a number (not a decimal string) names the key', () => {
    expect(issuesOf({ fees: { cashForeign: { percent: 2 } } })[0]).toMatch(/^fees\.cashForeign\.percent: expected a decimal string/)
  })

  it('a percentage with 3 decimals names the key', () => {
    expect(issuesOf({ fees: { cashKzt: { percent: '1.125' } } })[0]).toMatch(/^fees\.cashKzt\.percent: .*at most 2 decimals/)
  })

  it.each([
    ['GBP', { rate: '590', bills: [5] }],
    ['kzt', { bills: [200] }],
    ['XAU', { rate: '1', bills: [1] }]
  ])('the unknown currency code %s is refused naming currencies.%s', (code, spec) => {
    expect(issuesOf({ currencies: { [code]: spec } })).toEqual([`currencies.${code}: unknown key`])
  })

  it.each([
    ['fees.cashKzt.percent', { fees: { cashKzt: { percent: '-0.5' } } }],
    ['fees.cashForeign.percent', { fees: { cashForeign: { percent: '-2' } } }],
    ['fees.bankCard.percent', { fees: { bankCard: { percent: '-1' } } }],
    ['bonus[0].percent', { bonus: [{ fromKzt: 1000, percent: '-5', maxKzt: 100 }] }]
  ])('a negative percentage names %s', (key, override) => {
    const issues = issuesOf(override)
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(new RegExp(`^${key.replace(/[.[\]]/g, '\\$&')}: .*non-negative`))
  })

  it.each([
    ['fees.cashKzt.percent', { fees: { cashKzt: { percent: 'five' } } }],
    ['fees.bankCard.percent', { fees: { bankCard: { percent: '1,5' } } }],
    ['fees.cashForeign.percent', { fees: { cashForeign: { percent: '2%' } } }],
    ['fees.cashForeign.percent', { fees: { cashForeign: { percent: '' } } }],
    ['fees.cashForeign.percent', { fees: { cashForeign: { percent: '1e1' } } }],
    ['bonus[0].percent', { bonus: [{ fromKzt: 1000, percent: 'NaN', maxKzt: 100 }] }],
    ['bonus[0].percent', { bonus: [{ fromKzt: 1000, percent: 5, maxKzt: 100 }] }]
  ])('a non-numeric percentage names %s', (key, override) => {
    const issues = issuesOf(override)
    expect(issues).toHaveLength(1)
    expect(issues[0]!.startsWith(`${key}: `)).toBe(true)
  })

  it.each([
    ['USD', '471.37251'],
    ['EUR', '512.40000'],
    ['RUB', '5.12150'],
    ['CNY', '65.080001']
  ])('a %s rate with more than 4 decimals (%s) names currencies.%s.rate', (code, rate) => {
    const issues = issuesOf({ currencies: { [code]: { rate } } })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(new RegExp(`^currencies\\.${code}\\.rate: .*at most 4 decimals`))
  })

  it.each(['-471.3725', 'abc', '471,37', ''])('a negative or non-numeric rate (%j) names currencies.USD.rate', (rate) => {
    const issues = issuesOf({ currencies: { USD: { rate } } })
    expect(issues[0]).toBe('currencies.USD.rate: expected a decimal string with at most 4 decimals, such as "471.3725"')
    for (const issue of issues) expect(issue).toMatch(/^currencies\.USD\.rate: /)
  })

  it('a rate with exactly 4 decimals, or none, is accepted', () => {
    expect(loadConfig({ currencies: { USD: { rate: '471.3725' }, RUB: { rate: '5' } } }).currencies.RUB!.rate).toBe('5')
  })

  it('a rate with 5 decimals names currencies.USD.rate', () => {
    const issues = issuesOf({ currencies: { USD: { rate: '471.37251', bills: [1] } } })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(/^currencies\.USD\.rate: .*at most 4 decimals/)
  })

  it('a zero rate names the key', () => {
    expect(issuesOf({ currencies: { USD: { rate: '0', bills: [1] } } })[0]).toMatch(/^currencies\.USD\.rate: /)
  })

  it('a foreign currency without bills names currencies.USD.bills', () => {
    // merged over the defaults, USD would keep its default notes: give the currencies whole
    expect(issuesOfWhole({ ...DEFAULT_CONFIG, currencies: { KZT: DEFAULT_CONFIG.currencies.KZT, USD: { rate: '471.3725' } } })).toEqual([
      expect.stringMatching(/^currencies\.USD\.bills: /)
    ])
    expect(issuesOf({ currencies: { USD: { bills: [] } } })).toEqual(['currencies.USD.bills: expected at least one note value'])
  })

  it('a foreign currency without a rate names currencies.EUR.rate', () => {
    expect(issuesOfWhole({ ...DEFAULT_CONFIG, currencies: { KZT: DEFAULT_CONFIG.currencies.KZT, EUR: { bills: [5] } } })).toEqual([
      expect.stringMatching(/^currencies\.EUR\.rate: /)
    ])
  })

  it('bonus tiers that decrease name bonus[1].fromKzt, bonus[1].percent and bonus[1].maxKzt', () => {
    const issues = issuesOf({
      bonus: [
        { fromKzt: 5000, percent: '2', maxKzt: 500 },
        { fromKzt: 1000, percent: '1', maxKzt: 100 }
      ]
    })
    expect(issues).toEqual([
      'bonus[1].fromKzt: must not decrease from one tier to the next',
      'bonus[1].percent: must not decrease from one tier to the next',
      'bonus[1].maxKzt: must not decrease from one tier to the next'
    ])
  })

  it.each([
    ['fromKzt', { fromKzt: 4000, percent: '3', maxKzt: 600 }],
    ['percent', { fromKzt: 6000, percent: '1.99', maxKzt: 600 }],
    ['maxKzt', { fromKzt: 6000, percent: '3', maxKzt: 499 }]
  ])('a bonus tier whose %s decreases from the tier before is refused naming bonus[1].%s', (field, tier) => {
    expect(issuesOf({ bonus: [{ fromKzt: 5000, percent: '2', maxKzt: 500 }, tier] })).toEqual([
      `bonus[1].${field}: must not decrease from one tier to the next`
    ])
  })

  it('bonus tiers equal to the tier before (nothing decreases) are accepted', () => {
    const tiers = [
      { fromKzt: 5000, percent: '2', maxKzt: 500 },
      { fromKzt: 5000, percent: '2.00', maxKzt: 500 }
    ]
    expect(loadConfig({ bonus: tiers }).bonus).toEqual(tiers)
  })

  it('only the decreasing field of a bonus tier is named', () => {
    const issues = issuesOf({
      bonus: [
        { fromKzt: 1000, percent: '1', maxKzt: 100 },
        { fromKzt: 5000, percent: '2', maxKzt: 500 },
        { fromKzt: 10000, percent: '1.5', maxKzt: 1000 }
      ]
    })
    expect(issues).toEqual(['bonus[2].percent: must not decrease from one tier to the next'])
  })

  it('compares bonus percentages as numbers, not text ("10" after "9" is an increase)', () => {
    expect(() =>
      loadConfig({
        bonus: [
          { fromKzt: 1000, percent: '9', maxKzt: 100 },
          { fromKzt: 5000, percent: '10', maxKzt: 500 }
        ]
      })
    ).not.toThrow()
  })

  it('minTopUpKzt above maxTopUpKzt names limits.minTopUpKzt', () => {
    expect(issuesOf({ limits: { minTopUpKzt: 5000, maxTopUpKzt: 1000 } })).toEqual(['limits.minTopUpKzt: must not exceed maxTopUpKzt'])
  })

  it('minTopUpKzt equal to maxTopUpKzt is allowed', () => {
    expect(loadConfig({ limits: { minTopUpKzt: 1000, maxTopUpKzt: 1000 } }).limits.minTopUpKzt).toBe(1000)
  })

  it('a fractional or negative limit names the key', () => {
    expect(issuesOf({ limits: { maxBalanceKzt: 1.5 } })[0]).toBe('limits.maxBalanceKzt: expected an integer from 1 to 100000000')
    expect(issuesOf({ timeouts: { inactivitySeconds: 0 } })[0]).toBe('timeouts.inactivitySeconds: expected an integer from 1 to 2147483')
  })

  it('an inactivity warning shorter than 20 s is refused, naming the field and WCAG 2.2.1; the inactivity time itself stays free', () => {
    expect(DEFAULT_CONFIG.timeouts.warningSeconds).toBe(20)
    expect(issuesOf({ timeouts: { warningSeconds: 19 } })).toEqual([
      'timeouts.warningSeconds: expected at least 20: WCAG 2.2.1 gives a customer at least 20 s to ask for more time before the session ends'
    ])
    expect(issuesOf({ timeouts: { warningSeconds: 20.5 } })).toEqual(['timeouts.warningSeconds: expected an integer from 20 to 2147483'])
    expect(loadConfig({ timeouts: { warningSeconds: 20, inactivitySeconds: 5 } }).timeouts).toMatchObject({ warningSeconds: 20, inactivitySeconds: 5 })
  })

  it('an unknown top-level key is named', () => {
    const issues = issuesOf({ colour: 'blue' })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toBe('colour: unknown key')
  })

  it('an unknown nested key names its parent and the key', () => {
    expect(issuesOf({ limits: { maxTopupKzt: 50_000 } })[0]).toBe('limits.maxTopupKzt: unknown key')
  })

  it('a wrong-typed section names it', () => {
    expect(issuesOf({ limits: [] })[0]).toMatch(/^limits: /)
    expect(issuesOf({ amountPresetsKzt: [] })[0]).toMatch(/^amountPresetsKzt: /)
  })

  it('prefixes every path when given a prefix', () => {
    expect(issuesOf({ limits: { maxTopUpKzt: -1 } }, 'config')[0]).toBe('config.limits.maxTopUpKzt: expected an integer from 1 to 100000000')
    expect(issuesOf({ bonus: [{ fromKzt: 1, percent: 'x', maxKzt: 1 }] }, 'config')[0]).toMatch(/^config\.bonus\[0\]\.percent: /)
  })

  it('reports every bad key at once', () => {
    const issues = issuesOf({ fees: { cashKzt: { percent: '-1' } }, currencies: { USD: { rate: '1.23456', bills: [1] } } })
    expect(issues.some((i) => i.startsWith('fees.cashKzt.percent: '))).toBe(true)
    expect(issues.some((i) => i.startsWith('currencies.USD.rate: '))).toBe(true)
    expect(() => loadConfig({ fees: { cashKzt: { percent: '-1' } } })).toThrow(/fees\.cashKzt\.percent/)
  })
})

describe('formatPath', () => {
  it('writes paths the way users write them', () => {
    expect(formatPath(['limits', 'maxTopUpKzt'])).toBe('limits.maxTopUpKzt')
    expect(formatPath(['bonus', 1, 'percent'])).toBe('bonus[1].percent')
    expect(formatPath([3, 'value'], 'steps')).toBe('steps[3].value')
    expect(formatPath(['limits'], 'config')).toBe('config.limits')
    expect(formatPath([])).toBe('(root)')
    expect(formatPath([], 'config')).toBe('config')
  })
})

describe('terminal location in the screen languages', () => {
  it('shows the location in the customer language, English where a language has none', async () => {
    const { makeKiosk, DEMO_CARD } = await import('./helpers')
    const { kiosk, act } = makeKiosk({ config: { terminal: { location: { en: 'Astana, Nurly Zhol station', zh: '阿斯塔纳，光明之路站' } } } })
    expect(kiosk.view().terminal.location).toBe('Astana, Nurly Zhol station') // ru falls back to en
    await act({ type: 'language', code: 'zh' })
    expect(kiosk.view().terminal.location).toBe('阿斯塔纳，光明之路站')
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'chooseAmount', kzt: 1000 })
    await act({ type: 'payCash' })
    await act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    await act({ type: 'confirm' })
    expect(kiosk.view().receipt?.location).toBe('阿斯塔纳，光明之路站')
  })

  it('replaces the default location whole: another kiosk keeps none of the demo translations', () => {
    const config = loadConfig({ terminal: { location: { en: 'Shymkent bus station' } } })
    expect(config.terminal.location).toEqual({ en: 'Shymkent bus station' })
    expect(loadConfig({ terminal: { location: 'Aktau airport' } }).terminal.location).toBe('Aktau airport')
    expect(() => loadConfig({ terminal: { location: { ru: 'без английского' } } })).toThrow(/terminal\.location/)
  })
})
