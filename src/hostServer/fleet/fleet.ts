/**
 * `kiosk-sim fleet`: N headless kiosks, one worker thread each, doing generated customer sessions
 * against a host over HTTP (docs/host-api.md); their reports summed: throughput per second, credit
 * latency percentiles (HdrHistogram), flagged and failed top-ups, and the audit of every kiosk's
 * journal against the host.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { build } from 'esbuild'
import * as hdr from 'hdr-histogram-js'
import type { FleetKioskOptions, FleetKioskReport } from './fleetKiosk'

export interface FleetOptions {
  url: string
  kiosks: number
  durationMs: number
  seed: number
  /** How many fleet cards the host has (kiosk-sim host --cards, default 1000). */
  cardCount: number
}

export interface FleetReport {
  kiosks: number
  durationSeconds: number
  sessions: number
  /** Top-ups credited by the host (and written onto the card). */
  completed: number
  flagged: number
  failed: number
  lost: number
  doubled: number
  topUpsPerSecond: number
  /** Top-ups completed in each second of the run. */
  perSecond: number[]
  /** A credit's round trip to the host, ms. */
  creditLatencyMs: { p50: number; p90: number; p99: number; max: number; count: number }
  violations: string[]
}

/**
 * The worker's code as one plain bundle (esbuild), written once per run: 64 workers then start
 * without each compiling the TypeScript again.
 */
async function bundleWorker(): Promise<{ file: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-'))
  const file = join(dir, 'fleetWorker.mjs')
  await build({
    entryPoints: [join(import.meta.dirname, 'fleetWorker.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'silent'
  })
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

function kioskInWorker(file: string, options: FleetKioskOptions): Promise<FleetKioskReport> {
  const worker = new Worker(file, { workerData: options })
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { report?: FleetKioskReport; error?: string }) => {
      void worker.terminate()
      if (message.report) resolve(message.report)
      else reject(new Error(`kiosk ${options.index}: ${message.error}`))
    })
    worker.once('error', reject)
  })
}

const round = (ms: number) => Math.round(ms * 10) / 10

export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  const bundle = await bundleWorker()
  try {
    const { url, kiosks, cardCount, durationMs, seed } = options
    const reports = await Promise.all(
      Array.from({ length: kiosks }, (_, index) => kioskInWorker(bundle.file, { url, index, kiosks, cardCount, durationMs, seed }))
    )
    return summarize(reports, options)
  } finally {
    bundle.dispose()
  }
}

/** The kiosks' reports as one. */
export function summarize(reports: readonly FleetKioskReport[], options: Pick<FleetOptions, 'kiosks' | 'durationMs'>): FleetReport {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 })
  for (const r of reports) for (const ms of r.creditLatenciesMs) histogram.recordValue(Math.max(1, Math.round(ms * 1000)))
  const seconds = Math.max(1, Math.ceil(options.durationMs / 1000))
  const perSecond = Array.from({ length: seconds }, () => 0)
  // A session under way at the end finishes after it: counted in the last second.
  for (const r of reports) for (const at of r.completedAtMs) perSecond[Math.min(seconds - 1, Math.floor(at / 1000))]!++
  const sum = (key: 'sessions' | 'completed' | 'flagged' | 'failed' | 'lost' | 'doubled') => reports.reduce((n, r) => n + r[key], 0)
  const percentile = (p: number) => round(histogram.getValueAtPercentile(p) / 1000)
  const report: FleetReport = {
    kiosks: options.kiosks,
    durationSeconds: round(options.durationMs / 1000),
    sessions: sum('sessions'),
    completed: sum('completed'),
    flagged: sum('flagged'),
    failed: sum('failed'),
    lost: sum('lost'),
    doubled: sum('doubled'),
    topUpsPerSecond: round(reports.reduce((n, r) => n + r.completedAtMs.length, 0) / (options.durationMs / 1000)),
    perSecond,
    creditLatencyMs: { p50: percentile(50), p90: percentile(90), p99: percentile(99), max: round(histogram.maxValue / 1000), count: histogram.totalCount },
    violations: reports.flatMap((r) => r.violations.map((v) => `kiosk ${r.index}: ${v}`))
  }
  histogram.destroy()
  return report
}

/** The report as the lines the CLI prints. */
export function formatFleetReport(r: FleetReport): string {
  const clean = r.lost === 0 && r.doubled === 0 && r.violations.length === 0
  return [
    `${r.kiosks} kiosks, ${r.durationSeconds} s: ${r.sessions} sessions, ${r.completed} top-ups completed (${r.topUpsPerSecond}/s), ${r.flagged} flagged, ${r.failed} without a top-up`,
    `per second: ${r.perSecond.join(' ')}`,
    `credit round trip: p50 ${r.creditLatencyMs.p50} ms, p90 ${r.creditLatencyMs.p90} ms, p99 ${r.creditLatencyMs.p99} ms, max ${r.creditLatencyMs.max} ms (${r.creditLatencyMs.count} credits)`,
    clean
      ? `audit: every kiosk's journal agrees with the host (0 lost, 0 doubled)`
      : `AUDIT FAILED: ${r.lost} lost, ${r.doubled} doubled\n${r.violations.map((v) => `  ${v}`).join('\n')}`
  ].join('\n')
}
