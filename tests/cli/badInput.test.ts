/**
 * Hostile and broken scenario and allow-list files: each gets exit 2 and a message naming the
 * step, the key or the line and column, never a stack trace.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { VERBS } from '../../src/core/scenario/schema'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'kiosk-bad-input-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let files = 0
/** Writes `text` (or JSON of a value) to a new file and returns its path. */
function file(content: unknown): string {
  const path = join(dir, `f${++files}.json`)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return path
}

/** Runs main() in process; returns the exit code and what it printed. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const START = { do: 'start' }

describe('kiosk-sim run: a verb that every object has as a property is an unknown verb', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'])(
    '"do": "%s" exits 2 naming the step and listing the verbs',
    async (verb) => {
      const path = file(`{"steps": [{"do": "start"}, {"do": "${verb}"}]}`)
      const result = await run('run', path)
      expect(result.code).toBe(2)
      expect(result.out).toBe('')
      expect(result.err).toBe(`${path}: invalid scenario\n  steps[1].do: unknown verb "${verb}"; expected one of ${VERBS.join(', ')}`)
    }
  )

  it('an inherited name as a key is an unknown key: at the top, in a step, in an expectation, in the config', async () => {
    const cases: [string, string][] = [
      ['{"__proto__": {"steps": []}, "steps": [{"do": "start"}]}', '__proto__: unknown key'],
      ['{"steps": [{"do": "start", "constructor": 1}]}', 'steps[0].constructor: unknown key'],
      ['{"steps": [{"expect": {"toString": "idle"}}]}', 'steps[0].expect.toString: unknown key'],
      ['{"config": {"__proto__": {"limits": {"maxTopUpKzt": 5}}}, "steps": [{"do": "start"}]}', 'config.__proto__: unknown key'],
      ['{"config": {"limits": {"constructor": {}}}, "steps": [{"do": "start"}]}', 'config.limits.constructor: unknown key']
    ]
    for (const [text, issue] of cases) {
      const result = await run('run', file(text))
      expect(result.code, text).toBe(2)
      expect(result.err, text).toContain(`\n  ${issue}`)
    }
  })
})

describe('kiosk-sim run: a file that is not JSON, or not the JSON it seems', () => {
  it('a file cut in the middle exits 2 with the line and column where it ends', async () => {
    const whole = JSON.stringify({ steps: [START, { do: 'tapCard', number: '9398000011112222' }] }, null, 2)
    const path = file(whole.slice(0, whole.indexOf('"number"')))
    const result = await run('run', path)
    expect(result.code).toBe(2)
    expect(result.err).toBe(`${path}: invalid scenario\n  ${path} is not valid JSON: line 8, column 7: the text ends where a property name was expected`)
  })

  it('a key given twice in a step exits 2 naming the key and its place', async () => {
    const path = file('{\n  "steps": [\n    { "do": "start" },\n    { "do": "chooseAmount", "kzt": 1000, "kzt": 900000 }\n  ]\n}')
    const result = await run('run', path)
    expect(result.code).toBe(2)
    expect(result.err).toBe(`${path}: invalid scenario\n  ${path}: line 4, column 42: duplicate key "steps[1].kzt": a key may appear only once in an object`)
  })

  it('a currency given twice in the config exits 2 (JSON.parse would keep the second rate silently)', async () => {
    const path = file('{"config": {"currencies": {"USD": {"rate": "471"}, "USD": {"rate": "4710"}}}, "steps": [{"do": "start"}]}')
    const result = await run('run', path)
    expect(result.code).toBe(2)
    expect(result.err).toContain(`${path}: line 1, column 52: duplicate key "config.currencies.USD"`)
  })

  it('nesting 100 000 levels deep exits 2 with the place, without overflowing the stack', async () => {
    const path = file(`{"steps": [{"do": "start", "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`)
    const result = await run('run', path)
    expect(result.code).toBe(2)
    expect(result.err).toMatch(/is not valid JSON: line 1, column \d+: nested deeper than 100 levels$/)
  })
})

describe('kiosk-sim coverage --allow: the allow-list is read by the same reader', () => {
  it('a key given twice in an allow-list exits 2 naming it and its place', async () => {
    const scenario = file({ steps: [START] })
    const allow = file('{"unreachable": [], "unreachable": []}')
    const result = await run('coverage', scenario, '--allow', allow)
    expect(result.code).toBe(2)
    expect(result.err).toBe(`kiosk-sim coverage: --allow: ${allow}: line 1, column 21: duplicate key "unreachable": a key may appear only once in an object`)
  })

  it('an allow-list cut short exits 2 with the line and column', async () => {
    const result = await run('coverage', file({ steps: [START] }), '--allow', file('{"unreachable": ['))
    expect(result.code).toBe(2)
    expect(result.err).toMatch(/--allow: .* is not valid JSON: line 1, column 18: the text ends inside an array/)
  })
})

describe('the real CLI process', () => {
  it('a hostile verb exits 2 with the message and no stack trace', async () => {
    const path = file('{"steps": [{"do": "constructor"}]}')
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(ROOT, 'bin/kiosk-sim.mjs'), 'run', path], { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
      )
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('steps[0].do: unknown verb "constructor"; expected one of language, start,')
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.stderr).not.toMatch(/TypeError|Error:/)
  })
})
