/**
 * `npm run bench:cold [-- --runs N]`: cold start of the web build to the interactive attract screen.
 * Each run spawns the web host as `npm run web` runs it once built (`node --import tsx
 * src/hosts/web.ts --port 0`, a new data folder), waits for the address it prints, opens it in a
 * new Chromium context (nothing cached) and waits until the attract screen is interactive: its
 * heading has the focus and the Start button is enabled and would receive a tap at its centre (the
 * screen is only drawn once the kiosk's first view has come over the WebSocket, so a tap then
 * reaches the core). Time from spawn. The same for a bare Node HTTP server serving a static page
 * with a focused heading and a button, run after run in turn, in the same Chromium: the ratio of
 * the medians is the figure. A warm-up run of each goes first (the disk cache, tsx's cache of
 * compiled files, as on a kiosk started before). Needs the built renderer (`npx electron-vite build`).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseScriptArgs } from './scriptArgs'
import type { Browser } from 'playwright-core'
import { checkBrowserBench, launchBenchChromium, machine, percentiles, ROOT } from './browserBenchKit'
import { wholeNumberOption } from './wholeNumberOption'

/** The bare server: a static page with a heading that takes the focus and a button, as the attract screen has. */
const BARE_SERVER = `
const http = require('node:http')
const page = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title></head><body><main>' +
  '<h1 tabindex="-1">Top up your transit card</h1><button type="button">Start</button></main>' +
  '<script>document.querySelector("h1").focus()</script></body></html>'
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(page) })
server.listen(0, '127.0.0.1', () => console.log('Kiosk:            http://127.0.0.1:' + server.address().port + '/'))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
`

interface Subject {
  name: string
  /** The command line (after node) and the data folder it is given, if any. */
  start(dataDir: string): string[]
  /** The heading that must have the focus and the button that must take a tap. */
  heading: string
  button: string
}

const SUBJECTS: Subject[] = [
  {
    name: 'kiosk web host',
    start: (dataDir) => ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'src/hosts/web.ts', '--port', '0', '--data', dataDir],
    heading: '[data-testid="screen-idle"] h1',
    button: '[data-testid="start"]'
  },
  { name: 'bare Node HTTP server', start: () => ['--input-type=commonjs', '-e', BARE_SERVER], heading: 'h1', button: 'button' }
]

/**
 * In the page, from its first moment (an init script: the kiosk's Content-Security-Policy forbids
 * Playwright's own polling, which evaluates strings): checks at every animation frame that the
 * heading has the focus and the button is enabled and on top at its centre, and resolves
 * `__coldReady` with the wall-clock time (ms since the epoch, sub-ms) it first held.
 */
const probe = (s: Subject) => `window.__coldReady = new Promise((resolve) => {
  const check = () => {
    const heading = document.querySelector(${JSON.stringify(s.heading)})
    const button = document.querySelector(${JSON.stringify(s.button)})
    if (heading && document.activeElement === heading && button && !button.disabled) {
      const box = button.getBoundingClientRect()
      const hit = box.width > 0 && document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      if (hit && button.contains(hit)) return resolve(performance.timeOrigin + performance.now())
    }
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})`

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; null elsewhere). */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

/** Waits for the line with the kiosk's address; rejects if the process ends first. */
function addressOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const match = /^Kiosk:\s+(http:\/\/\S+)/.exec(line)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before printing its address`)))
  })
}

interface Run {
  listening: number
  interactive: number
  cpu: number | null
}

async function coldStart(browser: Browser, subject: Subject): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-cold-'))
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.addInitScript({ content: probe(subject) })
  const page = await context.newPage()
  const t0 = performance.timeOrigin + performance.now()
  const child = spawn(process.execPath, subject.start(dataDir), { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const url = await addressOf(child)
    const listening = performance.timeOrigin + performance.now() - t0
    await page.goto(url, { waitUntil: 'commit' })
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${subject.name}: not interactive within 60 s`)), 60_000).unref())
    const ready = (await Promise.race([page.evaluate('window.__coldReady'), timeout])) as number
    return { listening, interactive: ready - t0, cpu: cpuSeconds(child.pid!) }
  } finally {
    await context.close()
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const { values } = parseScriptArgs({ options: { runs: { type: 'string', default: '10' } } })
const runs = wholeNumberOption('runs', values.runs)
checkBrowserBench('bench:cold')

const results = new Map<string, Run[]>(SUBJECTS.map((s) => [s.name, []]))
const browser = await launchBenchChromium()
try {
  for (const subject of SUBJECTS) await coldStart(browser, subject)
  for (let i = 0; i < runs; i++) {
    for (const subject of SUBJECTS) results.get(subject.name)!.push(await coldStart(browser, subject))
    process.stdout.write(`\rrun ${i + 1}/${runs}`)
  }
  process.stdout.write('\n')
} finally {
  await browser.close()
}

const median = (xs: number[]) => percentiles(xs).p50
const f = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`
console.log(`cold start to the interactive attract screen: median of ${runs} runs each, in turn; ${machine()}`)
console.log(`${''.padEnd(24)}  listening   interactive   (slowest)   CPU of the server process`)
for (const [name, list] of results) {
  const cpu = list.map((r) => r.cpu).filter((c): c is number => c !== null)
  const cpuText = cpu.length ? `${median(cpu.map((c) => c * 1000)).toFixed(0)} ms` : 'n/a'
  console.log(
    `${name.padEnd(24)}${f(median(list.map((r) => r.listening)))}     ${f(median(list.map((r) => r.interactive)))}   ${f(Math.max(...list.map((r) => r.interactive)))}   ${cpuText}`
  )
}
const [kiosk, bare] = SUBJECTS.map((s) => median(results.get(s.name)!.map((r) => r.interactive)))
console.log(`ratio (kiosk / bare server, medians to interactive): ${(kiosk! / bare!).toFixed(1)}×`)
