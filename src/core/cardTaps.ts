/** The cards a technician taps on the kiosk's reader: by number, or by the keyed reference the panel shows. */
import { cardReference } from './cards'
import type { CardStore } from './devices/host'
import type { Intent } from './protocol'

export class CardTaps {
  /** Card references by number (an HMAC each: worked out once per card). */
  private readonly refs = new Map<string, string>()

  constructor(
    private readonly cards: CardStore,
    private readonly key: Uint8Array
  ) {}

  /** A card's keyed reference (cardRef). */
  refOf(number: string): string {
    let ref = this.refs.get(number)
    if (ref === undefined) this.refs.set(number, (ref = cardReference(number, this.key)))
    return ref
  }

  /** The number of the card a tap names: given, or found by its cardRef among the host's cards (null: none). */
  numberOf(tap: Extract<Intent, { type: 'tapCard' }>): string | null {
    if (tap.number !== undefined) return tap.number
    return this.cards.list().find((c) => this.refOf(c.number) === tap.cardRef)?.number ?? null
  }
}
