/**
 * The one reader of every JSON file the kiosk takes from a person: scenario files, allow-lists and
 * the web host's `--config FILE`. Strict JSON (no comments, no trailing commas) through Microsoft's
 * jsonc-parser, which reports where a problem is; on top of it a key given twice in one object is
 * refused (JSON.parse would keep the last one silently), and nesting is capped before parsing so a
 * hostile file cannot overflow the parser's recursion.
 */
import { readFileSync } from 'node:fs'
import { createScanner, visit, type ParseErrorCode } from 'jsonc-parser'
import { formatPath } from '../core/config'

/** Deeper than any file of the kiosk's formats (a scenario's config is 5 levels deep). */
export const MAX_JSON_DEPTH = 100

/** The parser's error codes (a const enum in its typings, so spelled out here). */
const PARSE_ERRORS: Record<number, { message: string; atEnd?: string }> = {
  1: { message: 'unexpected character' },
  2: { message: 'invalid number' },
  3: { message: 'expected a property name in double quotes', atEnd: 'the text ends where a property name was expected' },
  4: { message: 'expected a value', atEnd: 'the text ends where a value was expected' },
  5: { message: 'expected ":" after the property name', atEnd: 'the text ends where ":" was expected' },
  6: { message: 'expected "," between two items', atEnd: 'the text ends where "," was expected' },
  7: { message: 'expected "," or "}"', atEnd: 'the text ends inside an object: "}" is missing' },
  8: { message: 'expected "," or "]"', atEnd: 'the text ends inside an array: "]" is missing' },
  9: { message: 'unexpected text after the end of the JSON value' },
  10: { message: 'comments are not allowed in JSON' },
  11: { message: 'a comment is not closed' },
  12: { message: 'a string is not closed (a closing quote is missing)' },
  13: { message: 'an incomplete number' },
  14: { message: 'an invalid \\u escape in a string' },
  15: { message: 'an invalid escape in a string' },
  16: { message: 'a control character in a string (write it as an escape, e.g. \\n)' }
}

/** A JSON text that cannot be taken: each problem with its 1-based line and column. */
export class JsonTextError extends Error {
  constructor(readonly problems: { line: number; column: number; message: string; syntax: boolean }[]) {
    super(problems.map((p) => `line ${p.line}, column ${p.column}: ${p.message}`).join('\n'))
    this.name = 'JsonTextError'
  }
}

/**
 * Parses strict JSON text into plain values (as JSON.parse would: objects, arrays, strings,
 * numbers, booleans, null; a key such as `__proto__` becomes an own property like any other).
 * Throws JsonTextError naming the line and column of the first syntax error, of every key given
 * twice in one object, or of nesting deeper than MAX_JSON_DEPTH.
 */
export function parseJsonText(text: string): unknown {
  // A byte order mark some editors write: not part of the text.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  checkDepth(text)
  const problems: JsonTextError['problems'] = []
  // The containers being filled, innermost last: each with its own path and the key its next value goes under.
  type Frame = { container: Record<string, unknown> | unknown[]; path: PropertyKey[]; key: string }
  const stack: Frame[] = []
  let root: unknown
  /** Puts a value where it belongs; returns its path. */
  const put = (value: unknown): PropertyKey[] => {
    const top = stack.at(-1)
    if (!top) {
      root = value
      return []
    }
    if (Array.isArray(top.container)) {
      top.container.push(value)
      return [...top.path, top.container.length - 1]
    }
    // An own property whatever the key, `__proto__` included, as JSON.parse makes it.
    Object.defineProperty(top.container, top.key, { value, writable: true, enumerable: true, configurable: true })
    return [...top.path, top.key]
  }
  const open = (container: Frame['container']) => stack.push({ container, path: put(container), key: '' })
  visit(
    text,
    {
      onObjectBegin: () => void open({}),
      onObjectProperty: (key, _offset, _length, line, character) => {
        const top = stack.at(-1)!
        if (Object.hasOwn(top.container, key)) {
          const where = formatPath([...top.path, key])
          problems.push({
            line: line + 1,
            column: character + 1,
            message: `duplicate key ${JSON.stringify(where)}: a key may appear only once in an object`,
            syntax: false
          })
        }
        top.key = key
      },
      onObjectEnd: () => void stack.pop(),
      onArrayBegin: () => void open([]),
      onArrayEnd: () => void stack.pop(),
      onLiteralValue: (value) => void put(value),
      onError: (code: ParseErrorCode, offset, length, line, character) => {
        const known = PARSE_ERRORS[code] ?? { message: 'invalid JSON' }
        const atEnd = offset >= text.length && known.atEnd
        const found = code === 1 ? ` ${JSON.stringify(text.slice(offset, offset + Math.min(length, 20)))}` : ''
        problems.push({ line: line + 1, column: character + 1, message: atEnd || `${known.message}${found}`, syntax: true })
      }
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false }
  )
  // After the first syntax error the parser guesses its way on; what it reports next is noise.
  const firstSyntax = problems.find((p) => p.syntax)
  if (firstSyntax) throw new JsonTextError([firstSyntax])
  if (problems.length > 0) throw new JsonTextError(problems)
  return root
}

/** Refuses nesting deeper than MAX_JSON_DEPTH, counted by the parser's own scanner (brackets in strings do not count). */
function checkDepth(text: string): void {
  const scanner = createScanner(text, true)
  let depth = 0
  for (let token = scanner.scan(); token !== 17; token = scanner.scan()) {
    if (token === 1 || token === 3) depth++
    else if (token === 2 || token === 4) depth--
    if (depth > MAX_JSON_DEPTH) {
      throw new JsonTextError([
        {
          line: scanner.getTokenStartLine() + 1,
          column: scanner.getTokenStartCharacter() + 1,
          message: `nested deeper than ${MAX_JSON_DEPTH} levels`,
          syntax: true
        }
      ])
    }
  }
}

/** A JSON file that cannot be read or taken: `issues` are whole lines, each naming the file. */
export class JsonFileError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('\n'))
    this.name = 'JsonFileError'
  }
}

/**
 * Reads a JSON file: its parsed contents, or JsonFileError naming the file and, for each problem,
 * the line and column (`x.json is not valid JSON: line 3, column 1: …`, `x.json: line 5, column 7:
 * duplicate key "currencies.USD": …`).
 */
export function readJsonFile(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new JsonFileError([`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`])
  }
  try {
    return parseJsonText(text)
  } catch (err) {
    if (!(err instanceof JsonTextError)) throw err
    throw new JsonFileError(err.problems.map((p) => `${path}${p.syntax ? ' is not valid JSON' : ''}: line ${p.line}, column ${p.column}: ${p.message}`))
  }
}
