/**
 * Drill profiles: the timings under which generated paths run. Some of the kiosk's behaviour
 * shows only when a device is slower than the kiosk's patience — a host answering after the
 * kiosk stopped waiting, a card write long enough to tap another card during it, a customer
 * slower than the rate lock. Trainers set these up in a scenario's `config`; a walk does the
 * same, one leg per profile, and each leg is written as a scenario file carrying its profile's
 * `config`, so `kiosk-sim run` replays it under the same timings.
 */
import { WALK_PIN_HASHES } from './staff'

export interface DrillProfile {
  name: string
  /** What a trainer would call the drill. */
  description: string
  /** A partial configuration over the defaults, as a scenario file's `config` holds it. */
  config: Record<string, unknown>
}

export const DRILL_PROFILES: readonly DrillProfile[] = [
  { name: 'standard', description: 'the factory configuration', config: {} },
  {
    name: 'slowHost',
    description: 'the host slow drill answers after 15 s, past the kiosk’s 10 s host timeout',
    config: { devices: { host: { slowLatencyMs: 15_000 } } }
  },
  {
    name: 'slowCardWrite',
    description: 'a card write takes 150 s (longer than a scenario step waits), so a card can be tapped, pulled or the host fail during it',
    config: { devices: { cardReader: { writeMs: 150_000 }, host: { slowLatencyMs: 15_000 } } }
  },
  {
    name: 'hostOutwaited',
    description: 'the host slow drill answers after 130 s with a 150 s host timeout: the customer can lift the card while it is being looked up',
    config: { timeouts: { hostSeconds: 150 }, devices: { host: { slowLatencyMs: 130_000 } } }
  },
  {
    name: 'slowStacker',
    description: 'a note takes 40 s to stack and the customer is timed out after 10 s (+20 s warning): inactivity can end while a note is on its way',
    config: { timeouts: { inactivitySeconds: 10, warningSeconds: 20 }, devices: { billValidator: { stackMs: 40_000 } } }
  },
  {
    name: 'patientCustomer',
    description: 'the customer has 300 s before the inactivity warning and the rate lock is 60 s: it can run out on the cash screen',
    config: { timeouts: { inactivitySeconds: 300, rateLockSeconds: 60 } }
  },
  {
    name: 'staffOnDuty',
    description:
      'staff have PINs (collector 1111, technician 2222, administrator 3333); the lockout after 3 wrong PINs and the service inactivity logout take 60 s',
    config: { service: { pins: WALK_PIN_HASHES, lockoutSeconds: 60, inactivitySeconds: 60 } }
  }
]

/** The profile with staff: the one service mode is explored and drawn under (the others have no PIN, as the factory configuration). */
export const STAFF_PROFILE = DRILL_PROFILES.find((p) => p.name === 'staffOnDuty')!

export const STANDARD_PROFILE = DRILL_PROFILES[0]!

export const PROFILE_NAMES = DRILL_PROFILES.map((p) => p.name)

/** The named profiles, in the order given; throws naming the unknown one. */
export function profilesNamed(names: readonly string[]): DrillProfile[] {
  return names.map((name) => {
    const profile = DRILL_PROFILES.find((p) => p.name === name)
    if (!profile) throw new Error(`no drill profile "${name}"; profiles are ${PROFILE_NAMES.join(', ')}`)
    return profile
  })
}
