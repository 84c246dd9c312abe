/**
 * Writes every receipt as receiptline source, SVG and ESC/POS bytes: `<dir>/<transaction id>.*`,
 * laid out for the printer's paper, never over an earlier receipt of the same id (writeReceiptFiles).
 */
import type { ReceiptArchive } from '../core/devices/printer'
import type { Language, ReceiptView } from '../core/protocol'
import { receiptDocument } from '../core/receipt/document'
import { PAPER_COLUMNS, type Paper } from '../core/receipt/width'
import { renderReceiptEscPos, renderReceiptSvg, writeReceiptFiles, type ReceiptFiles } from './receipts'

export class FileReceiptArchive implements ReceiptArchive {
  constructor(private readonly dir: string) {}

  keep(receipt: ReceiptView, language: Language, paper: Paper): ReceiptFiles {
    const doc = receiptDocument(receipt, language, { columns: PAPER_COLUMNS[paper] })
    return writeReceiptFiles(this.dir, receipt.transactionId, {
      doc,
      svg: renderReceiptSvg(doc, { language, paper }),
      escpos: renderReceiptEscPos(doc, { language, paper })
    })
  }
}
