/** The kiosk machine with the runtime's devices behind its actors: the host, the bank-card terminal, the printer and the clock. */
import { fromPromise } from 'xstate'
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

/** The kiosk machine provided with the devices. */
export function withDevices(d: KioskDevices) {
  const { clock } = d
  const iso = (ms: number) => new Date(ms).toISOString()
  return kioskMachine.provide({
    actors: {
      // Write-ahead: every device and host call starts with the journal durable up to the step that made it.
      lookupCard: fromPromise(({ input }) => (d.flushBeforeActing(), d.host().lookupCard(input))),
      quoteRates: fromPromise(async ({ input }) => ({
        rates: { ...input.rates },
        quotedAt: iso(clock.now()),
        validUntil: iso(clock.now() + input.lockSeconds * 1000)
      })),
      chargeBankCard: fromPromise(({ input }) => (d.flushBeforeActing(), d.pos.charge(input))),
      readClock: fromPromise(async () => iso(clock.now())),
      creditCard: fromPromise(({ input }) => (d.flushBeforeActing(), d.host().credit(input))),
      confirmCardWrite: fromPromise(async ({ input }) => {
        d.flushBeforeActing()
        if (input.transactionIds.length > 0) await d.host().confirmCardWrite(input)
      }),
      printReceipt: fromPromise(({ input }) => {
        d.flushBeforeActing()
        return d.printReceipt(input)
      })
    }
  })
}
