import type { FuseV1Config } from '@electron/fuses'

/** What electron-builder's afterPack hook is given (the fields the hook reads). */
export interface PackContext {
  appOutDir: string
  electronPlatformName: string
  /** electron-builder's Arch: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal. */
  arch: number
  packager: { executableName?: string; appInfo: { productFilename: string } }
}

export const KIOSK_FUSES: Readonly<FuseV1Config>
export function packedElectronPath(context: PackContext): string
export function fusesFor(context: PackContext): FuseV1Config
export default function afterPack(context: PackContext, flip?: (path: string, fuses: FuseV1Config) => Promise<unknown>): Promise<void>
