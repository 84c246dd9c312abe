/** The fuses flipped at packaging (scripts/fuses.mjs) and the packaging config that runs them (electron-builder.yml). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { FuseV1Options, FuseVersion } from '@electron/fuses'
import { describe, expect, it, vi } from 'vitest'
import afterPack, { KIOSK_FUSES, fusesFor, packedElectronPath, type PackContext } from '../../scripts/fuses.mjs'

const ROOT = join(import.meta.dirname, '../..')
const BUILDER_YML = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')

const linux = (arch = 1): PackContext => ({
  appOutDir: '/build/dist/linux-unpacked',
  electronPlatformName: 'linux',
  arch,
  packager: { executableName: 'kiosk-sim', appInfo: { productFilename: 'Top-up Kiosk Simulator' } }
})

/** The YAML's top-level `key: value` lines and the items under a key (the file is plain block YAML). */
const topLevel = (key: string): string | undefined => new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(BUILDER_YML)?.[1]
const itemsUnder = (key: string, indent: string): string[] => {
  const block = new RegExp(`^${indent}${key}:\\n((?:${indent}  .*\\n|\\s*#.*\\n)+)`, 'm').exec(BUILDER_YML)?.[1] ?? ''
  return [...block.matchAll(new RegExp(`^${indent}  - (.+)$`, 'gm'))].map((m) => m[1]!)
}

describe('the fuses', () => {
  it('are exactly: no RunAsNode, NODE_OPTIONS or --inspect; ASAR integrity; app.asar only; no file:// extras; cookies encrypted', () => {
    expect(KIOSK_FUSES).toEqual({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
    })
    expect(Object.isFrozen(KIOSK_FUSES)).toBe(true)
  })

  it('name every fuse @electron/fuses knows, so a new one fails the build instead of keeping its default', () => {
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number')
    expect(known.length).toBeGreaterThanOrEqual(8)
    for (const fuse of known) expect(KIOSK_FUSES, FuseV1Options[fuse]).toHaveProperty(String(fuse))
  })

  it('are flipped by the afterPack hook in the packed Linux binary, with flipFuses mocked', async () => {
    const flip = vi.fn(async () => undefined)
    vi.spyOn(console, 'log').mockImplementation(() => {})
    await afterPack(linux(), flip)
    expect(flip).toHaveBeenCalledTimes(1)
    expect(flip).toHaveBeenCalledWith('/build/dist/linux-unpacked/kiosk-sim', { ...KIOSK_FUSES, resetAdHocDarwinSignature: false })
  })

  it('find the binary on each platform and reset the ad-hoc signature of an arm64 macOS app only', () => {
    const mac = { ...linux(3), electronPlatformName: 'darwin', appOutDir: '/build/mac-arm64' }
    expect(packedElectronPath(mac)).toBe('/build/mac-arm64/Top-up Kiosk Simulator.app')
    expect(packedElectronPath({ ...linux(), electronPlatformName: 'win32', appOutDir: 'C:/b' })).toBe(join('C:/b', 'Top-up Kiosk Simulator.exe'))
    expect(fusesFor(mac).resetAdHocDarwinSignature).toBe(true)
    expect(fusesFor({ ...mac, arch: 1 }).resetAdHocDarwinSignature).toBe(false)
    expect(fusesFor(linux(3)).resetAdHocDarwinSignature).toBe(false)
  })

  it('refuse a platform or a packager they do not know, naming it', async () => {
    const flip = vi.fn()
    await expect(afterPack({ ...linux(), electronPlatformName: 'beos' }, flip)).rejects.toThrow(/electronPlatformName "beos"/)
    expect(() => packedElectronPath({ ...linux(), packager: { appInfo: { productFilename: 'x' } } })).toThrow(/names no executable/)
    expect(flip).not.toHaveBeenCalled()
  })
})

describe('electron-builder.yml', () => {
  it('runs the fuses hook after packing, and nothing else flips fuses', () => {
    expect(topLevel('afterPack')).toBe('./scripts/fuses.mjs')
    expect(topLevel('electronFuses')).toBeUndefined()
    expect(topLevel('asar')).toBe('true')
  })

  it('builds an AppImage and a deb with a fixed executable name', () => {
    expect(itemsUnder('target', '  ').slice(0, 2)).toEqual(['AppImage', 'deb'])
    expect(topLevel('executableName')).toBe('kiosk-sim')
  })

  it('gives the deb what Electron needs under a Wayland kiosk compositor, on old and new Debian names', () => {
    const depends = itemsUnder('depends', '  ')
    for (const lib of ['libnss3', 'libgbm1', 'libasound2 | libasound2t64', 'libgtk-3-0 | libgtk-3-0t64', 'libatspi2.0-0 | libatspi2.0-0t64'])
      expect(depends).toContain(lib)
    expect(itemsUnder('recommends', '  ')).toEqual(['cage'])
  })
})
