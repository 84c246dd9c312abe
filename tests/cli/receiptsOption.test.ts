/**
 * `kiosk-sim run FILE --receipts DIR`: a headless run keeps its receipts (receiptline source, SVG,
 * ESC/POS) in DIR, as the kiosk keeps them, so a QA engineer can diff two runs. main() in-process.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import type { ScenarioReport } from '../../src/core/scenario/runner'

const SCENARIOS = fileURLToPath(new URL('../scenarios', import.meta.url))

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-sim-receipts-'))
  dirs.push(dir)
  return dir
}

async function run(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('kiosk-sim run --receipts DIR', () => {
  it('writes the receipt of every transaction of the run into a new folder: source, SVG and ESC/POS', async () => {
    const dir = join(tempDir(), 'receipts')
    const { code, out } = await run(['run', join(SCENARIOS, 'validator-jam-while-stacking.json'), '--json', '--receipts', dir])
    expect(code).toBe(0)
    const report = JSON.parse(out) as ScenarioReport
    // the jam's flagged top-up printed a receipt; the second top-up is still open on the cash screen
    const printed = report.transactions.filter((t) => t.status === 'completed' || t.status === 'flagged')
    expect(printed.length).toBeGreaterThan(0)
    expect(readdirSync(dir).sort()).toEqual(printed.flatMap((t) => [`${t.id}.bin`, `${t.id}.json`, `${t.id}.receipt`, `${t.id}.svg`]).sort())
    for (const t of printed) {
      const doc = readFileSync(join(dir, `${t.id}.receipt`), 'utf8')
      expect(doc).toContain(t.id.replace(/-/g, '\\-'))
      expect(readFileSync(join(dir, `${t.id}.svg`), 'utf8')).toMatch(/^<svg width="576px"/)
      expect([...readFileSync(join(dir, `${t.id}.bin`)).subarray(0, 2)]).toEqual([0x1b, 0x40])
    }
  })

  it('lays the receipts out for the scenario’s paper, and takes an existing empty folder', async () => {
    const dir = tempDir()
    const scenario = JSON.parse(readFileSync(join(SCENARIOS, 'tenge-top-up.json'), 'utf8')) as { config?: Record<string, unknown> }
    const file = join(tempDir(), 'narrow.json')
    writeFileSync(file, JSON.stringify({ ...scenario, config: { ...scenario.config, devices: { printer: { paper: '58mm' } } } }))
    expect((await run(['run', file, '--receipts', dir])).code).toBe(0)
    const svgs = readdirSync(dir).filter((f) => f.endsWith('.svg'))
    expect(svgs).toHaveLength(1)
    expect(readFileSync(join(dir, svgs[0]!), 'utf8')).toMatch(/^<svg width="384px"/)
  })

  it('refuses a folder that is not empty, in one line, and writes nothing into it', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'earlier.svg'), '<svg/>')
    const { code, err, out } = await run(['run', join(SCENARIOS, 'tenge-top-up.json'), '--receipts', dir])
    expect(code).toBe(2)
    expect(err).toBe(`kiosk-sim run: --receipts ${dir} is not empty; give a new or empty folder (receipts of two runs must not mix)`)
    expect(out).toBe('')
    expect(readdirSync(dir)).toEqual(['earlier.svg'])
  })

  it('refuses a file, and a live run (the running kiosk keeps its own receipts)', async () => {
    const file = join(tempDir(), 'a-file')
    writeFileSync(file, '')
    const notAFolder = await run(['run', join(SCENARIOS, 'tenge-top-up.json'), '--receipts', file])
    expect(notAFolder.code).toBe(2)
    expect(notAFolder.err).toBe(`kiosk-sim run: --receipts ${file} is not a folder; give a new or empty folder`)
    const live = await run(['run', join(SCENARIOS, 'tenge-top-up.json'), '--url', 'ws://127.0.0.1:9', '--receipts', join(tempDir(), 'r')])
    expect(live.code).toBe(2)
    expect(live.err).toMatch(/^kiosk-sim run: --receipts does not apply with --url/)
    expect(live.err.split('\n')).toHaveLength(1)
  })

  it('is in the usage text', async () => {
    const { out } = await run(['help'])
    expect(out).toContain('[--receipts DIR]')
  })
})
