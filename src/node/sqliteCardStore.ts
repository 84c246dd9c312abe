/** The simulated host's database: card balances and applied credits, so a restart keeps them. */
import type { DatabaseSync } from 'node:sqlite'
import type { CardRecord, CardStatus } from '../core/cards'
import {
  conflictOf,
  type AppliedCredit,
  type CardStore,
  type CreditRequest,
  type CreditResult,
  type PendingTopUp,
  type StoredCredit
} from '../core/devices/host'
import { openDurableDatabase } from './sqlite'

interface CardRow {
  number: string
  balance_kzt: number
  status: string
}

const toCard = (row: CardRow): CardRecord => ({ number: row.number, balanceKzt: row.balance_kzt, status: row.status as CardStatus })

export class SqliteCardStore implements CardStore {
  private readonly db: DatabaseSync

  /** Opens the store; `seed` cards are inserted only when the database has no cards yet. */
  constructor(path: string, seed: readonly CardRecord[]) {
    this.db = openDurableDatabase(path)
    this.db.exec(`CREATE TABLE IF NOT EXISTS cards (number TEXT PRIMARY KEY, balance_kzt INTEGER NOT NULL CHECK (balance_kzt >= 0), status TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS credits (idempotency_key TEXT PRIMARY KEY, card_number TEXT NOT NULL, amount_kzt INTEGER NOT NULL, result TEXT NOT NULL, written INTEGER NOT NULL DEFAULT 0, currency TEXT NOT NULL DEFAULT 'KZT')`)
    // Stores made before card writes existed: their credits count as written.
    const columns = this.db.prepare('PRAGMA table_info(credits)').all() as { name: string }[]
    if (!columns.some((c) => c.name === 'written')) this.db.exec('ALTER TABLE credits ADD COLUMN written INTEGER NOT NULL DEFAULT 1')
    // Stores made before conflicts were checked: their credits were all in tenge.
    if (!columns.some((c) => c.name === 'currency')) this.db.exec("ALTER TABLE credits ADD COLUMN currency TEXT NOT NULL DEFAULT 'KZT'")
    const { n } = this.db.prepare('SELECT count(*) AS n FROM cards').get() as { n: number }
    if (n === 0) {
      const insert = this.db.prepare('INSERT INTO cards (number, balance_kzt, status) VALUES (?, ?, ?)')
      this.db.exec('BEGIN')
      for (const c of seed) insert.run(c.number, c.balanceKzt, c.status)
      this.db.exec('COMMIT')
    }
  }

  get(number: string): CardRecord | undefined {
    const row = this.db.prepare('SELECT number, balance_kzt, status FROM cards WHERE number = ?').get(number) as CardRow | undefined
    return row && toCard(row)
  }

  findByLast8(digits: string): CardRecord[] {
    return (
      this.db.prepare('SELECT number, balance_kzt, status FROM cards WHERE substr(number, -8) = ? ORDER BY number').all(digits) as unknown as CardRow[]
    ).map(toCard)
  }

  list(): CardRecord[] {
    return (this.db.prepare('SELECT number, balance_kzt, status FROM cards ORDER BY number').all() as unknown as CardRow[]).map(toCard)
  }

  applyCredit(request: CreditRequest, appliedAt: string): CreditResult {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const earlier = this.db.prepare('SELECT result, card_number, amount_kzt, currency FROM credits WHERE idempotency_key = ?').get(request.idempotencyKey) as
        { result: string; card_number: string; amount_kzt: number; currency: string } | undefined
      if (earlier) {
        this.db.exec('COMMIT')
        const conflict = conflictOf({ cardNumber: earlier.card_number, amountKzt: earlier.amount_kzt, currency: earlier.currency }, request)
        if (conflict) throw conflict
        return JSON.parse(earlier.result) as CreditResult
      }
      const card = this.get(request.cardNumber)
      if (!card) throw new Error(`unknown card for credit ${request.idempotencyKey}`)
      const result: CreditResult = {
        idempotencyKey: request.idempotencyKey,
        balanceBeforeKzt: card.balanceKzt,
        balanceAfterKzt: card.balanceKzt + request.amountKzt,
        appliedAt
      }
      this.db.prepare('UPDATE cards SET balance_kzt = ? WHERE number = ?').run(result.balanceAfterKzt, card.number)
      this.db
        .prepare('INSERT INTO credits (idempotency_key, card_number, amount_kzt, currency, result, written) VALUES (?, ?, ?, ?, ?, 0)')
        .run(request.idempotencyKey, card.number, request.amountKzt, request.currency, JSON.stringify(result))
      this.db.exec('COMMIT')
      return result
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw err
    }
  }

  pendingTopUps(cardNumber: string): PendingTopUp[] {
    const rows = this.db.prepare('SELECT idempotency_key, amount_kzt FROM credits WHERE card_number = ? AND written = 0 ORDER BY rowid').all(cardNumber) as {
      idempotency_key: string
      amount_kzt: number
    }[]
    return rows.map((r) => ({ transactionId: r.idempotency_key, amountKzt: r.amount_kzt }))
  }

  appliedCredits(): AppliedCredit[] {
    const rows = this.db.prepare('SELECT idempotency_key, card_number, amount_kzt, written FROM credits ORDER BY rowid').all() as {
      idempotency_key: string
      card_number: string
      amount_kzt: number
      written: number
    }[]
    return rows.map((r) => ({ transactionId: r.idempotency_key, cardNumber: r.card_number, amountKzt: r.amount_kzt, written: r.written === 1 }))
  }

  creditOf(idempotencyKey: string): StoredCredit | undefined {
    const row = this.db.prepare('SELECT card_number, amount_kzt, result, written FROM credits WHERE idempotency_key = ?').get(idempotencyKey) as
      { card_number: string; amount_kzt: number; result: string; written: number } | undefined
    if (!row) return undefined
    const result = JSON.parse(row.result) as CreditResult
    return { transactionId: idempotencyKey, cardNumber: row.card_number, amountKzt: row.amount_kzt, written: row.written === 1, currency: 'KZT', result }
  }

  markWritten(cardNumber: string, transactionIds: readonly string[]): void {
    const mark = this.db.prepare('UPDATE credits SET written = 1 WHERE idempotency_key = ? AND card_number = ?')
    this.db.exec('BEGIN IMMEDIATE')
    for (const id of transactionIds) mark.run(id, cardNumber)
    this.db.exec('COMMIT')
  }

  close(): void {
    if (this.db.isOpen) this.db.close()
  }
}
