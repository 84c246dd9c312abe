/** A kiosk given the host's card key file (`--card-key`, KIOSK_SIM_CARD_KEY) uses it, and refuses one that is not there. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cardReference } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadOrCreateCardKey } from '../../src/node/cardKey'
import { CardKeyFileError, createNodeKiosk } from '../../src/node/nodeKiosk'

const dir = mkdtempSync(join(tmpdir(), 'card-key-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('createNodeKiosk with cardKeyFile', () => {
  it('names cards in the journal with that key, and makes none in its data folder', async () => {
    const keyFile = join(dir, 'host-card-key.bin')
    const key = loadOrCreateCardKey(keyFile)
    const clock = new VirtualClock(Date.UTC(2026, 11, 7, 6))
    const kiosk = createNodeKiosk({ dataDir: join(dir, 'kiosk'), clock, cardKeyFile: keyFile })
    try {
      const [card] = kiosk.technicianView().cards
      expect(card!.cardRef).toBe(cardReference('9398000011112222', key))
      expect(existsSync(join(dir, 'kiosk', 'card-key.bin'))).toBe(false)
    } finally {
      kiosk.stop()
    }
  })

  it('refuses a key file that does not exist rather than making a key the host does not have', () => {
    const missing = join(dir, 'typo.bin')
    expect(() => createNodeKiosk({ dataDir: join(dir, 'other'), cardKeyFile: missing })).toThrow(`card key file not found: ${missing}`)
    expect(existsSync(missing)).toBe(false)
  })

  it('refuses a damaged key file or a folder in its place, naming the file, before the data folder is taken', () => {
    const short = join(dir, 'short.bin')
    writeFileSync(short, 'short')
    expect(() => createNodeKiosk({ dataDir: join(dir, 'third'), cardKeyFile: short })).toThrow(CardKeyFileError)
    expect(() => createNodeKiosk({ dataDir: join(dir, 'third'), cardKeyFile: short })).toThrow(
      `card key file ${short}: the card key file ${short} is shorter than 32 bytes`
    )
    expect(() => createNodeKiosk({ dataDir: join(dir, 'third'), cardKeyFile: dir })).toThrow(/EISDIR/)
    // The data folder was not locked by the refused starts: a kiosk opens it.
    const clock = new VirtualClock(Date.UTC(2026, 11, 7, 6))
    createNodeKiosk({ dataDir: join(dir, 'third'), clock }).stop()
  })
})
