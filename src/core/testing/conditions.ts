/** Stop conditions at work: whether one holds, what of it is not met (in words, with the figures), whether it can end a walk. */

export type StopCondition =
  | { kind: 'transitions' | 'states' | 'requirements'; percent: number }
  | { kind: 'length'; steps: number }
  /** A screen shown (`reached(cash)`). */
  | { kind: 'reached'; screen: string }
  /** A state of the kiosk, bill validator or card reader entered, as the coverage report names it (`kiosk.session.flow.billJam`). */
  | { kind: 'reachedState'; state: string }
  /** A transition taken, as the coverage report names it (`kiosk.session.flow.cash · validator.jammed`). */
  | { kind: 'reachedEdge'; transition: string }
  | { kind: 'seconds'; seconds: number }
  | { kind: 'never' }
  | { kind: 'and' | 'or'; left: StopCondition; right: StopCondition }

/** What a stop condition needs to know about the walk so far. */
export interface WalkProgress {
  steps: number
  transitionsPercent: number
  statesPercent: number
  screensSeen: ReadonlySet<string>
  elapsedSeconds: number
  /** Percent of the requirement ids (states' and transitions' `meta.requirements`) met, outside the allow-list; 100 when there are none. */
  requirementsPercent?: number
  /** The requirement ids not met yet. */
  requirementsUnmet?: readonly string[]
  /** The state ids entered and transition ids taken, as the coverage report names them (`kiosk.session.flow.billJam`, `… · validator.jammed`). */
  statesCovered?: ReadonlySet<string>
  transitionsCovered?: ReadonlySet<string>
  /** How many states and transitions are left to cover (outside the allow-list). */
  statesLeft?: number
  transitionsLeft?: number
}

export function isSatisfied(condition: StopCondition, progress: WalkProgress): boolean {
  switch (condition.kind) {
    case 'transitions':
      return progress.transitionsPercent >= condition.percent
    case 'states':
      return progress.statesPercent >= condition.percent
    case 'requirements':
      return (progress.requirementsPercent ?? 0) >= condition.percent
    case 'length':
      return progress.steps >= condition.steps
    case 'reached':
      return progress.screensSeen.has(condition.screen)
    case 'reachedState':
      return progress.statesCovered?.has(condition.state) ?? false
    case 'reachedEdge':
      return progress.transitionsCovered?.has(condition.transition) ?? false
    case 'seconds':
      return progress.elapsedSeconds >= condition.seconds
    case 'never':
      return false
    case 'and':
      return isSatisfied(condition.left, progress) && isSatisfied(condition.right, progress)
    case 'or':
      return isSatisfied(condition.left, progress) || isSatisfied(condition.right, progress)
  }
}

/** A screen, state or transition a condition names: what `reached…` asks for, and what shortest heads for. */
export type Target = { kind: 'screen'; name: string } | { kind: 'state'; name: string } | { kind: 'transition'; name: string }

/** The screens, states and transitions the condition's `reached…` parts name, in order. */
export function targetsOf(condition: StopCondition): Target[] {
  if (condition.kind === 'reached') return [{ kind: 'screen', name: condition.screen }]
  if (condition.kind === 'reachedState') return [{ kind: 'state', name: condition.state }]
  if (condition.kind === 'reachedEdge') return [{ kind: 'transition', name: condition.transition }]
  if (condition.kind === 'and' || condition.kind === 'or') return [...targetsOf(condition.left), ...targetsOf(condition.right)]
  return []
}

/** The screens a `reached(…)` names, to check them against the real screen names. */
export function reachedScreens(condition: StopCondition): string[] {
  return targetsOf(condition)
    .filter((t) => t.kind === 'screen')
    .map((t) => t.name)
}

/** A target as a condition in GraphWalker's words: `reached_vertex(billJam)`, `reached_edge("… · …")`. */
export function formatTarget(target: Target): string {
  return target.kind === 'transition' ? `reached_edge("${target.name}")` : `reached_vertex(${target.name})`
}

/** The condition in GraphWalker's words (`edge_coverage(100) or length(500)`), as `unmet` names its parts. */
export function formatCondition(condition: StopCondition, parent?: 'and' | 'or'): string {
  switch (condition.kind) {
    case 'transitions':
      return `edge_coverage(${condition.percent})`
    case 'states':
      return `vertex_coverage(${condition.percent})`
    case 'requirements':
      return `requirement_coverage(${condition.percent})`
    case 'length':
      return `length(${condition.steps})`
    case 'seconds':
      return `time_duration(${condition.seconds})`
    case 'never':
      return 'never'
    case 'and':
    case 'or': {
      const text = `${formatCondition(condition.left, condition.kind)} ${condition.kind} ${formatCondition(condition.right, condition.kind)}`
      return parent === 'and' && condition.kind === 'or' ? `(${text})` : text
    }
    default:
      return formatTarget(targetsOf(condition)[0]!)
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The parts of the condition not met, each in words with its figures (`edge_coverage(100): 97.3 % (4 transitions not taken)`,
 * `reached_vertex(billJam): not reached`): empty only when the condition holds. Of an `or`, every part (none held).
 */
export function unmetParts(condition: StopCondition, progress: WalkProgress): string[] {
  if (isSatisfied(condition, progress)) return []
  const name = formatCondition(condition)
  switch (condition.kind) {
    case 'and':
    case 'or':
      return [...unmetParts(condition.left, progress), ...unmetParts(condition.right, progress)]
    case 'transitions':
      return [`${name}: ${progress.transitionsPercent} %${left(progress.transitionsLeft, 'transition not taken', 'transitions not taken')}`]
    case 'states':
      return [`${name}: ${progress.statesPercent} %${left(progress.statesLeft, 'state not entered', 'states not entered')}`]
    case 'requirements': {
      const unmet = progress.requirementsUnmet ?? []
      const list = unmet.length > 0 ? ` (${plural(unmet.length, 'requirement', 'requirements')} not met: ${unmet.join(', ')})` : ''
      return [`${name}: ${progress.requirementsPercent ?? 0} %${list}`]
    }
    case 'length':
      return [`${name}: ${plural(progress.steps, 'step', 'steps')} taken`]
    case 'seconds':
      return [`${name}: ${Math.round(progress.elapsedSeconds * 10) / 10} s`]
    case 'never':
      return ['never: never holds (the walk went on until something else stopped it)']
    case 'reachedEdge':
      return [`${name}: not taken`]
    default:
      return [`${name}: not reached`]
  }
}

const left = (count: number | undefined, one: string, many: string) => (count === undefined ? '' : ` (${plural(count, one, many)})`)

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

/** Whether the condition can never hold (`never`, alone or in an `and`). */
function neverHolds(condition: StopCondition): boolean {
  if (condition.kind === 'never') return true
  if (condition.kind === 'or') return neverHolds(condition.left) && neverHolds(condition.right)
  if (condition.kind === 'and') return neverHolds(condition.left) || neverHolds(condition.right)
  return false
}

/**
 * Why a walk under this condition may run until it stops finding anything new or hits its safety limit, for the CLI to warn;
 * null when the condition ends the walk by itself (a length or a time) or can be met (given the allow-list).
 */
export function whyUnbounded(condition: StopCondition, hasAllowList: boolean): string | null {
  if (isBounded(condition)) return null
  if (neverHolds(condition))
    return `${formatCondition(condition)} never holds: the walk goes on until it stops finding anything new or reaches its safety limit`
  if (!hasAllowList && asksForFullCoverage(condition))
    return 'without an allow-list, 100 % counts the transitions no path can take too: the walk goes on until it stops finding anything new'
  return null
}
