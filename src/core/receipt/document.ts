/**
 * The receipt as a receiptline markup text (docs/receipts.md): one text for the screen (SVG) and
 * for the paper (ESC/POS), both made from it in src/node/receipts.ts. Pure string building: every
 * piece of data is cleaned and escaped, so a location or phone with `|`, `{`, `~` or a line break
 * cannot change the layout or inject receiptline properties.
 */
import type { CurrencyCode } from '../config'
import { convertToKzt } from '../money'
import type { Language, ReceiptView } from '../protocol'
import { formatAlmatyTime, formatKzt, formatUnits, groupThousands } from './format'
import { RECEIPT_LABELS } from './labels'
import { textWidth, wrapWords } from './width'

export type ReceiptStatus = 'completed' | 'pending' | 'flagged'

export interface ReceiptDocumentOptions {
  /**
   * completed: credited and written onto the card; flagged: an operator resolves it (the credit's
   * outcome is unknown, or a note is in doubt); pending: credited at the host, it activates at the
   * card's next tap on a kiosk. Default: the receipt's.
   */
  status?: ReceiptStatus
  /** The reference the customer quotes to support. Default: the transaction id (when not completed). */
  reference?: string
  /** The e-receipt address for the QR code. Default: the receipt's `eReceiptUrl`; null or '': no QR code. */
  eReceiptUrl?: string | null
  /**
   * Characters per line it will be rendered at: 48 (80 mm paper, the default) or 32 (58 mm).
   * Only the layout uses it (where labels and values share a line, where long texts wrap).
   */
  columns?: number
  /** A reprint by staff: marked as a copy. */
  copy?: boolean
}

/** Characters receiptline treats as markup in text; escaped with a backslash. */
const TEXT_SPECIALS = /[\\|{}~_"`^=-]/g
/** Characters receiptline treats as markup in property values. */
const PROPERTY_SPECIALS = /[\\|{};]/g
/** Control characters, line and paragraph separators: a line break in data must not start a new markup line. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/** Data as one clean line: controls become spaces, runs of white space one space, trimmed. */
export function cleanText(text: string): string {
  return text.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim()
}

/** Escapes data for a receiptline text column (it prints exactly these characters). */
export function escapeText(text: string): string {
  return cleanText(text).replace(TEXT_SPECIALS, (c) => `\\${c}`)
}

/** Escapes data for a receiptline property value such as `{code:...}`. */
export function escapeProperty(text: string): string {
  return text
    .replace(CONTROLS, '')
    .trim()
    .replace(PROPERTY_SPECIALS, (c) => `\\${c}`)
}

/** The e-receipt address of a transaction under a configurable base, e.g. `https://receipts.example.kz/r/`. */
export function eReceiptUrlFor(base: string, transactionId: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(transactionId)}`
}

const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m)

/** A long address broken after a `/` (then wrapWords breaks at the space), so the id stays whole. */
function breakUrl(url: string, columns: number): string {
  if (textWidth(url) <= columns || url.includes(' ')) return url
  const cut = url.lastIndexOf('/', columns - 1)
  return cut > 0 ? `${url.slice(0, cut + 1)} ${breakUrl(url.slice(cut + 1), columns)}` : url
}

type Align = 'left' | 'center' | 'right'

/** Builds receiptline lines, tracking the saved `width` property so each line gets the columns it needs. */
class Markup {
  readonly lines: string[] = []
  private widths = 'auto'

  constructor(readonly columns: number) {}

  private setWidths(widths: string): void {
    if (widths === this.widths) return
    this.lines.push(`{width:${widths}}`)
    this.widths = widths
  }

  /**
   * A paragraph, wrapped at word boundaries; `wide` is double-width text (half the characters fit).
   * `keep`: texts (the support phone) that never break across lines.
   */
  text(text: string, align: Align, style: { bold?: boolean; wide?: boolean; invert?: boolean; keep?: readonly string[] } = {}): void {
    this.setWidths('auto')
    const marks = `${style.wide ? '^' : ''}${style.bold ? '"' : ''}${style.invert ? '`' : ''}`
    const clean = cleanText(text)
    if (clean === '') return
    for (const line of wrapWords(clean, Math.floor(this.columns / (style.wide ? 2 : 1)), style.keep)) {
      const escaped = marks + escapeText(line)
      this.lines.push(align === 'center' ? escaped : align === 'left' ? `${escaped} |` : `| ${escaped}`)
    }
  }

  /** A label on the left, its value on the right; the value goes to its own line when both do not fit. */
  row(label: string, value: string, style: { bold?: boolean; indent?: boolean } = {}): void {
    const l = cleanText(label)
    const v = cleanText(value)
    const indent = style.indent ? 2 : 0
    const bold = style.bold ? '"' : ''
    const valueWidth = textWidth(v)
    if (indent + textWidth(l) + 1 + valueWidth <= this.columns && valueWidth > 0) {
      this.setWidths(`*,${valueWidth}`)
      this.lines.push(`${'~'.repeat(indent)}${bold}${escapeText(l)} | ${bold}${escapeText(v)}`)
    } else {
      this.text(`${l}`, 'left', { bold: style.bold })
      this.text(v, 'right', { bold: style.bold })
    }
  }

  rule(): void {
    this.setWidths('auto')
    this.lines.push('---')
  }

  blank(): void {
    this.setWidths('auto')
    this.lines.push('')
  }

  qr(data: string): void {
    this.setWidths('auto')
    this.lines.push(`{code:${escapeProperty(data)}; option:qrcode,5,m; align:center}`)
  }
}

/** The notes grouped by currency and value, in the order they went in: [note, count]. */
function noteGroups(notes: ReceiptView['notes']): { currency: CurrencyCode; value: number; count: number }[] {
  const groups: { currency: CurrencyCode; value: number; count: number }[] = []
  for (const note of notes) {
    const group = groups.find((g) => g.currency === note.currency && g.value === note.value)
    if (group) group.count++
    else groups.push({ currency: note.currency, value: note.value, count: 1 })
  }
  return groups
}

/**
 * The receipt in receiptline markup, in the customer's language. Every field operators require:
 * issuer name and BIN, date and time (Almaty), receipt number (the transaction id), amount
 * accepted and credited, masked card, terminal id; and every note, the locked rates with their
 * quote time, fee, bonus, balance before and after, "no change given" (cash), the bank card's
 * masked PAN and auth code (card), the status, support phone and the e-receipt QR code.
 */
export function receiptDocument(receipt: ReceiptView, language: Language, options: ReceiptDocumentOptions = {}): string {
  const L = RECEIPT_LABELS[language]
  const m = new Markup(Math.max(24, Math.floor(options.columns ?? 48)))
  const status: ReceiptStatus = options.status ?? receipt.status
  const reference = options.reference ?? (status === 'completed' ? undefined : receipt.transactionId)
  const hasReference = reference !== undefined && cleanText(reference) !== ''
  const qrData = options.eReceiptUrl === undefined ? receipt.eReceiptUrl : options.eReceiptUrl
  // The support phone never breaks across lines, wherever a sentence wraps.
  const keep = [cleanText(receipt.supportPhone)]
  // The validator jammed on the first note: nothing was stacked, so nothing was or will be credited by itself.
  const nothingCredited = receipt.method === 'cash' && receipt.notes.length === 0 && receipt.notesInDoubt.length > 0 && receipt.breakdown.creditedKzt === 0
  const cardUnknown = receipt.maskedCard === null

  // Header: who issues the card, where the terminal stands.
  m.text(receipt.issuerName, 'center', { bold: true })
  m.text(`${L.bin} ${receipt.issuerBin}`, 'center')
  m.text(receipt.location, 'center')
  m.rule()
  m.text(L.title, 'center', { wide: true, bold: true })
  if (options.copy) m.text(L.copy, 'center', { invert: true })
  if (receipt.training) m.text(L.training, 'center', { invert: true })
  // A card the kiosk could not identify: the reference is all support has to find the top-up, so it comes first.
  if (cardUnknown && hasReference) {
    m.blank()
    m.text(fill(L.reference, { reference: '' }).trim(), 'center')
    m.text(reference!, 'center', { bold: true, wide: textWidth(cleanText(reference)) <= Math.floor(m.columns / 2) })
  }
  m.blank()
  m.row(L.receiptNo, receipt.transactionId)
  m.row(L.dateTime, formatAlmatyTime(receipt.time, language))
  m.row(L.terminal, receipt.terminalId)
  m.row(L.card, receipt.maskedCard ?? L.cardUnknown)
  m.row(L.payment, receipt.method === 'cash' ? L.cash : L.bankCard)
  m.rule()

  // How it was paid.
  if (receipt.method === 'cash') {
    if (receipt.notes.length > 0) m.text(L.notes, 'left')
    for (const g of noteGroups(receipt.notes))
      m.row(`${formatUnits(g.value, g.currency)} x ${g.count}`, formatUnits(g.value * g.count, g.currency), { indent: true })
    if (receipt.notesInDoubt.length > 0) {
      m.text(L.inDoubt, 'left', { bold: true })
      for (const g of noteGroups(receipt.notesInDoubt))
        m.row(`${formatUnits(g.value, g.currency)} x ${g.count}`, formatUnits(g.value * g.count, g.currency), { indent: true })
    }
    const rates = Object.entries(receipt.quote?.rates ?? {}) as [CurrencyCode, string][]
    if (receipt.quote && rates.length > 0) {
      m.text(L.rates, 'left')
      for (const [currency, rate] of rates) m.row(`1 ${currency}`, `${rate} KZT`, { indent: true })
      m.row(L.quotedAt, formatAlmatyTime(receipt.quote.quotedAt, language))
    }
  } else if (receipt.cardPayment) {
    m.row(L.bankCard, receipt.cardPayment.maskedPan)
    m.row(L.authCode, receipt.cardPayment.authCode)
  }
  m.rule()

  // The money: accepted (and of what), fee, bonus, credited, balances.
  const b = receipt.breakdown
  m.row(receipt.method === 'card' ? L.charged : L.accepted, formatKzt(b.grossKzt))
  if (receipt.method === 'cash' && b.foreignGrossKzt > 0) {
    const units: Partial<Record<CurrencyCode, number>> = {}
    for (const n of receipt.notes) if (n.currency !== 'KZT') units[n.currency] = (units[n.currency] ?? 0) + n.value
    for (const [currency, sum] of Object.entries(units) as [CurrencyCode, number][]) {
      const rate = receipt.quote?.rates[currency]
      if (rate !== undefined) m.row(`${groupThousands(sum)} ${currency} x ${rate}`, formatKzt(convertToKzt(sum, rate)), { indent: true })
    }
    if (b.tengeGrossKzt > 0) m.row(L.tenge, formatKzt(b.tengeGrossKzt), { indent: true })
  }
  m.row(L.fee, formatKzt(b.feeKzt))
  m.row(L.bonus, formatKzt(b.bonusKzt))
  // Credited once the host applied it (also when pending on the card or flagged for a note in doubt), or when nothing was to credit.
  const credited = status === 'completed' || receipt.balanceAfterKzt !== null || nothingCredited
  m.row(credited ? L.credited : L.toCredit, formatKzt(b.creditedKzt), { bold: true })
  m.rule()
  m.row(L.balanceBefore, receipt.balanceBeforeKzt === null ? L.balanceUnknown : formatKzt(receipt.balanceBeforeKzt))
  // Nothing credited: the card keeps the balance it had.
  const balanceAfter = receipt.balanceAfterKzt ?? (nothingCredited ? receipt.balanceBeforeKzt : null)
  m.row(L.balanceAfter, balanceAfter === null ? L.balanceProcessing : formatKzt(balanceAfter))
  m.rule()

  // Status, what to do, who to call.
  const creditedButChecking = status === 'flagged' && receipt.balanceAfterKzt !== null && receipt.notesInDoubt.length > 0
  const statusLine =
    status === 'completed' ? L.completed : nothingCredited ? L.nothingCredited : creditedButChecking ? L.checking : status === 'flagged' ? L.flagged : L.pending
  m.text(statusLine, 'center', { bold: true })
  if (hasReference) m.text(fill(L.reference, { reference: reference! }), 'center', { bold: cardUnknown })
  if (cardUnknown) m.text(fill(L.cardUnknownAdvice, { phone: receipt.supportPhone }), 'center', { keep })
  else if (status === 'flagged' && receipt.balanceAfterKzt === null && !nothingCredited)
    m.text(fill(L.advice, { phone: receipt.supportPhone }), 'center', { keep })
  if (receipt.notesInDoubt.length > 0) m.text(L.inDoubtAdvice, 'center')
  if (receipt.method === 'cash') m.text(L.noChange, 'center')
  m.text(L.keep, 'center')
  m.text(fill(L.support, { phone: receipt.supportPhone }), 'center', { keep })

  // The e-receipt: a QR code and its address.
  if (qrData) {
    m.blank()
    m.qr(qrData)
    m.blank()
    m.text(L.eReceipt, 'center')
    // Printed without https:// (browsers add it), so it fits a line; the QR code carries it all.
    m.text(breakUrl(cleanText(qrData).replace(/^https:\/\//i, ''), m.columns), 'center')
  }
  return `${m.lines.join('\n')}\n`
}
