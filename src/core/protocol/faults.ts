/**
 * The simulated device faults, as one closed set: the technician controls, the scenario files,
 * the technician view and the CLI take their fault names from here, and the schemas check that a
 * fault belongs to its device, so no one downstream checks it again.
 */
import { z } from 'zod'
import { DECLINE_REASONS } from '../devices/pos'

/** Device faults a trainer can switch on (docs/devices.md); the POS ones are simulated so far. */
export const DEVICE_FAULTS = {
  billValidator: ['jam', 'stackerFull', 'cassetteRemoved', 'counterfeit'],
  printer: ['paperLow', 'paperOut', 'jam'],
  cardReader: ['readError'],
  host: ['down', 'slow', 'timeoutAfterCredit', 'timeoutBeforeCredit'],
  pos: ['decline', 'timeout'],
  /** The journal's disk: its writes fail as a real disk's would (docs/reliability.md). */
  storage: ['diskFull', 'readOnly', 'locked']
} as const
export type Device = keyof typeof DEVICE_FAULTS
export const DEVICES = Object.keys(DEVICE_FAULTS) as Device[]
/** The faults of one device (of any device without a parameter). */
export type DeviceFault<D extends Device = Device> = (typeof DEVICE_FAULTS)[D][number]
/** Every fault name of every device. */
export type FaultName = DeviceFault
export const FAULT_NAMES: readonly FaultName[] = [...new Set(DEVICES.flatMap((device) => DEVICE_FAULTS[device]))]

/** Whether `fault` is one of `device`'s faults. */
export const isFaultOf = <D extends Device>(device: D, fault: string): fault is DeviceFault<D> => (DEVICE_FAULTS[device] as readonly string[]).includes(fault)

export const deviceSchema = z.enum(DEVICES, { error: `expected one of ${DEVICES.join(', ')}` })
/** A fault name; which names a device takes is `refineFault`'s check, where the device is known (and named in the error). */
export const faultNameSchema = z.custom<FaultName>((value) => typeof value === 'string', 'expected a fault name')
export const declineReasonSchema = z.enum(DECLINE_REASONS, { error: `expected one of ${DECLINE_REASONS.join(', ')}` })

/**
 * The rule of a fault switched on, for the technician control and the scenario step alike: the
 * fault is one of the device's (`fault: expected one of paperLow, paperOut, jam for printer`),
 * and only a POS decline takes a reason.
 */
export function refineFault(control: { device: Device; fault: string; reason?: unknown }, ctx: z.RefinementCtx): void {
  if (!isFaultOf(control.device, control.fault)) {
    ctx.addIssue({ code: 'custom', path: ['fault'], message: `expected one of ${DEVICE_FAULTS[control.device].join(', ')} for ${control.device}` })
  }
  if (control.reason !== undefined && !(control.device === 'pos' && control.fault === 'decline')) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'only a pos decline takes a reason' })
  }
}
