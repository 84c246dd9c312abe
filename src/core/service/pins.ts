/**
 * Staff PINs, kept only as salted scrypt hashes (docs/config.md, "Service"). A stored hash
 * describes itself: `scrypt$N$r$p$<salt base64url>$<hash base64url>`, so the parameters can be
 * raised later without breaking the hashes already in a configuration.
 */
import { scrypt } from '@noble/hashes/scrypt.js'
import { randomBytes } from '@noble/hashes/utils.js'
import { fromBase64url, toBase64url } from './base64url'
import { SERVICE_ROLES, type ServiceRole } from './roles'

export const MIN_PIN_DIGITS = 4
export const MAX_PIN_DIGITS = 8
const PIN_PATTERN = new RegExp(`^[0-9]{${MIN_PIN_DIGITS},${MAX_PIN_DIGITS}}$`)

/** scrypt's cost parameters: N (CPU and memory), r (block size), p (parallelism). */
export type ScryptParams = { readonly N: number; readonly r: number; readonly p: number }

/**
 * The parameters new hashes get: 32 MiB and about 0.14 s per check on the reference machine
 * (docs/config.md). A PIN has few digits, so the lockout is what stops guessing at the kiosk; the
 * KDF makes a copied configuration slow to search.
 */
export const PIN_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 }
const MIN_N = 2 ** 14
const MAX_N = 2 ** 17
const MAX_R = 64
const MAX_P = 64
/** N × r × p above this would hold the kiosk for seconds on every PIN check. */
const MAX_COST = 2 ** 20
const SALT_BYTES = { min: 16, max: 64 }
export const PIN_SALT_BYTES = 16
export const PIN_HASH_BYTES = 32

/** A PIN that breaks the PIN rules (4 to 8 digits). The message never contains the PIN. */
export class PinError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PinError'
  }
}

/** A stored PIN hash that is not one `hashPin` makes; the message names what is wrong. */
export class PinHashError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PinHashError'
  }
}

/** What is wrong with a PIN as staff would choose it (4 to 8 digits), or null; never repeats the PIN. */
export function pinProblem(pin: unknown): string | null {
  if (typeof pin !== 'string') return `expected a PIN of ${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits`
  if (PIN_PATTERN.test(pin)) return null
  if (/[^0-9]/.test(pin)) return `expected a PIN of ${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits, got a character that is not a digit 0-9`
  return `expected a PIN of ${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits, got ${pin.length} digit${pin.length === 1 ? '' : 's'}`
}

/** What is wrong with scrypt parameters for a PIN hash, or null. */
function paramsProblem({ N, r, p }: ScryptParams): string | null {
  if (!Number.isInteger(N) || N < MIN_N || N > MAX_N || (N & (N - 1)) !== 0) return `N must be a power of two from ${MIN_N} to ${MAX_N}`
  if (!Number.isInteger(r) || r < 8 || r > MAX_R) return `r must be an integer from 8 to ${MAX_R}`
  if (!Number.isInteger(p) || p < 1 || p > MAX_P) return `p must be an integer from 1 to ${MAX_P}`
  if (N * r * p > MAX_COST) return `N × r × p must be at most ${MAX_COST}: a PIN check must not hold the kiosk for seconds`
  return null
}

/** A parsed stored PIN hash. */
export type PinHash = { readonly params: ScryptParams; readonly salt: Uint8Array; readonly hash: Uint8Array }

const DECIMAL = /^[1-9][0-9]{0,9}$/

/** What is wrong with a stored PIN hash, or null when it is one `hashPin` could have made. */
export function pinHashProblem(stored: unknown): string | null {
  try {
    parsePinHash(stored)
    return null
  } catch (err) {
    if (err instanceof PinHashError) return err.message
    throw err
  }
}

/** Reads `scrypt$N$r$p$salt$hash`; throws PinHashError naming the first thing that is wrong. */
export function parsePinHash(stored: unknown): PinHash {
  if (typeof stored !== 'string') throw new PinHashError('expected a text "scrypt$N$r$p$salt$hash"')
  // A PIN pasted where its hash belongs: say so without repeating it.
  if (/^[0-9]+$/.test(stored)) throw new PinHashError('this is a PIN, not its hash: store what kiosk-sim hash-pin prints, never the PIN')
  const fields = stored.split('$')
  if (fields.length !== 6) throw new PinHashError(`expected 6 fields separated by "$" (scrypt$N$r$p$salt$hash), got ${fields.length}`)
  const [algorithm, n, r, p, salt, hash] = fields as [string, string, string, string, string, string]
  if (algorithm !== 'scrypt') throw new PinHashError(`expected the algorithm "scrypt" in the first field, got "${algorithm.slice(0, 20)}"`)
  for (const [name, value] of [
    ['N', n],
    ['r', r],
    ['p', p]
  ] as const)
    if (!DECIMAL.test(value)) throw new PinHashError(`${name} must be a decimal integer without leading zeros, got "${value.slice(0, 20)}"`)
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  const problem = paramsProblem(params)
  if (problem) throw new PinHashError(problem)
  const saltBytes = fromBase64url(salt)
  if (!saltBytes || saltBytes.length < SALT_BYTES.min || saltBytes.length > SALT_BYTES.max)
    throw new PinHashError(`the salt must be base64url (no padding) of ${SALT_BYTES.min} to ${SALT_BYTES.max} bytes`)
  const hashBytes = fromBase64url(hash)
  if (!hashBytes || hashBytes.length !== PIN_HASH_BYTES) throw new PinHashError(`the hash must be base64url (no padding) of ${PIN_HASH_BYTES} bytes`)
  return { params, salt: saltBytes, hash: hashBytes }
}

function derive(pin: string, salt: Uint8Array, { N, r, p }: ScryptParams): Uint8Array {
  return scrypt(pin, salt, { N, r, p, dkLen: PIN_HASH_BYTES })
}

/**
 * The stored form of a PIN: `scrypt$N$r$p$salt$hash` with a fresh random 16-byte salt (or `salt`,
 * for reproducible tests). Throws PinError when the PIN breaks the PIN rules.
 */
export function hashPin(pin: string, salt: Uint8Array = randomBytes(PIN_SALT_BYTES), params: ScryptParams = PIN_SCRYPT): string {
  const problem = pinProblem(pin)
  if (problem) throw new PinError(problem)
  if (salt.length < SALT_BYTES.min || salt.length > SALT_BYTES.max) throw new RangeError(`a PIN salt has ${SALT_BYTES.min} to ${SALT_BYTES.max} bytes`)
  const paramProblem = paramsProblem(params)
  if (paramProblem) throw new RangeError(paramProblem)
  const { N, r, p } = params
  return `scrypt$${N}$${r}$${p}$${toBase64url(salt)}$${toBase64url(derive(pin, salt, params))}`
}

/** Whether two byte strings are equal, in a time that does not depend on where they differ. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/**
 * Whether `pin` is the PIN `stored` was made from. Throws PinHashError when `stored` is malformed
 * (a configuration problem, not a wrong PIN); a PIN that breaks the PIN rules is simply wrong.
 */
export function verifyPin(pin: string, stored: string): boolean {
  const { params, salt, hash } = parsePinHash(stored)
  if (pinProblem(pin)) return false
  return constantTimeEqual(derive(pin, salt, params), hash)
}

/** A role's stored PIN hash, for the roles that have one (configuration `service.pins`). */
export type ServicePins = Partial<Record<ServiceRole, string>>

/**
 * The roles whose PIN `pin` is. Every configured hash is checked, also after a match, so the time a
 * login takes does not tell which role a PIN belongs to. More than one role means two roles share a
 * PIN: the caller decides (the salted hashes cannot show it when the configuration is loaded).
 */
export function rolesForPin(pin: string, pins: ServicePins): ServiceRole[] {
  const matches = SERVICE_ROLES.map((role) => {
    const stored = pins[role]
    return stored !== undefined && verifyPin(pin, stored)
  })
  return SERVICE_ROLES.filter((_, i) => matches[i])
}
