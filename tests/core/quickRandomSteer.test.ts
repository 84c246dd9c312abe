/** How a quick-random walk measures its way to an uncovered transition: the states it saw follow one another. */
import { describe, expect, it } from 'vitest'
import { positionsOf, StateSteering } from '../../src/core/testing/quickRandomSteer'

const inSession = (flow: string, attention = 'watching') => [
  'kiosk',
  'kiosk.session',
  'kiosk.session.flow',
  `kiosk.session.flow.${flow}`,
  'kiosk.session.attention',
  `kiosk.session.attention.${attention}`,
  'billValidator',
  'billValidator.idle'
]

describe('quick-random steering', () => {
  it('follows the kiosk by its flow, not by the inactivity watch beside it, and each device by its own state', () => {
    const positions = positionsOf(inSession('cash'))
    expect(positions.get('kiosk')).toBe('kiosk.session.flow.cash')
    expect(positions.get('billValidator')).toBe('billValidator.idle')
    expect(positionsOf(['kiosk', 'kiosk.idle']).get('kiosk')).toBe('kiosk.idle')
  })

  it('counts the actions seen between a state and the source of an uncovered transition', () => {
    const steering = new StateSteering()
    const idle = positionsOf(['kiosk', 'kiosk.idle'])
    const amount = positionsOf(inSession('amount'))
    const cash = positionsOf(inSession('cash'))
    steering.note(idle, amount)
    steering.note(amount, cash)
    const sources = ['kiosk.session.flow.cash']
    expect(steering.distance(cash, sources)).toBe(0)
    expect(steering.distance(amount, sources)).toBe(1)
    expect(steering.distance(idle, sources)).toBe(2)
    // Never seen to lead there: no way known.
    expect(steering.distance(positionsOf(['kiosk', 'kiosk.outOfService']), sources)).toBe(Infinity)
    // A new pair seen makes a shorter way.
    const before = steering.version
    steering.note(idle, cash)
    expect(steering.version).toBeGreaterThan(before)
    expect(steering.distance(idle, sources)).toBe(1)
  })

  it('takes a source inside a state, or in the inactivity watch, as the state around it', () => {
    const steering = new StateSteering()
    const idle = positionsOf(['kiosk', 'kiosk.idle'])
    const open = positionsOf(inSession('cash.open'))
    steering.note(idle, open)
    expect(steering.distance(open, ['kiosk.session.flow.cash'])).toBe(0)
    expect(steering.distance(idle, ['kiosk.session.attention.warning'])).toBe(1)
    expect(steering.distance(open, ['billValidator.idle'])).toBe(0)
  })
})
