/** What switching a simulated fault on or off does to each device (the technician panel, scenarios, drills). */
import type { Actor, ActorRefFrom } from 'xstate'
import type { HostFault, SimulatedHost } from './devices/host'
import type { SimulatedPos } from './devices/pos'
import type { PrinterFault, SimulatedPrinter } from './devices/printer'
import type { billValidatorMachine, ValidatorCondition } from './machines/billValidatorMachine'
import type { cardReaderMachine } from './machines/cardReaderMachine'
import type { kioskMachine } from './machines/kiosk/machine'
import type { TechnicianControl } from './protocol'

export interface FaultTargets {
  host: SimulatedHost
  pos: SimulatedPos
  printer: SimulatedPrinter
  validator: ActorRefFrom<typeof billValidatorMachine>
  cardReader: ActorRefFrom<typeof cardReaderMachine>
  /** The kiosk machine: its heartbeat notices the host link going down or coming back. */
  kiosk: Actor<typeof kioskMachine>
}

/** Switches a device's fault on or off (the storage drill is the journal writer's: the runtime sets it). */
export function switchFault(control: Extract<TechnicianControl, { type: 'fault' | 'clearFault' }>, devices: FaultTargets): void {
  const off = control.type === 'clearFault'
  if (control.device === 'pos') {
    devices.pos.fault = off ? null : control.fault === 'timeout' ? { kind: 'timeout' } : { kind: 'decline', reason: control.reason ?? 'insufficientFunds' }
  } else if (control.device === 'host') {
    // Down is the trainer's fault or a remote host that stopped answering: the kiosk hears of a change of either.
    const wasDown = devices.host.linkDown
    devices.host.fault = off ? null : (control.fault as HostFault)
    if (devices.host.linkDown && !wasDown) devices.kiosk.send({ type: 'host.down' })
    if (!devices.host.linkDown && wasDown) devices.kiosk.send({ type: 'host.up' })
  } else if (control.device === 'billValidator') {
    if (off) {
      devices.validator.send({ type: 'disarm' })
      devices.validator.send({ type: 'condition', condition: null })
    } else if (control.fault === 'counterfeit') devices.validator.send({ type: 'counterfeitNext' })
    else if (control.fault === 'jam') devices.validator.send({ type: 'jam' })
    else devices.validator.send({ type: 'condition', condition: control.fault as ValidatorCondition })
  } else if (control.device === 'printer') {
    devices.printer.fault = off ? null : (control.fault as PrinterFault)
  } else if (control.device === 'cardReader') {
    devices.cardReader.send({ type: 'readError', on: !off })
  }
}
