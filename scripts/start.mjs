#!/usr/bin/env node
/**
 * `npm start`: builds and opens the Electron app (`electron-vite preview`), after making sure
 * Electron's binary is there. Where it cannot be had (no internet access for its download), says so
 * in one line and runs the browser version instead, as `npm run web` does: builds the renderer when
 * out/renderer is older than its sources (or never, with --skipBuild), starts the web host on the
 * project's Node 22 with the remaining arguments (--port, --host, --data, --config), and opens the
 * kiosk in the system browser when there is one.
 *
 * KIOSK_SIM_DEBUG=1 shows why the download failed; KIOSK_SIM_NO_ELECTRON=1 acts as if it had
 * (the browser version even where Electron is there; the tests use it).
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureElectron } from './electron-check.mjs'
import { findBrowserOpener, kioskUrlIn, nodeForWebHost, openInBrowser, rendererIsCurrent } from './web-fallback.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

function electronViteBin() {
  const packageJson = createRequire(join(root, 'package.json')).resolve('electron-vite/package.json')
  const { bin } = JSON.parse(readFileSync(packageJson, 'utf8'))
  return join(dirname(packageJson), typeof bin === 'string' ? bin : bin['electron-vite'])
}

/** A child killed by a signal exits the way a shell reports it (128 + the signal's number). */
const exitCodeOf = (code, signal) => code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 0)

// Ctrl+C and SIGTERM go to whichever child runs (the build, the web host, Electron), which stops
// cleanly; we exit with its code once it has.
let child = null
const stop = (signal) => {
  if (child) child.kill(signal)
  else process.exit(exitCodeOf(null, signal))
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal))
// npm runs us through `sh -c`: a SIGTERM to npm ends that shell, and dash passes nothing on, so we
// would outlive it with the web host. A parent that goes away counts as a SIGTERM.
const parent = process.ppid
const orphaned = setInterval(() => {
  if (process.ppid === parent) return
  clearInterval(orphaned)
  stop('SIGTERM')
}, 1000)
orphaned.unref()

/** Runs a child to the end (the one signals are forwarded to); resolves its exit code. */
function run(command, commandArgs, options) {
  return new Promise((resolve) => {
    child = spawn(command, commandArgs, { cwd: root, shell: false, ...options })
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`)
      resolve(1)
    })
    child.on('close', (code, signal) => resolve(exitCodeOf(code, signal)))
    options.onStarted?.(child)
  })
}

/** Builds the renderer unless it is current; resolves 0 or the build's exit code. */
async function buildRenderer(node) {
  console.log('Building the kiosk…')
  // The build's own output only matters when it fails.
  let output = ''
  const code = await run(node, [electronViteBin(), 'build'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    onStarted: (build) => {
      for (const stream of [build.stdout, build.stderr]) stream.on('data', (chunk) => (output += chunk))
    }
  })
  if (code !== 0) console.error(`${output}\nThe kiosk could not be built (electron-vite build exited with ${code}).`)
  return code
}

/** The web host, as `npm run web` starts it, with the kiosk opened in the browser once it is up. */
function runWebHost(node, webArgs) {
  const browser = findBrowserOpener()
  console.log(
    browser
      ? 'The kiosk opens in your browser; open the technician panel beside it (Ctrl+C stops the kiosk):'
      : 'Open the kiosk and the technician panel in a browser, side by side (Ctrl+C stops the kiosk):'
  )
  // The web host's lines pass through as they are; the kiosk's address is read from them to open it.
  let pending = ''
  let opened = false
  return run(node, ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'src/hosts/web.ts', ...webArgs], {
    stdio: ['inherit', 'pipe', 'inherit'],
    onStarted: (host) =>
      host.stdout.on('data', (chunk) => {
        process.stdout.write(chunk)
        if (opened || !browser) return
        const lines = (pending + chunk).split('\n')
        pending = lines.pop()
        const url = lines.map(kioskUrlIn).find(Boolean)
        if (!url) return
        opened = true
        openInBrowser(browser, url, { onFailed: (reason) => console.log(`Could not open a browser (${reason}): open the kiosk's address above yourself.`) })
      })
  })
}

async function start() {
  const electron = await ensureElectron({
    root,
    onDownloading: () => console.log('Downloading Electron (first start only)…')
  })
  // `preview` builds first (unless --skipBuild) and then starts Electron on out/main.
  if (electron.ok) return run(process.execPath, [electronViteBin(), 'preview', ...args], { stdio: 'inherit' })

  console.log(electron.message)
  if (process.env.KIOSK_SIM_DEBUG && electron.detail) console.log(electron.detail)
  const node = nodeForWebHost({ root })
  if (!node) {
    console.error(`The browser version needs Node 22 or newer (this is ${process.version}): run "npm install", which brings the project's own.`)
    return 1
  }
  if (!args.includes('--skipBuild') && !rendererIsCurrent(root)) {
    const built = await buildRenderer(node)
    if (built !== 0) return built
  }
  return runWebHost(
    node,
    args.filter((arg) => arg !== '--skipBuild')
  )
}

const code = await start()
// Exit once what we printed is out (a pipe may still hold some).
process.stdout.write('', () => process.exit(code))
