/** Writes every receipt as receiptline source, SVG and ESC/POS bytes: `<dir>/<transaction id>.*`. */
import type { ReceiptArchive } from '../core/devices/printer'
import type { Language, ReceiptView } from '../core/protocol'
import { receiptDocument } from '../core/receipt/document'
import { renderReceiptEscPos, renderReceiptSvg, writeReceiptFiles } from './receipts'

export class FileReceiptArchive implements ReceiptArchive {
  constructor(private readonly dir: string) {}

  keep(receipt: ReceiptView, language: Language): void {
    const doc = receiptDocument(receipt, language)
    // A character no code page has is replaced rather than failing the receipt: the SVG keeps it exact.
    writeReceiptFiles(this.dir, receipt.transactionId, { doc, svg: renderReceiptSvg(doc, { language }), escpos: renderReceiptEscPos(doc, { unprintable: 'replace' }) })
  }
}
