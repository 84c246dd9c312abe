/** base64url without padding (RFC 4648 §5), for the salt and hash of a stored PIN: the core has no Buffer nor btoa. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const PATTERN = /^[A-Za-z0-9_-]*$/

/** The base64url text of `bytes`, without padding. */
export function toBase64url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]]
    const word = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += ALPHABET[(word >> 18) & 63]! + ALPHABET[(word >> 12) & 63]!
    if (b !== undefined) out += ALPHABET[(word >> 6) & 63]!
    if (c !== undefined) out += ALPHABET[word & 63]!
  }
  return out
}

/**
 * The bytes of a base64url text without padding, or null when it is not one: a character outside
 * the alphabet, an impossible length, or leftover bits that are not zero (so each byte string has
 * exactly one text, and a stored hash cannot be altered without changing its bytes).
 */
export function fromBase64url(text: string): Uint8Array | null {
  if (!PATTERN.test(text) || text.length % 4 === 1) return null
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8))
  let bits = 0
  let value = 0
  let n = 0
  for (const ch of text) {
    value = (value << 6) | ALPHABET.indexOf(ch)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes[n++] = (value >> bits) & 0xff
      value &= (1 << bits) - 1
    }
  }
  return value === 0 ? bytes : null
}
