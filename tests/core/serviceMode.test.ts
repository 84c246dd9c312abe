/**
 * Service mode on a running kiosk (issue 15): PIN entry and lockout, roles, the waiting entry, the
 * inactivity logout, settings, the out-of-service switch, training, claims, device tests and the
 * journal viewer — each checked on the kiosk's screen and in its journal (which never holds a PIN).
 */
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/core/config'
import { countTopUps } from '../../src/core/domain/counters'
import { Kiosk } from '../../src/core/kiosk'
import { MemoryExports } from '../../src/core/kioskDeps'
import { parseIntent, type Intent } from '../../src/core/protocol'
import { hashPin } from '../../src/core/service/pins'
import { DEMO_CARD, makeKiosk, moneyInvariantAfterEach, testBootNonce, type TestKiosk } from './helpers'

moneyInvariantAfterEach()

// Fast hashes (the lowest cost the configuration takes) keep the suite quick; the PINs are the demo's.
const FAST = { N: 2 ** 14, r: 8, p: 1 }
const salt = (n: number) => new Uint8Array(16).fill(n)
const PINS = { collector: hashPin('1111', salt(1), FAST), technician: hashPin('2222', salt(2), FAST), administrator: hashPin('3333', salt(3), FAST) }
const SERVICE = { service: { pins: PINS, maxPinAttempts: 3, lockoutSeconds: 300, inactivitySeconds: 120 } }

const serviceKiosk = (config: object = {}) => makeKiosk({ config: { ...SERVICE, ...config } })
const kinds = (k: TestKiosk, kind: string) => k.journal.all().filter((r) => r.kind === kind)

async function login(k: TestKiosk, pin: string): Promise<void> {
  if (k.screen() !== 'servicePin') expect(await k.act({ type: 'serviceEntry' })).toEqual({ ok: true })
  expect(await k.act({ type: 'servicePin', pin })).toEqual({ ok: true })
}

/** The power goes and comes back: a kiosk starts on the same journal and cards (and replaces the old in the test's kiosk). */
function restarted(k: TestKiosk): Kiosk {
  k.kiosk.powerCut()
  k.kiosk = new Kiosk({ config: loadConfig(SERVICE), clock: k.clock, journal: k.journal, cards: k.cards, bootNonce: testBootNonce })
  return k.kiosk
}

describe('PIN entry', () => {
  it('logs the role in, journals the login and never a PIN; three wrong PINs lock entry until the lockout ends', async () => {
    const k = serviceKiosk()
    await login(k, '9999')
    expect(k.screen()).toBe('servicePin')
    expect(k.kiosk.view().service).toMatchObject({ pinWrong: true, attemptsLeft: 2, role: null })
    await login(k, '0000')
    await login(k, '12345678')
    expect(k.screen()).toBe('serviceLocked')
    expect(kinds(k, 'serviceLoginFailed').map((r) => r.data)).toEqual([
      { attemptsLeft: 2, locked: false },
      { attemptsLeft: 1, locked: false },
      { attemptsLeft: 0, locked: true }
    ])
    expect(k.kiosk.view().service?.lockedUntil).toBe(new Date(k.clock.now() - 2000 + 300_000).toISOString())
    // Locked: no PIN is taken, not even the right one.
    expect(k.kiosk.send({ type: 'servicePin', pin: '1111' })).toMatchObject({ ok: false, error: expect.stringContaining('serviceLocked') })
    await k.act({ type: 'serviceCancel' })
    await k.act({ type: 'serviceEntry' })
    expect(k.screen()).toBe('serviceLocked')
    await k.clock.advance(300_000)
    expect(k.screen()).toBe('idle')
    await login(k, '1111')
    expect(k.screen()).toBe('serviceMenu')
    expect(k.kiosk.view().service).toMatchObject({ role: 'collector', pages: ['collection', 'reports', 'journal', 'claims'] })
    expect(kinds(k, 'serviceLogin').map((r) => r.data)).toEqual([{ role: 'collector' }])
    const journal = JSON.stringify(k.journal.all())
    for (const pin of ['9999', '0000', '12345678', '1111']) expect(journal).not.toContain(`"${pin}"`)
  })

  it('keeps entry locked across a restart (the journal keeps the failures)', async () => {
    const k = serviceKiosk()
    for (const pin of ['9999', '9998', '9997']) await login(k, pin)
    expect(k.screen()).toBe('serviceLocked')
    const again = restarted(k)
    expect(again.send({ type: 'serviceEntry' })).toEqual({ ok: true })
    expect(again.view().screen).toBe('serviceLocked')
  })

  it('a kiosk whose configuration has no PINs lets no one in', async () => {
    const k = makeKiosk()
    await login(k, '1111')
    expect(k.screen()).toBe('servicePin')
    expect(kinds(k, 'serviceLogin')).toEqual([])
  })
})

describe('cash collection from the service menu', () => {
  it("a collector takes the cassette out: the collection is numbered and its report prints at the paper's width", async () => {
    const k = serviceKiosk()
    await k.act({ type: 'tapCard', number: DEMO_CARD })
    await k.act({ type: 'chooseAmount', kzt: 1000 })
    await k.act({ type: 'payCash' })
    await k.act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    await k.act({ type: 'confirm' })
    await k.act({ type: 'done' }, 10)
    await login(k, '1111')
    await k.act({ type: 'serviceOpen', page: 'collection' })
    const printed = k.kiosk.printer.printed.length
    expect(await k.act({ type: 'collectCassette' })).toEqual({ ok: true })
    expect(k.kiosk.view().service?.page).toMatchObject({
      page: 'collection',
      collections: [{ number: 1, expected: [{ currency: 'KZT', value: 1000, count: 1 }] }]
    })
    expect(k.kiosk.printer.printed).toHaveLength(printed + 1)
    const report = k.kiosk.printer.printed.at(-1)!
    expect(report).toContain('Кассета | CB\\-0001')
    expect(k.kiosk.view().service?.notice).toEqual({ kind: 'reportPrinted', report: 'collection', number: 1 })
  })

  it('a technician may not', async () => {
    const k = serviceKiosk()
    await login(k, '2222')
    expect(k.kiosk.send({ type: 'collectCassette' })).toEqual({ ok: false, error: expect.stringContaining('a technician may not do "collectCassette"') })
  })
})

describe('staff never interrupt a customer', () => {
  it('entry asked for during a session waits for its end; the customer screen is unaffected', async () => {
    const k = serviceKiosk()
    await k.act({ type: 'tapCard', number: DEMO_CARD })
    await k.act({ type: 'chooseAmount', kzt: 1000 })
    await k.act({ type: 'payCash' })
    expect(await k.act({ type: 'serviceEntry' })).toEqual({ ok: true })
    expect(k.screen()).toBe('cash')
    await k.act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    await k.act({ type: 'confirm' })
    expect(k.screen()).toBe('receipt')
    await k.act({ type: 'done' }, 10)
    expect(k.screen()).toBe('servicePin')
  })

  it('the service door closed before the session ends forgets the entry', async () => {
    const k = serviceKiosk()
    await k.act({ type: 'tapCard', number: DEMO_CARD })
    await k.act({ type: 'serviceDoor', open: true })
    await k.act({ type: 'serviceDoor', open: false })
    // The card is known: Cancel asks first, the second Cancel confirms.
    await k.act({ type: 'cancel' })
    expect(k.screen()).toBe('amount')
    await k.act({ type: 'cancel' })
    expect(k.screen()).toBe('idle')
  })
})

describe('logout', () => {
  it('staff who touch nothing are logged out after service.inactivitySeconds; each action starts the time again', async () => {
    const k = serviceKiosk()
    await login(k, '2222')
    await k.clock.advance(100_000)
    await k.act({ type: 'serviceOpen', page: 'devices' })
    await k.clock.advance(100_000)
    expect(k.screen()).toBe('serviceDevices')
    await k.clock.advance(30_000)
    expect(k.screen()).toBe('idle')
    expect(kinds(k, 'serviceLogout').map((r) => r.data)).toEqual([{ role: 'technician', reason: 'inactivity' }])
  })

  it('closing the service door logs staff out', async () => {
    const k = serviceKiosk()
    await k.act({ type: 'serviceDoor', open: true })
    await k.act({ type: 'servicePin', pin: '3333' })
    expect(k.screen()).toBe('serviceMenu')
    await k.act({ type: 'serviceDoor', open: false })
    expect(k.screen()).toBe('idle')
    expect(kinds(k, 'serviceLogout').map((r) => r.data)).toEqual([{ role: 'administrator', reason: 'staff' }])
  })
})

describe('roles', () => {
  it.each<[string, string, Intent, string]>([
    ['collector', '1111', { type: 'serviceOpen', page: 'settings' }, 'a collector may not open settings'],
    ['collector', '1111', { type: 'changeSettings', section: 'limits', value: { maxTopUpKzt: 5000 } }, 'a collector may not do "changeSettings"'],
    ['technician', '2222', { type: 'recount', notes: [] }, 'a technician may not do "recount"'],
    ['technician', '2222', { type: 'shiftReport', report: 'Z' }, 'a technician may not do "shiftReport"']
  ])('a %s is refused what is not theirs', async (_, pin, intent, error) => {
    const k = serviceKiosk()
    await login(k, pin)
    expect(k.kiosk.send(intent)).toEqual({ ok: false, error: expect.stringContaining(error) })
  })

  it('nothing but entry and the PIN pad without a login', () => {
    const k = serviceKiosk()
    expect(k.kiosk.send({ type: 'setTraining', on: true })).toEqual({ ok: false, error: expect.stringContaining('needs a staff login') })
  })

  it('the kiosk screen may send staff intents (the core checks the role), but still no hardware control', () => {
    expect(parseIntent({ type: 'servicePin', pin: '1111' }, 'kiosk')).toMatchObject({ ok: true })
    expect(parseIntent({ type: 'servicePin', pin: '11' }, 'kiosk')).toEqual({ ok: false, error: 'invalid intent at pin: expected a PIN of 4 to 8 digits' })
    expect(parseIntent({ type: 'insertBill', currency: 'KZT', value: 1000 }, 'kiosk')).toMatchObject({ ok: false })
  })
})

describe('settings', () => {
  it('a change is checked by the configuration schema (named), journaled with before, after and role, and outlives a restart', async () => {
    const k = serviceKiosk()
    await login(k, '3333')
    const refused = k.kiosk.send({ type: 'changeSettings', section: 'limits', value: { minTopUpKzt: 500_000 } })
    expect(refused).toEqual({ ok: false, error: 'limits.minTopUpKzt: must not exceed maxTopUpKzt; limits.minTopUpKzt: must not exceed maxBalanceKzt' })
    expect(kinds(k, 'settingsChanged')).toEqual([])
    expect(k.kiosk.send({ type: 'changeSettings', section: 'limits', value: { maxTopUpKzt: 5000 } })).toEqual({ ok: true })
    expect(kinds(k, 'settingsChanged').map((r) => r.data)).toEqual([
      {
        role: 'administrator',
        section: 'limits',
        before: { minTopUpKzt: 100, maxTopUpKzt: 100000, maxBalanceKzt: 200000 },
        after: { minTopUpKzt: 100, maxTopUpKzt: 5000, maxBalanceKzt: 200000 }
      }
    ])
    expect(k.kiosk.view().limits.maxTopUpKzt).toBe(5000)
    const again = restarted(k)
    expect(again.view().limits.maxTopUpKzt).toBe(5000)
  })

  it("a role's new PIN works at once, the old one no more, and the journal holds its hash only", async () => {
    const k = serviceKiosk()
    await login(k, '3333')
    expect(await k.act({ type: 'changeSettings', section: 'pins', value: { collector: '4821' } })).toEqual({ ok: true })
    await k.act({ type: 'serviceLogout' })
    await login(k, '1111')
    expect(k.screen()).toBe('servicePin')
    await login(k, '4821')
    expect(k.kiosk.view().service?.role).toBe('collector')
    expect(JSON.stringify(k.journal.all())).not.toContain('"4821"')
  })
})

describe('the out-of-service switch', () => {
  it('closes the kiosk to customers with a reason, across a restart, until staff open it again', async () => {
    const k = serviceKiosk()
    await login(k, '2222')
    expect(await k.act({ type: 'setOutOfService', reason: 'Cleaning the note path' })).toEqual({ ok: true })
    await k.act({ type: 'serviceLogout' })
    expect(k.kiosk.view()).toMatchObject({ screen: 'outOfService', outOfService: 'closedByStaff' })
    expect(k.kiosk.send({ type: 'start' })).toMatchObject({ ok: false })
    const again = restarted(k)
    expect(again.view().screen).toBe('outOfService')
    again.send({ type: 'serviceEntry' })
    again.send({ type: 'servicePin', pin: '2222' })
    again.send({ type: 'setOutOfService', reason: null })
    again.send({ type: 'serviceLogout' })
    expect(again.view().screen).toBe('idle')
    expect(
      k.journal
        .all()
        .filter((r) => r.kind === 'outOfServiceSwitched')
        .map((r) => r.data)
    ).toEqual([
      { role: 'technician', reason: 'Cleaning the note path' },
      { role: 'technician', reason: null }
    ])
  })
})

describe('training mode', () => {
  it('marks the transaction and its receipt, credits only the training host, and says TRAINING on every screen', async () => {
    const k = serviceKiosk()
    await login(k, '3333')
    await k.act({ type: 'setTraining', on: true })
    await k.act({ type: 'serviceLogout' })
    expect(k.kiosk.view().training).toBe(true)
    await k.act({ type: 'tapCard', number: DEMO_CARD })
    await k.act({ type: 'chooseAmount', kzt: 1000 })
    await k.act({ type: 'payCash' })
    await k.act({ type: 'insertBill', currency: 'KZT', value: 1000 })
    await k.act({ type: 'confirm' })
    expect(k.kiosk.view()).toMatchObject({ screen: 'receipt', receipt: { training: true, balanceAfterKzt: 1500 } })
    expect(kinds(k, 'transactionStarted').map((r) => r.data)).toEqual([expect.objectContaining({ training: true })])
    expect(k.cards.get(DEMO_CARD)!.balanceKzt).toBe(500)
    // Left out of the top-up counters; its note is in the cassette, and counted there.
    expect(countTopUps(k.journal.all(), k.kiosk.snapshot().context.config)).toMatchObject({
      topUps: { completed: 0, flagged: 0, cancelled: 0, pending: 0 },
      stacked: [{ currency: 'KZT', value: 1000, count: 1 }]
    })
  })
})

/** The transaction id of the kiosk's flagged top-up. */
function flaggedId(k: TestKiosk): string {
  const flag = k.journal.all().find((r) => r.kind === 'transactionFlagged')
  if (flag?.kind !== 'transactionFlagged') throw new Error('no flagged transaction')
  return flag.data.transactionId
}

describe('claims', () => {
  /** A cash top-up the host never answered: flagged for an operator. */
  async function flagged(): Promise<TestKiosk> {
    const k = serviceKiosk()
    await k.act({ type: 'tapCard', number: DEMO_CARD })
    await k.act({ type: 'chooseAmount', kzt: 2000 })
    await k.act({ type: 'payCash' })
    await k.act({ type: 'insertBill', currency: 'KZT', value: 2000 })
    await k.act({ type: 'fault', device: 'host', fault: 'down' })
    await k.act({ type: 'confirm' }, 60)
    await k.act({ type: 'clearFault', device: 'host' }, 30)
    expect(kinds(k, 'transactionFlagged')).toHaveLength(1)
    return k
  }

  it("credits a flagged top-up with the transaction's own key, once", async () => {
    const k = await flagged()
    const id = flaggedId(k)
    await login(k, '1111')
    await k.act({ type: 'serviceOpen', page: 'claims' })
    expect(k.kiosk.view().service?.page).toMatchObject({ page: 'claims', flagged: [{ transactionId: id, amountKzt: 2000, resolved: null }] })
    expect(await k.act({ type: 'resolveFlagged', transactionId: id, resolution: 'credit' })).toEqual({ ok: true })
    expect(k.cards.get(DEMO_CARD)!.balanceKzt).toBe(2500)
    expect(kinds(k, 'flaggedResolved').map((r) => r.data)).toEqual([
      { transactionId: id, resolution: 'credited', role: 'collector', amountKzt: 2000, idempotencyKey: id }
    ])
    expect(k.kiosk.send({ type: 'resolveFlagged', transactionId: id, resolution: 'refund' })).toEqual({ ok: false, error: `${id} is resolved already` })
    expect(k.kiosk.view().service?.notice).toEqual({ kind: 'refused', message: `${id} is resolved already` })
  })

  it('takes no second resolution while its credit is on its way to the host', async () => {
    const k = await flagged()
    const id = flaggedId(k)
    await login(k, '1111')
    expect(k.kiosk.send({ type: 'resolveFlagged', transactionId: id, resolution: 'credit' })).toEqual({ ok: true })
    const twice = { ok: false, error: `a credit of ${id} is on its way to the host: wait for its answer` }
    expect(k.kiosk.send({ type: 'resolveFlagged', transactionId: id, resolution: 'refund' })).toEqual(twice)
    expect(k.kiosk.send({ type: 'resolveFlagged', transactionId: id, resolution: 'credit' })).toEqual(twice)
    await k.clock.advance(5_000)
    expect(kinds(k, 'flaggedResolved').map((r) => r.data)).toMatchObject([{ resolution: 'credited' }])
    expect(k.cards.get(DEMO_CARD)!.balanceKzt).toBe(2500)
  })

  it('does not claim to credit a note in doubt under a key the host has answered already: it is paid out', async () => {
    const k = serviceKiosk()
    await k.act({ type: 'tapCard', number: DEMO_CARD })
    await k.act({ type: 'chooseAmount', kzt: 5000 })
    await k.act({ type: 'payCash' })
    await k.act({ type: 'insertBill', currency: 'KZT', value: 2000 })
    k.kiosk.send({ type: 'fault', device: 'billValidator', fault: 'jam' })
    await k.act({ type: 'insertBill', currency: 'KZT', value: 1000 }, 60)
    const id = flaggedId(k)
    expect(k.cards.get(DEMO_CARD)!.balanceKzt).toBe(2500)
    await k.act({ type: 'clearFault', device: 'billValidator' })
    await login(k, '1111')
    expect(k.kiosk.send({ type: 'resolveFlagged', transactionId: id, resolution: 'credit' })).toEqual({
      ok: false,
      error: `the host credited ${id} already (its stacked notes): a note in doubt found later is paid out: record a refund`
    })
    await k.act({ type: 'resolveFlagged', transactionId: id, resolution: 'refund', note: 'the 1000 note found in the path' })
    expect(kinds(k, 'flaggedResolved').map((r) => r.data)).toMatchObject([{ resolution: 'refunded' }])
    expect(k.cards.get(DEMO_CARD)!.balanceKzt).toBe(2500)
  })

  it("looks a customer's claim up by the reference they read off the receipt", async () => {
    const k = await flagged()
    const id = flaggedId(k)
    await login(k, '1111')
    await k.act({ type: 'serviceOpen', page: 'claims' })
    const [, number, code] = id.split('-')
    expect(await k.act({ type: 'lookUpClaim', reference: `${Number(number)}-${code}` })).toEqual({ ok: true })
    expect(k.kiosk.view().service?.page).toMatchObject({
      page: 'claims',
      lookup: { reference: `${Number(number)}-${code}`, found: [{ transactionId: id, status: 'flagged', creditedKzt: 2000, resolved: null }] }
    })
    await k.act({ type: 'lookUpClaim', reference: 'NOPE0000' })
    expect(k.kiosk.view().service?.page).toMatchObject({ lookup: { found: [] } })
    await k.act({ type: 'serviceLogout' })
    await login(k, '1111')
    await k.act({ type: 'serviceOpen', page: 'claims' })
    expect(k.kiosk.view().service?.page).toMatchObject({ lookup: null })
  })

  it('records a refund with the role, and refuses an unknown reference naming it', async () => {
    const k = await flagged()
    const id = flaggedId(k)
    await login(k, '1111')
    expect(k.kiosk.send({ type: 'resolveFlagged', transactionId: 'nope', resolution: 'refund' })).toEqual({
      ok: false,
      error: 'nope is not a flagged transaction of this kiosk'
    })
    await k.act({ type: 'resolveFlagged', transactionId: id, resolution: 'refund', note: 'paid out 2000 in cash' })
    expect(kinds(k, 'flaggedResolved').map((r) => r.data)).toEqual([
      { transactionId: id, resolution: 'refunded', role: 'collector', amountKzt: 2000, note: 'paid out 2000 in cash' }
    ])
    expect(k.cards.get(DEMO_CARD)!.balanceKzt).toBe(500)
  })
})

describe('device tests and the journal viewer', () => {
  it('journals each test with its outcome', async () => {
    const k = serviceKiosk()
    await k.act({ type: 'fault', device: 'printer', fault: 'paperOut' })
    await login(k, '2222')
    await k.act({ type: 'serviceOpen', page: 'devices' })
    await k.act({ type: 'deviceTest', device: 'printer' })
    await k.act({ type: 'deviceTest', device: 'billValidator' })
    expect(kinds(k, 'deviceTested').map((r) => r.data)).toEqual([
      { device: 'printer', ok: false, detail: 'paperOut', role: 'technician' },
      { device: 'billValidator', ok: true, detail: 'ready; 0 of 500 notes in the cassette', role: 'technician' }
    ])
    expect(k.kiosk.view().service?.notice).toEqual({ kind: 'deviceTested', device: 'billValidator', ok: true, detail: 'ready; 0 of 500 notes in the cassette' })
  })

  it('exports the selected records as CSV where the kiosk keeps exports, and says so when it has nowhere to', async () => {
    const exports = new MemoryExports()
    const k = serviceKiosk()
    await login(k, '2222')
    expect(k.kiosk.send({ type: 'exportJournal', query: {} })).toEqual({ ok: false, error: 'this kiosk has nowhere to export to' })
    k.kiosk.powerCut()
    k.kiosk = new Kiosk({ config: loadConfig(SERVICE), clock: k.clock, journal: k.journal, cards: k.cards, bootNonce: testBootNonce, exports })
    k.kiosk.send({ type: 'serviceEntry' })
    k.kiosk.send({ type: 'servicePin', pin: '2222' })
    expect(k.kiosk.send({ type: 'exportJournal', query: { kinds: ['serviceLogin'], limit: 1 } })).toEqual({ ok: true })
    const [file, csv] = [...exports.files][0]!
    expect(file).toMatch(/^journal-2026-11-25T06-0\d-\d\d-\d{3}Z\.csv$/)
    expect(csv!.trim().split('\r\n')).toHaveLength(3)
    expect(k.kiosk.view().service?.notice).toEqual({ kind: 'journalExported', records: 2, file })
    expect(k.kiosk.send({ type: 'exportJournal', query: { kinds: ['nope'] } })).toEqual({ ok: false, error: expect.stringContaining('query.kinds') })
  })

  it('filters the journal by kind and names a bad filter', async () => {
    const k = serviceKiosk()
    await login(k, '2222')
    await k.act({ type: 'serviceOpen', page: 'journal' })
    expect(k.kiosk.send({ type: 'journalQuery', query: { from: 'yesterday' } })).toEqual({
      ok: false,
      error: expect.stringMatching(/^query\.from: expected an ISO 8601 instant/)
    })
    expect(k.kiosk.send({ type: 'journalQuery', query: { kinds: ['serviceLogin'] } })).toEqual({ ok: true })
    const page = k.kiosk.view().service?.page
    expect(page).toMatchObject({ page: 'journal', total: 1, rows: [{ kind: 'serviceLogin' }], error: null })
  })
})
