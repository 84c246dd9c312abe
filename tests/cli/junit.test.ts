/** `--junit FILE` of `kiosk-sim coverage` and `kiosk-sim paths`: well-formed JUnit XML, a test case per file or path, failures with the step. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { escapeXml, junitXml } from '../../src/cli/junit'
import { main } from '../../src/cli/main'

const SCENARIOS = join(import.meta.dirname, '../scenarios')
const dir = mkdtempSync(join(tmpdir(), 'kiosk-junit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function cli(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const decode = (text: string, where: number) =>
  text.replace(/&([^;]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`a bare "&" at ${where}`)
    if (name in ENTITIES) return ENTITIES[name]!
    if (/^#\d+$/.test(name)) return String.fromCodePoint(Number(name.slice(1)))
    if (/^#x[0-9a-f]+$/i.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16))
    throw new Error(`an unknown entity &${name}; at ${where}`)
  })

/** A strict little XML parser (elements, attributes, text, the five entities and character references): throws on anything not well-formed. */
function parseXml(xml: string): XmlElement {
  let at = 0
  const fail = (what: string): never => {
    throw new Error(`not well-formed XML at ${at}: ${what} (found ${JSON.stringify(xml.slice(at, at + 20))})`)
  }
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(xml)
  if (!declaration) fail('expected the XML declaration')
  at = declaration![0].length
  const name = () => {
    const m = /^[A-Za-z_][\w.-]*/.exec(xml.slice(at))
    if (!m) fail('expected a name')
    at += m![0].length
    return m![0]
  }
  const element = (): XmlElement => {
    if (xml[at] !== '<') fail('expected "<"')
    at++
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: '' }
    for (;;) {
      const space = /^\s*/.exec(xml.slice(at))![0]
      at += space.length
      if (xml.startsWith('/>', at)) {
        at += 2
        return el
      }
      if (xml[at] === '>') {
        at++
        break
      }
      if (!space) fail('expected a space before an attribute')
      const attribute = name()
      if (attribute in el.attributes) fail(`attribute ${attribute} given twice`)
      const m = /^="([^"<]*)"/.exec(xml.slice(at))
      if (!m) fail(`expected ="…" after ${attribute}`)
      el.attributes[attribute] = decode(m![1]!, at)
      at += m![0].length
    }
    for (;;) {
      const text = /^[^<]*/.exec(xml.slice(at))![0]
      if (text.includes('>') && /]]>/.test(text)) fail('"]]>" in text')
      el.text += decode(text, at)
      at += text.length
      if (xml.startsWith('</', at)) {
        at += 2
        if (name() !== el.name) fail(`expected </${el.name}>`)
        if (xml[at] !== '>') fail('expected ">"')
        at++
        return el
      }
      if (at >= xml.length) fail(`<${el.name}> is not closed`)
      el.children.push(element())
    }
  }
  const root = element()
  if (xml.slice(at).trim() !== '') fail('text after the root element')
  return root
}

const all = (el: XmlElement, name: string): XmlElement[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))]

describe('JUnit XML', () => {
  it('escapes what XML cannot hold as it is, and the parser reads it back', () => {
    const nasty = `<a & "b"> 'c' ]]> \u0001 tenge ₸ 中文\nline`
    const xml = junitXml({
      name: nasty,
      time: 1.23456,
      properties: [[nasty, 5]],
      cases: [{ name: nasty, classname: 'x', time: 0, failure: { message: nasty, type: 't', text: nasty } }]
    })
    const root = parseXml(xml)
    const read = nasty.replace('\u0001', '')
    expect(root.attributes).toMatchObject({ name: read, tests: '1', failures: '1', time: '1.235' })
    expect(all(root, 'property')[0]!.attributes).toEqual({ name: read, value: '5' })
    expect(all(root, 'failure')[0]!.attributes.message).toBe(read)
    expect(all(root, 'failure')[0]!.text).toBe(read)
    expect(escapeXml('a&b<c>"\'')).toBe('a&amp;b&lt;c&gt;&quot;&apos;')
    // the parser itself refuses what is not well-formed
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?><a b="<"/>')).toThrow()
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?><a>&</a>')).toThrow(/bare/)
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?><a><b></a>')).toThrow(/expected <\/b>/)
  })

  it('coverage --junit: one test case per file; a failure names the step, the step itself and the expectation that failed', async () => {
    const wrong = join(dir, 'wrong-balance.json')
    const steps = JSON.parse(readFileSync(join(SCENARIOS, 'fails-expectation-balance.json'), 'utf8')).steps
    writeFileSync(wrong, JSON.stringify({ name: 'A wrong <balance> & more', steps }))
    const file = join(dir, 'coverage.xml')
    const run = await cli('coverage', join(SCENARIOS, 'tenge-top-up.json'), wrong, '--junit', file, '--no-shrink')
    expect(run.code).toBe(1)
    const root = parseXml(readFileSync(file, 'utf8'))
    const [suite] = all(root, 'testsuite')
    expect(suite!.attributes).toMatchObject({ tests: '2', failures: '1', errors: '0' })
    expect(Number(suite!.attributes.time)).toBeGreaterThan(0)
    const cases = all(suite!, 'testcase')
    expect(cases.map((c) => c.attributes.name)).toEqual([join(SCENARIOS, 'tenge-top-up.json'), wrong])
    expect(cases[0]!.children).toEqual([])
    const failure = all(cases[1]!, 'failure')[0]!
    expect(failure.attributes.message).toBe('step 6 (expect screen=receipt, balanceKzt=2000) failed: balanceKzt is 1500, expected 2000')
    expect(failure.attributes.type).toBe('expectation')
    const properties = Object.fromEntries(all(suite!, 'property').map((p) => [p.attributes.name, p.attributes.value]))
    expect(properties['coverage.all.transitions.percent']).toMatch(/^[\d.]+$/)
    expect(properties['coverage.all.states']).toMatch(/^\d+\/\d+$/)
    expect(properties['requirement.REQ-CASH']).toBe('met 1/1')
    expect(properties['requirement.REQ-BILL-JAM']).toBe('not met 0/1')
  })

  it('paths --junit: one passing test case per path written, each replayed from a fresh kiosk', async () => {
    const out = join(dir, 'walk')
    const file = join(dir, 'paths.xml')
    const run = await cli('paths', '--generator', 'random(length(40))', '--seed', '3', '--profile', 'standard,slowHost', '--out', out, '--junit', file)
    expect(run.code, run.stderr).toBe(0)
    const suite = all(parseXml(readFileSync(file, 'utf8')), 'testsuite')[0]!
    const cases = all(suite, 'testcase')
    expect(suite.attributes).toMatchObject({ tests: String(cases.length), failures: '0' })
    expect(cases.length).toBeGreaterThanOrEqual(1)
    const manifest = JSON.parse(readFileSync(join(out, 'kiosk-sim-paths.json'), 'utf8'))
    expect(cases.map((c) => c.attributes.name)).toEqual(manifest.files.map((f: { file: string }) => f.file))
    expect(cases.every((c) => c.children.length === 0)).toBe(true)
    expect(suite.attributes.name).toBe('kiosk-sim paths --generator "random(length(40))" --seed 3 --profile standard,slowHost')
  }, 60_000)
})
