// Placeholder signature; the real implementation is being written now.
import type { KioskRuntime } from '../core/runtime'

export interface NodeKioskOptions {
  /** Folder for the journal and the simulated host's card database. */
  dataDir: string
  /** Partial configuration merged over the defaults. */
  configOverride?: unknown
}

export function createNodeKiosk(_options: NodeKioskOptions): KioskRuntime {
  throw new Error('not implemented yet')
}
