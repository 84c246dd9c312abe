/** The receipt printer: the simulated one keeps what it printed so staff and tests can read it. */
import { sleep, type KioskClock } from '../clock'
import type { Language, ReceiptView } from '../protocol'
import type { Note } from '../money'

export interface ReceiptPrinter {
  print(receipt: ReceiptView): Promise<void>
}

/** Keeps every receipt (the hosts write its receiptline SVG and ESC/POS bytes to files; see docs/receipts.md). */
export interface ReceiptArchive {
  keep(receipt: ReceiptView, language: Language): void
}

const kzt = (n: number): string => `${n.toLocaleString('en-US').replace(/,/g, ' ')} KZT`
const noteText = (n: Note): string => (n.currency === 'KZT' ? kzt(n.value) : `${n.value} ${n.currency}`)

/** Plain-text receipt, 32 columns, as a 58 mm thermal printer would lay it out. */
export function renderReceiptText(r: ReceiptView): string {
  const line = (left: string, right: string): string => left + ' '.repeat(Math.max(1, 32 - left.length - right.length)) + right
  return [
    r.issuerName,
    `BIN ${r.issuerBin}`,
    r.location,
    line('Terminal', r.terminalId),
    line('Receipt', r.transactionId),
    line('Time', r.time.replace('T', ' ').slice(0, 19) + 'Z'),
    line('Card', r.maskedCard),
    '-'.repeat(32),
    ...(r.cardPayment ? [line('Bank card', r.cardPayment.maskedPan), line('Auth code', r.cardPayment.authCode), line('Charged', kzt(r.breakdown.grossKzt))] : []),
    ...r.notes.map((n) => line('  note', noteText(n))),
    ...(r.quote
      ? [line('Rates quoted', r.quote.quotedAt.replace('T', ' ').slice(0, 16) + 'Z'), ...Object.entries(r.quote.rates).map(([code, rate]) => line(`  1 ${code}`, `${rate} KZT`))]
      : []),
    line(r.cardPayment ? 'Amount' : 'Accepted', kzt(r.breakdown.grossKzt)),
    line('Fee', kzt(r.breakdown.feeKzt)),
    line('Bonus', kzt(r.breakdown.bonusKzt)),
    line('Credited', kzt(r.breakdown.creditedKzt)),
    line('Balance before', kzt(r.balanceBeforeKzt)),
    r.balanceAfterKzt === null ? line('Balance after', 'being processed') : line('Balance after', kzt(r.balanceAfterKzt)),
    ...(r.status === 'flagged' ? ['Top-up being processed.', `Reference: ${r.transactionId}`] : []),
    '-'.repeat(32),
    ...(r.method === 'cash' ? ['No change given.'] : []),
    'Keep this receipt.',
    `Support: ${r.supportPhone}`
  ].join('\n')
}

/** What a trainer can do to the printer (docs/devices.md). */
export type PrinterFault = 'paperLow' | 'paperOut' | 'jam'

export class PrinterError extends Error {
  constructor(readonly reason: 'paperOut' | 'jam') {
    super(reason === 'paperOut' ? 'the printer is out of paper' : 'the paper jammed')
    this.name = 'PrinterError'
  }
}

export class SimulatedPrinter implements ReceiptPrinter {
  readonly printed: string[] = []
  /** paperLow still prints (a warning for staff); paperOut and jam fail every job until cleared. */
  fault: PrinterFault | null = null
  private jobs = 0

  constructor(
    private readonly clock: KioskClock,
    private readonly printMs: number
  ) {}

  /** Whether a receipt is being printed right now. */
  get busy(): boolean {
    return this.jobs > 0
  }

  async print(receipt: ReceiptView): Promise<void> {
    this.jobs++
    try {
      await sleep(this.clock, this.printMs)
      if (this.fault === 'paperOut' || this.fault === 'jam') throw new PrinterError(this.fault)
      this.printed.push(renderReceiptText(receipt))
    } finally {
      this.jobs--
    }
  }
}
