/** A quick-random walk's map of the situations it met and the actions between them (src/core/testing/situations.ts). */
import { describe, expect, it } from 'vitest'
import { LearnedMap } from '../../src/core/testing/situations'

describe('LearnedMap', () => {
  it('heads the shortest known way to a situation with an action not yet tried there', () => {
    const map = new LearnedMap()
    map.visit('amount', ['back', 'cancel'])
    map.took('amount', 'back', 'card')
    map.visit('card', ['enterCard', 'tapCard'])
    map.took('card', 'enterCard', 'amount')
    // From the card screen the amount screen (cancel untried) is one action away; from there the card screen (tapCard untried).
    expect(map.routeToUntried('card')).toBe('enterCard')
    expect(map.routeToUntried('amount')).toBe('back')
    map.took('card', 'tapCard', 'amount')
    map.took('amount', 'cancel', 'idle')
    map.visit('idle', [])
    expect(map.routeToUntried('card')).toBeNull()
  })

  it('forgets an untried action no longer possible where it was, so no way leads on to it (the walk does not go round)', () => {
    const map = new LearnedMap()
    map.visit('amount', ['back', 'insertBill meanwhile back'])
    map.took('amount', 'back', 'card')
    map.visit('card', ['enterCard', 'tapCard + removeCard'])
    map.took('card', 'enterCard', 'amount')
    expect(map.routeToUntried('card')).toBe('enterCard')
    expect(map.routeToUntried('amount')).toBe('back')
    // Back on each screen, the untried action is not possible now (what the key leaves out took it away): forgotten.
    map.visit('amount', ['back'])
    expect(map.isUntried('amount', 'insertBill meanwhile back')).toBe(false)
    expect(map.routeToUntried('card')).toBeNull()
    map.visit('card', ['enterCard'])
    expect(map.untriedCount('card')).toBe(0)
    expect(map.routeToUntried('amount')).toBeNull()
    // What is still possible stays untried.
    map.visit('idle', ['tapCard', 'start'])
    map.visit('idle', ['tapCard', 'start', 'language'])
    expect(map.untriedCount('idle')).toBe(2)
  })
})
