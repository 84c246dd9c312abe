/**
 * Browser-test harness: the real web host (built renderer, SQLite journal) in this process and
 * Debian's Chromium driven by playwright-core.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createNodeKiosk } from '../../src/node/nodeKiosk'
import { startWebHost, type WebHost } from '../../src/hosts/webServer'

export const ROOT = resolve(import.meta.dirname, '../..')
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface Harness {
  url: string
  browser: Browser
  runtime: ReturnType<typeof createNodeKiosk>
  close(): Promise<void>
}

export async function startHarness(configOverride: unknown = {}): Promise<Harness> {
  const rendererDir = join(ROOT, 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing: run "npx electron-vite build" (npm test does it) before the browser tests')
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`)
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'))
  const runtime = createNodeKiosk({ dataDir, configOverride })
  const host: WebHost = await startWebHost({ runtime, rendererDir, port: 0, log: () => {} })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  return {
    url: host.url,
    browser,
    runtime,
    close: async () => {
      await browser.close()
      await host.close()
      runtime.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** Opens the kiosk screen and the technician panel side by side, as a trainer would. */
export async function openKioskAndPanel(h: Harness, viewport = { width: 1280, height: 800 }) {
  const kiosk = await h.browser.newPage({ viewport })
  const panel = await h.browser.newPage({ viewport: { width: 1400, height: 1000 } })
  await kiosk.goto(h.url)
  await panel.goto(`${h.url}technician`)
  await kiosk.getByTestId('screen-idle').waitFor()
  return { kiosk, panel }
}

export async function expectScreen(page: Page, screen: string): Promise<void> {
  await page.getByTestId(`screen-${screen}`).waitFor({ state: 'visible', timeout: 10_000 })
}

/** Layout problems a person would see: content wider or taller than the screen, clipped text. */
export async function layoutProblems(page: Page, options: { scrolls?: boolean } = {}): Promise<string[]> {
  return page.evaluate((scrolls) => {
    const problems: string[] = []
    const { innerWidth, innerHeight } = window
    const root = document.documentElement
    if (root.scrollWidth > innerWidth + 1) problems.push(`page is ${root.scrollWidth}px wide, screen ${innerWidth}px`)
    if (!scrolls && root.scrollHeight > innerHeight + 1) problems.push(`page is ${root.scrollHeight}px tall, screen ${innerHeight}px`)
    // The kiosk's main area may not scroll either: a kiosk screen has no scroll bar to find.
    for (const main of Array.from(document.querySelectorAll<HTMLElement>('.kiosk-main'))) {
      if (!scrolls && main.scrollHeight > main.clientHeight + 1) problems.push(`main area scrolls: ${main.scrollHeight}px in ${main.clientHeight}px`)
    }
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden' || !el.textContent?.trim()) continue
      const clipsX = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis'
      const clipsY = ['hidden', 'clip'].includes(style.overflowY)
      if ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1)) problems.push(`clipped text: "${el.textContent.trim().slice(0, 40)}"`)
      const box = el.getBoundingClientRect()
      if (box.width > 0 && (box.right > innerWidth + 1 || box.left < -1)) problems.push(`off screen: <${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 40)}"`)
    }
    return [...new Set(problems)].slice(0, 10)
  }, options.scrolls ?? false)
}

/**
 * Text that looks like an untranslated message key (`screen.card.title`). The receipt drawn as SVG is
 * left out: its text is the core's receipt document (its labels are tested there), and its e-receipt
 * address (receipts.demo-transit.kz) would look like a key.
 */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const receipts = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="receipt-svg"]'))
    for (const r of receipts) r.style.display = 'none'
    const shown = document.body.innerText
    for (const r of receipts) r.style.display = ''
    return shown
  })
  return text.match(/\b[a-z][A-Za-z]+(?:\.[a-z][A-Za-z0-9]+){1,}\b/g) ?? []
}

export async function screenshot(page: Page, language: string, name: string): Promise<void> {
  const dir = join(SCREENSHOTS, language)
  mkdirSync(dir, { recursive: true })
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: join(dir, `${name}.png`) })
}
