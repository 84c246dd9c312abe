/** `kiosk-sim run FILE`: a scenario headless on a virtual clock, or live on a running kiosk with --url. */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_CARDS } from '../core/cards'
import { VirtualClock } from '../core/clock'
import { ScenarioRunner, type ScenarioReport } from '../core/scenario/runner'
import { ScenarioError, type Scenario } from '../core/scenario/schema'
import { SCENARIO_START } from '../core/testing/play'
import { loadOrCreateCardKey } from '../node/cardKey'
import { FileReceiptArchive } from '../node/receiptArchive'
import { SqliteCardStore } from '../node/sqliteCardStore'
import { SqliteJournal } from '../node/sqliteJournal'
import { loadScenarioFile } from './inputFiles'
import { LiveError } from './kioskLink'
import { DEFAULT_EXPECT_TIMEOUT_MS, playLive } from './live'
import { writeShrunk } from './replayReport'
import { formatTranscript } from './transcript'
import { USAGE, type Output } from './usage'

/**
 * Runs one scenario with a SQLite journal and host database in a temporary folder, or with the
 * journal in `journalPath` (a new file; its card-reference key goes beside it in PATH.card-key);
 * with `receiptsDir`, every receipt the kiosk prints is kept there as the kiosk keeps it.
 */
export async function runScenarioFile(scenario: Scenario, journalPath?: string, receiptsDir?: string): Promise<ScenarioReport> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-sim-'))
  const journal = new SqliteJournal(journalPath ?? join(dir, 'journal.sqlite'))
  const cards = new SqliteCardStore(join(dir, 'host.sqlite'), scenario.cards ?? DEMO_CARDS)
  const cardKey = journalPath ? loadOrCreateCardKey(`${journalPath}.card-key`) : undefined
  const receiptArchive = receiptsDir !== undefined ? new FileReceiptArchive(receiptsDir) : undefined
  const runner = new ScenarioRunner(scenario, {
    clock: new VirtualClock(SCENARIO_START),
    journal,
    cards,
    ...(cardKey ? { cardKey } : {}),
    ...(receiptArchive ? { receiptArchive } : {})
  })
  try {
    return await runner.run()
  } finally {
    runner.kiosk.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `run FILE [--json] [--journal PATH] [--receipts DIR] [--no-shrink]`, or with `--url URL [--timeout S]` live. */
export async function runCommand(
  files: string[],
  options: { json?: boolean; journal?: string; receipts?: string; url?: string; timeout?: string; 'no-shrink'?: boolean },
  io: Output
): Promise<number> {
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
  if (options.url !== undefined && options.receipts !== undefined) {
    io.err(`kiosk-sim run: --receipts does not apply with --url: the running kiosk keeps its receipts in its --data folder`)
    return 2
  }
  if (options.url !== undefined) return liveRun(scenario, { ...options, url: options.url }, io)
  if (options.timeout !== undefined) {
    io.err(`kiosk-sim run: --timeout applies to a live run (--url) only`)
    return 2
  }
  const journalPath = options.journal
  if (journalPath !== undefined && existsSync(journalPath)) {
    io.err(`kiosk-sim run: --journal ${journalPath} already exists; give a new file (a scenario starts a fresh kiosk)`)
    return 2
  }
  const receiptsDir = options.receipts
  const receiptsProblem = receiptsDir === undefined ? null : receiptsDirProblem(receiptsDir)
  if (receiptsProblem) {
    io.err(`kiosk-sim run: --receipts ${receiptsDir} ${receiptsProblem}`)
    return 2
  }
  const report = await runScenarioFile(scenario, journalPath, receiptsDir)
  io.out(options.json ? JSON.stringify(report, null, 2) : formatTranscript(scenario, report))
  // A failing file is shrunk to the steps that matter, written beside it (docs/testing.md, "Shrinking").
  if (!report.ok && !options['no-shrink']) await writeShrunk(file, scenario, io)
  return report.ok ? 0 : 1
}

/** Why `--receipts DIR` cannot take a run's receipts (null: it can): a QA engineer diffs a fresh folder, so none is mixed in. */
function receiptsDirProblem(dir: string): string | null {
  if (!existsSync(dir)) return null
  if (!statSync(dir).isDirectory()) return 'is not a folder; give a new or empty folder'
  return readdirSync(dir).length > 0 ? 'is not empty; give a new or empty folder (receipts of two runs must not mix)' : null
}

/** `run FILE --url URL [--timeout S]`: the scenario played on a running kiosk (live.ts). */
async function liveRun(scenario: Scenario, options: { url: string; timeout?: string; journal?: string; json?: boolean }, io: Output): Promise<number> {
  const fail = (message: string) => {
    io.err(`kiosk-sim run: ${message}`)
    return 2
  }
  if (options.journal !== undefined) return fail(`--journal does not apply with --url: the running kiosk keeps its own journal (in its --data folder)`)
  const seconds = options.timeout === undefined ? DEFAULT_EXPECT_TIMEOUT_MS / 1000 : Number(options.timeout)
  if (!(seconds > 0 && seconds <= 600)) return fail(`--timeout: expected seconds above 0, at most 600, got "${options.timeout}"`)
  let report
  try {
    report = await playLive(scenario, { url: options.url, expectTimeoutMs: seconds * 1000, warn: (w) => io.err(`warning: ${w}`) })
  } catch (err) {
    if (err instanceof LiveError) return fail(err.message)
    throw err
  }
  io.out(options.json ? JSON.stringify(report, null, 2) : formatTranscript(scenario, report))
  return report.ok ? 0 : 1
}
