import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { JsonFileError, JsonTextError, MAX_JSON_DEPTH, parseJsonText, readJsonFile } from '../../src/node/jsonFile'

/** The problems parseJsonText reports (fails the test if the text is taken). */
function problemsOf(text: string): string[] {
  try {
    parseJsonText(text)
  } catch (err) {
    expect(err).toBeInstanceOf(JsonTextError)
    return (err as JsonTextError).message.split('\n')
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`)
}

describe('parseJsonText reads what JSON.parse reads', () => {
  it('gives the same value as JSON.parse for any JSON text (fast-check)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(parseJsonText(text)).toStrictEqual(JSON.parse(text))
      }),
      { numRuns: 500 }
    )
  })

  it('refuses whatever JSON.parse refuses, a cut or a stray character anywhere, with a line and column (fast-check)', () => {
    const damaged = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '{', '[', ':', '"', "'", '/', '//', 'x', '\u0001', '\\', '-', '.', ' '), fc.boolean())
      .map(([text, at, insert, cut]) => {
        const i = at % (text.length + 1)
        return cut ? text.slice(0, i) : text.slice(0, i) + insert + text.slice(i)
      })
    fc.assert(
      fc.property(damaged, (text) => {
        let expected: unknown
        try {
          expected = JSON.parse(text)
        } catch {
          expect(problemsOf(text)[0]).toMatch(/^line \d+, column \d+: \S/)
          return
        }
        // JSON.parse took it: so does the reader, unless a key now comes twice (the last would win silently).
        try {
          expect(parseJsonText(text)).toStrictEqual(expected)
        } catch (err) {
          expect(err).toBeInstanceOf(JsonTextError)
          expect((err as Error).message).toMatch(/duplicate key/)
        }
      }),
      { numRuns: 2000 }
    )
  })

  it('keeps a "__proto__" key as an own property, as JSON.parse does, and gives objects the usual prototype', () => {
    const value = parseJsonText('{"__proto__": {"polluted": true}, "constructor": 1}') as Record<string, unknown>
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor'])
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(value).toStrictEqual(JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}'))
  })

  it('skips a byte order mark at the start', () => {
    expect(parseJsonText('\ufeff{"a": 1}')).toEqual({ a: 1 })
  })
})

describe('parseJsonText names the line and column of a problem', () => {
  it('a file cut in the middle: where it ends', () => {
    expect(problemsOf('{\n  "steps": [\n    { "do": "start" },\n')).toEqual(['line 4, column 1: the text ends where a value was expected'])
    expect(problemsOf('{"steps": [{"do": "start"}')).toEqual(['line 1, column 27: the text ends inside an array: "]" is missing'])
    expect(problemsOf('{"steps": [{"do": "sta')).toEqual(['line 1, column 19: a string is not closed (a closing quote is missing)'])
    expect(problemsOf('')).toEqual(['line 1, column 1: the text ends where a value was expected'])
  })

  it('comments, trailing commas, single quotes, text after the value: only the first problem', () => {
    expect(problemsOf('{\n  // a note\n  "a": 1\n}')).toEqual(['line 2, column 3: comments are not allowed in JSON'])
    expect(problemsOf('{"a": [1, 2,]}')).toEqual(['line 1, column 13: expected a value'])
    expect(problemsOf("{'a': 1}")).toEqual([`line 1, column 2: unexpected character "'a'"`])
    expect(problemsOf('{"a": 1}\n}')).toEqual(['line 2, column 1: unexpected text after the end of the JSON value'])
  })

  it('a key given twice in one object, named by its path, each time it repeats', () => {
    const text = [
      '{',
      '  "currencies": {',
      '    "USD": { "rate": "471" },',
      '    "USD": { "rate": "9" }',
      '  },',
      '  "steps": [{ "do": "start", "do": "cancel" }]',
      '}'
    ].join('\n')
    expect(problemsOf(text)).toEqual([
      'line 4, column 5: duplicate key "currencies.USD": a key may appear only once in an object',
      'line 6, column 30: duplicate key "steps[0].do": a key may appear only once in an object'
    ])
  })

  it('the same key in two different objects is no duplicate', () => {
    expect(parseJsonText('{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]}')).toEqual({ a: { x: 1 }, b: { x: 2 }, c: [{ x: 3 }, { x: 4 }] })
  })

  it(`nesting deeper than ${MAX_JSON_DEPTH} levels, at the bracket that goes too deep, without overflowing the stack`, () => {
    expect(parseJsonText('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeInstanceOf(Array)
    expect(problemsOf('{"a": ' + '['.repeat(200_000))).toEqual([`line 1, column ${7 + MAX_JSON_DEPTH - 1}: nested deeper than ${MAX_JSON_DEPTH} levels`])
    // brackets inside strings are text, not nesting
    expect(parseJsonText(JSON.stringify({ a: '['.repeat(1000) }))).toEqual({ a: '['.repeat(1000) })
  })
})

describe('readJsonFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'json-file-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const file = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }
  const issuesOf = (path: string): string[] => {
    try {
      readJsonFile(path)
    } catch (err) {
      expect(err).toBeInstanceOf(JsonFileError)
      return (err as JsonFileError).issues
    }
    throw new Error(`expected ${path} to be refused`)
  }

  it('reads a JSON file', () => {
    expect(readJsonFile(file('ok.json', '{"steps": [{"do": "start"}]}'))).toEqual({ steps: [{ do: 'start' }] })
  })

  it('names the file with each problem: not readable, not JSON, a duplicate key', () => {
    const missing = join(dir, 'missing.json')
    expect(issuesOf(missing)).toEqual([`cannot read ${missing}: ENOENT`])
    const cut = file('cut.json', '{"steps": [')
    expect(issuesOf(cut)).toEqual([`${cut} is not valid JSON: line 1, column 12: the text ends inside an array: "]" is missing`])
    const twice = file('twice.json', '{\n  "limits": { "maxTopUpKzt": 5000, "maxTopUpKzt": 9000 }\n}')
    expect(issuesOf(twice)).toEqual([`${twice}: line 2, column 36: duplicate key "limits.maxTopUpKzt": a key may appear only once in an object`])
  })
})
