/** The cards a fleet of kiosks tops up (`kiosk-sim host --cards N`): numbered, empty, active. */
import type { CardRecord } from '../core/cards'

export function fleetCards(count: number): CardRecord[] {
  return Array.from({ length: count }, (_, i) => ({ number: `93985${String(i).padStart(11, '0')}`, balanceKzt: 0, status: 'active' as const }))
}
