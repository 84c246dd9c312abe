/**
 * The secret key of the journal's card references (HMAC of the card number, see
 * src/core/cards.ts): 32 random bytes kept in a file of its own, readable by its owner only, so
 * that a copy of the journal alone does not let anyone recover card numbers.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs'

export function loadOrCreateCardKey(path: string): Uint8Array {
  try {
    const key = readFileSync(path)
    if (key.length < 32) throw new Error(`the card key file ${path} is shorter than 32 bytes: it is damaged; restore it from a backup`)
    return new Uint8Array(key)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const key = randomBytes(32)
  // 'wx' fails if another process created it meanwhile: then use theirs.
  try {
    const fd = openSync(path, 'wx', 0o600)
    writeSync(fd, key)
    fsyncSync(fd)
    closeSync(fd)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateCardKey(path)
    throw err
  }
  return new Uint8Array(key)
}
