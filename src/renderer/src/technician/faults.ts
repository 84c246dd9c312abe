import type { Device, DEVICE_FAULTS } from '../../../core/protocol'

/** A device's fault names, as the core lists them. */
export type FaultOf<D extends Device> = (typeof DEVICE_FAULTS)[D][number]

/** A fault's button in a device panel: its words, its test id and what it does on the kiosk (the tooltip). */
export interface FaultChoice<F extends string = string> {
  fault: F
  label: string
  testid: string
  title?: string
}
