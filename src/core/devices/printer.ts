/**
 * The receipt printer: it prints the receiptline document, the same one the screen and the
 * receipt files are made from. The simulated one keeps what it printed last so staff and tests can read it.
 */
import { sleep, type KioskClock } from '../clock'
import type { Language, ReceiptView } from '../protocol'
import type { Paper } from '../receipt/width'

/** Prints a receipt given as receiptline markup, made by receiptDocument() in ../receipt. */
export interface ReceiptPrinter {
  print(receiptLine: string): Promise<void>
}

/** Keeps every receipt (the hosts write its receiptline SVG and ESC/POS bytes to files; see docs/receipts.md). */
export interface ReceiptArchive {
  /** `paper`: the printer's roll (devices.printer.paper), so the files break lines where the paper does. */
  keep(receipt: ReceiptView, language: Language, paper: Paper): void
  /** The last receipt kept for a transaction, in its customer's language (staff reprints, also after a restart), or null. */
  find?(transactionId: string): { receipt: ReceiptView; language: Language } | null
}

/** An archive in memory: what a scenario's kiosk keeps across its power cuts (the runner's disk). */
export class MemoryReceiptArchive implements ReceiptArchive {
  private readonly kept = new Map<string, { receipt: ReceiptView; language: Language }>()

  keep(receipt: ReceiptView, language: Language): void {
    this.kept.set(receipt.transactionId, { receipt: JSON.parse(JSON.stringify(receipt)) as ReceiptView, language })
  }

  find(transactionId: string): { receipt: ReceiptView; language: Language } | null {
    const kept = this.kept.get(transactionId)
    return kept ? { receipt: JSON.parse(JSON.stringify(kept.receipt)) as ReceiptView, language: kept.language } : null
  }
}

/** What a trainer can do to the printer (docs/devices.md). */
export type PrinterFault = 'paperLow' | 'paperOut' | 'jam'

export class PrinterError extends Error {
  constructor(readonly reason: 'paperOut' | 'jam') {
    super(reason === 'paperOut' ? 'the printer is out of paper' : 'the paper jammed')
    this.name = 'PrinterError'
  }
}

/**
 * How many printed documents the simulated printer keeps to be read back: a kiosk prints thousands
 * of receipts between restarts, and keeping them all grew its memory by ~2 KB a receipt (the soak,
 * docs/benchmarks.md). The receipt files and the e-receipts keep every one.
 */
export const PRINTED_KEPT = 50

export class SimulatedPrinter implements ReceiptPrinter {
  /** The last PRINTED_KEPT receiptline documents printed, oldest first. */
  readonly printed: string[] = []
  /** How many documents it has printed since the kiosk started. */
  printedCount = 0
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

  async print(receiptLine: string): Promise<void> {
    this.jobs++
    try {
      await sleep(this.clock, this.printMs)
      if (this.fault === 'paperOut' || this.fault === 'jam') throw new PrinterError(this.fault)
      this.printed.push(receiptLine)
      this.printedCount++
      if (this.printed.length > PRINTED_KEPT) this.printed.shift()
    } finally {
      this.jobs--
    }
  }
}
