/**
 * Path generators and stop conditions in GraphWalker's vocabulary and this project's (docs/testing.md):
 * `random(length(50))`, `quick_random(edge_coverage(100) || length(500))`,
 * `random(reached(billJam) and states(60))`, chains such as `random(edge_coverage(50)) a_star(reached_vertex(receipt))`.
 * A small recursive-descent parser with errors that say what was expected where, and the nearest name to a misspelt one.
 */
import { nearest } from './nearest'

export type { StopCondition } from './conditions'
import type { StopCondition } from './conditions'

export interface GeneratorSpec {
  /**
   * random: any possible step, by weight (actionWeight, or the weights given); weightedRandom: the
   * same, GraphWalker's name for it; quickRandom: steps that take a transition not covered yet
   * first; oneTour: every edge of the explored state graph at least once; shortest: xstate/graph's
   * shortest path to each target the condition names (every screen when it names none).
   */
  generator: 'random' | 'quickRandom' | 'weightedRandom' | 'oneTour' | 'shortest'
  stop: StopCondition
}

export class GeneratorSyntaxError extends Error {
  constructor(text: string, at: number, expected: string, hint?: string) {
    const found = at < text.length ? ` (found "${text.slice(at, at + 12)}")` : ' (found the end)'
    super(`generator "${text}": expected ${expected} at position ${at + 1}${found}${hint ? `: ${hint}` : ''}`)
    this.name = 'GeneratorSyntaxError'
  }
}

/** Both spellings of each generator, lower-cased without underscores (GraphWalker's, its `…path` forms, and ours) → the canonical name. */
const GENERATOR_NAMES: Record<string, GeneratorSpec['generator']> = {
  random: 'random',
  randompath: 'random',
  quickrandom: 'quickRandom',
  quickrandompath: 'quickRandom',
  weightedrandom: 'weightedRandom',
  weightedrandompath: 'weightedRandom',
  astar: 'shortest',
  astarpath: 'shortest',
  shortest: 'shortest',
  shortestallpaths: 'oneTour',
  onetour: 'oneTour'
}
/** How generator names are written, for lists and suggestions. */
const GENERATOR_SPELLINGS = [
  'random',
  'quickRandom',
  'quick_random',
  'weightedRandom',
  'weighted_random',
  'shortest',
  'a_star',
  'oneTour',
  'shortest_all_paths'
]

type ConditionName = 'transitions' | 'states' | 'requirements' | 'length' | 'reached' | 'reachedEdge' | 'seconds' | 'never'
const CONDITION_NAMES: Record<string, ConditionName> = {
  transitions: 'transitions',
  edgecoverage: 'transitions',
  states: 'states',
  vertexcoverage: 'states',
  requirements: 'requirements',
  requirementcoverage: 'requirements',
  length: 'length',
  reached: 'reached',
  reachedvertex: 'reached',
  reachededge: 'reachedEdge',
  seconds: 'seconds',
  timeduration: 'seconds',
  never: 'never'
}
const CONDITION_SPELLINGS = [
  'transitions',
  'edge_coverage',
  'states',
  'vertex_coverage',
  'requirements',
  'requirement_coverage',
  'length',
  'reached',
  'reached_vertex',
  'reached_edge',
  'seconds',
  'time_duration',
  'never'
]
const EXPECTED_GENERATOR =
  "a generator: random, quickRandom, weightedRandom, oneTour, shortest (or GraphWalker's quick_random, weighted_random, a_star, shortest_all_paths)"
const EXPECTED_CONDITION =
  'a stop condition: transitions(N), states(N), length(N), reached(SCREEN) or seconds(N) ' +
  "(or requirements(N), never, reached_edge(T), and GraphWalker's edge_coverage, vertex_coverage, requirement_coverage, reached_vertex, time_duration)"

const normal = (name: string) => name.toLowerCase().replaceAll('_', '')

/** Parses one `generator(condition)`; conditions combine with `and`/`&&` (binds tighter), `or`/`||`, and parentheses. */
export function parseGenerator(text: string): GeneratorSpec {
  const parser = new Parser(text)
  const spec = parser.spec()
  parser.end()
  return spec
}

/**
 * Parses a chain of generators run one after another (GraphWalker's `random(edge_coverage(50)) quick_random(vertex_coverage(100))`),
 * separated by spaces, optionally by `then`.
 */
export function parseGenerators(text: string): GeneratorSpec[] {
  const parser = new Parser(text)
  const specs = [parser.spec()]
  while (!parser.atEnd()) {
    parser.keyword('then')
    specs.push(parser.spec())
  }
  return specs
}

class Parser {
  private at = 0
  constructor(private readonly text: string) {}

  private skip(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++
  }

  private fail(expected: string, at = this.at, hint?: string): never {
    throw new GeneratorSyntaxError(this.text, at, expected, hint)
  }

  /** The identifier at the cursor (not consumed). */
  private word(): string {
    this.skip()
    return /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.at))?.[0] ?? ''
  }

  private expect(char: string): void {
    this.skip()
    if (this.text[this.at] !== char) this.fail(`"${char}"`)
    this.at++
  }

  atEnd(): boolean {
    this.skip()
    return this.at >= this.text.length
  }

  end(): void {
    if (this.atEnd()) return
    const name = this.word()
    this.fail('the end', this.at, name && GENERATOR_NAMES[normal(name)] ? 'several generators make a chain, which parseGenerators reads' : undefined)
  }

  /** Consumes the keyword if it is next. */
  keyword(word: string): boolean {
    if (this.word().toLowerCase() !== word) return false
    this.at += word.length
    return true
  }

  /** Consumes `and`/`&&` or `or`/`||` if next. */
  private operator(kind: 'and' | 'or'): boolean {
    this.skip()
    const symbol = kind === 'and' ? '&&' : '||'
    if (this.text.startsWith(symbol, this.at)) {
      this.at += 2
      return true
    }
    return this.keyword(kind)
  }

  spec(): GeneratorSpec {
    const name = this.word()
    const generator = GENERATOR_NAMES[normal(name)]
    if (!generator) {
      const hint = CONDITION_NAMES[normal(name)]
        ? `${name} is a stop condition: write it inside a generator, e.g. random(${name}(…))`
        : suggestion(name, GENERATOR_SPELLINGS)
      this.fail(EXPECTED_GENERATOR, this.at, hint)
    }
    this.at += name.length
    this.expect('(')
    const stop = this.expression()
    this.expect(')')
    return { generator, stop }
  }

  private expression(): StopCondition {
    let left = this.term()
    while (this.operator('or')) left = { kind: 'or', left, right: this.term() }
    return left
  }

  private term(): StopCondition {
    let left = this.factor()
    while (this.operator('and')) left = { kind: 'and', left, right: this.factor() }
    return left
  }

  private factor(): StopCondition {
    this.skip()
    if (this.text[this.at] === '(') {
      this.at++
      const inner = this.expression()
      this.expect(')')
      return inner
    }
    const start = this.at
    const written = this.word()
    const name = CONDITION_NAMES[normal(written)]
    if (!name) {
      const hint = GENERATOR_NAMES[normal(written)]
        ? `${written} is a generator; a chain is written generator after generator`
        : suggestion(written, CONDITION_SPELLINGS)
      this.fail(EXPECTED_CONDITION, start, hint)
    }
    this.at += written.length
    if (name === 'never') {
      // GraphWalker writes `never`; `never()` reads as well.
      this.skip()
      if (this.text.startsWith('()', this.at)) this.at += 2
      return { kind: 'never' }
    }
    this.expect('(')
    const condition = this.argument(name, written)
    this.expect(')')
    return condition
  }

  private argument(name: Exclude<ConditionName, 'never'>, written: string): StopCondition {
    switch (name) {
      case 'transitions':
      case 'states':
      case 'requirements':
        return { kind: name, percent: this.number('a percentage above 0, at most 100', 100) }
      case 'length': {
        const at = this.at
        const steps = this.number('a number of steps above 0', 1_000_000)
        if (!Number.isInteger(steps)) this.fail('a whole number of steps', at, `${written}(${steps}) is not a whole number`)
        return { kind: 'length', steps }
      }
      case 'seconds':
        return { kind: 'seconds', seconds: this.number('a number of seconds above 0', 86_400) }
      case 'reached': {
        const at = this.at
        const target = this.target('a screen name or a state id')
        if (target.includes('·'))
          this.fail('a screen name or a state id', at, `${written} names a screen or a state; for a transition write reached_edge("${target}")`)
        return target.includes('.') ? { kind: 'reachedState', state: target } : { kind: 'reached', screen: target }
      }
      case 'reachedEdge':
        return { kind: 'reachedEdge', transition: this.target('a transition as coverage names it, e.g. "kiosk.session.flow.cash · validator.jammed"') }
    }
  }

  private number(what: string, max: number): number {
    this.skip()
    const match = /^\d+(\.\d+)?/.exec(this.text.slice(this.at))
    const value = match ? Number(match[0]) : NaN
    if (!match || value <= 0 || value > max) this.fail(what)
    this.at += match[0].length
    return value
  }

  /** A screen, a state id or a transition: in "quotes", or everything up to the closing parenthesis. */
  private target(what: string): string {
    this.skip()
    let target: string
    if (this.text[this.at] === '"') {
      const close = this.text.indexOf('"', this.at + 1)
      if (close < 0) this.fail("a closing '\"'", this.text.length)
      target = this.text.slice(this.at + 1, close).trim()
      if (!target) this.fail(what)
      this.at = close + 1
    } else {
      const close = this.text.indexOf(')', this.at)
      target = this.text.slice(this.at, close < 0 ? this.text.length : close).trim()
      if (!target || /[("]/.test(target)) this.fail(what)
      this.at += target.length
    }
    // Coverage's list of what is not covered writes `machine: transition`; the machine is in the id already.
    return target.replace(/^(kiosk|billValidator|cardReader): (state )?/, '')
  }
}

/** `did you mean X?` for the name nearest to a misspelt one, or undefined when none is near. */
export function suggestion(written: string, names: readonly string[]): string | undefined {
  const near = written ? nearest(written, names) : undefined
  return near ? `did you mean ${near}?` : undefined
}

export type { WalkProgress } from './conditions'
export { asksForFullCoverage, formatCondition, isBounded, isSatisfied, reachedScreens, targetsOf, unmetParts, whyUnbounded } from './conditions'
