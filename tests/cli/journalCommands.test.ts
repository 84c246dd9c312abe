/**
 * `kiosk-sim run --journal`, `journal verify` and `journal export --csv` on real journal files:
 * a record changed, removed, inserted or reordered is caught and named; exit codes as documented.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'

const SCENARIO = join(import.meta.dirname, '../scenarios/validator-jam-after-notes-stacked.json')
let dir: string
let pristine: string

/** Runs main() in-process, collecting what it prints. */
async function cli(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/** A copy of the pristine journal, changed by `tamper` with plain SQL (as someone with the file could). */
async function tampered(name: string, tamper: (db: DatabaseSync) => void): Promise<string> {
  const path = join(dir, `${name}.sqlite`)
  const source = new DatabaseSync(pristine)
  source.exec(`VACUUM INTO '${path}'`)
  source.close()
  const db = new DatabaseSync(path)
  tamper(db)
  db.close()
  return path
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-'))
  pristine = join(dir, 'journal.sqlite')
  const run = await cli('run', SCENARIO, '--journal', pristine)
  expect(run.code).toBe(0)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('kiosk-sim run --journal', () => {
  it('keeps the scenario journal in the file, with its card key beside it', async () => {
    const db = new DatabaseSync(pristine, { readOnly: true })
    const kinds = (db.prepare('SELECT kind FROM journal ORDER BY seq').all() as { kind: string }[]).map((r) => r.kind)
    db.close()
    expect(kinds).toContain('noteInDoubt')
    expect(kinds).toContain('transactionFlagged')
    const again = await cli('run', SCENARIO, '--journal', pristine)
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') })
  })
})

describe('kiosk-sim journal verify', () => {
  it('says an untouched journal is intact, with its record count and head hash', async () => {
    const run = await cli('journal', 'verify', pristine)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/intact — 14 records, sequence 1–14, head [0-9a-f]{64}, matching its head file$/)
  })

  it.each([
    ['changed', (db: DatabaseSync) => db.exec(`UPDATE journal SET data = replace(data, '2000', '20000') WHERE seq = 5`), 5, 'was changed'],
    ['removed', (db: DatabaseSync) => db.exec('DELETE FROM journal WHERE seq = 6'), 7, 'where record 6 should be'],
    [
      'removed and renumbered',
      (db: DatabaseSync) => db.exec('DELETE FROM journal WHERE seq = 6; UPDATE journal SET seq = seq - 1 WHERE seq > 6'),
      6,
      'does not follow record 5'
    ],
    [
      'inserted',
      (db: DatabaseSync) => {
        const rows = db.prepare('SELECT seq FROM journal WHERE seq >= 4 ORDER BY seq DESC').all() as { seq: number }[]
        for (const { seq } of rows) db.prepare('UPDATE journal SET seq = ? WHERE seq = ?').run(seq + 1, seq)
        db.exec(`INSERT INTO journal (seq, time, kind, data, prev_hash, hash) SELECT 4, time, 'noteStacked', data, hash, hash FROM journal WHERE seq = 3`)
      },
      4,
      'was changed'
    ],
    [
      'reordered',
      (db: DatabaseSync) => {
        db.exec('UPDATE journal SET seq = -1 WHERE seq = 8; UPDATE journal SET seq = 8 WHERE seq = 9; UPDATE journal SET seq = 9 WHERE seq = -1')
      },
      8,
      'does not follow record 7'
    ]
  ])('names the first bad record when one was %s', async (name, tamper, seq, problem) => {
    const path = await tampered(name.replace(/ /g, '-'), tamper)
    const run = await cli('journal', 'verify', path)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`BROKEN at record ${seq}: `)
    expect(run.stdout).toContain(problem)
  })

  it('exits 2 on a missing file, a file that is not a journal, and bad arguments', async () => {
    expect(await cli('journal', 'verify', join(dir, 'nope.sqlite'))).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') })
    const text = join(dir, 'text.sqlite')
    writeFileSync(text, 'not a database')
    expect((await cli('journal', 'verify', text)).code).toBe(2)
    const empty = join(dir, 'empty.sqlite')
    new DatabaseSync(empty).close()
    expect(await cli('journal', 'verify', empty)).toMatchObject({ code: 2, stderr: expect.stringContaining('not a kiosk journal') })
    expect(await cli('journal', 'check', pristine)).toMatchObject({ code: 2, stderr: expect.stringContaining('expected "verify" or "export"') })
    expect((await cli('journal', 'verify')).code).toBe(2)
    expect(await cli('journal', 'export', pristine)).toMatchObject({ code: 2, stderr: expect.stringContaining('--csv') })
  })
})

describe('kiosk-sim journal export --csv', () => {
  it('writes one row per record with the masked card and its keyed reference, never the card number', async () => {
    const run = await cli('journal', 'export', pristine, '--csv')
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\r\n')
    expect(lines[0]).toBe('seq,time,kind,transactionId,card,cardRef,data,prevHash,hash')
    expect(lines).toHaveLength(15)
    const started = lines.find((l) => l.includes(',transactionStarted,'))!
    expect(started).toMatch(
      /^2,2026-01-15T06:00:00\.\d{3}Z,transactionStarted,00412783-000001-[0-9A-Z]{8},9398 •••• •••• 2222,[0-9a-f]{64},"\{""transactionId""/
    )
    expect(run.stdout).not.toContain('9398000011112222')
  })
})

describe('kiosk-sim journal export --csv with filters', () => {
  /** The exported rows (header left out), each as its seq and kind. */
  async function exported(...filters: string[]) {
    const run = await cli('journal', 'export', pristine, '--csv', ...filters)
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' })
    const [header, ...rows] = run.stdout.split('\r\n')
    expect(header).toBe('seq,time,kind,transactionId,card,cardRef,data,prevHash,hash')
    return rows.map((row) => row.split(',').slice(0, 3)).map(([seq, , kind]) => `${seq} ${kind}`)
  }

  it('keeps the records of the kinds asked for', async () => {
    expect(await exported('--kind', 'noteStacked,deviceFault,validatorCondition')).toEqual(['5 noteStacked', '6 deviceFault', '8 validatorCondition'])
  })

  it('keeps every record of a transaction, by its reference as on the receipt or by the card that started it', async () => {
    const all = await exported()
    const ofTransaction = all.filter((row) => !/ (kioskStarted|deviceFault|validatorCondition)$/.test(row))
    expect(ofTransaction).toHaveLength(11)
    const started = (await cli('journal', 'export', pristine, '--csv')).stdout.split('\r\n')[2]!
    const id = started.split(',')[3]!
    expect(id).toMatch(/^00412783-000001-[0-9A-Z]{8}$/)
    for (const reference of [id, id.slice(-8).toLowerCase(), id.slice(9), '1']) expect(await exported('--transaction', reference)).toEqual(ofTransaction)
    for (const card of ['2222', '9398 •••• •••• 2222', '9398********2222']) expect(await exported('--card', card)).toEqual(ofTransaction)
    expect(await exported('--card', '4444')).toEqual([])
    expect(await exported('--transaction', '2')).toEqual([])
  })

  it('combines the filters: every one must hold', async () => {
    expect(await exported('--card', '2222', '--kind', 'noteStacked,deviceFault')).toEqual(['5 noteStacked'])
    expect(await exported('--from', '2026-01-15T06:00:01.500Z', '--to', '2026-01-15T06:00:31.800Z')).toEqual([
      '8 validatorCondition',
      '9 noteInDoubt',
      '10 creditRequested',
      '11 creditApplied'
    ])
    expect(await exported('--from', '2026-01-15T11:00:31+05:00', '--kind', 'noteInDoubt,creditApplied', '--transaction', '1')).toEqual(['11 creditApplied'])
    expect(await exported('--to', '2026-01-15T05:59:59Z')).toEqual([])
  })

  it.each([
    [['--from', 'yesterday'], '--from: expected an ISO 8601 instant'],
    [['--to', '2026-01-15'], '--to: expected an ISO 8601 instant'],
    [['--from', '2026-01-15T07:00:00Z', '--to', '2026-01-15T06:00:00Z'], '--to: expected an instant not before from'],
    [['--kind', 'noteStacked,noteEaten'], '--kind: unknown journal kind "noteEaten"'],
    [['--transaction', '#1'], '--transaction: expected a transaction reference as on the receipt'],
    [['--card', '9398000011112222'], '--card: expected the last 4 digits of the card or its masked number']
  ])('exits 2 on %j, naming the flag', async (filters, message) => {
    const run = await cli('journal', 'export', pristine, '--csv', ...filters)
    expect(run).toMatchObject({ code: 2, stdout: '' })
    expect(run.stderr).toContain(`kiosk-sim journal export: ${message}`)
  })

  it('takes no filter for verify', async () => {
    expect(await cli('journal', 'verify', pristine, '--kind', 'noteStacked')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--kind: only for export')
    })
  })
})
