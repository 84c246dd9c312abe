/**
 * Service mode's state as the journal keeps it, read at power-up: the wrong PINs and a lockout (a
 * restart does not open a locked PIN pad), the out-of-service switch, training mode, and the
 * settings staff changed (applied over the configuration file's).
 */
import type { KioskConfig } from '../config'
import type { AnyJournalRecord } from '../domain/journalRecords'
import { foldPinAttempts, type PinAttempt, type PinAttempts } from './roles'
import { configWithSettings } from './settings'

export interface ServiceAtPowerUp {
  config: KioskConfig
  pinAttempts: PinAttempts
  closedReason: string | null
  training: boolean
}

export function serviceFromJournal(records: readonly AnyJournalRecord[], fileConfig: KioskConfig): ServiceAtPowerUp {
  const attempts: PinAttempt[] = []
  let closedReason: string | null = null
  let training = false
  for (const r of records) {
    if (r.kind === 'serviceLogin') attempts.push({ at: Date.parse(r.time), ok: true })
    else if (r.kind === 'serviceLoginFailed') attempts.push({ at: Date.parse(r.time), ok: false })
    else if (r.kind === 'outOfServiceSwitched') closedReason = r.data.reason
    else if (r.kind === 'trainingSwitched') training = r.data.on
  }
  const config = configWithSettings(fileConfig, records)
  const rule = { maxPinAttempts: config.service.maxPinAttempts, lockoutSeconds: config.service.lockoutSeconds }
  return { config, pinAttempts: foldPinAttempts(attempts, rule), closedReason, training }
}
