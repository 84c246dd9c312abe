/**
 * Settings staff change in service mode (issue 15): rates, limits, fees, bonus tiers and PINs. A
 * change is merged over the running configuration and checked by the configuration's own schema, so
 * its errors name the key as the configuration file would (`limits.minTopUpKzt: must not exceed …`).
 * The journal keeps each change (`settingsChanged`, with before, after and role) and the kiosk folds
 * them over its configuration at power-up, so a change outlives a restart.
 */
import { formatIssue, kioskConfigSchema, mergeConfig, type CurrencyCode, type KioskConfig } from '../config'
import type { AnyJournalRecord, SettingsSection } from '../domain/journalRecords'
import { quoteRates, type RateQuote } from '../money'
import { hashPin, pinProblem } from './pins'
import { SERVICE_ROLES, type ServiceRole } from './roles'

export const SETTINGS_SECTIONS = ['rates', 'limits', 'fee', 'bonus', 'pins'] as const satisfies readonly SettingsSection[]

/** A change checked and ready: the configuration and market rates it makes, and what the journal keeps of it. */
export type SettingsChange = { ok: true; config: KioskConfig; marketRates: RateQuote; before: unknown; after: unknown } | { ok: false; error: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The configuration key a section edits, and how its value is merged (objects key by key, the bonus tiers whole). */
const SECTION_KEY = { limits: 'limits', fee: 'fees', bonus: 'bonus' } as const

function checked(merged: unknown): { ok: true; config: KioskConfig } | { ok: false; error: string } {
  const result = kioskConfigSchema.safeParse(merged)
  if (result.success) return { ok: true, config: result.data }
  return { ok: false, error: result.error.issues.flatMap((i) => formatIssue(i)).join('; ') }
}

/** Rates: `{ "USD": "471.20" }`; only currencies this kiosk accepts. The market rates follow the new configured rate. */
function changeRates(config: KioskConfig, marketRates: RateQuote, value: unknown): SettingsChange {
  if (!isObject(value) || Object.keys(value).length === 0) return { ok: false, error: 'rates: expected an object of currency → rate, e.g. {"USD": "471.20"}' }
  const patch: Record<string, { rate: unknown }> = {}
  for (const [code, rate] of Object.entries(value)) {
    if (code === 'KZT' || !Object.hasOwn(config.currencies, code) || !config.currencies[code as CurrencyCode])
      return { ok: false, error: `rates.${code}: not a foreign currency this kiosk accepts` }
    patch[code] = { rate }
  }
  const result = checked(mergeConfig(config, { currencies: patch }))
  if (!result.ok) return result
  const changed = Object.keys(patch) as Exclude<CurrencyCode, 'KZT'>[]
  const after = Object.fromEntries(changed.map((c) => [c, quoteRates(result.config)[c]]))
  const before = Object.fromEntries(changed.map((c) => [c, marketRates[c] ?? null]))
  return { ok: true, config: result.config, marketRates: { ...marketRates, ...after }, before, after }
}

/** PINs: `{ "collector": "4821" }` sets a role's PIN (kept only as its hash), `null` removes it. The journal keeps the hashes, never a PIN. */
function changePins(config: KioskConfig, marketRates: RateQuote, value: unknown): SettingsChange {
  if (!isObject(value) || Object.keys(value).length === 0)
    return { ok: false, error: 'pins: expected an object of role → PIN (or null), e.g. {"collector": "4821"}' }
  const pins: Partial<Record<ServiceRole, string>> = { ...config.service.pins }
  const before: Partial<Record<ServiceRole, boolean>> = {}
  const after: Partial<Record<ServiceRole, string | null>> = {}
  for (const [role, pin] of Object.entries(value)) {
    if (!(SERVICE_ROLES as readonly string[]).includes(role)) return { ok: false, error: `pins.${role}: expected one of ${SERVICE_ROLES.join(', ')}` }
    const r = role as ServiceRole
    before[r] = config.service.pins[r] !== undefined
    if (pin === null) {
      delete pins[r]
      after[r] = null
      continue
    }
    const problem = pinProblem(pin)
    if (problem) return { ok: false, error: `pins.${role}: ${problem}` }
    pins[r] = hashPin(pin as string)
    after[r] = pins[r]!
  }
  const result = checked({ ...config, service: { ...config.service, pins } })
  return result.ok ? { ok: true, config: result.config, marketRates, before, after } : result
}

/** Checks a change of one section against the configuration's schema; the result says what the journal keeps. */
export function changeSettings(config: KioskConfig, marketRates: RateQuote, section: SettingsSection, value: unknown): SettingsChange {
  if (section === 'rates') return changeRates(config, marketRates, value)
  if (section === 'pins') return changePins(config, marketRates, value)
  const key = SECTION_KEY[section]
  const override = { [key]: value }
  const result = checked(mergeConfig(config, override))
  if (!result.ok) return result
  return { ok: true, config: result.config, marketRates, before: config[key], after: result.config[key] }
}

/**
 * The configuration with every change staff made in service mode applied, in journal order (power-up).
 * A change the configuration no longer admits (the file changed since) is skipped: the file wins.
 */
export function configWithSettings(config: KioskConfig, records: Iterable<AnyJournalRecord>): KioskConfig {
  let current = config
  for (const r of records) {
    if (r.kind !== 'settingsChanged') continue
    const { section, after } = r.data
    const override =
      section === 'rates'
        ? { currencies: Object.fromEntries(Object.entries(after as Record<string, string>).map(([c, rate]) => [c, { rate }])) }
        : section === 'pins'
          ? { service: { pins: after } }
          : { [SECTION_KEY[section]]: after }
    const result = checked(mergeConfig(current, override))
    if (result.ok) current = result.config
  }
  return current
}
