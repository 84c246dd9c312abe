/** `kiosk-sim coverage FILE...`: the state and transition coverage scenarios reach (docs/testing.md). */
import { CoverageRecorder, coverageTotals, type AllowList } from '../core/coverage'
import { ScenarioError, type Scenario } from '../core/scenario/schema'
import { playForCoverage } from '../core/testing/play'
import { loadAllowList, loadScenarioFile } from './inputFiles'
import { USAGE, type Output } from './usage'

/** `coverage FILE...`: runs the scenarios in memory with a coverage recorder watching every microstep. */
export async function coverageCommand(files: string[], options: { json?: boolean; allow?: string }, io: Output): Promise<number> {
  if (files.length === 0) {
    io.err(`kiosk-sim coverage: expected one or more scenario FILEs\n\n${USAGE}`)
    return 2
  }
  let allow: AllowList | undefined
  try {
    allow = options.allow === undefined ? undefined : loadAllowList(options.allow)
  } catch (err) {
    io.err(`kiosk-sim coverage: ${(err as Error).message}`)
    return 2
  }
  const scenarios: [string, Scenario][] = []
  for (const file of files) {
    try {
      scenarios.push([file, loadScenarioFile(file)])
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err
      io.err(`${file}: invalid scenario\n${err.issues.map((i) => `  ${i}`).join('\n')}`)
      return 2
    }
  }
  const recorder = new CoverageRecorder()
  const passed = await playForCoverage(
    scenarios.map(([, scenario]) => scenario),
    recorder
  )
  const runs = scenarios.map(([file], i) => ({ file, ok: passed[i]! }))
  const machines = recorder.report()
  const totals = allow && coverageTotals(machines, allow)
  if (options.json) {
    io.out(JSON.stringify({ scenarios: runs, machines, ...(totals ? { outsideAllowList: totals } : {}) }, null, 2))
    return 0
  }
  const lines = [`Coverage of ${runs.length} scenario${runs.length === 1 ? '' : 's'} (${runs.filter((r) => !r.ok).length} failed):`]
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
  io.out(lines.join('\n'))
  return 0
}
