/** The kiosk machine with the runtime's devices behind its actors: the host, the bank-card terminal, the printer and the clock. */
import { createActor, fromPromise, type ActorOptions, type ActorSystem, type InputFrom } from 'xstate'
import type { KioskClock } from './clock'
import type { SimulatedHost } from './devices/host'
import type { SimulatedPos } from './devices/pos'
import { kioskMachine } from './machines/kiosk/machine'
import type { ReceiptView } from './protocol'

export interface KioskDevices {
  clock: KioskClock
  /** The host the kiosk talks to now: the training host while training mode is on. */
  host: () => SimulatedHost
  pos: SimulatedPos
  /** Makes the journal durable up to the step that asks (throws when it cannot be written: the call is not made). */
  flushBeforeActing(): void
  /** Prints a customer's receipt. */
  printReceipt(receipt: ReceiptView): Promise<void>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any actor system: the kiosk's is the machine's
type KioskSystem = ActorSystem<any>

/**
 * Each running kiosk's devices, by its actor system. The machine is provided once for all kiosks:
 * a `.provide()` per start built the whole machine again (its state nodes and their caches), a
 * large share of a generated walk's time, which starts a kiosk for every leg and going back.
 */
const devicesOf = new WeakMap<KioskSystem, KioskDevices>()

function devices(system: KioskSystem): KioskDevices {
  const d = devicesOf.get(system)
  if (!d) throw new Error('a kiosk actor ran without its devices (see kioskActor)')
  return d
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The kiosk machine provided with actors that call the devices of the kiosk they run in. */
const providedMachine = kioskMachine.provide({
  actors: {
    // Write-ahead: every device and host call starts with the journal durable up to the step that made it.
    lookupCard: fromPromise(({ input, system }) => {
      const d = devices(system)
      return (d.flushBeforeActing(), d.host().lookupCard(input))
    }),
    quoteRates: fromPromise(async ({ input, system }) => {
      const { clock } = devices(system)
      return { rates: { ...input.rates }, quotedAt: iso(clock.now()), validUntil: iso(clock.now() + input.lockSeconds * 1000) }
    }),
    chargeBankCard: fromPromise(({ input, system }) => {
      const d = devices(system)
      return (d.flushBeforeActing(), d.pos.charge(input))
    }),
    readClock: fromPromise(async ({ system }) => iso(devices(system).clock.now())),
    creditCard: fromPromise(({ input, system }) => {
      const d = devices(system)
      return (d.flushBeforeActing(), d.host().credit(input))
    }),
    confirmCardWrite: fromPromise(async ({ input, system }) => {
      const d = devices(system)
      d.flushBeforeActing()
      if (input.transactionIds.length > 0) await d.host().confirmCardWrite(input)
    }),
    printReceipt: fromPromise(({ input, system }) => {
      const d = devices(system)
      d.flushBeforeActing()
      return d.printReceipt(input)
    })
  }
})

/** The kiosk machine's actor (not started), its invoked actors calling these devices. */
export function kioskActor(d: KioskDevices, options: ActorOptions<typeof providedMachine> & { input: InputFrom<typeof providedMachine> }) {
  const actor = createActor(providedMachine, options)
  devicesOf.set(actor.system, d)
  return actor
}
