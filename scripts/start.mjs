#!/usr/bin/env node
/**
 * `npm start`: builds and opens the Electron app (`electron-vite preview`), after making sure
 * Electron's binary is there. Where it cannot be downloaded, says so in one line and points to
 * the browser version. Set KIOSK_SIM_DEBUG=1 to see why a download failed.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureElectron } from './electron-check.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function electronViteBin() {
  const packageJson = createRequire(join(root, 'package.json')).resolve('electron-vite/package.json')
  const { bin } = JSON.parse(readFileSync(packageJson, 'utf8'))
  return join(dirname(packageJson), typeof bin === 'string' ? bin : bin['electron-vite'])
}

const electron = await ensureElectron({
  root,
  onDownloading: () => console.log('Downloading Electron (first start only)…')
})
if (!electron.ok) {
  console.error(electron.message)
  if (process.env.KIOSK_SIM_DEBUG && electron.detail) console.error(electron.detail)
  process.exit(1)
}

// `preview` builds first (unless --skipBuild) and then starts Electron on out/main.
const child = spawn(process.execPath, [electronViteBin(), 'preview', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', shell: false })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('error', (error) => {
  console.error(`Could not start electron-vite: ${error.message}`)
  process.exit(1)
})
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
