/**
 * `kiosk-sim hash-pin PIN` (docs/config.md, "Service"): prints a salted hash that verifyPin accepts
 * and the configuration takes; a bad PIN exits 2 with one line naming what is wrong, never the PIN.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { loadConfig } from '../../src/core/config'
import { verifyPin } from '../../src/core/service/pins'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Runs main() in process; returns the exit code and what it printed. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('kiosk-sim hash-pin', () => {
  it('prints one hash that verifies the PIN and no other, and that the configuration takes', async () => {
    const result = await run('hash-pin', '0427')
    expect(result.code).toBe(0)
    expect(result.err).toBe('')
    expect(result.out).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(verifyPin('0427', result.out)).toBe(true)
    expect(verifyPin('0428', result.out)).toBe(false)
    expect(loadConfig({ service: { pins: { collector: result.out } } }).service.pins.collector).toBe(result.out)
  })

  it('salts every hash afresh: the same PIN twice gives two hashes', async () => {
    const [a, b] = [await run('hash-pin', '12345678'), await run('hash-pin', '12345678')]
    expect(a.out).not.toBe(b.out)
  })

  it.each([
    [['hash-pin'], 'kiosk-sim hash-pin: expected exactly one PIN (got none)'],
    [['hash-pin', '1234', '5678'], 'kiosk-sim hash-pin: expected exactly one PIN (got 2 arguments)'],
    [['hash-pin', '987'], 'kiosk-sim hash-pin: expected a PIN of 4 to 8 digits, got 3 digits'],
    [['hash-pin', '987654321'], 'kiosk-sim hash-pin: expected a PIN of 4 to 8 digits, got 9 digits'],
    [['hash-pin', '98x6'], 'kiosk-sim hash-pin: expected a PIN of 4 to 8 digits, got a character that is not a digit 0-9']
  ])('%j exits 2: %s', async (args, message) => {
    const result = await run(...args)
    expect(result.code).toBe(2)
    expect(result.out).toBe('')
    expect(result.err).toBe(message)
  })

  it('is listed in the help', async () => {
    expect((await run('help')).out).toContain('kiosk-sim hash-pin PIN')
  })
})

describe('the real CLI process', () => {
  /** Runs `node bin/kiosk-sim.mjs ...args` with the project's Node (vitest already runs on it). */
  function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [join(ROOT, 'bin/kiosk-sim.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
      )
    })
  }

  it('prints the hash on stdout, one line', async () => {
    const result = await cli('hash-pin', '5150')
    expect(result.code).toBe(0)
    expect(result.stdout.endsWith('\n')).toBe(true)
    expect(verifyPin('5150', result.stdout.trim())).toBe(true)
  })

  it('a bad PIN exits 2 with one line, no stack trace and not the PIN', async () => {
    const result = await cli('hash-pin', '51x0')
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe('kiosk-sim hash-pin: expected a PIN of 4 to 8 digits, got a character that is not a digit 0-9\n')
    expect(result.stderr).not.toContain('51x0')
  })
})
