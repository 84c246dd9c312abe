/** `kiosk-sim fleet`: headless kiosks in worker threads as load on a host over HTTP (docs/host-api.md). */
import { formatFleetReport, runFleet } from '../hostServer/fleet/fleet'
import type { Output } from './usage'

export interface FleetCommandOptions {
  url?: string
  kiosks?: string
  duration?: string
  seed?: string
  cards?: string
  json?: boolean
}

const wholeNumber = (value: string | undefined, fallback: number, least: number, most: number): number | null => {
  if (value === undefined) return fallback
  const n = Number(value)
  return /^\d+$/.test(value) && n >= least && n <= most ? n : null
}

/** Exit 0: the audit is clean; 1: a top-up lost or doubled, or a journal that disagrees with the host; 2: bad arguments or no host. */
export async function fleetCommand(options: FleetCommandOptions, io: Output): Promise<number> {
  const fail = (message: string) => (io.err(`kiosk-sim fleet: ${message}`), 2)
  if (!options.url) return fail('--url: expected the host\'s URL ("kiosk-sim host" prints it), e.g. http://127.0.0.1:8090')
  if (!/^https?:\/\//.test(options.url)) return fail(`--url: expected an http:// or https:// URL, got "${options.url}"`)
  const kiosks = wholeNumber(options.kiosks, 8, 1, 512)
  if (kiosks === null) return fail(`--kiosks: expected a whole number from 1 to 512, got "${options.kiosks}"`)
  const duration = wholeNumber(options.duration, 10, 1, 86_400)
  if (duration === null) return fail(`--duration: expected whole seconds from 1 to 86400, got "${options.duration}"`)
  const seed = wholeNumber(options.seed, Math.floor(Math.random() * 2 ** 31), 0, 2 ** 32 - 1)
  if (seed === null) return fail(`--seed: expected a whole number from 0 to 4294967295, got "${options.seed}"`)
  const cardCount = wholeNumber(options.cards, 1000, 1, 9_999_999)
  if (cardCount === null || cardCount < kiosks)
    return fail(`--cards: expected the host's number of fleet cards, at least one per kiosk (${kiosks}), got "${options.cards}"`)
  try {
    const response = await fetch(`${options.url.replace(/\/+$/, '')}/openapi.json`, { signal: AbortSignal.timeout(5000) })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
  } catch (err) {
    return fail(`no host answers at ${options.url} (${(err as Error).message}): start one with "kiosk-sim host"`)
  }
  const report = await runFleet({ url: options.url, kiosks, durationMs: duration * 1000, seed, cardCount })
  io.out(options.json ? JSON.stringify({ seed, ...report }) : `seed ${seed}\n${formatFleetReport(report)}`)
  return report.lost === 0 && report.doubled === 0 && report.violations.length === 0 ? 0 : 1
}
