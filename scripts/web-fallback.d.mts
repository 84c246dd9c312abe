import type { ChildProcess, spawn } from 'node:child_process'

type Env = Record<string, string | undefined>
export type BrowserOpener = { command: string; args: string[] }

export const RENDERER_SOURCES: string[]
export function nodeForWebHost(options: { root: string; version?: string; execPath?: string; exists?: (path: string) => boolean }): string | null
export function rendererIsCurrent(root: string): boolean
export function findOnPath(name: string, env?: Env, canRun?: (path: string) => boolean): string | null
export function findBrowserOpener(options?: { platform?: NodeJS.Platform; env?: Env; find?: (name: string, env: Env) => string | null }): BrowserOpener | null
export function openInBrowser(
  opener: BrowserOpener,
  url: string,
  options: { onFailed: (reason: string) => void; spawnProcess?: (...args: Parameters<typeof spawn>) => ChildProcess }
): void
export function kioskUrlIn(line: string): string | null
