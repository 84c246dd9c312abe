/** `kiosk-sim paths`: generated paths over the live core as scenario files, or the statecharts as Mermaid (docs/testing.md). */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { COVERED_MACHINES, coverageTotals, mermaidDiagram, type AllowList } from '../core/coverage'
import { parseScenario } from '../core/scenario/schema'
import { GeneratorSyntaxError, parseGenerators, type GeneratorSpec } from '../core/testing/generator'
import { whyUnbounded } from '../core/testing/conditions'
import { LIVE_SAFE } from '../core/testing/liveSafe'
import { PROFILE_NAMES, profilesNamed, type DrillProfile } from '../core/testing/profiles'
import { generateChain, type GeneratedPaths } from '../core/testing/walk'
import { loadWeights } from '../core/testing/weights'
import { readJsonFile } from '../node/jsonFile'
import { loadAllowList } from './inputFiles'
import { writeJUnit } from './junit'
import { checkOutFolder, OutFolderError, writeOutFolder } from './outFolder'
import { belowThreshold, coverageProperties, filesSuite, parseFailUnder, replayFiles, requirementsOf, requirementsText } from './replayReport'
import { USAGE, type Output } from './usage'

export interface PathsOptions {
  generator?: string
  seed?: string
  format?: string
  out?: string
  profile?: string
  allow?: string
  junit?: string
  'fail-under'?: string
  weights?: string
  'live-safe'?: boolean
}

/** The largest seed: seededRandom takes 32 bits, so a larger one would silently give another seed's paths. */
export const MAX_SEED = 2 ** 32 - 1

/** `--seed` (1 when not given), shared by `paths` and `online`; throws naming the option when it is not a whole number from 0 to MAX_SEED. */
export function parseSeed(text: string | undefined): number {
  const seed = text === undefined ? 1 : /^\d+$/.test(text.trim()) ? Number(text) : NaN
  if (!(seed >= 0 && seed <= MAX_SEED)) throw new Error(`--seed: expected a whole number from 0 to ${MAX_SEED} (2^32 − 1), got "${text}"`)
  return seed
}

/**
 * `paths --generator G [--seed N] [--profile P,...] [--allow FILE] [--format scenario|json] [--out DIR] [--junit FILE] [--fail-under N]`.
 * Exit 1 when the generator ended without its condition holding, found no path to a target, or
 * its transition coverage is below --fail-under: the files it wrote are kept, and said to be partial.
 */
export async function pathsCommand(extra: string[], options: PathsOptions, io: Output): Promise<number> {
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
  let specs: GeneratorSpec[]
  try {
    specs = parseGenerators(options.generator)
  } catch (err) {
    if (err instanceof GeneratorSyntaxError) return fail(err.message)
    throw err
  }
  // A chain is named after its first generator (files, JSON); each path also carries its own.
  const spec = specs[0]!
  let seed: number
  try {
    seed = parseSeed(options.seed)
  } catch (err) {
    return fail((err as Error).message)
  }
  const format = options.format ?? 'scenario'
  if (format !== 'scenario' && format !== 'json') return fail(`--format: expected scenario, json or mermaid, got "${format}"`)
  const isWalk = (s: GeneratorSpec) => s.generator === 'random' || s.generator === 'quickRandom' || s.generator === 'weightedRandom'
  const walks = specs.some(isWalk)
  // Live-safe: only what a running kiosk can play, under the factory timings it runs with, in one leg (it cannot start afresh).
  const liveSafe = options['live-safe'] === true
  let profiles: DrillProfile[]
  try {
    profiles = profilesNamed(
      options.profile === undefined ? (walks && !liveSafe ? PROFILE_NAMES : ['standard']) : options.profile.split(',').map((p) => p.trim())
    )
  } catch (err) {
    return fail(`--profile: ${(err as Error).message}`)
  }
  if (!walks && profiles.length > 1) return fail(`--profile: ${spec.generator} runs under one drill profile, got ${profiles.length}`)
  if (liveSafe && profiles.length > 1)
    return fail(`--profile: a live-safe walk runs under one profile (a running kiosk keeps its configuration and cannot start afresh), got ${profiles.length}`)
  let weight: ReturnType<typeof loadWeights> | undefined
  if (options.weights !== undefined) {
    if (!specs.some((s) => s.generator === 'weightedRandom' || s.generator === 'quickRandom'))
      return fail('--weights: only weighted_random and quick_random choose by weight (random chooses uniformly, shortest and oneTour plan)')
    try {
      weight = loadWeights(readJsonFile(options.weights))
    } catch (err) {
      return fail(`--weights ${options.weights}: ${(err as Error).message}`)
    }
  }
  let allow: AllowList | undefined
  let threshold: number | undefined
  try {
    allow = options.allow === undefined ? undefined : loadAllowList(options.allow)
    threshold = parseFailUnder(options['fail-under'])
    // Refused before the walk, not after minutes of it.
    if (options.out !== undefined) checkOutFolder(options.out)
  } catch (err) {
    if (err instanceof OutFolderError) {
      io.err(`kiosk-sim paths: ${err.message}`)
      return 2
    }
    return fail((err as Error).message)
  }
  // Some transitions no path can take: transitions(100) counted over all of them is never met; `never` never holds.
  for (const s of specs) {
    const why = whyUnbounded(s.stop, allow !== undefined)
    if (why) io.err(`kiosk-sim paths: ${why} (minutes). Give --allow tests/coverage-allowlist.json, or add "or time_duration(N)".`)
  }
  let result: GeneratedPaths
  try {
    result = await generateChain({
      specs,
      seed,
      // Without --profile, shortest searches the profiles in turn (standard, staff on duty, the drills' timings) for each target.
      ...(walks || options.profile !== undefined ? { profiles } : {}),
      ...(allow ? { allow } : {}),
      ...(weight ? { weight } : {}),
      ...(liveSafe ? { actions: LIVE_SAFE.actions } : {}),
      now: () => Date.now()
    })
  } catch (err) {
    return fail((err as Error).message)
  }
  const command = `kiosk-sim paths --generator "${options.generator}" --seed ${seed}${options.profile ? ` --profile ${options.profile}` : ''}${
    liveSafe ? ' --live-safe' : ''
  }${options.weights ? ` --weights ${options.weights}` : ''}`
  const files = result.paths.map(({ scenario: s, profile, wentBackAfter, generator }, leg) => {
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
    const by = generator ?? spec.generator
    const name =
      by === 'shortest'
        ? `shortest-${s.name.replace(/^shortest path to /, '').replace(/[^A-Za-z0-9._-]+/g, '-')}`
        : result.paths.length > 1
          ? `${by}-${seed}-${String(leg + 1).padStart(2, '0')}-${profile.name}`
          : `${by}-${seed}`
    return { name, scenario, actions }
  })
  const totals = coverageTotals(result.coverage, allow)
  const requirements = requirementsOf(result.coverage, allow)
  const edges = result.edges ? `, ${result.edges.taken} of the explored graph's ${result.edges.total} edges` : ''
  const outside = allow ? ' outside the allow-list' : ''
  const count = files.length === 1 ? `${files[0]!.actions} steps` : `${files.length} paths, ${files.reduce((n, f) => n + f.actions, 0)} steps`
  const summary = `${count}${stoppedText(spec, result)}${edges}; states ${totals.states.percent} %, transitions ${totals.transitions.percent} %${outside}`
  const problems = unmetParts(result)
  const below = belowThreshold(totals, allow !== undefined, threshold)
  if (below) problems.push(below)
  const run = { command, generator: options.generator, seed }
  if (format === 'json') {
    const report = { scenarios: files.map((f) => f.scenario), coverage: result.coverage, stoppedBy: result.stoppedBy, requirements, problems }
    const text = JSON.stringify({ ...report, unmet: result.unmet, ...(result.notFound ? { notFound: result.notFound } : {}) }, null, 2)
    if (options.out) {
      const [file] = writeOutFolder(options.out, [{ file: `${spec.generator}-${seed}.path.json`, kind: 'json', text: text + '\n' }], run)
      io.out(`${file}: ${summary}`)
    } else io.out(text)
  } else {
    const dir = options.out ?? '.'
    const texts = files.map((f) => ({ file: `${f.name}.json`, kind: 'scenario' as const, text: JSON.stringify(f.scenario, null, 2) + '\n' }))
    if (options.out !== undefined) writeOutFolder(dir, texts, run)
    else for (const t of texts) writeFileSync(join(dir, t.file), t.text)
    io.out(
      files.length === 1
        ? `${join(dir, `${files[0]!.name}.json`)}: ${summary}`
        : [`${dir}: ${summary}`, ...files.map((f) => `  ${f.name}.json (${f.actions} steps)`)].join('\n')
    )
    // Shortest paths go to their targets: what they leave uncovered is no news.
    const coverageAsked = specs.some((s) => s.generator !== 'shortest')
    if (coverageAsked && totals.uncovered.length > 0 && allow) io.out(`Not covered${outside}:\n${totals.uncovered.map((u) => `  ${u}`).join('\n')}`)
    if (coverageAsked) io.out(requirementsText(requirements).join('\n'))
  }
  if (options.junit !== undefined) {
    // Each written path replayed from a fresh kiosk with run's checks: it passes when it replays green.
    const replayed = await replayFiles(files.map((f) => ({ file: `${f.name}.json`, scenario: parseScenario(f.scenario) })))
    writeJUnit(options.junit, filesSuite(command, 'kiosk-sim.paths', replayed, coverageProperties(totals, allow !== undefined, requirements)))
  }
  if (problems.length === 0) return 0
  const written = files.length === 0 ? 'no path was written' : `the ${files.length === 1 ? 'path written is' : `${files.length} paths written are`} partial`
  io.err(`kiosk-sim paths: ${written}:\n${problems.map((p) => `  ${p}`).join('\n')}`)
  return 1
}

/** Why the generator stopped, when its condition did not stop it: (stopped …; the condition was not met). */
function stoppedText(spec: GeneratorSpec, result: GeneratedPaths): string {
  const why: Record<string, string> = {
    safetyLimit: 'at the safety limit',
    noProgress: 'a round of legs under every profile found nothing new',
    noRoute: spec.generator === 'shortest' ? 'no path to a target' : 'no route to an edge not yet taken from where the kiosk was'
  }
  if (result.stoppedBy === 'condition') return spec.generator === 'oneTour' ? ' (stopped: its condition held)' : ''
  return ` (stopped: ${why[result.stoppedBy] ?? result.stoppedBy}; the condition was not met)`
}

/** What of the condition was not met, and the targets no path was found to, in words: the generator's own account (GeneratedPaths). */
function unmetParts(result: GeneratedPaths): string[] {
  // A target with no path is said once, with its reason (notFound), not again as an unmet part of the condition.
  const noPath = (u: string) => (result.notFound?.length ?? 0) > 0 && u.includes(': no path (')
  return [...result.unmet.filter((u) => !noPath(u)).map((u) => `not met: ${u}`), ...(result.notFound ?? []).map((n) => `no path to ${n.target}: ${n.reason}`)]
}
