/** Staff's cash controls: collecting the cassette, and the recount of what it held. */
import type { ActorRefFrom } from 'xstate'
import { recountDifference, type CassetteLedger } from './domain/collections'
import type { RecordData } from './journal'
import type { billValidatorMachine, CashboxCount } from './machines/billValidatorMachine'
import type { SendResult } from './runtime'

/**
 * The service door is opened, the cassette taken out and put back empty: the validator reports the
 * cassette out, then back, and the journal's count restarts (a collection, numbered in the journal).
 */
export function collectCash(validator: ActorRefFrom<typeof billValidatorMachine>): SendResult {
  const { condition, jammedNote } = validator.getSnapshot().context
  if (condition === 'jam' || jammedNote) return { ok: false, error: 'the bill validator is jammed: clear the jam before collecting the cassette' }
  validator.send({ type: 'condition', condition: 'cassetteRemoved' })
  validator.send({ type: 'condition', condition: null })
  return { ok: true }
}

/** The recount of the last collection, with its shortage and surplus per denomination; an error when there is none to recount. */
export function recountOf(
  ledger: CassetteLedger,
  counted: readonly CashboxCount[]
): { ok: true; data: RecordData<'recountRecorded'> } | { ok: false; error: string } {
  const last = ledger.collections().at(-1)
  if (!last) return { ok: false, error: 'no cash collection to recount yet: collect the cassette first' }
  const merged: CashboxCount[] = []
  for (const c of counted) {
    const entry = merged.find((m) => m.currency === c.currency && m.value === c.value)
    if (entry) entry.count += c.count
    else merged.push({ ...c })
  }
  return { ok: true, data: { collectionNumber: last.number, counted: merged, ...recountDifference(last.expected, merged) } }
}
