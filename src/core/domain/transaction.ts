/** A top-up transaction as the kiosk keeps it, and the pure rules on one transaction alone. */
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import type { Note, RateQuote } from '../money'
import type { ReturnedNote } from '../protocol'

/** A rate quote: shown when the cash screen opens, locked by the first stacked note. */
export interface RateLock {
  rates: RateQuote
  /** ISO 8601 instants. */
  quotedAt: string
  validUntil: string
}

export type PaymentMethod = 'cash' | 'card'

export interface Transaction {
  /** `<terminal>-<number>-<8 characters>`: the number for people, the characters so that it never repeats. */
  id: string
  number: number
  /** The e-receipt's unguessable token (128 bits, base64url): its link must not be found by counting. */
  receiptToken: string
  method: PaymentMethod
  /** Cash: the quote in force; it cannot change once a note is stacked. */
  quote: RateLock | null
  stacked: Note[]
  returned: ReturnedNote[]
  /** Notes the validator jammed on: maybe in the cashbox, maybe not. An operator resolves them. */
  inDoubt: Note[]
  cardPayment: { maskedPan: string; authCode: string } | null
}

/** A transaction as it starts: no quote, no notes, no card payment yet. */
export function newTransaction(start: Pick<Transaction, 'id' | 'number' | 'receiptToken' | 'method'>): Transaction {
  return { ...start, quote: null, stacked: [], returned: [], inDoubt: [], cardPayment: null }
}

/** A fresh boot nonce from the system's cryptographic source (128 bits). */
export const randomBootNonce = (): string => bytesToHex(randomBytes(16))

/** A boot nonce derived from a text (headless runs: reproducible, never for a kiosk that serves customers). */
export const fixedBootNonce = (text: string): string => bytesToHex(sha256(utf8ToBytes(text))).slice(0, 32)

const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** A keyed hash of this start's nonce: what makes ids and tokens unpredictable and unrepeatable. */
const derive = (bootNonce: string, purpose: string, number: number): Uint8Array => hmac(sha256, hexToBytes(bootNonce), utf8ToBytes(`${purpose}:${number}`))

/**
 * A transaction's id: terminal, number (what people read out), and 8 characters (40 bits) derived
 * from the start's secret nonce, so that a number used again after a journal was restored from an
 * older copy (or the kiosk reinstalled) never gives an id the host has seen.
 */
export function transactionIdFor(terminalId: string, number: number, bootNonce: string): string {
  const bytes = derive(bootNonce, 'transaction', number)
  let value = 0n
  for (const byte of bytes.subarray(0, 5)) value = (value << 8n) | BigInt(byte)
  let suffix = ''
  for (let i = 0; i < 8; i++) {
    suffix = CROCKFORD_BASE32[Number(value & 31n)]! + suffix
    value >>= 5n
  }
  return `${terminalId}-${String(number).padStart(6, '0')}-${suffix}`
}

/** The e-receipt token of a transaction: 128 bits, base64url, unguessable from any other receipt. */
export function receiptTokenFor(number: number, bootNonce: string): string {
  const bytes = derive(bootNonce, 'receipt', number).subarray(0, 16)
  // base64url without padding, six bits at a time: 16 bytes give 22 characters.
  let token = ''
  for (let bit = 0; bit < bytes.length * 8; bit += 6) {
    const byte = bit >> 3
    const word = ((bytes[byte]! << 8) | (bytes[byte + 1] ?? 0)) >> (10 - (bit & 7))
    token += BASE64URL[word & 63]
  }
  return token
}
