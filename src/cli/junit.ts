/**
 * `--junit FILE`: JUnit XML for CI servers (docs/testing.md, "Exit codes and reports"). One
 * <testsuite> per report, one <testcase> per replayed file with a <failure> naming the step and
 * the expectation; the coverage figures and every requirement as <properties>, so the XML is red
 * exactly when the command's exit code is.
 */
import { writeFileSync } from 'node:fs'

export interface JUnitCase {
  name: string
  classname: string
  /** Seconds. */
  time: number
  failure?: { message: string; type: string; text: string }
}

export interface JUnitSuite {
  name: string
  /** Seconds, for the whole suite. */
  time: number
  properties: readonly (readonly [string, string | number])[]
  cases: readonly JUnitCase[]
}

/** Text as XML character data or an attribute value: the five special characters escaped, characters XML 1.0 cannot hold dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // Control characters other than tab, newline and carriage return, lone surrogates and U+FFFE/U+FFFF are not allowed in XML 1.0.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Newlines in an attribute would be read back as spaces.
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
      .replace(/\t/g, '&#9;')
  )
}

const seconds = (s: number) => (Math.round(s * 1000) / 1000).toFixed(3)
const attrs = (pairs: Record<string, string | number>) =>
  Object.entries(pairs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('')

/** The suite as a JUnit XML document (<testsuites> holding one <testsuite>). */
export function junitXml(suite: JUnitSuite): string {
  const failures = suite.cases.filter((c) => c.failure).length
  const counts = { tests: suite.cases.length, failures, errors: 0, skipped: 0, time: seconds(suite.time) }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: suite.name, ...counts })}>`]
  lines.push(`  <testsuite${attrs({ name: suite.name, ...counts })}>`)
  if (suite.properties.length > 0) {
    lines.push('    <properties>')
    for (const [name, value] of suite.properties) lines.push(`      <property${attrs({ name, value })}/>`)
    lines.push('    </properties>')
  }
  for (const c of suite.cases) {
    const open = `    <testcase${attrs({ name: c.name, classname: c.classname, time: seconds(c.time) })}`
    if (!c.failure) lines.push(`${open}/>`)
    else {
      lines.push(`${open}>`)
      lines.push(`      <failure${attrs({ message: c.failure.message, type: c.failure.type })}>${escapeXml(c.failure.text)}</failure>`)
      lines.push('    </testcase>')
    }
  }
  lines.push('  </testsuite>', '</testsuites>')
  return lines.join('\n') + '\n'
}

/** Writes the suite to FILE. */
export function writeJUnit(file: string, suite: JUnitSuite): void {
  writeFileSync(file, junitXml(suite))
}
