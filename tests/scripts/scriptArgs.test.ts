/** The bench scripts' options: a mistake ends the script with a message naming the option and exit 2, never a stack trace. */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const NODE = join(ROOT, 'node_modules', '.bin', 'node')

function script(file: string, args: string[]) {
  const run = spawnSync(NODE, ['--import', 'tsx', join(ROOT, 'scripts', file), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  return { status: run.status, stderr: run.stderr }
}

describe('bench script options', () => {
  it.each([
    ['pin-bench.ts', ['--runs', '-1'], /Option '--runs' argument is ambiguous[\s\S]*use '--runs=-XYZ'/],
    ['pin-bench.ts', ['--runs=0'], /^--runs: expected a whole number of at least 1, got "0"/],
    ['walks-bench.ts', ['--bogus'], /^Unknown option '--bogus'/]
  ])('%s %s: exit 2 with a message, no stack trace', (file, args, message) => {
    const { status, stderr } = script(file, args)
    expect(status).toBe(2)
    expect(stderr).toMatch(message)
    expect(stderr).not.toMatch(/^\s+at /m)
  })
})
