import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const CORE = join(import.meta.dirname, '../../src/core')
const ALLOWED_PACKAGES = new Set(['xstate', 'xstate/graph', 'zod', '@noble/hashes/sha2.js', '@noble/hashes/hmac.js', '@noble/hashes/utils.js'])

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
}

describe('the core stays pure', () => {
  const files = sourceFiles(CORE)
  it.each(files.map((f) => [relative(CORE, f), f]))('%s imports only the core, xstate and zod', (_, file) => {
    const source = readFileSync(file, 'utf8')
    const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!)
    for (const spec of specifiers) {
      if (spec.startsWith('.')) {
        const target = join(file, '..', spec)
        expect(relative(CORE, target).startsWith('..'), `${spec} leaves src/core`).toBe(false)
      } else expect(ALLOWED_PACKAGES.has(spec), `${spec} is not allowed in the core`).toBe(true)
    }
    expect(source).not.toMatch(/\b(process|window|document|require)\s*[.(]/)
  })
})
