/** Card-number helpers shared by the host, screens, journal and reports. */

/** Masks a 16-digit card number: `9398 •••• •••• 2222` (first 4 and last 4 only). */
export function maskCardNumber(number: string): string {
  return `${number.slice(0, 4)} •••• •••• ${number.slice(-4)}`
}

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
