/** `kiosk-sim`: run scenarios headless against the core (docs/scenarios.md) and audit journals (docs/journal.md). */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DEMO_CARDS } from '../core/cards'
import { VirtualClock } from '../core/clock'
import { ScenarioRunner, type ScenarioReport } from '../core/scenario/runner'
import { parseScenario, ScenarioError, type Scenario } from '../core/scenario/schema'
import { FileReceiptArchive } from '../node/receiptArchive'
import { SqliteCardStore } from '../node/sqliteCardStore'
import { COVERED_MACHINES, CoverageRecorder, coverageTotals, mermaidDiagram, parseAllowList, type AllowList } from '../core/coverage'
import { PROFILE_NAMES, profilesNamed, type DrillProfile } from '../core/testing/profiles'
import { asksForFullCoverage, GeneratorSyntaxError, isBounded, parseGenerator } from '../core/testing/generator'
import { generatePaths } from '../core/testing/walk'
import { playForCoverage, SCENARIO_START } from '../core/testing/play'
import { checkJournal, verifyChain } from '../core/journal'
import { loadOrCreateCardKey } from '../node/cardKey'
import { journalCsv, JournalFileError, readJournalFile } from '../node/journalFile'
import { JsonFileError, readJsonFile } from '../node/jsonFile'
import { headPathOf, readJournalHead, SqliteJournal } from '../node/sqliteJournal'
import { DEFAULT_EXPECT_TIMEOUT_MS, LiveError, playLive } from './live'
import { formatTranscript } from './transcript'

export const USAGE = `Usage:
  kiosk-sim run FILE [--json] [--journal PATH] [--receipts DIR]
                                                 run a scenario headless on a virtual clock;
                                                 --journal keeps its journal in a new file PATH;
                                                 --receipts writes every receipt (receiptline
                                                 source, SVG, ESC/POS) into DIR, new or empty
  kiosk-sim run FILE --url URL [--timeout S] [--json]
                                                 play it live, in real time, on a running kiosk
                                                 (npm run web); URL: the technician URL it printed,
                                                 "http://HOST:PORT/technician#k=KEY" as it is (or
                                                 ws://HOST:PORT for a host without a key);
                                                 an expect waits up to S s (default 5)
  kiosk-sim paths --generator G [--seed N] [--profile P,...] [--allow FILE]
                  [--format scenario|json] [--out DIR]
                                                 generated paths over the live core, e.g.
                                                 G = "quickRandom(transitions(60) or length(500))",
                                                 "oneTour(length(5000))", "shortest(reached(receipt))";
                                                 walks take the drill profiles P in turn, one leg
                                                 (file) each, by default all of
                                                 ${PROFILE_NAMES.slice(0, 3).join(', ')},
                                                 ${PROFILE_NAMES.slice(3).join(', ')};
                                                 oneTour and shortest take one (default standard);
                                                 --allow leaves an allow-list out of the percentages;
                                                 scenario: DIR/<generator>-<seed>[-<leg>-<profile>].json
                                                 (shortest: DIR/shortest-<screen>.json), replayable with run
  kiosk-sim paths --format mermaid [--out DIR]   the statecharts as Mermaid diagrams (DIR/<machine>.mmd)
  kiosk-sim coverage FILE... [--allow FILE] [--json]
                                                 run scenarios; state and transition coverage of the
                                                 kiosk machine and its device actors, uncovered listed;
                                                 --allow: the total of the rest, outside the allow-list
  kiosk-sim journal verify PATH                  check a journal's hash chain and sequence
  kiosk-sim journal export PATH --csv            the journal as CSV, one row per record
  kiosk-sim help                                 show this help

Exit codes: run: 0 every step possible and every expectation held, 1 a step was not possible
or an expectation failed; journal verify: 0 intact, 1 a record was changed, removed, inserted
or reordered (the first one is named); 2 invalid file or arguments (run --url: also no kiosk
there, a missing or wrong technician key, or a step only the headless run can play).`

/** Where the virtual clock starts: a fixed instant, so reports are reproducible. */
export { SCENARIO_START } from '../core/testing/play'

type Output = { out: (text: string) => void; err: (text: string) => void }
const stdio: Output = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') }

/** Reads and validates a scenario file; throws ScenarioError with the file's problems. */
export function loadScenarioFile(path: string): Scenario {
  let raw: unknown
  try {
    raw = readJsonFile(path)
  } catch (err) {
    if (err instanceof JsonFileError) throw new ScenarioError(err.issues)
    throw err
  }
  return parseScenario(raw)
}

/** Reads an allow-list file (tests/coverage-allowlist.json); throws naming the file and what is wrong in it. */
export function loadAllowList(path: string): AllowList {
  let raw: unknown
  try {
    raw = readJsonFile(path)
  } catch (err) {
    if (err instanceof JsonFileError) throw new Error(err.issues.map((i) => `--allow: ${i}`).join('\n'))
    throw err
  }
  try {
    return parseAllowList(raw)
  } catch (err) {
    throw new Error(`--allow: ${path}: ${(err as Error).message}`)
  }
}

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
  const runner = new ScenarioRunner(scenario, { clock: new VirtualClock(SCENARIO_START), journal, cards, ...(cardKey ? { cardKey } : {}), ...(receiptArchive ? { receiptArchive } : {}) })
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
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        journal: { type: 'string' },
        receipts: { type: 'string' },
        generator: { type: 'string' },
        seed: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        url: { type: 'string' },
        timeout: { type: 'string' },
        profile: { type: 'string' },
        allow: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (err) {
    io.err(`kiosk-sim: ${(err as Error).message}\n\n${USAGE}`)
    return 2
  }
  const [command, ...files] = parsed.positionals
  if (parsed.values.help || command === 'help') {
    io.out(USAGE)
    return 0
  }
  if (command === 'journal') return journalCommand(files, parsed.values, io)
  if (command === 'coverage') return coverageCommand(files, parsed.values, io)
  if (command === 'paths') return pathsCommand(files, parsed.values, io)
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
  if (parsed.values.url !== undefined && parsed.values.receipts !== undefined) {
    io.err(`kiosk-sim run: --receipts does not apply with --url: the running kiosk keeps its receipts in its --data folder`)
    return 2
  }
  if (parsed.values.url !== undefined) return liveRun(scenario, { ...parsed.values, url: parsed.values.url }, io)
  if (parsed.values.timeout !== undefined) {
    io.err(`kiosk-sim run: --timeout applies to a live run (--url) only`)
    return 2
  }
  const journalPath = parsed.values.journal
  if (journalPath !== undefined && existsSync(journalPath)) {
    io.err(`kiosk-sim run: --journal ${journalPath} already exists; give a new file (a scenario starts a fresh kiosk)`)
    return 2
  }
  const receiptsDir = parsed.values.receipts
  const receiptsProblem = receiptsDir === undefined ? null : receiptsDirProblem(receiptsDir)
  if (receiptsProblem) {
    io.err(`kiosk-sim run: --receipts ${receiptsDir} ${receiptsProblem}`)
    return 2
  }
  const report = await runScenarioFile(scenario, journalPath, receiptsDir)
  io.out(parsed.values.json ? JSON.stringify(report, null, 2) : formatTranscript(scenario, report))
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

/** `journal verify PATH` and `journal export PATH --csv`. */
function journalCommand(args: string[], options: { csv?: boolean; json?: boolean }, io: Output): number {
  const [action, ...paths] = args
  if (action !== 'verify' && action !== 'export') {
    io.err(`kiosk-sim journal: expected "verify" or "export", got ${action ? `"${action}"` : 'nothing'}\n\n${USAGE}`)
    return 2
  }
  if (paths.length !== 1) {
    io.err(`kiosk-sim journal ${action}: expected exactly one journal PATH, got ${paths.length}\n\n${USAGE}`)
    return 2
  }
  if (action === 'export' && !options.csv) {
    io.err(`kiosk-sim journal export: say the format: --csv\n\n${USAGE}`)
    return 2
  }
  const path = paths[0]!
  let records
  try {
    records = readJournalFile(path)
  } catch (err) {
    if (!(err instanceof JournalFileError)) throw err
    io.err(`kiosk-sim journal ${action}: ${err.message}`)
    return 2
  }
  if (action === 'export') {
    io.out(journalCsv(records).replace(/\r\n$/, ''))
    return 0
  }
  const verdict = verifyChain(records)
  if (!verdict.ok) {
    io.out(`${path}: BROKEN at record ${verdict.seq}: ${verdict.problem}`)
    return 1
  }
  // The chain alone cannot show a journal restored from an older copy, cut short or swapped: its head, kept beside it, can.
  const anchored = readJournalHead(path)
  const trust = checkJournal(records, anchored)
  if (!trust.ok) {
    io.out(`${path}: ${trust.problem === 'rolledBack' ? 'ROLLED BACK' : 'REPLACED'}: ${trust.message}`)
    return 1
  }
  io.out(`${path}: intact — ${verdict.records} records, sequence 1–${verdict.records}, head ${verdict.head}${anchored ? ', matching its head file' : ` (no head file ${headPathOf(path)} beside it: a rollback could not be noticed)`}`)
  // Rollbacks and breaks staff accepted stay visible: the records the journal lost are not in it.
  for (const r of records) {
    if (r.kind !== 'journalAccepted') continue
    const data = JSON.parse(r.data) as { problem?: string; message?: string }
    io.out(`  record ${r.seq} (${r.time}): staff accepted this journal after it failed its check at start (${data.problem}): ${data.message}`)
  }
  return 0
}

/** `coverage FILE...`: runs the scenarios in memory with a coverage recorder watching every microstep. */
async function coverageCommand(files: string[], options: { json?: boolean; allow?: string }, io: Output): Promise<number> {
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
    lines.push(`  ${m.machine}: states ${m.states.covered}/${m.states.total} (${m.states.percent} %), transitions ${m.transitions.covered}/${m.transitions.total} (${m.transitions.percent} %)`)
    const met = m.requirements.filter((r) => r.met).length
    if (m.requirements.length > 0) lines.push(`    requirements met ${met}/${m.requirements.length}${m.requirements.some((r) => !r.met) ? `; not yet: ${m.requirements.filter((r) => !r.met).map((r) => `${r.requirement} (${r.covered}/${r.total})`).join(', ')}` : ''}`)
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

/** `paths --generator G [--seed N] [--profile P,...] [--allow FILE] [--format scenario|json] [--out DIR]`. */
async function pathsCommand(
  extra: string[],
  options: { generator?: string; seed?: string; format?: string; out?: string; profile?: string; allow?: string },
  io: Output
): Promise<number> {
  const fail = (message: string) => {
    io.err(`kiosk-sim paths: ${message}\n\n${USAGE}`)
    return 2
  }
  if (extra.length > 0) return fail(`unexpected argument "${extra[0]}"`)
  if (options.format === 'mermaid') {
    if (!options.out) {
      io.out(COVERED_MACHINES.map((m) => `%% ${m.id}\n${mermaidDiagram(m)}`).join('\n'))
      return 0
    }
    mkdirSync(options.out, { recursive: true })
    for (const machine of COVERED_MACHINES) {
      const file = join(options.out, `${machine.id}.mmd`)
      writeFileSync(file, mermaidDiagram(machine))
      io.out(file)
    }
    return 0
  }
  if (!options.generator) return fail('--generator is required, e.g. --generator "random(length(100))"')
  let spec
  try {
    spec = parseGenerator(options.generator)
  } catch (err) {
    if (err instanceof GeneratorSyntaxError) return fail(err.message)
    throw err
  }
  const seed = options.seed === undefined ? 1 : Number(options.seed)
  if (!Number.isInteger(seed) || seed < 0) return fail(`--seed: expected a whole number of at least 0, got "${options.seed}"`)
  const format = options.format ?? 'scenario'
  if (format !== 'scenario' && format !== 'json') return fail(`--format: expected scenario, json or mermaid, got "${format}"`)
  const walks = spec.generator === 'random' || spec.generator === 'quickRandom'
  let profiles: DrillProfile[]
  try {
    profiles = profilesNamed(options.profile === undefined ? (walks ? PROFILE_NAMES : ['standard']) : options.profile.split(',').map((p) => p.trim()))
  } catch (err) {
    return fail(`--profile: ${(err as Error).message}`)
  }
  if (!walks && profiles.length > 1) return fail(`--profile: ${spec.generator} runs under one drill profile, got ${profiles.length}`)
  let allow: AllowList | undefined
  try {
    allow = options.allow === undefined ? undefined : loadAllowList(options.allow)
  } catch (err) {
    return fail((err as Error).message)
  }
  // Some transitions no path can take: transitions(100) counted over all of them is never met.
  if (!allow && !isBounded(spec.stop) && asksForFullCoverage(spec.stop)) {
    io.err('kiosk-sim paths: without --allow, 100 % counts the transitions no path can take too; the walk goes on until it stops finding anything new (minutes). Give --allow tests/coverage-allowlist.json, or add "or seconds(N)".')
  }
  let result
  try {
    result = await generatePaths({ spec, seed, profiles, ...(allow ? { allow } : {}), now: () => Date.now() })
  } catch (err) {
    return fail((err as Error).message)
  }
  const command = `kiosk-sim paths --generator "${options.generator}" --seed ${seed}${options.profile ? ` --profile ${options.profile}` : ''}`
  const files = result.paths.map(({ scenario: s, profile, wentBackAfter }, leg) => {
    const actions = s.steps.filter((step) => 'do' in step).length
    const back = wentBackAfter ? ` Its first ${wentBackAfter} steps go back to a situation the walk had met; it explores from there.` : ''
    const under = `${back}${profile.name === 'standard' ? '' : ` Under the ${profile.name} drill profile: ${profile.description}.`}`
    const scenario = {
      name: s.name,
      description: `Generated by ${command}: ${actions} steps, each followed by the screen it led to.${under}`,
      ...(Object.keys(profile.config).length > 0 ? { config: profile.config } : {}),
      steps: s.steps
    }
    // One file per path: a walk by its generator and seed (and leg), a shortest path by its screen.
    const name =
      spec.generator === 'shortest'
        ? `shortest-${(s.steps.at(-1) as { expect: { screen: string } }).expect.screen}`
        : result.paths.length > 1
          ? `${spec.generator}-${seed}-${String(leg + 1).padStart(2, '0')}-${profile.name}`
          : `${spec.generator}-${seed}`
    return { name, scenario, actions }
  })
  const totals = coverageTotals(result.coverage, allow)
  const stopped =
    result.stoppedBy === 'safetyLimit'
      ? ' (stopped at the safety limit: the condition was not met)'
      : result.stoppedBy === 'noProgress'
        ? ' (stopped: a round of legs under every profile found nothing new; the condition was not met)'
        : ''
  const edges = result.edges ? `, ${result.edges.taken} of the explored graph's ${result.edges.total} edges` : ''
  const outside = allow ? ' outside the allow-list' : ''
  const count = files.length === 1 ? `${files[0]!.actions} steps` : `${files.length} paths, ${files.reduce((n, f) => n + f.actions, 0)} steps`
  const summary = `${count}${stopped}${edges}; states ${totals.states.percent} %, transitions ${totals.transitions.percent} %${outside}`
  if (format === 'json') {
    const text = JSON.stringify({ scenarios: files.map((f) => f.scenario), coverage: result.coverage, stoppedBy: result.stoppedBy }, null, 2)
    if (options.out) {
      mkdirSync(options.out, { recursive: true })
      const file = join(options.out, `${spec.generator}-${seed}.path.json`)
      writeFileSync(file, text + '\n')
      io.out(`${file}: ${summary}`)
    } else io.out(text)
    return 0
  }
  const dir = options.out ?? '.'
  mkdirSync(dir, { recursive: true })
  for (const f of files) writeFileSync(join(dir, `${f.name}.json`), JSON.stringify(f.scenario, null, 2) + '\n')
  io.out(files.length === 1 ? `${join(dir, `${files[0]!.name}.json`)}: ${summary}` : `${dir}: ${summary}\n${files.map((f) => `  ${f.name}.json (${f.actions} steps)`).join('\n')}`)
  if (totals.uncovered.length > 0 && allow) io.out(`Not covered${outside}:\n${totals.uncovered.map((u) => `  ${u}`).join('\n')}`)
  return 0
}
