import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { filesUnder, ROOT, specifiersOf } from '../architecture/importGraph'

const CORE = join(import.meta.dirname, '../../src/core')
const ALLOWED_PACKAGES = new Set([
  'xstate',
  'xstate/graph',
  'zod',
  '@noble/hashes/sha2.js',
  '@noble/hashes/hmac.js',
  '@noble/hashes/utils.js',
  '@noble/hashes/scrypt.js'
])
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

describe('the core stays pure', () => {
  const files = filesUnder(CORE, ['.ts', '.mts', '.vue'])
  it.each(files.map((f) => [relative(CORE, f), f]))('%s imports only the core, xstate and zod', (_, file) => {
    const source = readFileSync(file, 'utf8')
    // Every way in: `import`, `import type`, `import 'x'`, `export … from`, `import('x')`, `import('x').T` and `require`.
    const specifiers = specifiersOf(file, source).map((s) => s.request)
    for (const spec of specifiers) {
      if (spec.startsWith('.')) {
        const target = join(file, '..', spec)
        expect(relative(CORE, target).startsWith('..'), `${spec} leaves src/core`).toBe(false)
      } else {
        expect(NODE_BUILTINS.has(spec) || spec.startsWith('node:'), `${spec} is a Node builtin: the core runs in the browser too`).toBe(false)
        expect(spec === 'electron' || spec.startsWith('electron/'), `${spec} is Electron: the core runs without it`).toBe(false)
        expect(ALLOWED_PACKAGES.has(spec), `${spec} is not allowed in the core`).toBe(true)
      }
    }
    expect(source).not.toMatch(/\b(process|window|document|require)\s*[.(]/)
    // A triple-slash reference would bring the DOM or Node's types back in behind tsconfig.core.json's back.
    expect(source).not.toMatch(/^\s*\/\/\/\s*<reference\s+(lib|types)=/m)
  })

  it('is typechecked without the DOM or Node types', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.core.json'), 'utf8')) as { compilerOptions: { lib: string[]; types: string[] } }
    expect(config.compilerOptions.lib.filter((lib) => /^dom/i.test(lib))).toEqual([])
    expect(config.compilerOptions.types).toEqual([])
  })
})
