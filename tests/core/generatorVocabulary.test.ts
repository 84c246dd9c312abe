/** GraphWalker's generator and stop-condition vocabulary next to ours: spellings, chains, validation and suggestions. */
import { describe, expect, it } from 'vitest'
import { formatCondition, isBounded, parseGenerator, parseGenerators, unmetParts, whyUnbounded } from '../../src/core/testing/generator'
import { checkTargets } from '../../src/core/testing/walk'
import { editDistance } from '../../src/core/testing/nearest'

describe('spellings', () => {
  it.each([
    ['random(edge_coverage(100))', 'random(transitions(100))'],
    ['RandomPath(EdgeCoverage(100))', 'random(transitions(100))'],
    ['quick_random(vertex_coverage(50))', 'quickRandom(states(50))'],
    ['weighted_random(length(10))', 'weightedRandom(length(10))'],
    ['a_star(reached_vertex(receipt))', 'shortest(reached(receipt))'],
    ['shortest_all_paths(time_duration(30))', 'oneTour(seconds(30))'],
    ['random(requirement_coverage(80))', 'random(requirements(80))'],
    ['random(never())', 'random(never)'],
    ['random(length(5) && reached_vertex(cash) || never)', 'random(length(5) and reached(cash) or never)'],
    ['random(reached_vertex(kiosk.session.flow.billJam))', 'random(reached(kiosk.session.flow.billJam))'],
    ['random(reached_edge("kiosk.session.flow.cash · validator.jammed #1"))', 'random(reached_edge(kiosk.session.flow.cash · validator.jammed #1))'],
    ['random(reached_edge(kiosk: kiosk.session.flow.cash · validator.jammed #1))', 'random(reachedEdge("kiosk.session.flow.cash · validator.jammed #1"))']
  ])('%s parses as %s', (graphWalker, ours) => {
    expect(parseGenerator(graphWalker)).toEqual(parseGenerator(ours))
  })

  it('parses to the canonical generator names and the condition kinds', () => {
    expect(parseGenerators('random(never) quick_random(never) weighted_random(never) a_star(never) shortest_all_paths(never)').map((s) => s.generator)).toEqual(
      ['random', 'quickRandom', 'weightedRandom', 'shortest', 'oneTour']
    )
    expect(parseGenerator('random(reached_vertex(kiosk.session.flow.billJam) or reached_vertex(billJam))').stop).toEqual({
      kind: 'or',
      left: { kind: 'reachedState', state: 'kiosk.session.flow.billJam' },
      right: { kind: 'reached', screen: 'billJam' }
    })
    expect(parseGenerator('random(reached_edge("kiosk.session.flow.cash · validator.jammed #1") and requirement_coverage(50))').stop).toEqual({
      kind: 'and',
      left: { kind: 'reachedEdge', transition: 'kiosk.session.flow.cash · validator.jammed #1' },
      right: { kind: 'requirements', percent: 50 }
    })
  })
})

describe('chains', () => {
  it('reads generators one after another, separated by spaces or "then"', () => {
    const chain = parseGenerators('random(edge_coverage(50)) quick_random(vertex_coverage(100))')
    expect(chain).toEqual([
      { generator: 'random', stop: { kind: 'transitions', percent: 50 } },
      { generator: 'quickRandom', stop: { kind: 'states', percent: 100 } }
    ])
    expect(parseGenerators('random(edge_coverage(50)) then quick_random(vertex_coverage(100))')).toEqual(chain)
    expect(parseGenerators(' a_star(reached(receipt)) ')).toEqual([parseGenerator('a_star(reached(receipt))')])
  })

  it('says where a chain goes wrong, and that one generator is not a chain', () => {
    expect(() => parseGenerators('random(length(5)) then')).toThrow(/expected a generator: .* at position 23 \(found the end\)/)
    expect(() => parseGenerators('random(length(5)) quick_randon(length(5))')).toThrow(/at position 19 .*did you mean quick_random\?/)
    expect(() => parseGenerator('random(length(5)) random(length(5))')).toThrow(/expected the end at position 19 .*several generators make a chain/)
  })
})

describe('validation', () => {
  it('refuses a length that is not a whole number, naming it', () => {
    expect(() => parseGenerator('random(length(2.5))')).toThrow(
      /expected a whole number of steps at position 15 \(found "2\.5\)\)"\): length\(2\.5\) is not a whole number/
    )
    expect(() => parseGenerator('random(length(0))')).toThrow(/expected a number of steps above 0 at position 15/)
    expect(parseGenerator('random(time_duration(2.5))').stop).toEqual({ kind: 'seconds', seconds: 2.5 })
  })

  it('takes percentages above 0, at most 100', () => {
    for (const bad of ['requirement_coverage(0)', 'edge_coverage(100.5)', 'vertex_coverage(-1)'])
      expect(() => parseGenerator(`random(${bad})`), bad).toThrow(/expected a percentage above 0, at most 100/)
    expect(parseGenerator('random(edge_coverage(99.5))').stop).toEqual({ kind: 'transitions', percent: 99.5 })
  })

  it('suggests the nearest name over both vocabularies', () => {
    expect(() => parseGenerator('random(edge_covrage(100))')).toThrow(
      /expected a stop condition: .* at position 8 \(found "edge_covrage"\): did you mean edge_coverage\?/
    )
    expect(() => parseGenerator('random(transition(100))')).toThrow(/did you mean transitions\?/)
    expect(() => parseGenerator('random(reachedvertx(cash))')).toThrow(/did you mean reached_vertex\?/)
    expect(() => parseGenerator('quikRandom(length(5))')).toThrow(/expected a generator: .* at position 1 .*did you mean quickRandom\?/)
    expect(() => parseGenerator('a_str(length(5))')).toThrow(/did you mean a_star\?/)
    expect(() => parseGenerator('edge_coverage(100)')).toThrow(/edge_coverage is a stop condition: write it inside a generator/)
    expect(() => parseGenerator('random(quick_random(length(5)))')).toThrow(/quick_random is a generator/)
    // Nothing near: no suggestion rather than a misleading one.
    expect(() => parseGenerator('random(coverage(5))')).not.toThrow(/did you mean/)
    expect(editDistance('edge_covrage', 'edge_coverage')).toBe(1)
  })

  it('keeps a transition for reached_edge', () => {
    expect(() => parseGenerator('random(reached_vertex(kiosk.session.flow.cash · customer.back))')).toThrow(
      /reached_vertex names a screen or a state; for a transition write reached_edge\("kiosk\.session\.flow\.cash · customer\.back"\)/
    )
    expect(() => parseGenerator('random(reached_edge())')).toThrow(/expected a transition as coverage names it/)
    expect(() => parseGenerator('random(reached_edge("kiosk.session.flow.cash · customer.back)')).toThrow(/expected a closing '"'/)
  })

  it('refuses screens, states and transitions that do not exist, naming the nearest real one', () => {
    const check = (text: string) => () => checkTargets(parseGenerator(text))
    expect(check('random(reached(billjam))')).toThrow(/reached\(billjam\): no such screen; did you mean billJam\?/)
    expect(check('random(reached(jammed))')).toThrow(/no such screen; did you mean billValidator\.jammed \(a state\)\?/)
    expect(check('random(reached_vertex(kiosk.session.flow.bilJam))')).toThrow(
      'reached_vertex(kiosk.session.flow.bilJam): no such state of the kiosk, bill validator or card reader; did you mean kiosk.session.flow.billJam?'
    )
    expect(check('random(reached_edge("kiosk.session.flow.cash · validator.jamed #1"))')).toThrow(
      /no such transition of the kiosk, bill validator or card reader; did you mean "kiosk\.session\.flow\.cash · validator\.jammed #1"\?/
    )
    expect(check('random(reached_vertex(billJam) and reached_vertex(billValidator.jammed) and reached_edge("cardReader.present · remove"))')).not.toThrow()
  })
})

describe('conditions in words', () => {
  const progress = {
    steps: 40,
    transitionsPercent: 97.3,
    statesPercent: 100,
    screensSeen: new Set(['idle', 'cash']),
    elapsedSeconds: 3.21,
    requirementsPercent: 88.2,
    requirementsUnmet: ['REQ-BILL-JAM', 'REQ-RECOVERY'],
    statesCovered: new Set(['kiosk.session.flow.cash']),
    transitionsCovered: new Set(['kiosk.session.flow.cash · customer.back']),
    statesLeft: 0,
    transitionsLeft: 4
  }

  it('names every part not met, with its figures; nothing when the condition holds', () => {
    expect(unmetParts(parseGenerator('random(edge_coverage(100) and (reached_vertex(billJam) or length(50)))').stop, progress)).toEqual([
      'edge_coverage(100): 97.3 % (4 transitions not taken)',
      'reached_vertex(billJam): not reached',
      'length(50): 40 steps taken'
    ])
    expect(
      unmetParts(
        parseGenerator('random(requirement_coverage(100) or time_duration(10) or never or reached_edge("kiosk.session.flow.cash · customer.confirm"))').stop,
        progress
      )
    ).toEqual([
      'requirement_coverage(100): 88.2 % (2 requirements not met: REQ-BILL-JAM, REQ-RECOVERY)',
      'time_duration(10): 3.2 s',
      'never: never holds (the walk went on until something else stopped it)',
      'reached_edge("kiosk.session.flow.cash · customer.confirm"): not taken'
    ])
    expect(
      unmetParts(
        parseGenerator('random(vertex_coverage(100) and reached_vertex(kiosk.session.flow.cash) and reached_edge("kiosk.session.flow.cash · customer.back"))')
          .stop,
        progress
      )
    ).toEqual([])
    expect(unmetParts(parseGenerator('random(edge_coverage(100) or reached(cash))').stop, progress)).toEqual([])
  })

  it('writes conditions in GraphWalker words, with parentheses where "or" sits in an "and"', () => {
    expect(formatCondition(parseGenerator('random(transitions(50) and (states(20) or seconds(5)) or never)').stop)).toBe(
      'edge_coverage(50) and (vertex_coverage(20) or time_duration(5)) or never'
    )
  })

  it('says which conditions cannot end a walk by themselves', () => {
    expect(isBounded(parseGenerator('random(never)').stop)).toBe(false)
    expect(whyUnbounded(parseGenerator('random(never)').stop, true)).toMatch(/^never never holds/)
    expect(whyUnbounded(parseGenerator('random(never or length(5))').stop, false)).toBeNull()
    expect(whyUnbounded(parseGenerator('random(edge_coverage(100))').stop, false)).toMatch(/without an allow-list/)
    expect(whyUnbounded(parseGenerator('random(edge_coverage(100))').stop, true)).toBeNull()
  })
})
