/** Who may enter service mode, with which PIN, and when entry is locked after wrong PINs (issue 15). */

/** The staff roles: cash collection and reports; devices, tests and out of service; rates, limits, fees, bonus tiers and PINs. */
export const SERVICE_ROLES = ['collector', 'technician', 'administrator'] as const
export type ServiceRole = (typeof SERVICE_ROLES)[number]

/** What staff can change in service mode (each change journaled with before, after and role). */
export type SettingsSection = 'rates' | 'limits' | 'fee' | 'bonus' | 'pins'

/** The pages of the service menu, in menu order; each is a state of the kiosk machine with its own screen. */
export const SERVICE_PAGES = ['collection', 'reports', 'journal', 'claims', 'devices', 'settings'] as const
export type ServicePage = (typeof SERVICE_PAGES)[number]

/**
 * What each role may open: a collector the cash, the reports and customers' claims; a technician
 * the devices (tests, out of service) and the journal; an administrator everything, settings too.
 */
export const PAGES_OF_ROLE: Readonly<Record<ServiceRole, readonly ServicePage[]>> = {
  collector: ['collection', 'reports', 'journal', 'claims'],
  technician: ['journal', 'devices'],
  administrator: SERVICE_PAGES
}

/** Whether `role` may open `page`. */
export const mayOpen = (role: ServiceRole, page: ServicePage): boolean => PAGES_OF_ROLE[role].includes(page)

/** The lockout rule (configuration `service.maxPinAttempts` and `lockoutSeconds`). */
export type LockoutRule = { readonly maxPinAttempts: number; readonly lockoutSeconds: number }

/** Wrong PINs since the last success or lockout, and until when entry is locked (epoch ms), if it was. */
export type PinAttempts = { readonly failures: number; readonly lockedUntil: number | null }

/** No attempt yet, or the last one succeeded. */
export const NO_PIN_ATTEMPTS: PinAttempts = { failures: 0, lockedUntil: null }

/** One PIN entry: when, and whether the PIN was right. */
export type PinAttempt = { readonly at: number; readonly ok: boolean }

/** Whether PIN entry is locked at `now` (a lockout ends at its `lockedUntil`, exactly). */
export function isLocked(attempts: PinAttempts, now: number): boolean {
  return attempts.lockedUntil !== null && now < attempts.lockedUntil
}

/** Wrong PINs left before entry locks (the full count again once a lockout has ended). */
export function attemptsLeft(attempts: PinAttempts, now: number, rule: LockoutRule): number {
  if (isLocked(attempts, now)) return 0
  return attempts.lockedUntil !== null ? rule.maxPinAttempts : rule.maxPinAttempts - attempts.failures
}

/**
 * The attempts after one more PIN entry: a right PIN resets them; the `maxPinAttempts`-th wrong one
 * in a row locks entry for `lockoutSeconds`. An entry while locked changes nothing (it is refused
 * before its PIN is checked); after a lockout the count starts again from zero.
 */
export function afterPinAttempt(attempts: PinAttempts, attempt: PinAttempt, rule: LockoutRule): PinAttempts {
  if (isLocked(attempts, attempt.at)) return attempts
  if (attempt.ok) return NO_PIN_ATTEMPTS
  const failures = (attempts.lockedUntil !== null ? 0 : attempts.failures) + 1
  if (failures >= rule.maxPinAttempts) return { failures: 0, lockedUntil: attempt.at + rule.lockoutSeconds * 1000 }
  return { failures, lockedUntil: null }
}

/** The attempts after a series of PIN entries in time order, e.g. the logins and failures read back from the journal. */
export function foldPinAttempts(entries: Iterable<PinAttempt>, rule: LockoutRule, from: PinAttempts = NO_PIN_ATTEMPTS): PinAttempts {
  let attempts = from
  for (const entry of entries) attempts = afterPinAttempt(attempts, entry, rule)
  return attempts
}
