/**
 * What `coverage`, `paths` and `run` report about replayed scenario files: each file's failure
 * (the step and the expectation), the requirements met, `--fail-under`, the JUnit suite, and the
 * shrunk file written beside a failing one (docs/testing.md, "Exit codes and reports", "Shrinking").
 */
import { writeFileSync } from 'node:fs'
import { COVERED_MACHINES, machineGraph, type AllowList, type CoverageRecorder, type CoverageTotals, type MachineCoverage } from '../core/coverage'
import type { ScenarioReport } from '../core/scenario/runner'
import type { Scenario } from '../core/scenario/schema'
import { memoryRunner } from '../core/testing/play'
import { shrinkScenario } from '../core/testing/shrink'
import { readJsonFile } from '../node/jsonFile'
import type { JUnitSuite } from './junit'
import { describeStep } from './transcript'
import type { Output } from './usage'

export interface ReplayedFile {
  file: string
  scenario: Scenario
  report: ScenarioReport
  /** Wall-clock seconds the replay took. */
  seconds: number
}

/** Replays each scenario on a fresh in-memory kiosk (as `run` does, on the same virtual clock start) with the recorder watching. */
export async function replayFiles(list: readonly { file: string; scenario: Scenario }[], recorder?: CoverageRecorder): Promise<ReplayedFile[]> {
  const replayed: ReplayedFile[] = []
  for (const { file, scenario } of list) {
    const started = performance.now()
    const runner = memoryRunner(scenario, recorder?.inspect)
    const report = await runner.run()
    runner.kiosk.stop()
    replayed.push({ file, scenario, report, seconds: (performance.now() - started) / 1000 })
  }
  return replayed
}

export interface FileFailure {
  /** 1-based, as the transcript numbers steps. */
  step: number
  /** The step as the transcript shows it (`expect screen=receipt, balanceKzt=2000`, `confirm`). */
  label: string
  /** Why it was not possible, or which expectations failed and what was seen. */
  error: string
}

/** Where and why a replay failed, or null when it replayed green. */
export function failureOf(scenario: Scenario, report: ScenarioReport): FileFailure | null {
  if (report.ok) return null
  const last = report.steps.at(-1)
  if (!last) return { step: 0, label: '(no step)', error: 'the scenario has no steps' }
  return { step: last.index + 1, label: describeStep(scenario.steps[last.index]!), error: last.error ?? 'failed' }
}

export const failureText = (f: FileFailure) => `step ${f.step} (${f.label}) ${f.label.startsWith('expect') ? 'failed' : 'was not possible'}: ${f.error}`

export interface RequirementReport {
  machine: string
  requirement: string
  met: boolean
  covered: number
  total: number
  uncovered: string[]
  /** With an allow-list: the same, counting only what is outside it. */
  outsideAllowList?: { met: boolean; covered: number; total: number; uncovered: string[] }
}

/** Every requirement of every machine: met when each state and transition tagged with it was covered (outside the allow-list when one is given). */
export function requirementsOf(machines: readonly MachineCoverage[], allow?: AllowList): RequirementReport[] {
  const entries = allow ? [...allow.unreachable, ...allow.notYetCovered] : []
  return machines.flatMap((m) => {
    const machine = COVERED_MACHINES.find((x) => x.id === m.machine)
    const tagged = machine ? machineGraph(machine).graph.requirements : new Map<string, string[]>()
    const allowed = new Set(entries.filter((e) => e.machine === m.machine).map((e) => ('state' in e ? `state ${e.state}` : `transition ${e.transition}`)))
    return m.requirements.map((r): RequirementReport => {
      const base = { machine: m.machine, requirement: r.requirement, met: r.met, covered: r.covered, total: r.total, uncovered: r.uncovered }
      if (!allow) return base
      const total = (tagged.get(r.requirement) ?? []).filter((e) => !allowed.has(e)).length
      const uncovered = r.uncovered.filter((e) => !allowed.has(e))
      return { ...base, outsideAllowList: { met: uncovered.length === 0, covered: total - uncovered.length, total, uncovered } }
    })
  })
}

/** `requirements met 11/13 (outside the allow-list); not yet: REQ-RECOVERY 0/4, …`, then one line per requirement. */
export function requirementsText(requirements: readonly RequirementReport[]): string[] {
  if (requirements.length === 0) return []
  const figures = (r: RequirementReport) => r.outsideAllowList ?? r
  const met = requirements.filter((r) => figures(r).met).length
  const outside = requirements[0]!.outsideAllowList ? ' outside the allow-list' : ''
  return [
    `Requirements met ${met}/${requirements.length}${outside}:`,
    ...requirements.map((r) => {
      const f = figures(r)
      const missing = f.met ? '' : `; not covered: ${f.uncovered.join(', ')}`
      return `  ${f.met ? 'met    ' : 'NOT MET'} ${r.requirement} (${r.machine}) ${f.covered}/${f.total}${missing}`
    })
  ]
}

/** `--fail-under N`: a percentage from 0 to 100; throws naming the option and what it got. */
export function parseFailUnder(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN
  if (!(value >= 0 && value <= 100)) throw new Error(`--fail-under: expected a percentage from 0 to 100, got "${text}"`)
  return value
}

/** The transition coverage `--fail-under` reads: outside the allow-list when one is given, else of all three machines. */
export function belowThreshold(totals: CoverageTotals, allowed: boolean, threshold: number | undefined): string | null {
  if (threshold === undefined || totals.transitions.percent >= threshold) return null
  const of = allowed ? 'outside the allow-list' : 'of all machines'
  const { percent, covered, total } = totals.transitions
  return `transition coverage ${percent} % ${of} (${covered}/${total}) is below --fail-under ${threshold} %`
}

/** The coverage figures and the requirements as JUnit properties. */
export function coverageProperties(totals: CoverageTotals, allowed: boolean, requirements: readonly RequirementReport[]): [string, string | number][] {
  const scope = allowed ? 'outsideAllowList' : 'all'
  const properties: [string, string | number][] = [
    [`coverage.${scope}.states.percent`, totals.states.percent],
    [`coverage.${scope}.states`, `${totals.states.covered}/${totals.states.total}`],
    [`coverage.${scope}.transitions.percent`, totals.transitions.percent],
    [`coverage.${scope}.transitions`, `${totals.transitions.covered}/${totals.transitions.total}`]
  ]
  for (const r of requirements) {
    const f = r.outsideAllowList ?? r
    properties.push([`requirement.${r.requirement}`, `${f.met ? 'met' : 'not met'} ${f.covered}/${f.total}`])
  }
  return properties
}

/** One test case per replayed file: it passes when the file replays green; a failure names the step and the expectation. */
export function filesSuite(name: string, classname: string, replayed: readonly ReplayedFile[], properties: JUnitSuite['properties']): JUnitSuite {
  return {
    name,
    time: replayed.reduce((t, r) => t + r.seconds, 0),
    properties,
    cases: replayed.map((r) => {
      const failure = failureOf(r.scenario, r.report)
      return {
        name: r.file,
        classname,
        time: r.seconds,
        ...(failure
          ? { failure: { message: failureText(failure), type: failure.label.startsWith('expect') ? 'expectation' : 'notPossible', text: failureText(failure) } }
          : {})
      }
    })
  }
}

/** Where the shrunk scenario of FILE goes: `<name>.shrunk.json` beside it. */
export const shrunkPath = (file: string) => `${file.replace(/\.json$/i, '')}.shrunk.json`

/**
 * Shrinks a failing scenario file and writes `<name>.shrunk.json` beside it (its own config and
 * cards kept), saying so on `io.err`; writes and says nothing when every action step before the
 * failure matters already. Returns the path written, or null.
 */
export async function writeShrunk(file: string, scenario: Scenario, io: Output): Promise<string | null> {
  const result = await shrinkScenario(scenario)
  if (!result) {
    io.err(`${file}: not shrunk: replayed in memory, it does not fail`)
    return null
  }
  const early = result.stoppedEarly ? ` (stopped after ${result.replays} replays: it may shrink further)` : ''
  // Every action step before the failure matters: the file is as short as it gets, and the transcript already says how it fails.
  if (result.kept.length === result.actionsBefore) return null
  const raw = readJsonFile(file) as Record<string, unknown>
  const out = shrunkPath(file)
  const shrunk = { ...raw, name: `${scenario.name} (shrunk)`, description: result.description, steps: result.steps }
  writeFileSync(out, JSON.stringify(shrunk, null, 2) + '\n')
  io.err(`${file}: shrunk to ${result.kept.length} of its ${result.actionsBefore} action steps in ${result.replays} replays${early}: ${out}`)
  return out
}
