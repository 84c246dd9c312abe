/**
 * Writes every receipt as receiptline source, SVG and ESC/POS bytes: `<dir>/<transaction id>.*`,
 * laid out for the printer's paper, never over an earlier receipt of the same id (writeReceiptFiles).
 */
import type { ReceiptArchive } from '../core/devices/printer'
import { existsSync, readFileSync } from 'node:fs'
import { LANGUAGES, type Language, type ReceiptView } from '../core/protocol'
import { receiptDocument } from '../core/receipt/document'
import { PAPER_COLUMNS, type Paper } from '../core/receipt/width'
import { receiptFilePaths, renderReceiptEscPos, renderReceiptSvg, writeReceiptFiles, type ReceiptFiles } from './receipts'

export class FileReceiptArchive implements ReceiptArchive {
  constructor(private readonly dir: string) {}

  keep(receipt: ReceiptView, language: Language, paper: Paper): ReceiptFiles {
    const doc = receiptDocument(receipt, language, { columns: PAPER_COLUMNS[paper] })
    return writeReceiptFiles(this.dir, receipt.transactionId, {
      doc,
      svg: renderReceiptSvg(doc, { language, paper }),
      escpos: renderReceiptEscPos(doc, { language, paper }),
      view: JSON.stringify({ receipt, language })
    })
  }

  /**
   * The newest receipt kept for a transaction, read back for a reprint after a restart. A file that
   * is not one this archive wrote (unreadable, another transaction's, no language) is not printed.
   */
  find(transactionId: string): { receipt: ReceiptView; language: Language } | null {
    let found: { receipt: ReceiptView; language: Language } | null = null
    for (let n = 1; ; n++) {
      let paths
      try {
        paths = receiptFilePaths(this.dir, transactionId, n)
      } catch {
        return null
      }
      if (!existsSync(paths.svg)) return found
      try {
        const kept = JSON.parse(readFileSync(paths.view, 'utf8')) as { receipt?: ReceiptView; language?: unknown }
        if (kept.receipt?.transactionId === transactionId && (LANGUAGES as readonly unknown[]).includes(kept.language))
          found = { receipt: kept.receipt, language: kept.language as Language }
      } catch {
        // A receipt kept before views were archived, or a damaged file: not one to reprint.
      }
    }
  }
}
