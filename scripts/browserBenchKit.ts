/**
 * What the browser benchmarks (tap to paint, cold start) share: Debian's Chromium launched as the
 * browser tests launch it (tests/e2e/harness.ts), the web host over a real kiosk as the harness
 * starts it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import type { Kiosk } from '../src/core/kiosk'
import { createNodeKiosk } from '../src/node/nodeKiosk'
import { startWebHost } from '../src/hosts/webServer'
export { percentiles, type Percentiles } from './latencyBenchStats'
import { CHROMIUM, launchChromium } from '../tests/e2e/chromium'

export const ROOT = resolve(import.meta.dirname, '..')
export const RENDERER_DIR = join(ROOT, 'out', 'renderer')

/** Stops with a one-line reason when the built renderer or Chromium is missing. */
export function checkBrowserBench(name: string): void {
  const missing = !existsSync(join(RENDERER_DIR, 'index.html'))
    ? 'out/renderer is missing: run "npx electron-vite build" first'
    : !existsSync(CHROMIUM)
      ? `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`
      : null
  if (missing) {
    console.error(`${name}: ${missing}`)
    process.exit(2)
  }
}

/** Chromium with the browser tests' switches (no sandbox, no GPU, nothing in the background). */
export const launchBenchChromium = (): Promise<Browser> => launchChromium()

export interface BenchKiosk {
  url: string
  kiosk: Kiosk
  close(): Promise<void>
}

/** The web host in this process over a real kiosk on the real clock (SQLite journal in a temporary folder), as the browser tests' harness starts it. */
export async function startBenchKiosk(): Promise<BenchKiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'))
  const kiosk = createNodeKiosk({ dataDir })
  const host = await startWebHost({ runtime: kiosk, rendererDir: RENDERER_DIR, port: 0, log: () => {} })
  return {
    url: host.url,
    kiosk,
    close: async () => {
      await host.close()
      kiosk.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** The machine the figures were taken on, for the first line of a benchmark's output. */
export function machine(): string {
  return `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}`
}
