/** The customer's receipts: printed (archived first), kept for staff reprints (e.g. after refilling the paper). */
import type { ReceiptArchive, SimulatedPrinter } from './devices/printer'
import type { RecordData } from './journal'
import type { Language, ReceiptView } from './protocol'
import { receiptDocument } from './receipt/document'
import { PAPER_COLUMNS, type Paper } from './receipt/width'
import type { SendResult } from './runtime'

/** How many receipts are kept (the oldest goes first). */
const KEPT = 50

export interface ReceiptPrinting {
  printer: SimulatedPrinter
  paper: Paper
  archive?: ReceiptArchive
  /** Journals a reprint's outcome (the runtime makes it durable). */
  record: <K extends 'receiptPrinted' | 'receiptNotPrinted'>(kind: K, data: RecordData<K>) => void
  /** Tells the screens once a reprint is done. */
  notify: () => void
}

export class KeptReceipts {
  private readonly receipts = new Map<string, { receipt: ReceiptView; language: Language }>()

  constructor(private readonly printing: ReceiptPrinting) {}

  /** Prints a customer's receipt (the journal is durable up to the step that asked), kept for reprints and archived first. */
  print(receipt: ReceiptView, language: Language): Promise<void> {
    const { printer, paper, archive } = this.printing
    this.keep(receipt, language)
    // Archived before printing: a receipt that never reaches paper still exists as a file and an e-receipt.
    archive?.keep(receipt, language, paper)
    return printer.print(receiptDocument(receipt, language, { columns: PAPER_COLUMNS[paper] }))
  }

  /** Staff print a receipt again, marked as a copy, in the language the customer had. */
  reprint(transactionId: string, done?: (printed: { ok: true } | { ok: false; reason: string }) => void): SendResult {
    // Kept since this start, or (after a restart) from the receipt archive on disk.
    const kept = this.receipts.get(transactionId) ?? this.printing.archive?.find?.(transactionId) ?? null
    if (!kept) return { ok: false, error: `no receipt for ${transactionId} on this kiosk${this.printing.archive?.find ? '' : ' since it started'}` }
    const { printer, paper, record, notify } = this.printing
    printer
      .print(receiptDocument(kept.receipt, kept.language, { copy: true, columns: PAPER_COLUMNS[paper] }))
      .then(
        () => {
          record('receiptPrinted', { transactionId, reprint: true })
          done?.({ ok: true })
        },
        (err: { reason?: string }) => {
          record('receiptNotPrinted', { transactionId, reprint: true, reason: err.reason ?? 'error' })
          done?.({ ok: false, reason: err.reason ?? 'error' })
        }
      )
      .finally(notify)
    return { ok: true }
  }

  /** Keeps a receipt as printed, in the customer's language; a transaction's newer receipt replaces its older one. */
  private keep(receipt: ReceiptView, language: Language): void {
    this.receipts.delete(receipt.transactionId)
    this.receipts.set(receipt.transactionId, { receipt: { ...receipt, printed: 'printed' }, language })
    if (this.receipts.size > KEPT) this.receipts.delete(this.receipts.keys().next().value!)
  }

  /** Transactions whose receipt can be printed again, newest first. */
  reprintable(): string[] {
    return [...this.receipts.keys()].reverse()
  }
}
