/**
 * Every number of the configuration has a range, and the error says it (docs/config.md, "Ranges"):
 * a timeout a timer cannot hold, a fee that keeps the whole payment, a rate or a note whose worth
 * would leave the safe integers are refused before any kiosk runs on them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_CONFIG, loadConfig, MAX_KZT, MAX_NOTE_VALUE, MAX_TIMER_MS, MAX_TIMER_SECONDS, MIN_WARNING_SECONDS } from '../../src/core/config'
import { parseScenario, ScenarioError } from '../../src/core/scenario/schema'
import { createNodeKiosk } from '../../src/node/nodeKiosk'
import { DEMO_CARD, makeKiosk, moneyInvariantAfterEach } from './helpers'

moneyInvariantAfterEach()

/** The issues loadConfig reports for an override (fails the test if it loads). */
function issuesOf(override: unknown): string[] {
  try {
    loadConfig(override)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as ConfigError).issues
  }
  throw new Error(`expected ${JSON.stringify(override)} to be refused`)
}

describe('timeouts and delays a timer can hold', () => {
  it.each(Object.keys(DEFAULT_CONFIG.timeouts))('timeouts.%s: up to 2147483 s, one more is refused naming the range', (key) => {
    // The inactivity warning starts at 20 s (WCAG 2.2.1), every other timeout at 1 s.
    const min = key === 'warningSeconds' ? MIN_WARNING_SECONDS : 1
    expect(loadConfig({ timeouts: { [key]: MAX_TIMER_SECONDS } }).timeouts[key as keyof typeof DEFAULT_CONFIG.timeouts]).toBe(2_147_483)
    expect(issuesOf({ timeouts: { [key]: MAX_TIMER_SECONDS + 1 } })).toEqual([`timeouts.${key}: expected an integer from ${min} to 2147483`])
    expect(issuesOf({ timeouts: { [key]: 1e300 } })).toEqual([`timeouts.${key}: expected an integer from ${min} to 2147483`])
  })

  it('the example of the issue: inactivitySeconds beyond setTimeout', () => {
    expect(issuesOf({ timeouts: { inactivitySeconds: 9_999_999 } })).toEqual(['timeouts.inactivitySeconds: expected an integer from 1 to 2147483'])
  })

  it.each([
    ['billValidator', 'stackMs'],
    ['billValidator', 'returnMs'],
    ['host', 'latencyMs'],
    ['host', 'slowLatencyMs'],
    ['printer', 'printMs'],
    ['cardReader', 'writeMs'],
    ['pos', 'latencyMs']
  ])('devices.%s.%s: 0 to 2^31 − 1 ms', (device, key) => {
    expect(loadConfig({ devices: { [device]: { [key]: MAX_TIMER_MS } } })).toBeTruthy()
    expect(issuesOf({ devices: { [device]: { [key]: MAX_TIMER_MS + 1 } } })).toEqual([`devices.${device}.${key}: expected an integer from 0 to 2147483647`])
  })

  it('the credit backoff doubles: the last retry before creditAttempts must fit a timer too', () => {
    // 4 attempts: the retries wait base, 2 × base, 4 × base.
    expect(loadConfig({ devices: { host: { creditAttempts: 4, retryBaseMs: Math.floor(MAX_TIMER_MS / 4) } } })).toBeTruthy()
    expect(issuesOf({ devices: { host: { creditAttempts: 4, retryBaseMs: Math.floor(MAX_TIMER_MS / 4) + 1 } } })).toEqual([
      'devices.host.retryBaseMs: expected at most 536870911 with creditAttempts 4: the last retry waits retryBaseMs × 4, and a timer holds at most 2147483647 ms'
    ])
    expect(loadConfig({ devices: { host: { creditAttempts: 1, retryBaseMs: MAX_TIMER_MS } } })).toBeTruthy()
    expect(issuesOf({ devices: { host: { creditAttempts: 11 } } })).toEqual(['devices.host.creditAttempts: expected an integer from 1 to 10'])
    expect(issuesOf({ devices: { billValidator: { stackerCapacity: 1_000_001 } } })).toEqual([
      'devices.billValidator.stackerCapacity: expected an integer from 1 to 1000000'
    ])
  })
})

describe('fees and bonuses in percent', () => {
  it.each(['100', '150', '1000000000000000000000'])('a fee of %s %% is refused: it would keep the whole payment', (percent) => {
    expect(issuesOf({ fees: { cashKzt: { percent } } })).toEqual([
      'fees.cashKzt.percent: expected a percentage from 0 to 99.99: a fee of 100 % or more would keep the whole payment'
    ])
  })

  it('a fee of 99.99 % and a bonus of 100 % are the largest taken; 100.01 % of bonus is refused', () => {
    expect(loadConfig({ fees: { bankCard: { percent: '99.99' } }, bonus: [{ fromKzt: 0, percent: '100', maxKzt: 1000 }] }).bonus[0]!.percent).toBe('100')
    expect(issuesOf({ bonus: [{ fromKzt: 0, percent: '100.01', maxKzt: 1000 }] })).toEqual(['bonus[0].percent: expected a percentage from 0 to 100'])
    expect(issuesOf({ fees: { cashForeign: { minKzt: MAX_KZT + 1 } } })).toEqual(['fees.cashForeign.minKzt: expected an integer from 0 to 100000000'])
  })

  it('a 150 % fee never reaches a kiosk: the scenario is refused before it runs, and so is the node kiosk', () => {
    const config = { fees: { cashKzt: { percent: '150' } } }
    const steps = [
      { do: 'tapCard', number: DEMO_CARD },
      { do: 'chooseAmount', kzt: 1000 },
      { do: 'payCash' },
      { do: 'insertBill', currency: 'KZT', value: 1000 },
      { do: 'confirm' }
    ]
    expect(() => parseScenario({ config, steps })).toThrow(ScenarioError)
    expect(() => parseScenario({ config, steps })).toThrow('config.fees.cashKzt.percent: expected a percentage from 0 to 99.99')
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-fee-'))
    try {
      expect(() => createNodeKiosk({ dataDir: dir, configOverride: config })).toThrow(ConfigError)
      // Refused before the journal was opened: nothing ran.
      expect(existsSync(join(dir, 'journal.sqlite'))).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('at the largest fee taken, a tenge note still credits something and the money adds up', async () => {
    const { kiosk, act } = makeKiosk({ config: { fees: { cashKzt: { percent: '99.9', minKzt: 0 } } } })
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'chooseAmount', kzt: 100 })
    await act({ type: 'payCash' })
    await act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    expect(kiosk.view().cash?.breakdown).toMatchObject({ grossKzt: 1000, feeKzt: 999, netKzt: 1, creditedKzt: 1 })
  })
})

describe('limits, presets, notes and rates within the safe integers', () => {
  it('a minimum above the balance cap is refused (every amount would be refused on every card)', () => {
    expect(issuesOf({ limits: { minTopUpKzt: 5000, maxTopUpKzt: 10_000, maxBalanceKzt: 4000 } })).toEqual(['limits.minTopUpKzt: must not exceed maxBalanceKzt'])
    expect(issuesOf({ limits: { minTopUpKzt: 5000, maxTopUpKzt: 1000 } })).toEqual(['limits.minTopUpKzt: must not exceed maxTopUpKzt'])
  })

  it('limits and presets up to 100 000 000 ₸', () => {
    expect(loadConfig({ limits: { maxTopUpKzt: MAX_KZT, maxBalanceKzt: MAX_KZT }, amountPresetsKzt: [MAX_KZT] }).limits.maxBalanceKzt).toBe(MAX_KZT)
    expect(issuesOf({ limits: { maxBalanceKzt: MAX_KZT + 1 } })).toEqual(['limits.maxBalanceKzt: expected an integer from 1 to 100000000'])
    expect(issuesOf({ amountPresetsKzt: [1000, 2 ** 53] })).toEqual(['amountPresetsKzt[1]: expected an integer from 1 to 100000000'])
    expect(issuesOf({ amountPresetsKzt: [] })).toEqual(['amountPresetsKzt: expected 1 to 6 amounts'])
  })

  it('a preset above the per-top-up maximum shows disabled with its reason, and choosing it anyway is refused like a typed amount', async () => {
    const { kiosk, act } = makeKiosk({ config: { limits: { maxTopUpKzt: 1500 }, amountPresetsKzt: [1000, 2000] } })
    await act({ type: 'tapCard', number: DEMO_CARD })
    expect(kiosk.view().amountPresets).toEqual([
      { kzt: 1000, available: true },
      { kzt: 2000, available: false, reason: 'aboveMax' }
    ])
    await act({ type: 'chooseAmount', kzt: 2000 })
    expect(kiosk.view()).toMatchObject({ screen: 'amount', amountRefusal: 'aboveMax' })
  })

  it('note values up to 1 000 000 units, at most 20 of them', () => {
    expect(issuesOf({ currencies: { KZT: { bills: [200, MAX_NOTE_VALUE + 1] } } })).toEqual(['currencies.KZT.bills[1]: expected an integer from 1 to 1000000'])
    expect(issuesOf({ currencies: { USD: { bills: Array.from({ length: 21 }, (_, i) => i + 1) } } })).toEqual([
      'currencies.USD.bills: expected at most 20 note values'
    ])
  })

  it.each(['10000000', '9007199254740993', '00000000001'])('a rate with more than 7 digits before the point (%s) is refused naming the range', (rate) => {
    expect(issuesOf({ currencies: { USD: { rate } } })).toEqual([
      'currencies.USD.rate: expected a rate from 0.0001 to 9999999.9999 (at most 7 digits before the point)'
    ])
  })

  it('texts have a length: issuerName, supportPhone, location, the e-receipt address', () => {
    expect(issuesOf({ terminal: { issuerName: 'x'.repeat(101) } })).toEqual(['terminal.issuerName: expected at most 100 characters'])
    expect(issuesOf({ terminal: { supportPhone: '7'.repeat(41) } })).toEqual(['terminal.supportPhone: expected at most 40 characters'])
    expect(issuesOf({ terminal: { eReceiptBaseUrl: `https://r.example.kz/${'r'.repeat(200)}` } })).toEqual([
      'terminal.eReceiptBaseUrl: expected at most 200 characters'
    ])
    expect(issuesOf({ terminal: { location: { en: 'x'.repeat(201) } } })[0]).toMatch(/^terminal\.location/)
  })

  it('the largest rate and the largest note of the largest currency leave every figure a safe integer', async () => {
    const { kiosk, act } = makeKiosk({
      config: {
        currencies: { USD: { rate: '9999999.9999', bills: [1, MAX_NOTE_VALUE] } },
        limits: { maxTopUpKzt: MAX_KZT, maxBalanceKzt: MAX_KZT },
        bonus: [{ fromKzt: 0, percent: '100', maxKzt: MAX_KZT }]
      }
    })
    await act({ type: 'tapCard', number: DEMO_CARD })
    await act({ type: 'chooseAmount', kzt: 40_000_000 })
    await act({ type: 'payCash' })
    // 10^6 × 9 999 999.9999 ₸ is far over the maximum: returned, and the views are still built.
    await act({ type: 'insertBill', currency: 'USD', value: MAX_NOTE_VALUE })
    expect(kiosk.view().cash?.lastReturned).toEqual({ note: { currency: 'USD', value: MAX_NOTE_VALUE }, reason: 'overMaxTopUp' })
    await act({ type: 'insertBill', currency: 'USD', value: 1 })
    const view = kiosk.view()
    expect(view.cash?.stacked).toEqual([{ currency: 'USD', value: 1 }])
    for (const n of Object.values(view.cash!.breakdown)) expect(Number.isSafeInteger(n)).toBe(true)
    for (const o of view.cash!.options) for (const n of Object.values(o.breakdown)) expect(Number.isSafeInteger(n)).toBe(true)
    expect(() => kiosk.technicianView()).not.toThrow()
    expect(kiosk.error()).toBeNull()
  })
})
