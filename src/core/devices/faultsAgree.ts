/**
 * A compile-time check, imported by nothing: the fault names the protocol lists (../protocol/faults)
 * are exactly the ones the simulated devices know. It lives apart so that the protocol imports no
 * device (the printer's types import the protocol's receipt view).
 */
import type { StorageFailure } from '../domain/journalRecords'
import type { ValidatorCondition } from '../machines/billValidatorMachine'
import type { DeviceFault } from '../protocol/faults'
import type { HostFault } from './host'
import type { PosFault } from './pos'
import type { PrinterFault } from './printer'

// The devices' own types are this set: these fail to compile when one side gains or loses a fault.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const devicesAgree: [
  Same<DeviceFault<'host'>, HostFault>,
  Same<DeviceFault<'printer'>, PrinterFault>,
  Same<DeviceFault<'pos'>, PosFault['kind']>,
  Same<Exclude<DeviceFault<'billValidator'>, 'counterfeit'>, ValidatorCondition>,
  Same<Extract<StorageFailure, DeviceFault<'storage'>>, DeviceFault<'storage'>>
] = [true, true, true, true, true]
void devicesAgree
