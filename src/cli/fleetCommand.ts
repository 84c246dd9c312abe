/** `kiosk-sim fleet`: headless kiosks as load on a host (docs/host-api.md). */
import type { Output } from './usage'

export async function fleetCommand(_options: Record<string, unknown>, io: Output): Promise<number> {
  io.err('kiosk-sim fleet: not built yet')
  return 2
}
