/**
 * The bank-card POS terminal beside the kiosk. The simulated one answers after a latency with
 * the outcome the technician panel or a scenario set: approve, decline (with a reason), or
 * never (a timeout, which the kiosk's own timer detects).
 */
import { sleep, type KioskClock } from '../clock'

export const DECLINE_REASONS = ['insufficientFunds', 'cardNotSupported', 'wrongPin', 'cancelledByCustomer'] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]

export interface ChargeRequest {
  transactionId: string
  amountKzt: number
}

export type ChargeResult = { approved: true; authCode: string; maskedPan: string } | { approved: false; reason: DeclineReason }

export interface PosTerminal {
  charge(request: ChargeRequest): Promise<ChargeResult>
}

export type PosFault = { kind: 'decline'; reason: DeclineReason } | { kind: 'timeout' }

export class SimulatedPos implements PosTerminal {
  /** The fault the next payments meet, until cleared. */
  fault: PosFault | null = null
  /** Called as a payment is asked for, before the terminal looks at its fault (a fault armed on it strikes this payment). */
  onCharge: (() => void) | null = null

  constructor(
    private readonly clock: KioskClock,
    private readonly latencyMs: number
  ) {}

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    this.onCharge?.()
    const fault = this.fault
    if (fault?.kind === 'timeout') return new Promise<never>(() => {}) // the terminal never answers
    await sleep(this.clock, this.latencyMs)
    if (fault?.kind === 'decline') return { approved: false, reason: fault.reason }
    // A stable, plausible authorisation code derived from the transaction id.
    let hash = 0
    for (const ch of request.transactionId) hash = (hash * 31 + ch.charCodeAt(0)) % 1_000_000
    return { approved: true, authCode: String(hash).padStart(6, '0'), maskedPan: '4400 •••• •••• 1234' }
  }
}
