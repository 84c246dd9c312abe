#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step needed after `npm install`).
import { register } from 'tsx/esm/api'

// node:sqlite is stable enough for us; its "experimental" notice would only clutter reports.
const emitWarning = process.emitWarning
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type
  if (type === 'ExperimentalWarning' && String(warning).includes('SQLite')) return
  return emitWarning.call(process, warning, ...rest)
}

const [major] = process.versions.node.split('.').map(Number)
if (major < 22) {
  console.error(`kiosk-sim needs Node 22 or newer (this is ${process.version}); run it through npx or npm scripts, which use the project's own Node.`)
  process.exit(2)
}

// Output piped into a reader that stops early (`kiosk-sim drill list | head`): stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw err
  })
}

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
