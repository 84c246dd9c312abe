/**
 * Where the app runs and where its pages come from: kiosk mode or a developer's window,
 * the electron-vite dev server or the built files (served on kiosk://app/, ./protocol.ts). Plain functions of their inputs.
 */
import { join } from 'node:path'
import { isKioskUrl, KIOSK_BASE_URL } from './protocol'

/** The pages the renderer build produces, one per window. */
export type RendererPage = 'index.html' | 'technician.html' | 'statechart.html'

/** The renderer's pages: served by the dev server, or built files on disk (`dir`) served on kiosk://app/. */
export type RendererSource = { kind: 'devServer'; origin: string; baseUrl: string } | { kind: 'files'; dir: string }

export interface LaunchFacts {
  isPackaged: boolean
  env: Record<string, string | undefined>
}

/** Kiosk mode (full screen, no frame, no shortcuts) for a packaged app or when KIOSK_MODE=1. */
export function isKioskMode({ isPackaged, env }: LaunchFacts): boolean {
  return isPackaged || env.KIOSK_MODE === '1'
}

/** The dev server's URL when `electron-vite dev` runs an unpackaged app, else `out/renderer`. */
export function rendererSource({ isPackaged, env }: LaunchFacts, mainDir: string): RendererSource {
  const devUrl = env.ELECTRON_RENDERER_URL
  if (!isPackaged && devUrl) {
    const url = new URL(devUrl)
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return { kind: 'devServer', origin: url.origin, baseUrl: url.href.endsWith('/') ? url.href : `${url.href}/` }
    }
  }
  return { kind: 'files', dir: join(mainDir, '..', 'renderer') }
}

/** The URL to load `page` from: the dev server's, or kiosk://app/ for the built files (never file://). */
export function pageUrl(page: RendererPage, source: RendererSource): string {
  return new URL(page, source.kind === 'devServer' ? source.baseUrl : KIOSK_BASE_URL).href
}

/** Whether `url` is one of the app's own pages: the dev server's origin, or kiosk://app for the built app (file:// never is). */
export function isAppUrl(url: string, source: RendererSource): boolean {
  if (source.kind === 'files') return isKioskUrl(url)
  try {
    return new URL(url).origin === source.origin
  } catch {
    return false
  }
}
