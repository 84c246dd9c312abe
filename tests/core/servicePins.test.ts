/**
 * Staff PINs (issue 15, docs/config.md "Service"): kept only as salted scrypt hashes in a
 * self-describing format, checked in constant time; 4 to 8 digits; the lockout after wrong PINs.
 */
import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../src/core/config'
import { fromBase64url, toBase64url } from '../../src/core/service/base64url'
import { DEMO_SERVICE_PINS } from '../../src/core/service/demoPins'
import { hashPin, parsePinHash, PIN_SCRYPT, PinError, PinHashError, pinProblem, rolesForPin, verifyPin } from '../../src/core/service/pins'
import { memoizedRolesForPin } from '../../src/core/testing/play'
import { rolesOfPin, STAFF_PINS, WALK_PIN_HASHES } from '../../src/core/testing/staff'
import { afterPinAttempt, attemptsLeft, foldPinAttempts, isLocked, NO_PIN_ATTEMPTS, SERVICE_ROLES, type PinAttempts } from '../../src/core/service/roles'

const SALT = new Uint8Array(16).map((_, i) => i * 7)
const FAST = { N: 2 ** 14, r: 8, p: 1 }
const STORED = hashPin('4821', SALT, FAST)

/** The message verifyPin throws for a stored hash (fails the test if it does not throw). */
function problemOf(stored: unknown): string {
  try {
    verifyPin('4821', stored as string)
  } catch (err) {
    expect(err).toBeInstanceOf(PinHashError)
    return (err as Error).message
  }
  throw new Error(`expected ${String(stored)} to be refused`)
}

describe('hashing and verifying a PIN', () => {
  it('round trips: the hash verifies its own PIN', () => {
    expect(verifyPin('4821', STORED)).toBe(true)
    expect(verifyPin('4821', hashPin('4821'))).toBe(true)
  })

  it('refuses a wrong PIN, one digit off, a prefix, a longer one and one that breaks the rules', () => {
    for (const pin of ['4822', '482', '48210', '1234', '', 'abcd', '4821 ']) expect(verifyPin(pin, STORED), pin).toBe(false)
  })

  it('writes scrypt$N$r$p$salt$hash with the default parameters and a fresh 16-byte salt each time', () => {
    const a = hashPin('4821')
    const b = hashPin('4821')
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(PIN_SCRYPT).toEqual({ N: 32768, r: 8, p: 1 })
    expect(a).not.toBe(b)
    expect(parsePinHash(a).salt).toHaveLength(16)
    expect(parsePinHash(a).hash).toHaveLength(32)
  })

  it('is reproducible with a given salt, and the salt changes the hash', () => {
    expect(hashPin('4821', SALT, FAST)).toBe(STORED)
    expect(
      hashPin(
        '4821',
        SALT.map((x) => x + 1),
        FAST
      )
    ).not.toBe(STORED)
  })

  it('verifies with the parameters the hash carries, not the current defaults', () => {
    expect(STORED.startsWith('scrypt$16384$8$1$')).toBe(true)
    expect(verifyPin('4821', STORED)).toBe(true)
  })

  // How long a check takes is a benchmark's figure, not a test's (it depends on the machine): the cost is checked here.
  it('hashes with the default parameters, 32 MiB of memory per check (N 2^15, r 8, p 1)', () => {
    const [scheme, n, r, p] = hashPin('4821').split('$')
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual(['scrypt', PIN_SCRYPT.N, PIN_SCRYPT.r, PIN_SCRYPT.p])
    expect(128 * PIN_SCRYPT.N * PIN_SCRYPT.r * PIN_SCRYPT.p).toBe(32 * 2 ** 20)
  })
})

describe('the PIN rules: 4 to 8 digits', () => {
  it.each(['0000', '1234', '12345678', '00001111'])('%s is a PIN', (pin) => {
    expect(pinProblem(pin)).toBeNull()
  })

  it.each([
    ['123', 'expected a PIN of 4 to 8 digits, got 3 digits'],
    ['123456789', 'expected a PIN of 4 to 8 digits, got 9 digits'],
    ['', 'expected a PIN of 4 to 8 digits, got 0 digits'],
    ['12a4', 'expected a PIN of 4 to 8 digits, got a character that is not a digit 0-9'],
    ['１２３４', 'expected a PIN of 4 to 8 digits, got a character that is not a digit 0-9'],
    [' 1234', 'expected a PIN of 4 to 8 digits, got a character that is not a digit 0-9']
  ])('%j is refused: %s', (pin, message) => {
    expect(pinProblem(pin)).toBe(message)
    expect(() => hashPin(pin, SALT, FAST)).toThrow(new PinError(message))
  })
})

describe('a malformed stored hash is an error naming what is wrong', () => {
  const [, , , , salt, hash] = STORED.split('$')
  it.each([
    [undefined, 'expected a text "scrypt$N$r$p$salt$hash"'],
    ['4821', 'this is a PIN, not its hash: store what kiosk-sim hash-pin prints, never the PIN'],
    ['scrypt$16384$8$1$abc', 'expected 6 fields separated by "$" (scrypt$N$r$p$salt$hash), got 5'],
    [`bcrypt$16384$8$1$${salt}$${hash}`, 'expected the algorithm "scrypt" in the first field, got "bcrypt"'],
    [`scrypt$016384$8$1$${salt}$${hash}`, 'N must be a decimal integer without leading zeros, got "016384"'],
    [`scrypt$16384$x$1$${salt}$${hash}`, 'r must be a decimal integer without leading zeros, got "x"'],
    [`scrypt$16384$8$$${salt}$${hash}`, 'p must be a decimal integer without leading zeros, got ""'],
    [`scrypt$1024$8$1$${salt}$${hash}`, 'N must be a power of two from 16384 to 131072'],
    [`scrypt$20000$8$1$${salt}$${hash}`, 'N must be a power of two from 16384 to 131072'],
    [`scrypt$16384$4$1$${salt}$${hash}`, 'r must be an integer from 8 to 64'],
    [`scrypt$16384$8$65$${salt}$${hash}`, 'p must be an integer from 1 to 64'],
    [`scrypt$131072$8$2$${salt}$${hash}`, 'N × r × p must be at most 1048576: a PIN check must not hold the kiosk for seconds'],
    [`scrypt$16384$8$1$${salt!.slice(0, 10)}$${hash}`, 'the salt must be base64url (no padding) of 16 to 64 bytes'],
    [`scrypt$16384$8$1$${salt}==$${hash}`, 'the salt must be base64url (no padding) of 16 to 64 bytes'],
    [`scrypt$16384$8$1$${salt}$${hash!.slice(1)}`, 'the hash must be base64url (no padding) of 32 bytes'],
    [`scrypt$16384$8$1$${salt}$${hash!.replace(/.$/, '+')}`, 'the hash must be base64url (no padding) of 32 bytes']
  ])('%j: %s', (stored, message) => {
    expect(problemOf(stored)).toBe(message)
  })
})

describe('base64url', () => {
  it('agrees with Node for every length from 0 to 40 bytes, both ways', () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n * 11) & 0xff)
      const text = Buffer.from(bytes).toString('base64url')
      expect(toBase64url(bytes)).toBe(text)
      expect(fromBase64url(text)).toEqual(bytes)
    }
  })

  it('refuses padding, other alphabets, impossible lengths and leftover bits', () => {
    for (const text of ['AA==', 'A+B/', 'A', 'AB', 'AAB']) expect(fromBase64url(text), text).toBeNull()
    expect(fromBase64url('AA')).toEqual(new Uint8Array([0]))
  })
})

describe('roles', () => {
  it('are collector, technician and administrator', () => {
    expect(SERVICE_ROLES).toEqual(['collector', 'technician', 'administrator'])
  })

  it('a PIN names the role whose hash it verifies; a wrong or unconfigured one none; a shared PIN every role that has it', () => {
    expect(rolesForPin('2222', DEMO_SERVICE_PINS)).toEqual(['technician'])
    expect(rolesForPin('4444', DEMO_SERVICE_PINS)).toEqual([])
    expect(rolesForPin('4821', {})).toEqual([])
    expect(rolesForPin('4821', { collector: STORED, administrator: hashPin('4821', SALT, FAST) })).toEqual(['collector', 'administrator'])
  })

  it('the demo hashes are those of the demo PINs the docs list: collector 1111, technician 2222, administrator 3333', () => {
    expect(verifyPin('1111', DEMO_SERVICE_PINS.collector)).toBe(true)
    expect(verifyPin('3333', DEMO_SERVICE_PINS.administrator)).toBe(true)
    expect(loadConfig({ service: { pins: DEMO_SERVICE_PINS } }).service.pins).toEqual(DEMO_SERVICE_PINS)
  })

  it('the PINs generated paths and drills know without scrypt (rolesOfPin) are what scrypt says of the demo and walk hashes', () => {
    for (const pins of [DEMO_SERVICE_PINS, WALK_PIN_HASHES])
      for (const pin of [...Object.values(STAFF_PINS), '9999']) expect(rolesOfPin(pin, pins), pin).toEqual(rolesForPin(pin, pins))
    // Any other hash is left to scrypt.
    expect(rolesOfPin('4821', { collector: STORED })).toBeNull()
    expect(memoizedRolesForPin('4821', { administrator: hashPin('4821', SALT, FAST) })).toEqual(['administrator'])
  })
})

describe('the lockout after wrong PINs', () => {
  const rule = { maxPinAttempts: 3, lockoutSeconds: 300 }
  const wrong = (at: number) => ({ at, ok: false })
  const right = (at: number) => ({ at, ok: true })

  it('locks entry at the third wrong PIN in a row, for lockoutSeconds', () => {
    const two = foldPinAttempts([wrong(0), wrong(1000)], rule)
    expect(two).toEqual({ failures: 2, lockedUntil: null })
    expect(attemptsLeft(two, 1000, rule)).toBe(1)
    const three = afterPinAttempt(two, wrong(2000), rule)
    expect(three).toEqual({ failures: 0, lockedUntil: 302_000 })
    expect(isLocked(three, 2000)).toBe(true)
    expect(isLocked(three, 301_999)).toBe(true)
    expect(isLocked(three, 302_000)).toBe(false)
    expect(attemptsLeft(three, 2000, rule)).toBe(0)
  })

  it('a right PIN resets the count', () => {
    const attempts = foldPinAttempts([wrong(0), wrong(1), right(2), wrong(3), wrong(4)], rule)
    expect(attempts).toEqual({ failures: 2, lockedUntil: null })
    expect(isLocked(attempts, 5)).toBe(false)
    expect(afterPinAttempt(attempts, right(5), rule)).toEqual(NO_PIN_ATTEMPTS)
  })

  it('an entry while locked changes nothing, even the right PIN', () => {
    const locked: PinAttempts = foldPinAttempts([wrong(0), wrong(1), wrong(2)], rule)
    expect(afterPinAttempt(locked, right(10_000), rule)).toBe(locked)
    expect(afterPinAttempt(locked, wrong(10_000), rule)).toBe(locked)
  })

  it('after the lockout the count starts again: three more wrong PINs lock again', () => {
    const locked = foldPinAttempts([wrong(0), wrong(1), wrong(2)], rule)
    expect(attemptsLeft(locked, 302_002, rule)).toBe(3)
    const again = foldPinAttempts([wrong(302_002), wrong(302_003)], rule, locked)
    expect(again).toEqual({ failures: 2, lockedUntil: null })
    expect(afterPinAttempt(again, wrong(302_004), rule)).toEqual({ failures: 0, lockedUntil: 602_004 })
    expect(afterPinAttempt(locked, right(302_002), rule)).toEqual(NO_PIN_ATTEMPTS)
  })

  it('follows the configured count: one wrong PIN locks when maxPinAttempts is 1', () => {
    expect(afterPinAttempt(NO_PIN_ATTEMPTS, wrong(0), { maxPinAttempts: 1, lockoutSeconds: 60 })).toEqual({ failures: 0, lockedUntil: 60_000 })
  })
})

describe('the service section of the configuration', () => {
  /** The issues loadConfig reports for an override (fails the test if it loads). */
  function issuesOf(override: unknown): string[] {
    try {
      loadConfig(override)
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      return (err as ConfigError).issues
    }
    throw new Error(`expected ${JSON.stringify(override)} to be refused`)
  }

  it('defaults: no PIN, 3 attempts, 300 s lockout, 120 s inactivity', () => {
    expect(DEFAULT_CONFIG.service).toEqual({ pins: {}, maxPinAttempts: 3, lockoutSeconds: 300, inactivitySeconds: 120 })
    expect(loadConfig({ limits: { maxTopUpKzt: 50_000 } }).service).toEqual(DEFAULT_CONFIG.service)
  })

  it('takes a PIN hash per role, merged key by key like the rest', () => {
    const config = loadConfig({ service: { pins: { collector: STORED }, lockoutSeconds: 60 } })
    expect(config.service).toEqual({ pins: { collector: STORED }, maxPinAttempts: 3, lockoutSeconds: 60, inactivitySeconds: 120 })
  })

  it('refuses what is not a PIN hash, naming the field and what is wrong, never repeating a PIN', () => {
    expect(issuesOf({ service: { pins: { collector: '1234' } } })).toEqual([
      'service.pins.collector: expected a PIN hash made by kiosk-sim hash-pin: this is a PIN, not its hash: store what kiosk-sim hash-pin prints, never the PIN'
    ])
    expect(issuesOf({ service: { pins: { technician: 'scrypt$1$2' } } })).toEqual([
      'service.pins.technician: expected a PIN hash made by kiosk-sim hash-pin: expected 6 fields separated by "$" (scrypt$N$r$p$salt$hash), got 3'
    ])
    expect(issuesOf({ service: { pins: { administrator: 1234 } } })).toEqual(['service.pins.administrator: expected a PIN hash made by kiosk-sim hash-pin'])
  })

  it('refuses an unknown role and unknown keys', () => {
    expect(issuesOf({ service: { pins: { janitor: STORED } } })).toEqual(['service.pins.janitor: unknown key'])
    expect(issuesOf({ service: { pin: {} } })).toEqual(['service.pin: unknown key'])
  })

  it('bounds maxPinAttempts, lockoutSeconds and inactivitySeconds', () => {
    expect(issuesOf({ service: { maxPinAttempts: 0 } })).toEqual(['service.maxPinAttempts: expected an integer from 1 to 10'])
    expect(issuesOf({ service: { lockoutSeconds: 2_147_484 } })).toEqual(['service.lockoutSeconds: expected an integer from 1 to 2147483'])
    expect(issuesOf({ service: { inactivitySeconds: 1.5 } })).toEqual(['service.inactivitySeconds: expected an integer from 1 to 2147483'])
  })
})
