import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { filesUnder, ROOT, SRC } from './importGraph'

const MAX_LINES = 400

describe('files under src/ stay small', () => {
  // ESLint's max-lines says the same for scripts and components; this covers styles and pages too.
  it(`has no file longer than ${MAX_LINES} lines`, () => {
    const long = filesUnder(SRC, ['.ts', '.mts', '.mjs', '.js', '.vue', '.css', '.html'])
      .map((file) => ({ file: relative(ROOT, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`)
    expect(long).toEqual([])
  })
})
