/** The receipts of this run, kept for staff reprints (e.g. after refilling the paper). */
import type { Language, ReceiptView } from './protocol'

/** How many receipts are kept (the oldest goes first). */
const KEPT = 50

export class KeptReceipts {
  private readonly receipts = new Map<string, { receipt: ReceiptView; language: Language }>()

  /** Keeps a receipt as printed, in the customer's language; a transaction's newer receipt replaces its older one. */
  keep(receipt: ReceiptView, language: Language): void {
    this.receipts.delete(receipt.transactionId)
    this.receipts.set(receipt.transactionId, { receipt: { ...receipt, printed: 'printed' }, language })
    if (this.receipts.size > KEPT) this.receipts.delete(this.receipts.keys().next().value!)
  }

  get(transactionId: string): { receipt: ReceiptView; language: Language } | undefined {
    return this.receipts.get(transactionId)
  }

  /** Transactions whose receipt can be printed again, newest first. */
  reprintable(): string[] {
    return [...this.receipts.keys()].reverse()
  }
}
