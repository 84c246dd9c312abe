/**
 * The journal viewer's query on a real journal: a kiosk driven through a morning of top-ups. Filters
 * combine, transaction and card filters take whole transactions, pages give each record once, and a
 * query from a window that is not what the schema allows is refused naming its field.
 */
import { describe, expect, it } from 'vitest'
import { MemoryJournal, type AnyJournalRecord } from '../../../src/core/journal'
import { matchesReference, parseJournalQuery, queryJournal, selectJournal, summarizeRecord, type JournalQuery } from '../../../src/core/service/journalQuery'
import { DEMO_CARD, makeKiosk, moneyInvariantAfterEach, START, txId } from '../helpers'

moneyInvariantAfterEach()

const KZT = (value: number) => ({ type: 'insertBill' as const, currency: 'KZT' as const, value })
const OTHER_CARD = '9398000033334444'
const MINUTE = 60_000

/** Three customers a minute or more apart: cash on …2222, a bank card on …4444, and …2222 again, who leaves before paying. */
async function morning() {
  const k = makeKiosk()
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 3000 })
  await k.act({ type: 'payCash' })
  await k.act(KZT(2000))
  await k.act(KZT(1000))
  await k.act({ type: 'confirm' }, 4)
  await k.act({ type: 'done' }, 5)
  await k.clock.advance(10 * MINUTE)
  await k.act({ type: 'tapCard', number: OTHER_CARD })
  await k.act({ type: 'chooseAmount', kzt: 5000 })
  await k.act({ type: 'payCard' }, 5)
  await k.act({ type: 'done' }, 5)
  await k.clock.advance(10 * MINUTE)
  await k.act({ type: 'tapCard', number: DEMO_CARD })
  await k.act({ type: 'chooseAmount', kzt: 2000 })
  await k.act({ type: 'payCash' })
  await k.act({ type: 'cancel' }, 0) // "Cancel the top-up?"
  await k.act({ type: 'cancel' }, 5)
  expect(k.screen()).toBe('idle')
  return k.journal.all()
}

/** A query as a window would send it, checked by the schema. */
function query(input: Record<string, unknown>): JournalQuery {
  const checked = parseJournalQuery(input)
  if (!checked.ok) throw new Error(checked.errors.join('; '))
  return checked.value
}

const seqs = (records: readonly { seq: number }[]) => records.map((r) => r.seq)
const ofTransaction = (records: readonly AnyJournalRecord[], n: number) => records.filter((r) => 'transactionId' in r.data && r.data.transactionId === txId(n))

describe('journalQuerySchema', () => {
  it.each([
    [{ from: 'yesterday' }, 'from: expected an ISO 8601 instant'],
    [{ to: '2026-11-25' }, 'to: expected an ISO 8601 instant'],
    [{ from: '2026-02-30T00:00:00Z' }, 'from: expected an ISO 8601 instant'],
    [{ from: 1764050400000 }, 'from: expected an ISO 8601 instant'],
    [{ from: '2026-11-25T07:00:00Z', to: '2026-11-25T06:00:00Z' }, 'to: expected an instant not before from (2026-11-25T07:00:00Z)'],
    [{ kinds: ['noteStacked', 'noteEaten'] }, 'kinds[1]: unknown journal kind "noteEaten"'],
    [{ kinds: 'noteStacked' }, 'kinds: '],
    [{ kinds: [] }, 'kinds: expected at least one journal kind'],
    [{ transaction: '' }, 'transaction: expected a transaction reference as on the receipt'],
    [{ transaction: "1'; DROP TABLE journal; --" }, 'transaction: expected a transaction reference'],
    [{ transaction: '00412783-000001-VZ3EP84N-X' }, 'transaction: expected a transaction reference'],
    [{ transaction: 'A'.repeat(65) }, 'transaction: expected a transaction reference'],
    [{ transaction: 42 }, 'transaction: expected a transaction reference'],
    [{ card: '222' }, 'card: expected the last 4 digits of the card or its masked number'],
    [{ card: DEMO_CARD }, 'card: expected the last 4 digits'],
    [{ card: '9398 •••• 2222' }, 'card: expected the last 4 digits'],
    [{ limit: 0 }, 'limit: expected an integer from 1 to 200'],
    [{ limit: 201 }, 'limit: expected an integer from 1 to 200'],
    [{ limit: 2.5 }, 'limit: expected an integer from 1 to 200'],
    [{ limit: '50' }, 'limit: expected an integer from 1 to 200'],
    [{ before: 0 }, 'before: expected an integer from 1 to'],
    [{ cardRef: 'ab'.repeat(32) }, 'cardRef: unknown key']
  ])('refuses %j naming the field', (input, message) => {
    const checked = parseJournalQuery(input)
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.errors.join('\n')).toContain(message)
  })

  it.each([[null], ['everything'], [[]], [7], [undefined]])('refuses %j: a query is an object', (input) => {
    expect(parseJournalQuery(input)).toMatchObject({ ok: false, errors: [expect.stringMatching(/^\(root\): /)] })
  })

  it('fills the page size in and keeps the references and cards as the journal writes them', () => {
    expect(query({})).toEqual({ limit: 50 })
    expect(query({ transaction: '  000042 k7q3m9xt ', card: '9398 **** **** 2222' })).toEqual({
      limit: 50,
      transaction: '000042-K7Q3M9XT',
      card: '9398 •••• •••• 2222'
    })
    expect(query({ card: '•••• 2222' }).card).toBe('2222')
    expect(query({ from: '2026-11-25T11:00:00+05:00', to: '2026-11-25T06:00:00Z' })).toMatchObject({ from: '2026-11-25T11:00:00+05:00' })
  })
})

describe('matchesReference', () => {
  const id = '00412783-000042-K7Q3M9XT'
  it.each(['00412783-000042-K7Q3M9XT', '00412783 000042 k7q3m9xt', '00412783-000042', '000042-K7Q3M9XT', '42-k7q3m9xt', 'K7Q3M9XT', '000042', '42', 'OOOO42'])(
    'finds %s, as a customer reads it out or staff type it',
    (reference) => expect(matchesReference(id, reference)).toBe(true)
  )
  it.each(['00412783', '2', '4', '000043', 'K7Q3M9X', '00412783-K7Q3M9XT', '00412784-000042-K7Q3M9XT', '000042-K7Q3M9XA'])(
    'does not take %s for it',
    (reference) => expect(matchesReference(id, reference)).toBe(false)
  )
})

describe('queryJournal on a morning of top-ups', () => {
  it('lists every record newest first, with a serialisable row for each', async () => {
    const records = await morning()
    const page = queryJournal(records, query({ limit: 200 }))
    expect(page.total).toBe(records.length)
    expect(page.nextBefore).toBeNull()
    expect(seqs(page.rows)).toEqual(seqs(records).reverse())
    expect(JSON.parse(JSON.stringify(page))).toEqual(page)
    for (const row of page.rows) expect(Object.keys(row).sort()).toEqual(['card', 'kind', 'seq', 'summary', 'time', 'transactionId'])
  })

  it('shows the card masked on every row of its transaction, never its keyed reference', async () => {
    const records = await morning()
    const rows = queryJournal(records, query({ limit: 200 })).rows
    const refs = records.flatMap((r) => ('cardRef' in r.data ? [r.data.cardRef] : []))
    expect(refs.length).toBeGreaterThan(0)
    for (const ref of refs) expect(JSON.stringify(rows)).not.toContain(ref)
    expect(JSON.stringify(rows)).not.toContain(DEMO_CARD)
    const stacked = rows.filter((r) => r.kind === 'noteStacked')
    expect(stacked.map((r) => r.card)).toEqual(['9398 •••• •••• 2222', '9398 •••• •••• 2222'])
    expect(rows.find((r) => r.kind === 'cardCharged')?.card).toBe('9398 •••• •••• 4444')
    expect(rows.find((r) => r.kind === 'kioskStarted')).toMatchObject({ card: null, transactionId: null })
  })

  it('sums each record up in numbers and codes', async () => {
    const rows = queryJournal(await morning(), query({ limit: 200 })).rows
    const summaries = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.summary)
    expect(summaries('noteStacked')).toEqual(['KZT 1000 stacked', 'KZT 2000 stacked'])
    expect(summaries('creditApplied')).toEqual(['credited 5 000 ₸, 12 450 ₸ → 17 450 ₸', 'credited 3 000 ₸, 500 ₸ → 3 500 ₸'])
    expect(summaries('transactionStarted')).toEqual(['no. 3, cash, 2 000 ₸, ru', 'no. 2, card, 5 000 ₸, ru', 'no. 1, cash, 3 000 ₸, ru'])
    expect(summaries('kioskStarted')).toEqual(['terminal 00412783'])
    expect(summaries('cardWritten')).toEqual(['written 5 000 ₸', 'written 3 000 ₸'])
  })

  it('takes every record of a transaction by its reference, also the ones that name no card', async () => {
    const records = await morning()
    const first = ofTransaction(records, 1)
    expect(first.map((r) => r.kind)).toEqual(expect.arrayContaining(['noteStacked', 'creditApplied', 'receiptPrinted', 'transactionCompleted']))
    const code = txId(1).split('-')[2]!
    for (const reference of [txId(1), code.toLowerCase(), `000001-${code}`, '1']) {
      const page = queryJournal(records, query({ transaction: reference }))
      expect(seqs(page.rows), reference).toEqual(seqs(first).reverse())
      expect(page.rows.every((r) => r.transactionId === txId(1))).toBe(true)
    }
    expect(queryJournal(records, query({ transaction: '000009' })).total).toBe(0)
  })

  it('takes every record of the transactions a card started, by its last 4 digits or its masked number', async () => {
    const records = await morning()
    const ofDemoCard = [...ofTransaction(records, 1), ...ofTransaction(records, 3)].sort((a, b) => a.seq - b.seq)
    for (const card of ['2222', '9398 •••• •••• 2222', '9398 **** **** 2222', '9398xxxxxxxx2222']) {
      expect(seqs(selectJournal(records, query({ card }))), card).toEqual(seqs(ofDemoCard))
    }
    expect(seqs(selectJournal(records, query({ card: '4444' })))).toEqual(seqs(ofTransaction(records, 2)))
    expect(selectJournal(records, query({ card: '1111' }))).toEqual([])
    expect(selectJournal(records, query({ card: '1234 •••• •••• 2222' }))).toEqual([])
  })

  it('combines the filters: every one must hold', async () => {
    const records = await morning()
    const stackedForDemoCard = queryJournal(records, query({ card: '2222', kinds: ['noteStacked', 'transactionCancelled'] }))
    expect(stackedForDemoCard.rows.map((r) => [r.kind, r.transactionId])).toEqual([
      ['transactionCancelled', txId(3)],
      ['noteStacked', txId(1)],
      ['noteStacked', txId(1)]
    ])
    expect(queryJournal(records, query({ card: '4444', kinds: ['noteStacked'] })).total).toBe(0)
    expect(queryJournal(records, query({ card: '4444', transaction: txId(1) })).total).toBe(0)
    // The second customer came ten minutes after the first and left ten minutes before the third.
    const window = { from: new Date(START + 5 * MINUTE).toISOString(), to: new Date(START + 15 * MINUTE).toISOString() }
    expect(seqs(selectJournal(records, query(window)))).toEqual(seqs(ofTransaction(records, 2)))
    expect(selectJournal(records, query({ ...window, card: '2222' }))).toEqual([])
    expect(selectJournal(records, query({ ...window, kinds: ['cardCharged'] })).map((r) => r.kind)).toEqual(['cardCharged'])
  })

  it('takes from and to as inclusive bounds, whatever the offset they are written with', async () => {
    const records = await morning()
    const started = records.find((r) => r.kind === 'transactionStarted' && r.data.transactionId === txId(2))!
    const almaty = new Date(Date.parse(started.time) + 5 * 3_600_000).toISOString().replace('Z', '+05:00')
    const onlyThen = selectJournal(records, query({ from: almaty, to: started.time }))
    expect(onlyThen.length).toBeGreaterThan(0)
    expect(onlyThen.every((r) => r.time === started.time)).toBe(true)
    expect(onlyThen).toContain(started)
  })

  it('pages back from the newest, giving each record once', async () => {
    const records = await morning()
    const all = seqs(queryJournal(records, query({ limit: 200 })).rows)
    for (const filters of [{}, { card: '2222' }, { kinds: ['noteStacked', 'noteEscrowed', 'receiptPrinted'] }]) {
      const seen: number[] = []
      let before: number | null | undefined = undefined
      let pages = 0
      do {
        const page = queryJournal(records, query({ ...filters, limit: 3, ...(before ? { before } : {}) }))
        expect(page.rows.length).toBeLessThanOrEqual(3)
        expect(page.total).toBe(selectJournal(records, query(filters)).length)
        seen.push(...seqs(page.rows))
        before = page.nextBefore
        pages++
      } while (before !== null && pages < 100)
      expect(seen).toEqual(all.filter((seq) => seqs(selectJournal(records, query(filters))).includes(seq)))
      expect(new Set(seen).size).toBe(seen.length)
      expect(pages).toBe(Math.max(1, Math.ceil(seen.length / 3)))
    }
  })

  it('says there is no older page when the page ends exactly on the oldest match', async () => {
    const records = await morning()
    const stacked = query({ kinds: ['noteStacked'], limit: 2 })
    expect(queryJournal(records, stacked)).toMatchObject({ total: 2, nextBefore: null })
    expect(queryJournal(records, { ...stacked, limit: 1 }).nextBefore).toBe(queryJournal(records, stacked).rows[0]!.seq)
  })
})

describe('summaries of service records', () => {
  it('name the role, the numbers and the codes', () => {
    const journal = new MemoryJournal()
    const t = START
    journal.append('serviceLogin', { role: 'collector' }, t)
    journal.append('serviceLoginFailed', { attemptsLeft: 0, locked: true }, t)
    journal.append('recountRecorded', { collectionNumber: 4, counted: [], shortage: [{ currency: 'KZT', value: 1000, count: 1 }], surplus: [] }, t)
    journal.append('flaggedResolved', { transactionId: txId(7), resolution: 'credited', role: 'administrator', amountKzt: 12000 }, t)
    journal.append('shiftReport', { report: 'Z', number: 3, from: '2026-11-24T06:00:00.000Z', to: '2026-11-25T06:00:00.000Z', role: 'collector' }, t)
    journal.append('outOfServiceSwitched', { role: 'technician', reason: null }, t)
    expect(journal.all().map(summarizeRecord)).toEqual([
      'collector',
      '0 attempts left, locked',
      'collection 4, shortage KZT 1000 ×1, surplus –',
      'credited 12 000 ₸, administrator',
      'Z no. 3, 2026-11-24T06:00:00.000Z – 2026-11-25T06:00:00.000Z, collector',
      'technician: back in service'
    ])
    expect(queryJournal(journal.all(), query({ transaction: '7' })).rows).toMatchObject([{ kind: 'flaggedResolved', transactionId: txId(7), card: null }])
  })
})
