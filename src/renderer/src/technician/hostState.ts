import type { TechnicianView } from '../../../core/protocol'

export type HostFault = TechnicianView['devices']['host']['fault']

/** The host link's state in the technician panel's words: the trainer's fault, else a remote host that does not answer, else up. */
export function describeHost(host: TechnicianView['devices']['host']): string {
  return host.fault === null && host.silent ? 'not answering (echo test every 5 s)' : describeHostFault(host.fault)
}

function describeHostFault(fault: HostFault): string {
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
