/** `kiosk-sim hash-pin PIN`: the stored form of a staff PIN, for the configuration's `service.pins` (docs/config.md). */
import { hashPin, pinProblem } from '../core/service/pins'
import type { Output } from './usage'

/** Prints the salted hash of the one PIN given; a missing or bad PIN exits 2 with one line that never repeats the PIN. */
export function hashPinCommand(args: string[], io: Output): number {
  if (args.length !== 1) {
    io.err(`kiosk-sim hash-pin: expected exactly one PIN (${args.length === 0 ? 'got none' : `got ${args.length} arguments`})`)
    return 2
  }
  const problem = pinProblem(args[0])
  if (problem) {
    io.err(`kiosk-sim hash-pin: ${problem}`)
    return 2
  }
  io.out(hashPin(args[0]!))
  return 0
}
