/** `kiosk-sim`: run scenarios headless against the core (see docs/cli.md). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DEMO_CARDS } from '../core/cards'
import { VirtualClock } from '../core/clock'
import { ScenarioRunner, type ScenarioReport } from '../core/scenario/runner'
import { parseScenario, ScenarioError, type Scenario } from '../core/scenario/schema'
import { SqliteCardStore } from '../node/sqliteCardStore'
import { SqliteJournal } from '../node/sqliteJournal'
import { formatTranscript } from './transcript'

export const USAGE = `Usage:
  kiosk-sim run FILE [--json]    run a scenario headless on a virtual clock
  kiosk-sim help                 show this help

Exit codes: 0 every step possible and every expectation held; 1 a step was not possible
or an expectation failed; 2 invalid file or arguments.`

/** Where the virtual clock starts: a fixed instant, so reports are reproducible. */
export const SCENARIO_START = Date.UTC(2026, 0, 15, 6, 0, 0)

type Output = { out: (text: string) => void; err: (text: string) => void }
const stdio: Output = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') }

/** Reads and validates a scenario file; throws ScenarioError with the file's problems. */
export function loadScenarioFile(path: string): Scenario {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new ScenarioError([`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`])
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new ScenarioError([`${path} is not valid JSON: ${(err as Error).message}`])
  }
  return parseScenario(raw)
}

/** Runs one scenario with a temporary SQLite journal and host database. */
export async function runScenarioFile(scenario: Scenario): Promise<ScenarioReport> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-sim-'))
  const journal = new SqliteJournal(join(dir, 'journal.sqlite'))
  const cards = new SqliteCardStore(join(dir, 'host.sqlite'), scenario.cards ?? DEMO_CARDS)
  const runner = new ScenarioRunner(scenario, { clock: new VirtualClock(SCENARIO_START), journal, cards })
  try {
    return await runner.run()
  } finally {
    runner.kiosk.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function main(argv: string[], io: Output = stdio): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } })
  } catch (err) {
    io.err(`kiosk-sim: ${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  const [command, ...files] = parsed.positionals
  if (parsed.values.help || command === 'help') {
    io.out(USAGE)
    return 0
  }
  if (command !== 'run') {
    io.err(command ? `kiosk-sim: unknown command "${command}"\n\n${USAGE}` : USAGE)
    return 2
  }
  if (files.length !== 1) {
    io.err(`kiosk-sim run: expected exactly one scenario FILE, got ${files.length}\n\n${USAGE}`)
    return 2
  }
  const file = files[0]!
  let scenario: Scenario
  try {
    scenario = loadScenarioFile(file)
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err
    io.err(`${file}: invalid scenario\n${err.issues.map((i) => `  ${i}`).join('\n')}`)
    return 2
  }
  const report = await runScenarioFile(scenario)
  io.out(parsed.values.json ? JSON.stringify(report, null, 2) : formatTranscript(scenario, report))
  return report.ok ? 0 : 1
}
