/** `kiosk-sim online`: GraphWalker's online service (REST and WebSocket) over a walk of the kiosk (docs/online.md). */
import type { AllowList } from '../core/coverage'
import { asksForFullCoverage, GeneratorSyntaxError, isBounded, parseGenerators, type GeneratorSpec } from '../core/testing/generator'
import { LIVE_SAFE_ACTIONS } from '../core/testing/liveSafe'
import { OnlineSession, type OnlineOptions } from '../core/testing/online'
import { parseSeed } from './pathsCommand'
import { PROFILE_NAMES, profilesNamed, type DrillProfile } from '../core/testing/profiles'
import { loadAllowList } from './inputFiles'
import { LiveError } from './kioskLink'
import { DEFAULT_EXPECT_TIMEOUT_MS } from './live'
import { LiveFollower } from './onlineLive'
import { startOnlineServer, type OnlineServer } from './onlineServer'
import { USAGE, type Output } from './usage'

/** GraphWalker's own default port. */
export const DEFAULT_ONLINE_PORT = 8887
export const DEFAULT_ONLINE_GENERATOR = 'quickRandom(transitions(100))'

export interface OnlineCommandOptions {
  port?: string
  generator?: string
  allow?: string
  profile?: string
  seed?: string
  url?: string
}

/** The walk's options from the command line, or what is wrong with them (each message names its option). */
export function onlineOptions(options: OnlineCommandOptions): { walk: Omit<OnlineOptions, 'follower'>; port: number } | string {
  const port = options.port === undefined ? DEFAULT_ONLINE_PORT : Number(options.port)
  if (!/^\d{1,5}$/.test(options.port ?? '0') || !Number.isInteger(port) || port > 65535)
    return `--port: expected a port number from 0 to 65535 (0: any free port), got "${options.port}"`
  let chain: GeneratorSpec[]
  try {
    chain = parseGenerators(options.generator ?? DEFAULT_ONLINE_GENERATOR)
  } catch (err) {
    if (err instanceof GeneratorSyntaxError) return `--generator: ${err.message}`
    throw err
  }
  // The tour plans on the explored graph and acts on its own kiosk: it is not handed out step by step.
  const tour = chain.find((s) => s.generator === 'oneTour')
  if (tour)
    return `--generator: online mode steps through random, weighted_random, quick_random and a_star (shortest), chained or alone (e.g. "quick_random(edge_coverage(100))"), not shortest_all_paths (oneTour)`
  const spec = chain[0]!
  let seed: number
  try {
    seed = parseSeed(options.seed)
  } catch (err) {
    return (err as Error).message
  }
  const live = options.url !== undefined
  let profiles: DrillProfile[]
  try {
    profiles = profilesNamed(options.profile === undefined ? (live ? ['standard'] : PROFILE_NAMES) : options.profile.split(',').map((p) => p.trim()))
  } catch (err) {
    return `--profile: ${(err as Error).message}`
  }
  if (live && profiles.length !== 1)
    return `--profile: with --url the walk runs under one profile (a running kiosk cannot start afresh for the next), got ${profiles.length}`
  let allow: AllowList | undefined
  try {
    allow = options.allow === undefined ? undefined : loadAllowList(options.allow)
  } catch (err) {
    return (err as Error).message
  }
  return {
    port,
    walk: {
      spec,
      ...(chain.length > 1 ? { chain } : {}),
      seed,
      profiles,
      ...(allow ? { allow } : {}),
      ...(live ? { actions: LIVE_SAFE_ACTIONS } : {}),
      now: () => Date.now()
    }
  }
}

/** A running service: its session, server and (with --url) the running kiosk it follows. */
export interface OnlineService {
  session: OnlineSession
  server: OnlineServer
  close(): Promise<void>
}

/** Starts the service; throws LiveError when --url names no reachable kiosk. */
export async function startOnline(walk: Omit<OnlineOptions, 'follower'>, port: number, url?: string): Promise<OnlineService> {
  const follower = url === undefined ? undefined : await LiveFollower.open(url, DEFAULT_EXPECT_TIMEOUT_MS)
  const session = new OnlineSession({ ...walk, ...(follower ? { follower } : {}) })
  let server: OnlineServer
  try {
    server = await startOnlineServer(session, { port })
  } catch (err) {
    session.close()
    follower?.close()
    throw err
  }
  return {
    session,
    server,
    close: async () => {
      await server.close()
      follower?.close()
    }
  }
}

/** `online [--port N] [--generator G] [--allow FILE] [--profile P,...] [--seed S] [--url URL]`: serves until SIGINT or SIGTERM. */
export async function onlineCommand(extra: string[], options: OnlineCommandOptions, io: Output): Promise<number> {
  const fail = (message: string) => {
    io.err(`kiosk-sim online: ${message}\n\n${USAGE}`)
    return 2
  }
  if (extra.length > 0) return fail(`unexpected argument "${extra[0]}"`)
  const parsed = onlineOptions(options)
  if (typeof parsed === 'string') return fail(parsed)
  const { walk, port } = parsed
  if (!walk.allow && !isBounded(walk.spec.stop) && asksForFullCoverage(walk.spec.stop))
    io.err('kiosk-sim online: without --allow, 100 % counts the transitions no path can take too: the walk ends only when it stops finding anything new')
  let service: OnlineService
  try {
    service = await startOnline(walk, port, options.url)
  } catch (err) {
    if (err instanceof LiveError) return fail(err.message)
    const code = (err as { code?: string }).code
    if (code === 'EADDRINUSE') return fail(`--port: ${port} is in use; give another (0: any free port)`)
    if (code === 'EACCES') return fail(`--port: ${port} needs privileges; give one above 1023`)
    throw err
  }
  const { url } = service.server
  io.out(`GraphWalker REST service for the kiosk: ${url} (hasNext, getNext, getData, setData, restart, fail, getStatistics)`)
  io.out(`WebSocket: ${url.replace(/^http/, 'ws')}/ws`)
  const profiles = walk.profiles!.map((p) => p.name).join(', ')
  const live = options.url ? ', live-safe actions, played on the running kiosk too' : ''
  io.out(`Walk: ${options.generator ?? DEFAULT_ONLINE_GENERATOR}, seed ${walk.seed}, profiles ${profiles}${live}`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  const stats = await service.session.getStatistics()
  await service.close()
  io.out(`Stopped: ${stats.steps} steps; edge coverage ${stats.edgeCoverage} %, vertex coverage ${stats.vertexCoverage} %`)
  return stats.totalFailedNumberOfModels ? 1 : 0
}
