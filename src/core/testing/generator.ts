/**
 * Path generators and stop conditions in GraphWalker's vocabulary (docs/testing.md):
 * `random(length(50))`, `quickRandom(transitions(100) or length(500))`,
 * `random(reached(billJam) and states(60))`. A small recursive-descent parser with errors that
 * say what was expected where.
 */

export type StopCondition =
  | { kind: 'transitions' | 'states'; percent: number }
  | { kind: 'length'; steps: number }
  | { kind: 'reached'; screen: string }
  | { kind: 'seconds'; seconds: number }
  | { kind: 'and' | 'or'; left: StopCondition; right: StopCondition }

export interface GeneratorSpec {
  /**
   * random: every possible step alike; quickRandom: steps that take a transition not covered yet
   * first; oneTour: every edge of the explored state graph at least once; shortest: xstate/graph's
   * shortest path to each screen (to the screens `reached(…)` names, or to all).
   */
  generator: 'random' | 'quickRandom' | 'oneTour' | 'shortest'
  stop: StopCondition
}

export class GeneratorSyntaxError extends Error {
  constructor(text: string, at: number, expected: string) {
    super(`generator "${text}": expected ${expected} at position ${at + 1}${at < text.length ? ` (found "${text.slice(at, at + 12)}")` : ' (found the end)'}`)
    this.name = 'GeneratorSyntaxError'
  }
}

const GENERATORS = ['random', 'quickRandom', 'oneTour', 'shortest'] as const

/** Parses `generator(condition)`; conditions combine with `and` (binds tighter) and `or`, and parentheses. */
export function parseGenerator(text: string): GeneratorSpec {
  let at = 0
  const skip = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++
  }
  const word = (): string => {
    skip()
    const match = /^[A-Za-z]+/.exec(text.slice(at))
    return match ? match[0] : ''
  }
  const expect = (char: string) => {
    skip()
    if (text[at] !== char) throw new GeneratorSyntaxError(text, at, `"${char}"`)
    at++
  }
  const number = (what: string, max: number): number => {
    skip()
    const match = /^\d+(\.\d+)?/.exec(text.slice(at))
    const value = match ? Number(match[0]) : NaN
    if (!match || value <= 0 || value > max) throw new GeneratorSyntaxError(text, at, what)
    at += match[0].length
    return value
  }
  const factor = (): StopCondition => {
    skip()
    if (text[at] === '(') {
      at++
      const inner = expression()
      expect(')')
      return inner
    }
    const name = word()
    const start = at
    at += name.length
    let condition: StopCondition
    expect('(')
    if (name === 'transitions' || name === 'states') condition = { kind: name, percent: number('a percentage above 0, at most 100', 100) }
    else if (name === 'length') condition = { kind: 'length', steps: Math.floor(number('a number of steps above 0', 1_000_000)) }
    else if (name === 'seconds') condition = { kind: 'seconds', seconds: number('a number of seconds above 0', 86_400) }
    else if (name === 'reached') {
      const screen = word()
      if (!screen) throw new GeneratorSyntaxError(text, at, 'a screen name')
      at += screen.length
      condition = { kind: 'reached', screen }
    } else throw new GeneratorSyntaxError(text, start, 'a stop condition: transitions(N), states(N), length(N), reached(SCREEN) or seconds(N)')
    expect(')')
    return condition
  }
  const term = (): StopCondition => {
    let left = factor()
    while (word() === 'and') {
      at += 3
      left = { kind: 'and', left, right: factor() }
    }
    return left
  }
  const expression = (): StopCondition => {
    let left = term()
    while (word() === 'or') {
      at += 2
      left = { kind: 'or', left, right: term() }
    }
    return left
  }
  const name = word()
  if (!(GENERATORS as readonly string[]).includes(name)) throw new GeneratorSyntaxError(text, at, `a generator: ${GENERATORS.join(', ')}`)
  at += name.length
  expect('(')
  const stop = expression()
  expect(')')
  skip()
  if (at < text.length) throw new GeneratorSyntaxError(text, at, 'the end')
  return { generator: name as GeneratorSpec['generator'], stop }
}

/** What a stop condition needs to know about the walk so far. */
export interface WalkProgress {
  steps: number
  transitionsPercent: number
  statesPercent: number
  screensSeen: ReadonlySet<string>
  elapsedSeconds: number
}

export function isSatisfied(condition: StopCondition, progress: WalkProgress): boolean {
  switch (condition.kind) {
    case 'transitions':
      return progress.transitionsPercent >= condition.percent
    case 'states':
      return progress.statesPercent >= condition.percent
    case 'length':
      return progress.steps >= condition.steps
    case 'reached':
      return progress.screensSeen.has(condition.screen)
    case 'seconds':
      return progress.elapsedSeconds >= condition.seconds
    case 'and':
      return isSatisfied(condition.left, progress) && isSatisfied(condition.right, progress)
    case 'or':
      return isSatisfied(condition.left, progress) || isSatisfied(condition.right, progress)
  }
}

/** The screens a `reached(…)` names, to check them against the real screen names. */
export function reachedScreens(condition: StopCondition): string[] {
  if (condition.kind === 'reached') return [condition.screen]
  if (condition.kind === 'and' || condition.kind === 'or') return [...reachedScreens(condition.left), ...reachedScreens(condition.right)]
  return []
}

/** Whether the condition can end a walk by itself, so it cannot run forever. */
export function isBounded(condition: StopCondition): boolean {
  if (condition.kind === 'length' || condition.kind === 'seconds') return true
  if (condition.kind === 'or') return isBounded(condition.left) || isBounded(condition.right)
  if (condition.kind === 'and') return isBounded(condition.left) && isBounded(condition.right)
  return false
}

/** Whether the condition can only hold at 100 % of the transitions (`transitions(100)`, alone or in an `and`). */
export function asksForFullCoverage(condition: StopCondition): boolean {
  if (condition.kind === 'transitions') return condition.percent >= 100
  if (condition.kind === 'or') return asksForFullCoverage(condition.left) && asksForFullCoverage(condition.right)
  if (condition.kind === 'and') return asksForFullCoverage(condition.left) || asksForFullCoverage(condition.right)
  return false
}
