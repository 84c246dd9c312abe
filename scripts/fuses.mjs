/**
 * Electron's fuses for the packaged kiosk, flipped by electron-builder's afterPack hook
 * (electron-builder.yml: `afterPack: scripts/fuses.mjs`) before the package is signed and built
 * into an AppImage or a deb. Fuses are bits in the Electron binary itself: a kiosk's binary cannot
 * be turned into a Node.js runtime, an inspector or a loader of code from outside its app.asar,
 * whatever the environment or the command line says (docs/deploy.md, docs/security.md).
 */
import { join } from 'node:path'
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses'

/**
 * Every fuse of the wire set, none left to Electron's default (`strictlyRequireAllFuses`: a new
 * Electron with a fuse this list lacks fails the build instead of shipping that fuse's default).
 */
export const KIOSK_FUSES = Object.freeze({
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would make the kiosk binary a plain Node.js (main never forks a child).
  [FuseV1Options.RunAsNode]: false,
  // The cookie store encrypted with the OS's keys (the kiosk keeps no cookies: a second lock that costs nothing).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could preload code into main.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect, --inspect-brk and SIGUSR1 would open a debugger on main.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar checked against the hash built into the binary (macOS and Windows; Linux has no check yet).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only resources/app.asar: never a loose resources/app folder or default_app.asar put beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // No separate snapshot is built for the main process.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The pages come from kiosk://app (src/main/protocol.ts), never from file://: no extra file:// powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
})

const EXTENSIONS = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' }

/** The Electron binary electron-builder just packed: `<appOutDir>/<executable>` (the .app on macOS). */
export function packedElectronPath(context) {
  const ext = EXTENSIONS[context.electronPlatformName]
  if (ext === undefined) throw new Error(`afterPack: unknown electronPlatformName "${context.electronPlatformName}"`)
  const name = context.electronPlatformName === 'linux' ? context.packager.executableName : context.packager.appInfo.productFilename
  if (typeof name !== 'string' || name === '') throw new Error('afterPack: the packager names no executable')
  return join(context.appOutDir, `${name}${ext}`)
}

/** The fuses for one packed app: KIOSK_FUSES, with the ad-hoc signature reset an unsigned arm64 macOS app needs. */
export function fusesFor(context) {
  // electron-builder's Arch enum: arm64 is 3.
  const armMac = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === 3
  return { ...KIOSK_FUSES, resetAdHocDarwinSignature: armMac }
}

/** electron-builder's afterPack hook: flips the kiosk's fuses in the packed binary. */
export default async function afterPack(context, flip = flipFuses) {
  const path = packedElectronPath(context)
  await flip(path, fusesFor(context))
  console.log(`  • fuses flipped  file=${path}`)
}
