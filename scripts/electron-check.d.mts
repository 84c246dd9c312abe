import type { ChildProcess, spawn } from 'node:child_process'

type Env = Record<string, string | undefined>
export type InstallResult = { ok: true } | { ok: false; reason: string; output: string }

export const NO_ELECTRON_MESSAGE: string
export const ELECTRON_MISSING_MESSAGE: string
export const SHORT_DEADLINE_MS: number
export const LONG_DEADLINE_MS: number
export function findElectronDir(fromDir: string): string | null
export function electronBinary(options: {
  electronDir: string
  env?: Env
  exists?: (path: string) => boolean
  readText?: (path: string) => string
}): string | null
export function mirrorUrl(env?: Env): string
export function usesProxy(env?: Env): boolean
export function downloadDeadlineMs(options: { serverAnswered: boolean; env?: Env }): number
export function probeServer(url: string, timeoutMs?: number): Promise<boolean>
export function runInstaller(options: {
  electronDir: string
  env?: Env
  probe?: (url: string) => Promise<boolean>
  onDownloading?: () => void
  spawnProcess?: (...args: Parameters<typeof spawn>) => ChildProcess
  now?: () => number
}): Promise<InstallResult>
export function ensureElectron(options: {
  root: string
  env?: Env
  onDownloading?: () => void
  install?: (options: { electronDir: string; env: Env; onDownloading?: () => void }) => Promise<InstallResult>
}): Promise<{ ok: true; binary: string } | { ok: false; message: string; detail: string }>
