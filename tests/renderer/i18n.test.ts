import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '../../src/core/protocol'
import { messages } from '../../src/renderer/src/i18n'

type Tree = { [key: string]: string | Tree }

/** Every message as `path.to.key` → text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const flat = Object.fromEntries(LANGUAGES.map((code) => [code, flatten(messages[code] as unknown as Tree)])) as Record<
  (typeof LANGUAGES)[number],
  Map<string, string>
>
const english = flat.en
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const withoutPlaceholders = (text: string) => text.replace(/\{\w+\}/g, '')

describe('kiosk messages', () => {
  it('has messages for every kiosk language', () => {
    expect(Object.keys(messages).sort()).toEqual([...LANGUAGES].sort())
  })

  it.each(LANGUAGES)('%s has exactly the English key set', (code) => {
    expect([...flat[code].keys()].sort()).toEqual([...english.keys()].sort())
  })

  it.each(LANGUAGES)('%s has no empty message', (code) => {
    const empty = [...flat[code]].filter(([, text]) => text.trim() === '').map(([key]) => key)
    expect(empty).toEqual([])
  })

  it.each(LANGUAGES)('%s uses the same placeholders as English in every message', (code) => {
    for (const [key, text] of flat[code]) expect(placeholders(text), `${code}: ${key}`).toEqual(placeholders(english.get(key)!))
  })

  it.each(['kk', 'ru', 'zh'] as const)('%s has no English left in it', (code) => {
    for (const [key, text] of flat[code]) {
      expect(text, `${code}: ${key} is the English text`).not.toBe(english.get(key))
      expect(withoutPlaceholders(text), `${code}: ${key} has Latin letters`).not.toMatch(/[A-Za-z]/)
    }
  })

  it('writes Kazakh with its own letters, not Russian look-alikes', () => {
    const kazakh = [...flat.kk.values()].join(' ')
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і']) expect(kazakh, letter).toContain(letter)
    // Some words are the same in both (Карта, Бонус, Терминал); a whole sentence is a Russian leftover.
    const sameAsRussian = [...flat.kk].filter(([key, text]) => text === flat.ru.get(key))
    for (const [key, text] of sameAsRussian)
      expect(withoutPlaceholders(text).trim().split(/\s+/).length, `kk: ${key} is the Russian text`).toBeLessThanOrEqual(2)
  })

  it('writes Chinese in Chinese characters', () => {
    for (const [key, text] of flat.zh) expect(withoutPlaceholders(text), key).toMatch(/[\u4e00-\u9fff]/)
  })

  it('uses no vue-i18n syntax characters that would break a message', () => {
    for (const code of LANGUAGES) for (const [key, text] of flat[code]) expect(withoutPlaceholders(text), `${code}: ${key}`).not.toMatch(/[@|{}$]/)
  })
})
