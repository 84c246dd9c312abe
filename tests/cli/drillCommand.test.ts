/** `kiosk-sim drill list` and `kiosk-sim drill run`, in process through main() (the fixtures' drills, not the library's). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { drillCommand } from '../../src/cli/drillCommand'
import { main } from '../../src/cli/main'
import type { Output } from '../../src/cli/usage'

const FIXTURES = fileURLToPath(new URL('../training/fixtures/', import.meta.url))
const FLAGGED = join(FIXTURES, 'flagged-top-up.drill.json')
const PRINTER = join(FIXTURES, 'printer-paper-out.drill.json')
const TMP = mkdtempSync(join(tmpdir(), 'kiosk-sim-drill-cli-'))
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

function capture(): { io: Output; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, out, err }
}
async function cli(...argv: string[]) {
  const c = capture()
  const code = await main(argv, c.io)
  return { code, out: c.out.join('\n'), err: c.err.join('\n') }
}
const file = (name: string, content: unknown): string => {
  const path = join(TMP, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return path
}
const solutionOf = (path: string): Record<string, unknown>[] => (JSON.parse(readFileSync(path, 'utf8')) as { solution: Record<string, unknown>[] }).solution

describe('kiosk-sim drill list', () => {
  it('prints each drill file, relative to the working folder, a tab, then its English title', async () => {
    const c = capture()
    expect(await drillCommand(['list'], {}, c.io, FIXTURES)).toBe(0)
    expect(c.out).toEqual([`${relative(process.cwd(), FLAGGED)}\tA flagged top-up`, `${relative(process.cwd(), PRINTER)}\tThe printer is out of paper`])
    expect(c.err).toEqual([])
  })

  it("lists the package's library in the same format, whatever drills it holds", async () => {
    const { code, out, err } = await cli('drill', 'list')
    expect(code).toBe(err ? 2 : 0)
    for (const line of out ? out.split('\n') : []) expect(line).toMatch(/^drills\/[a-z0-9][a-z0-9._-]*\.drill\.json\t\S.*$/)
  })

  it('names an invalid library file and its field, and exits 2', async () => {
    const c = capture()
    const dir = mkdtempSync(join(TMP, 'library-'))
    writeFileSync(join(dir, 'bad.drill.json'), JSON.stringify({ title: { en: 'Bad' }, story: [{ en: 'x' }], tasks: [], timeLimitSeconds: 60, passMark: 0 }))
    expect(await drillCommand(['list'], {}, c.io, dir)).toBe(2)
    expect(c.err.join('\n')).toMatch(/bad\.drill\.json: invalid drill\n {2}tasks: expected at least one task/)
  })
})

describe('kiosk-sim drill run', () => {
  it('plays the reference solution: --json starts with drill, score, maxScore, penalties, timeline; exit 0', async () => {
    const { code, out } = await cli('drill', 'run', FLAGGED, '--json')
    expect(code).toBe(0)
    const report = JSON.parse(out) as Record<string, unknown>
    expect(Object.keys(report).slice(0, 5)).toEqual(['drill', 'score', 'maxScore', 'penalties', 'timeline'])
    expect(report).toMatchObject({ drill: 'flagged-top-up', score: 50, maxScore: 50, penalties: [], passMark: 40, passed: true, outcome: 'finished' })
    expect((report.timeline as unknown[]).length).toBe(solutionOf(FLAGGED).length)
    expect(report.timeline).toContainEqual(expect.objectContaining({ step: { do: 'serviceLogin', pin: '1111' }, met: 'log-in', screen: 'serviceMenu' }))
  })

  it('prints a readable summary without --json', async () => {
    const { code, out } = await cli('drill', 'run', PRINTER, '--trainee', 'Aigerim')
    expect(code).toBe(0)
    expect(out).toContain('Trainee: Aigerim')
    expect(out).toMatch(/met {4}new-roll: Put a new paper roll in \(\+20\)/)
    expect(out).toContain('Penalties: none')
    expect(out).toContain('Score: 40 of 40; pass mark 30: PASSED')
  })

  it('plays recorded actions instead: a skipped step scores less and exits 1 below the pass mark', async () => {
    const steps = solutionOf(FLAGGED).filter((s) => s.do !== 'resolveFlagged')
    // As the recorder writes it: a header the drill ignores (its own kiosk is used), expectations and captions.
    const actions = file('skipped.json', {
      name: 'Aigerim, Tuesday',
      description: 'recorded',
      config: { terminal: { id: '99999999' } },
      cards: [{ number: '9398000011112222', balanceKzt: 1, status: 'blocked' }],
      steps: [{ ...steps[0], caption: { en: 'logs in' } }, { expect: { screen: 'serviceMenu' } }, ...steps.slice(1)]
    })
    const { code, out } = await cli('drill', 'run', FLAGGED, '--actions', actions, '--json')
    expect(code).toBe(1)
    const report = JSON.parse(out) as { score: number; passed: boolean; tasks: { id: string; done: boolean }[] }
    expect(report).toMatchObject({ score: 20, passed: false })
    expect(report.tasks.find((t) => t.id === 'resolve')!.done).toBe(false)
  })

  it('charges a harmful action in the summary', async () => {
    const actions = file('harmful.json', { steps: [{ do: 'start' }, { do: 'collectCash' }, { do: 'cancel' }, ...solutionOf(PRINTER)] })
    const { code, out } = await cli('drill', 'run', PRINTER, '--actions', actions)
    expect(code).toBe(1)
    expect(out).toMatch(/-30 cassette-mid-session at [\d.]+ s: Took the cassette out during a customer's session/)
    expect(out).toContain('Score: 10 of 40; pass mark 30: FAILED')
  })

  it('exits 2 naming the field of an invalid drill file', async () => {
    const bad = JSON.parse(readFileSync(PRINTER, 'utf8')) as Record<string, unknown>
    const path = file('bad-proof.drill.json', { ...bad, tasks: [{ id: 'a', caption: { en: 'a' }, points: 5, proof: { record: 'noSuchKind' } }], passMark: 5 })
    const { code, err, out } = await cli('drill', 'run', path)
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toContain(`${path}: invalid drill`)
    expect(err).toMatch(/tasks\[0\]\.proof/)
    expect(err).not.toMatch(/\n\s+at /)
  })

  it('exits 2 for a drill whose set-up fails, for a file that is not JSON, and for a missing file', async () => {
    const bad = JSON.parse(readFileSync(PRINTER, 'utf8')) as Record<string, unknown>
    const setup = await cli('drill', 'run', file('bad-setup.drill.json', { ...bad, setup: [{ do: 'confirm' }] }))
    expect(setup).toMatchObject({ code: 2, err: expect.stringContaining('setup[0]: "confirm" is not possible on the idle screen') })
    const notJson = await cli('drill', 'run', file('broken.drill.json', '{ "title": {'))
    expect(notJson).toMatchObject({ code: 2, err: expect.stringMatching(/broken\.drill\.json is not valid JSON: line 1, column \d+/) })
    expect(await cli('drill', 'run', join(TMP, 'none.drill.json'))).toMatchObject({ code: 2, err: expect.stringContaining('cannot read') })
  })

  it('exits 2 naming the field of an invalid actions file', async () => {
    const actions = file('bad-actions.json', { steps: [{ do: 'serviceLogin', pin: '12' }] })
    const { code, err } = await cli('drill', 'run', PRINTER, '--actions', actions)
    expect(code).toBe(2)
    expect(err).toContain(`--actions ${actions}: invalid scenario`)
    expect(err).toMatch(/steps\[0\]\.pin: expected a PIN of 4 to 8 digits/)
  })

  it('exits 2 for wrong arguments', async () => {
    expect((await cli('drill')).code).toBe(2)
    expect((await cli('drill', 'run')).code).toBe(2)
    expect((await cli('drill', 'run', PRINTER, FLAGGED)).code).toBe(2)
    expect((await cli('drill', 'list', '--trainee', 'x')).code).toBe(2)
    expect(await cli('drill', 'run', PRINTER, '--trainee', '   ')).toMatchObject({ code: 2, err: expect.stringContaining('--trainee') })
    expect((await cli('drill', 'fly')).err).toContain('unknown subcommand "fly"')
  })
})
