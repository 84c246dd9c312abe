/**
 * axe-core in the browser tests: the WCAG 2.x A and AA rules run once on a page as it is shown,
 * inside the sweeps that already visit every screen (screens, serviceScreens), so no screen is
 * visited twice for it.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AxeResults, RunOptions } from 'axe-core'
import type { Page } from 'playwright-core'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: what EN 301 549 asks of a self-service terminal's screen. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * axe's violations on the page as it is now, one line each (`rule: selector — what to fix`).
 * The script goes in once per document, evaluated as the test's own script (the page's CSP
 * forbids inline scripts); `exclude` leaves selectors out (none today).
 */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  // A button fading from disabled to enabled would be judged mid-way (its contrast between the two): every
  // transition or finite animation is taken to its end first; a spinner's endless one is left to turn.
  await page.evaluate(() => {
    for (const animation of document.getAnimations()) if (animation.effect?.getComputedTiming().iterations !== Infinity) animation.finish()
  })
  return page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: RunOptions): Promise<AxeResults> } }).axe
      const context = exclude.length > 0 ? { exclude: exclude.map((selector) => [selector]) } : document
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
      return result.violations.flatMap((v) =>
        v.nodes.slice(0, 3).map((node) => `${v.id}: ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim() ?? v.help}`)
      )
    },
    { tags: AXE_TAGS, exclude }
  )
}
