import type { TechnicianView } from '../../../core/protocol'

export type HostFault = TechnicianView['devices']['host']['fault']

/** The host link's state in the technician panel's words. */
export function describeHostFault(fault: HostFault): string {
  switch (fault) {
    case null:
      return 'up'
    case 'slow':
      return 'slow'
    case 'down':
      return 'down'
    case 'timeoutAfterCredit':
      return 'next answer lost (after credit)'
    case 'timeoutBeforeCredit':
      return 'next request lost (before credit)'
  }
}
