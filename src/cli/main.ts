/**
 * `kiosk-sim`: run scenarios headless against the core (docs/scenarios.md), play and score drills (docs/training.md),
 * audit journals (docs/journal.md), hash staff PINs (docs/config.md), serve GraphWalker's online API (docs/online.md),
 * serve the simulated host over HTTP and load it with a fleet of kiosks (docs/host-api.md).
 */
import { parseArgs } from 'node:util'
import { coverageCommand } from './coverageCommand'
import { drillCommand } from './drillCommand'
import { fleetCommand } from './fleetCommand'
import { hashPinCommand } from './hashPinCommand'
import { hostCommand } from './hostCommand'
import { journalCommand } from './journalCommand'
import { onlineCommand } from './onlineCommand'
import { pathsCommand } from './pathsCommand'
import { runCommand } from './runCommand'
import { USAGE, type Output } from './usage'

/** Where the virtual clock starts: a fixed instant, so reports are reproducible. */
export { SCENARIO_START } from '../core/testing/play'

const stdio: Output = { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') }

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
        from: { type: 'string' },
        to: { type: 'string' },
        kind: { type: 'string' },
        transaction: { type: 'string' },
        card: { type: 'string' },
        actions: { type: 'string' },
        trainee: { type: 'string' },
        port: { type: 'string' },
        junit: { type: 'string' },
        manifest: { type: 'string' },
        'fail-under': { type: 'string' },
        'no-shrink': { type: 'boolean' },
        weights: { type: 'string' },
        'live-safe': { type: 'boolean' },
        data: { type: 'string' },
        cards: { type: 'string' },
        'card-key': { type: 'string' },
        kiosks: { type: 'string' },
        duration: { type: 'string' },
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
  if (command === 'drill') return drillCommand(files, parsed.values, io)
  if (command === 'hash-pin') return hashPinCommand(files, io)
  if (command === 'online') return onlineCommand(files, parsed.values, io)
  if (command === 'host') return hostCommand(parsed.values, io)
  if (command === 'fleet') return fleetCommand(parsed.values, io)
  if (command !== 'run') {
    io.err(command ? `kiosk-sim: unknown command "${command}"\n\n${USAGE}` : USAGE)
    return 2
  }
  return runCommand(files, parsed.values, io)
}
