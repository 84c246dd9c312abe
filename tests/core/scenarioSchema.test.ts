import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/core/config'
import { parseScenario, ScenarioError, VERBS } from '../../src/core/scenario/schema'

const ISSUE_EXAMPLE = JSON.parse(readFileSync(new URL('../scenarios/tenge-top-up.json', import.meta.url), 'utf8')) as Record<string, unknown>

const CARD = '9398000011112222'

/** The issues parseScenario reports (fails the test if the scenario is accepted). */
function issuesOf(raw: unknown): string[] {
  try {
    parseScenario(raw)
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError)
    return (err as ScenarioError).issues
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`)
}

/** A scenario whose steps are a valid prefix followed by `step`. */
const withSteps = (...steps: unknown[]) => ({ steps })

describe('parseScenario accepts', () => {
  it("the issue's example, with its config merged over the defaults", () => {
    const scenario = parseScenario(ISSUE_EXAMPLE)
    expect(scenario.name).toBe('Tenge top-up')
    expect(scenario.config.limits).toEqual({ ...DEFAULT_CONFIG.limits, maxTopUpKzt: 50000 })
    expect(scenario.cards).toEqual([{ number: CARD, balanceKzt: 500, status: 'active' }])
    expect(scenario.steps).toEqual([
      { do: 'tapCard', number: CARD },
      { do: 'chooseAmount', kzt: 3000 },
      { do: 'payCash' },
      { do: 'insertBill', currency: 'KZT', value: 1000 },
      { do: 'confirm' },
      { do: 'wait', seconds: 17 },
      { expect: { screen: 'idle' } }
    ])
  })

  it('a scenario with only steps: default config, demo cards (null), a default name', () => {
    const scenario = parseScenario(withSteps({ do: 'start' }))
    expect(scenario.name).toBe('Unnamed scenario')
    expect(scenario.config).toEqual(DEFAULT_CONFIG)
    expect(scenario.cards).toBeNull()
  })

  it('every verb of the issue with its parameters', () => {
    const steps = [
      { do: 'language', code: 'kk' },
      { do: 'tapCard', number: CARD },
      { do: 'enterCard', digits: '11112222' },
      { do: 'removeCard' },
      { do: 'chooseAmount', kzt: 1000 },
      { do: 'payCash' },
      { do: 'payCard' },
      { do: 'insertBill', currency: 'USD', value: 100 },
      { do: 'confirm' },
      { do: 'cancel' },
      { do: 'wait', seconds: 0.5 },
      { do: 'fault', device: 'billValidator', fault: 'jam' },
      { do: 'clearFault', device: 'billValidator' },
      { expect: { screen: 'idle', balanceKzt: 0, language: 'kk', transactionStatus: 'flagged', creditedKzt: 0 } }
    ]
    expect(parseScenario({ description: 'all verbs', steps }).steps).toEqual(steps)
  })

  it('the money-rules verbs: setRate, a POS decline with or without a reason, a POS timeout, clearFault', () => {
    const steps = [
      { do: 'setRate', currency: 'USD', rate: '480' },
      { do: 'setRate', currency: 'EUR', rate: '512.4000' },
      { do: 'setRate', currency: 'RUB', rate: '5' },
      { do: 'fault', device: 'pos', fault: 'decline', reason: 'wrongPin' },
      { do: 'fault', device: 'pos', fault: 'decline' },
      { do: 'fault', device: 'pos', fault: 'timeout' },
      { do: 'clearFault', device: 'pos' }
    ]
    expect(parseScenario({ steps }).steps).toEqual(steps)
  })

  it('a config with money rules: a fee, bonus tiers, a rate, the rate lock and the POS timeout', () => {
    const config = {
      fees: { bankCard: { percent: '1.5', minKzt: 50 } },
      bonus: [
        { fromKzt: 5000, percent: '2', maxKzt: 500 },
        { fromKzt: 10000, percent: '5', maxKzt: 2000 }
      ],
      currencies: { USD: { rate: '480.5' } },
      timeouts: { rateLockSeconds: 60, posSeconds: 30 }
    }
    const scenario = parseScenario({ config, steps: [{ do: 'start' }] })
    expect(scenario.config.fees.bankCard).toEqual({ percent: '1.5', minKzt: 50 })
    expect(scenario.config.bonus).toEqual(config.bonus)
    expect(scenario.config.currencies.USD).toEqual({ rate: '480.5', bills: DEFAULT_CONFIG.currencies.USD!.bills })
    expect(scenario.config.timeouts).toMatchObject({ rateLockSeconds: 60, posSeconds: 30 })
  })

  it('an empty cards list (every card unknown)', () => {
    expect(parseScenario({ cards: [], steps: [{ do: 'start' }] }).cards).toEqual([])
  })
})

describe('parseScenario errors name the field', () => {
  it('a negative note value at index 3: "steps[3].value: expected an integer from 1 to 1000000"', () => {
    const steps = [...(ISSUE_EXAMPLE.steps as unknown[]).slice(0, 3), { do: 'insertBill', currency: 'KZT', value: -5 }]
    expect(issuesOf({ ...ISSUE_EXAMPLE, steps })).toEqual(['steps[3].value: expected an integer from 1 to 1000000'])
  })

  it('a fractional or textual note value', () => {
    expect(issuesOf(withSteps({ do: 'insertBill', currency: 'KZT', value: 0.5 }))).toEqual(['steps[0].value: expected an integer from 1 to 1000000'])
    expect(issuesOf(withSteps({ do: 'insertBill', currency: 'KZT', value: '1000' }))).toEqual(['steps[0].value: expected an integer from 1 to 1000000'])
    expect(issuesOf(withSteps({ do: 'insertBill', currency: 'KZT' }))).toEqual(['steps[0].value: expected an integer from 1 to 1000000'])
    expect(issuesOf(withSteps({ do: 'insertBill', currency: 'KZT', value: 2 ** 53 + 1 }))).toEqual(['steps[0].value: expected an integer from 1 to 1000000'])
  })

  it('an unknown currency names steps[0].currency and lists the codes', () => {
    expect(issuesOf(withSteps({ do: 'insertBill', currency: 'GBP', value: 5 }))).toEqual(['steps[0].currency: expected one of KZT, USD, EUR, RUB, CNY'])
  })

  it('an unknown verb names the verb and lists the verbs', () => {
    const [issue, ...rest] = issuesOf(withSteps({ do: 'start' }, { do: 'insertCoin', value: 50 }))
    expect(rest).toEqual([])
    expect(issue).toMatch(/^steps\[1\]\.do: unknown verb "insertCoin"; expected one of /)
    for (const verb of [
      'language',
      'tapCard',
      'enterCard',
      'removeCard',
      'chooseAmount',
      'payCash',
      'payCard',
      'insertBill',
      'confirm',
      'cancel',
      'wait',
      'fault',
      'clearFault'
    ])
      expect(issue).toContain(verb)
    expect(issue).toContain(VERBS.join(', '))
  })

  it('a verb that is not a string is reported as unknown', () => {
    expect(issuesOf(withSteps({ do: 42 }))[0]).toMatch(/^steps\[0\]\.do: unknown verb 42; expected one of /)
  })

  it('a missing "do" is named', () => {
    expect(issuesOf(withSteps({ number: CARD }))[0]).toMatch(/^steps\[0\]\.do: missing; expected one of language, /)
  })

  it('a step that is not an object', () => {
    expect(issuesOf(withSteps('tapCard'))).toEqual(['steps[0]: expected an object with "do" or "expect"'])
    expect(issuesOf(withSteps(null))).toEqual(['steps[0]: expected an object with "do" or "expect"'])
  })

  it('both "do" and "expect" in one step', () => {
    expect(issuesOf(withSteps({ do: 'confirm', expect: { screen: 'idle' } }))).toEqual(['steps[0]: a step has either "do" or "expect", not both'])
  })

  it('an unknown key in an action step names the step and the key', () => {
    const issues = issuesOf(withSteps({ do: 'start' }, { do: 'tapCard', number: CARD, pin: '1234' }))
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatch(/^steps\[1\](\.pin: |: .*"pin")/)
  })

  it('an unknown key next to expect is named', () => {
    expect(issuesOf(withSteps({ expect: { screen: 'idle' }, note: 'x' }))).toEqual(['steps[0].note: unknown key next to "expect"'])
  })

  it('a bad tapCard number names steps[0].number', () => {
    expect(issuesOf(withSteps({ do: 'tapCard', number: '9398 0000 1111 2222' }))).toEqual(['steps[0].number: expected a 16-digit card number'])
  })

  it('enterCard wants exactly the last 8 digits', () => {
    expect(issuesOf(withSteps({ do: 'enterCard', digits: '1111222' }))).toEqual(['steps[0].digits: expected the last 8 digits of the card number'])
    expect(issuesOf(withSteps({ do: 'enterCard', digits: CARD }))).toEqual(['steps[0].digits: expected the last 8 digits of the card number'])
  })

  it('a language outside kk, ru, en, zh', () => {
    expect(issuesOf(withSteps({ do: 'language', code: 'de' }))).toEqual(['steps[0].code: expected one of kk, ru, en, zh'])
  })

  it('a wait of 0 seconds or of more than a day', () => {
    expect(issuesOf(withSteps({ do: 'wait', seconds: 0 }))).toEqual(['steps[0].seconds: expected a number of seconds above 0'])
    expect(issuesOf(withSteps({ do: 'wait', seconds: 86_401 }))).toEqual(['steps[0].seconds: expected at most 86400 seconds'])
  })

  it('an amount that is not a positive integer', () => {
    expect(issuesOf(withSteps({ do: 'chooseAmount', kzt: 0 }))).toEqual(['steps[0].kzt: expected an integer from 1 to 100000000'])
    expect(issuesOf(withSteps({ do: 'chooseAmount', kzt: 100_000_001 }))).toEqual(['steps[0].kzt: expected an integer from 1 to 100000000'])
  })

  it('a bad card number in cards[0].number', () => {
    expect(issuesOf({ cards: [{ number: '12345', balanceKzt: 0, status: 'active' }], steps: [{ do: 'start' }] })).toEqual([
      'cards[0].number: expected a 16-digit card number'
    ])
  })

  it('a bad card status names cards[1].status and lists the statuses', () => {
    const cards = [
      { number: CARD, balanceKzt: 0, status: 'active' },
      { number: '9398000033334444', balanceKzt: 0, status: 'lost' }
    ]
    expect(issuesOf({ cards, steps: [{ do: 'start' }] })).toEqual(['cards[1].status: expected one of active, blocked, expired'])
  })

  it('a negative card balance names cards[0].balanceKzt', () => {
    expect(issuesOf({ cards: [{ number: CARD, balanceKzt: -1, status: 'active' }], steps: [{ do: 'start' }] })).toEqual([
      'cards[0].balanceKzt: expected an integer from 0 to 100000000'
    ])
  })

  it('a card listed twice names the second one', () => {
    const cards = [
      { number: CARD, balanceKzt: 0, status: 'active' },
      { number: '9398000033334444', balanceKzt: 0, status: 'active' },
      { number: CARD, balanceKzt: 100, status: 'blocked' }
    ]
    expect(issuesOf({ cards, steps: [{ do: 'start' }] })).toEqual([`cards[2].number: card ${CARD} is listed twice`])
  })

  it('an invalid config key is prefixed with config.', () => {
    expect(issuesOf({ config: { limits: { maxTopUpKzt: 0 } }, steps: [{ do: 'start' }] })[0]).toBe(
      'config.limits.maxTopUpKzt: expected an integer from 1 to 100000000'
    )
    expect(issuesOf({ config: { fees: { cashForeign: { percent: '-2' } } }, steps: [{ do: 'start' }] })[0]).toMatch(/^config\.fees\.cashForeign\.percent: /)
    expect(issuesOf({ config: { currencies: { USD: { rate: '1.23456', bills: [1] } } }, steps: [{ do: 'start' }] })[0]).toMatch(
      /^config\.currencies\.USD\.rate: /
    )
  })

  it('setRate: tenge, an unknown currency, more than 4 decimals, zero, a number or no rate', () => {
    expect(issuesOf(withSteps({ do: 'setRate', currency: 'KZT', rate: '1' }))).toEqual(['steps[0].currency: expected one of USD, EUR, RUB, CNY'])
    expect(issuesOf(withSteps({ do: 'setRate', currency: 'GBP', rate: '590' }))).toEqual(['steps[0].currency: expected one of USD, EUR, RUB, CNY'])
    expect(issuesOf(withSteps({ do: 'setRate', currency: 'USD', rate: '471.37251' }))[0]).toMatch(/^steps\[0\]\.rate: .*at most 4 decimals/)
    expect(issuesOf(withSteps({ do: 'setRate', currency: 'USD', rate: '0' }))).toEqual(['steps[0].rate: expected a rate above 0'])
    expect(issuesOf(withSteps({ do: 'setRate', currency: 'USD', rate: 480 }))[0]).toMatch(/^steps\[0\]\.rate: expected a decimal string/)
    expect(issuesOf(withSteps({ do: 'setRate', currency: 'USD' }))[0]).toMatch(/^steps\[0\]\.rate: /)
  })

  it('fault: an unknown fault for the device, a reason other than a POS decline reason, a reason on a timeout', () => {
    expect(issuesOf(withSteps({ do: 'fault', device: 'pos', fault: 'jam' }))).toEqual(['steps[0].fault: expected one of decline, timeout for pos'])
    expect(issuesOf(withSteps({ do: 'fault', device: 'pos', fault: 'decline', reason: 'noMoney' }))[0]).toMatch(
      /^steps\[0\]\.reason: expected one of insufficientFunds, /
    )
    expect(issuesOf(withSteps({ do: 'fault', device: 'pos', fault: 'timeout', reason: 'wrongPin' }))).toEqual([
      'steps[0].reason: only a pos decline takes a reason'
    ])
    expect(issuesOf(withSteps({ do: 'fault', device: 'atm', fault: 'decline' }))[0]).toMatch(/^steps\[0\]\.device: expected one of /)
    expect(issuesOf(withSteps({ do: 'clearFault', device: 'atm' }))[0]).toMatch(/^steps\[0\]\.device: expected one of /)
  })

  it('a config with an unknown currency, a bad percentage, a 5-decimal rate or decreasing bonus tiers names the key under config.', () => {
    const start = [{ do: 'start' }]
    expect(issuesOf({ config: { currencies: { GBP: { rate: '590', bills: [5] } } }, steps: start })).toEqual(['config.currencies.GBP: unknown key'])
    expect(issuesOf({ config: { fees: { bankCard: { percent: 'x' } } }, steps: start })[0]).toMatch(/^config\.fees\.bankCard\.percent: /)
    expect(issuesOf({ config: { currencies: { CNY: { rate: '65.08001' } } }, steps: start })[0]).toMatch(/^config\.currencies\.CNY\.rate: .*at most 4 decimals/)
    expect(
      issuesOf({
        config: {
          bonus: [
            { fromKzt: 10000, percent: '5', maxKzt: 2000 },
            { fromKzt: 20000, percent: '5', maxKzt: 1000 }
          ]
        },
        steps: start
      })
    ).toEqual(['config.bonus[1].maxKzt: must not decrease from one tier to the next'])
  })

  it('an unknown config key names config and the key', () => {
    const issues = issuesOf({ config: { limit: { maxTopUpKzt: 1000 } }, steps: [{ do: 'start' }] })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toBe('config.limit: unknown key')
  })

  it('empty steps', () => {
    expect(issuesOf({ steps: [] })).toEqual(['steps: expected at least one step'])
  })

  it('missing steps', () => {
    expect(issuesOf({ name: 'nothing to do' })[0]).toMatch(/^steps: /)
  })

  it('an unknown top-level key is named', () => {
    const issues = issuesOf({ name: 'x', stpes: [], steps: [{ do: 'start' }] })
    expect(issues).toContain('stpes: unknown key')
  })

  it('a file that is not an object', () => {
    expect(issuesOf([{ do: 'start' }])[0]).toMatch(/^\(root\): /)
  })

  it('expect with an unknown screen names steps[0].expect.screen and lists the screens', () => {
    const [issue] = issuesOf(withSteps({ expect: { screen: 'payment' } }))
    expect(issue).toMatch(/^steps\[0\]\.expect\.screen: expected a screen name: /)
    for (const screen of ['idle', 'card', 'cardUnknown', 'amount', 'paymentMethod', 'cash', 'receipt']) expect(issue).toContain(screen)
  })

  it('expect with no keys', () => {
    expect(issuesOf(withSteps({ do: 'start' }, { expect: {} }))).toEqual(['steps[1].expect: expected at least one thing to check'])
  })

  it('expect with an unknown key names it', () => {
    const issues = issuesOf(withSteps({ expect: { balance: 500 } }))
    expect(issues[0]).toBe('steps[0].expect.balance: unknown key')
  })

  it('expect with a bad transaction status or a negative balance', () => {
    expect(issuesOf(withSteps({ expect: { transactionStatus: 'done' } }))[0]).toMatch(/^steps\[0\]\.expect\.transactionStatus: /)
    expect(issuesOf(withSteps({ expect: { balanceKzt: -1 } }))).toEqual(['steps[0].expect.balanceKzt: expected an integer from 0 to 100000000'])
  })

  it('stops at the first bad step and names it, not a later one', () => {
    const issues = issuesOf(withSteps({ do: 'start' }, { do: 'chooseAmount', kzt: -1 }, { do: 'nope' }))
    expect(issues).toEqual(['steps[1].kzt: expected an integer from 1 to 100000000'])
  })
})
