/** `kiosk-sim coverage FILE...`: the state and transition coverage scenarios reach (docs/testing.md). */
import { resolve } from 'node:path'
import { CoverageRecorder, coverageTotals, type AllowList } from '../core/coverage'
import { ScenarioError, type Scenario } from '../core/scenario/schema'
import { loadAllowList, loadScenarioFile } from './inputFiles'
import { writeJUnit } from './junit'
import { isManifestArgument, manifestScenarios, OutFolderError } from './outFolder'
import {
  belowThreshold,
  coverageProperties,
  failureOf,
  failureText,
  filesSuite,
  parseFailUnder,
  replayFiles,
  requirementsOf,
  requirementsText,
  writeShrunk
} from './replayReport'
import { USAGE, type Output } from './usage'

export interface CoverageOptions {
  json?: boolean
  allow?: string
  junit?: string
  manifest?: string
  'fail-under'?: string
  'no-shrink'?: boolean
}

/**
 * `coverage FILE... [--manifest FILE] [--allow FILE] [--fail-under N] [--junit FILE] [--json] [--no-shrink]`:
 * runs the scenarios in memory with a coverage recorder watching every microstep. A FILE that is a
 * folder or a kiosk-sim-paths.json stands for the scenario files its manifest lists. Exit 1 when a
 * file failed (each named with its step and expectation, and shrunk beside it) or the transition
 * coverage is below --fail-under.
 */
export async function coverageCommand(args: string[], options: CoverageOptions, io: Output): Promise<number> {
  const usage = (message: string) => {
    io.err(`kiosk-sim coverage: ${message}`)
    return 2
  }
  if (args.length === 0 && options.manifest === undefined) {
    io.err(`kiosk-sim coverage: expected one or more scenario FILEs\n\n${USAGE}`)
    return 2
  }
  let allow: AllowList | undefined
  let threshold: number | undefined
  let files: string[]
  try {
    allow = options.allow === undefined ? undefined : loadAllowList(options.allow)
    threshold = parseFailUnder(options['fail-under'])
    files = expandManifests([...args, ...(options.manifest === undefined ? [] : [options.manifest])])
  } catch (err) {
    return usage((err as Error).message)
  }
  if (files.length === 0) return usage('the manifest lists no scenario files (paths --format json writes a report, not scenarios)')
  const scenarios: { file: string; scenario: Scenario }[] = []
  for (const file of files) {
    try {
      scenarios.push({ file, scenario: loadScenarioFile(file) })
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err
      io.err(`${file}: invalid scenario\n${err.issues.map((i) => `  ${i}`).join('\n')}`)
      return 2
    }
  }
  const recorder = new CoverageRecorder()
  const replayed = await replayFiles(scenarios, recorder)
  const machines = recorder.report()
  const totals = coverageTotals(machines, allow)
  const requirements = requirementsOf(machines, allow)
  const failed = replayed.flatMap((r) => {
    const failure = failureOf(r.scenario, r.report)
    return failure ? [{ file: r.file, scenario: r.scenario, failure }] : []
  })
  const shrunk = new Map<string, string>()
  if (!options['no-shrink']) {
    for (const f of failed) {
      const out = await writeShrunk(f.file, f.scenario, io)
      if (out) shrunk.set(f.file, out)
    }
  }
  const runs = replayed.map((r) => {
    const failure = failed.find((f) => f.file === r.file)?.failure
    return { file: r.file, ok: r.report.ok, ...(failure ? { failure } : {}), ...(shrunk.has(r.file) ? { shrunk: shrunk.get(r.file) } : {}) }
  })
  const below = belowThreshold(totals, allow !== undefined, threshold)
  if (options.junit !== undefined) {
    const name = `kiosk-sim coverage (${replayed.length} file${replayed.length === 1 ? '' : 's'})`
    writeJUnit(options.junit, filesSuite(name, 'kiosk-sim.coverage', replayed, coverageProperties(totals, allow !== undefined, requirements)))
  }
  if (options.json) {
    const outside = allow ? { outsideAllowList: totals } : {}
    io.out(JSON.stringify({ scenarios: runs, machines, ...outside, requirements, ...(threshold !== undefined ? { failUnder: threshold } : {}) }, null, 2))
  } else io.out(coverageText(runs.length, failed.length, machines, allow ? totals : undefined, requirements))
  for (const f of failed) io.err(`kiosk-sim coverage: ${f.file} failed: ${failureText(f.failure)}`)
  if (below) io.err(`kiosk-sim coverage: ${below}`)
  return failed.length > 0 || below ? 1 : 0
}

/** The files the arguments stand for: a manifest (or its folder) for the scenario files it lists, each file once. */
function expandManifests(args: readonly string[]): string[] {
  const seen = new Set<string>()
  const files: string[] = []
  for (const arg of args) {
    let expanded: string[]
    try {
      expanded = isManifestArgument(arg) ? manifestScenarios(arg) : [arg]
    } catch (err) {
      if (err instanceof OutFolderError) throw new Error(err.message)
      throw err
    }
    for (const file of expanded) {
      if (seen.has(resolve(file))) continue
      seen.add(resolve(file))
      files.push(file)
    }
  }
  return files
}

function coverageText(
  count: number,
  failed: number,
  machines: ReturnType<CoverageRecorder['report']>,
  totals: ReturnType<typeof coverageTotals> | undefined,
  requirements: ReturnType<typeof requirementsOf>
): string {
  const lines = [`Coverage of ${count} scenario${count === 1 ? '' : 's'} (${failed} failed):`]
  for (const m of machines) {
    lines.push(
      `  ${m.machine}: states ${m.states.covered}/${m.states.total} (${m.states.percent} %), transitions ${m.transitions.covered}/${m.transitions.total} (${m.transitions.percent} %)`
    )
    const met = m.requirements.filter((r) => r.met).length
    if (m.requirements.length > 0)
      lines.push(
        `    requirements met ${met}/${m.requirements.length}${
          m.requirements.some((r) => !r.met)
            ? `; not yet: ${m.requirements
                .filter((r) => !r.met)
                .map((r) => `${r.requirement} (${r.covered}/${r.total})`)
                .join(', ')}`
            : ''
        }`
      )
    for (const state of m.states.uncovered) lines.push(`    state not entered: ${state}`)
    for (const transition of m.transitions.uncovered) lines.push(`    transition not taken: ${transition}`)
  }
  if (totals) {
    lines.push(
      `Outside the allow-list (${totals.allowed} ${totals.allowed === 1 ? 'entry' : 'entries'}): states ${totals.states.covered}/${totals.states.total} (${totals.states.percent} %), transitions ${totals.transitions.covered}/${totals.transitions.total} (${totals.transitions.percent} %)`
    )
    for (const item of totals.uncovered) lines.push(`  not covered: ${item}`)
  }
  lines.push(...requirementsText(requirements))
  return lines.join('\n')
}
