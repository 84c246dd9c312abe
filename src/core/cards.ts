/** Card-number helpers shared by the host, screens, journal and reports. */
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/** Masks a 16-digit card number: `9398 •••• •••• 2222` (first 4 and last 4 only). */
export function maskCardNumber(number: string): string {
  return `${number.slice(0, 4)} •••• •••• ${number.slice(-4)}`
}

/**
 * A keyed hash of a card number (HMAC-SHA256, hex), so an operator holding the key can find a
 * card's records in the journal, while the journal alone does not give the number away: the
 * masked form leaves 8 digits unknown, and without the key they cannot be tried.
 */
export function cardReference(number: string, key: Uint8Array): string {
  // Every record of a session names its card: the HMAC is remembered per key (a bounded few numbers each).
  let refs = cardReferences.get(key)
  if (!refs) cardReferences.set(key, (refs = new Map()))
  let ref = refs.get(number)
  if (ref === undefined) {
    if (refs.size >= 1000) refs.clear()
    refs.set(number, (ref = bytesToHex(hmac(sha256, key, utf8ToBytes(number)))))
  }
  return ref
}

const cardReferences = new WeakMap<Uint8Array, Map<string, string>>()

/**
 * Journal data with its full card number (`cardNumber`, as the kiosk machine emits it) replaced
 * by the masked number (`card`) and the keyed hash (`cardRef`): the full number never reaches
 * the journal.
 */
export function protectCardNumber(data: Record<string, unknown>, key: Uint8Array): Record<string, unknown> {
  if (typeof data.cardNumber !== 'string') return data
  const { cardNumber, ...rest } = data
  return { ...rest, card: maskCardNumber(cardNumber), cardRef: cardReference(cardNumber, key) }
}

/** The key for cardRef when none is given: for demos and tests only (the hosts keep a secret one). */
export const DEMO_CARD_KEY: Uint8Array = utf8ToBytes('kiosk-sim demo card key: not secret')

export const CARD_STATUSES = ['active', 'blocked', 'expired'] as const
export type CardStatus = (typeof CARD_STATUSES)[number]

export interface CardRecord {
  number: string
  balanceKzt: number
  status: CardStatus
}

/** The demo cards a fresh kiosk knows (numbers shaped like Almaty's Onay cards). */
export const DEMO_CARDS: readonly CardRecord[] = [
  { number: '9398000011112222', balanceKzt: 500, status: 'active' },
  { number: '9398000033334444', balanceKzt: 12450, status: 'active' },
  { number: '9398000055556666', balanceKzt: 195000, status: 'active' },
  { number: '9398000077778888', balanceKzt: 3200, status: 'blocked' },
  { number: '9398000099990000', balanceKzt: 0, status: 'expired' }
]
