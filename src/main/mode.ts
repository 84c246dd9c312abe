/**
 * Where the app runs and where its pages come from: kiosk mode or a developer's window,
 * the electron-vite dev server or the built files. Plain functions of their inputs.
 */
import { isAbsolute, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The pages the renderer build produces, one per window. */
export type RendererPage = 'index.html' | 'technician.html' | 'statechart.html'

/** The renderer's pages: served by the dev server, or built files on disk. */
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

/** Where to load `page` from: a URL for the dev server, a file path for the built app. */
export function pageLocation(page: RendererPage, source: RendererSource): { url: string } | { file: string } {
  return source.kind === 'devServer' ? { url: new URL(page, source.baseUrl).href } : { file: join(source.dir, page) }
}

/** Whether `url` is one of the app's own pages (same dev-server origin, or a file inside the renderer folder). */
export function isAppUrl(url: string, source: RendererSource): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (source.kind === 'devServer') return parsed.origin === source.origin
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false
  let path: string
  try {
    path = fileURLToPath(parsed)
  } catch {
    return false
  }
  const inside = relative(source.dir, path)
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)
}
