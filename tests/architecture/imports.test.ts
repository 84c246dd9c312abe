import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { DependencyKind } from 'dpdm/lib/consts.js'
import { cyclesIn, filesUnder, importGraphOfSrc, ROOT, specifiersOf, SRC, tangles } from './importGraph'
import type { Dependency, DependencyTree } from 'dpdm'

let graph: DependencyTree

beforeAll(async () => {
  graph = await importGraphOfSrc()
}, 60_000)

describe('the import graph of src/ (type-only imports included)', () => {
  it('covers every TypeScript and Vue file under src/', () => {
    const files = filesUnder(SRC, ['.ts', '.mts', '.vue']).filter((f) => !f.endsWith('.d.ts'))
    expect(files.length).toBeGreaterThan(100)
    for (const file of files) expect(Object.keys(graph), file).toContain(file.slice(ROOT.length + 1))
  })

  it('resolves every relative import to a file (an unresolved one would hide a cycle)', () => {
    const unresolved = Object.values(graph)
      .flatMap((deps) => deps ?? [])
      .filter((d) => d.request.startsWith('.') && (d.id === null || !existsSync(join(ROOT, d.id))))
      .map((d) => `${d.issuer}: ${d.request}`)
    expect(unresolved).toEqual([])
  })

  it('has no import cycles', () => {
    const groups = tangles(graph)
    const report = groups.map((group, i) => {
      const cycles = cyclesIn(graph, group).map((c) => `     ${[...c, c[0]].join(' -> ')}`)
      return [`  ${i + 1}. ${group.length} files import each other: ${group.join(', ')}; the cycles:`, ...cycles].join('\n')
    })
    expect(groups.length, `import cycles in src/:\n${report.join('\n')}`).toBe(0)
  })
})

describe('reading imports', () => {
  it('counts type-only, side-effect, re-exported, dynamic and inline type imports', () => {
    const code = [
      "import type { A } from './a'",
      "import { type B } from './b'",
      "import './c'",
      "export * from './d'",
      "export type { E } from './e'",
      "const f = () => import('./f')",
      "type G = import('./g').G",
      "import h = require('./h')"
    ].join('\n')
    expect(specifiersOf('x.ts', code).map((s) => s.request)).toEqual(['./a', './b', './c', './d', './e', './f', './g', './h'])
  })

  it('finds every group of files that import each other, and every cycle in it', () => {
    const dep = (issuer: string, id: string): Dependency => ({ issuer, request: id, kind: DependencyKind.StaticImport, id })
    const tree: DependencyTree = {
      a: [dep('a', 'b')],
      b: [dep('b', 'a'), dep('b', 'c')],
      c: [dep('c', 'a'), dep('c', 'd')],
      d: [],
      e: [dep('e', 'e')]
    }
    expect(tangles(tree)).toEqual([['a', 'b', 'c'], ['e']])
    expect(cyclesIn(tree, ['a', 'b', 'c'])).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c']
    ])
  })
})
