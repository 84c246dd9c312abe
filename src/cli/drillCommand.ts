/** `kiosk-sim drill list` and `kiosk-sim drill run FILE`: the drill library, and a drill played headless and scored (docs/training.md). */
import { isAbsolute, relative } from 'node:path'
import type { Caption, DrillResultView } from '../core/protocol'
import { ScenarioError, type Step } from '../core/scenario/schema'
import { runDrill } from '../core/training/drillRun'
import { DrillError, type Drill } from '../core/training/drillSchema'
import { DRILL_LIBRARY_DIR, listDrills, loadDrillFile } from '../node/drillLibrary'
import { loadScenarioFile } from './inputFiles'
import { USAGE, type Output } from './usage'

export interface DrillOptions {
  json?: boolean
  actions?: string
  trainee?: string
}

/** A caption in English, or else in the first language it has. */
export const captionText = (caption: Caption): string => caption.en ?? Object.values(caption).find((t) => t !== undefined) ?? ''

/** A path as a person in `cwd` would type it: relative when under it. */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path)
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path
}

/** `drill list | run FILE [--json] [--actions FILE] [--trainee NAME]`; `libraryDir` for tests. */
export async function drillCommand(args: string[], options: DrillOptions, io: Output, libraryDir: string = DRILL_LIBRARY_DIR): Promise<number> {
  const [sub, ...files] = args
  const usage = (message: string) => {
    io.err(`kiosk-sim drill: ${message}\n\n${USAGE}`)
    return 2
  }
  if (sub === 'list') {
    if (files.length) return usage(`list takes no file, got ${files.join(' ')}`)
    if (options.actions !== undefined || options.trainee !== undefined || options.json) return usage('list takes no options')
    return listCommand(libraryDir, io)
  }
  if (sub !== 'run') return usage(sub ? `unknown subcommand "${sub}"; expected list or run` : 'expected list or run')
  if (files.length !== 1) return usage(`run: expected exactly one drill FILE, got ${files.length}`)
  return runCommand(files[0]!, options, io)
}

function listCommand(dir: string, io: Output): number {
  const { drills, invalid } = listDrills(dir)
  const cwd = process.cwd()
  for (const d of drills) io.out(`${shown(d.path, cwd)}\t${captionText(d.title)}`)
  for (const bad of invalid) io.err(`${shown(bad.path, cwd)}: invalid drill\n${bad.issues.map((i) => `  ${i}`).join('\n')}`)
  return invalid.length ? 2 : 0
}

async function runCommand(file: string, options: DrillOptions, io: Output): Promise<number> {
  const invalid = (what: string, issues: string[]) => {
    io.err(`${what}\n${issues.map((i) => `  ${i}`).join('\n')}`)
    return 2
  }
  let drill: Drill
  try {
    drill = loadDrillFile(file)
  } catch (err) {
    if (err instanceof DrillError) return invalid(`${file}: invalid drill`, err.issues)
    throw err
  }
  let actions: Step[] | undefined
  if (options.actions !== undefined) {
    try {
      // A recorded scenario: its name, description, config and cards are taken as valid but not used (the drill's kiosk is).
      actions = loadScenarioFile(options.actions).steps
    } catch (err) {
      if (err instanceof ScenarioError) return invalid(`--actions ${options.actions}: invalid scenario`, err.issues)
      throw err
    }
  }
  let trainee: string | undefined
  if (options.trainee !== undefined) {
    trainee = options.trainee.trim()
    if (!trainee || trainee.length > 80) return invalid('kiosk-sim drill run: invalid option', ['--trainee: expected a name of 1 to 80 characters'])
  }
  let result: DrillResultView
  try {
    result = await runDrill(drill, { ...(actions ? { actions } : {}), ...(trainee ? { trainee } : {}) })
  } catch (err) {
    // The set-up failed: the drill cannot be played as written.
    if (err instanceof DrillError) return invalid(`${file}: invalid drill`, err.issues)
    throw err
  }
  io.out(options.json ? JSON.stringify(jsonReport(result), null, 2) : formatDrillResult(result))
  return result.passed ? 0 : 1
}

/** The `--json` report: the fields CI reads first, then the rest of the result (the expected timeline left out). */
export function jsonReport(r: DrillResultView): Record<string, unknown> {
  return {
    drill: r.drill,
    score: r.score,
    maxScore: r.maxScore,
    penalties: r.penalties,
    timeline: r.timeline,
    passMark: r.passMark,
    passed: r.passed,
    outcome: r.outcome,
    tasks: r.tasks,
    hintsUsed: r.hintsUsed,
    seconds: r.seconds,
    trainee: r.trainee
  }
}

const OUTCOMES: Record<DrillResultView['outcome'], string> = { finished: 'finished', timeUp: 'time up', aborted: 'aborted' }

/** The readable summary: tasks met and missed, penalties, hints, steps that went wrong, the score and the verdict. */
export function formatDrillResult(r: DrillResultView): string {
  const lines = [`Drill ${r.drill}: ${captionText(r.title)}`, `Trainee: ${r.trainee}; ${OUTCOMES[r.outcome]} after ${r.seconds} s`, '', 'Tasks:']
  for (const t of r.tasks) lines.push(`  ${t.done ? 'met   ' : 'missed'} ${t.id}: ${captionText(t.caption)} (${t.done ? '+' : '0 of '}${t.points})`)
  lines.push('', r.penalties.length ? 'Penalties:' : 'Penalties: none')
  for (const p of r.penalties) lines.push(`  -${p.points} ${p.id} at ${p.at} s: ${captionText(p.caption)}`)
  lines.push('', `Hints used: ${r.hintsUsed}`)
  const wrong = r.timeline.filter((e) => e.error !== undefined)
  if (wrong.length) {
    lines.push('', 'Steps that went wrong:')
    for (const e of wrong) lines.push(`  at ${e.at} s, ${typeof e.step.do === 'string' ? e.step.do : 'expect'}: ${e.error}`)
  }
  lines.push('', `Score: ${r.score} of ${r.maxScore}; pass mark ${r.passMark}: ${r.passed ? 'PASSED' : 'FAILED'}`)
  return lines.join('\n')
}
