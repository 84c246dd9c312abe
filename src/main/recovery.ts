/**
 * A window whose renderer crashed, was killed or stopped answering gets its page back: the state
 * lives in main (the core), so a reload loses nothing but a picture. Each loss is journaled with
 * why (`screenRecovered`). A renderer that dies again at once is reloaded after a growing pause,
 * so a page that crashes as it loads cannot spin the machine.
 */
import type { RenderProcessGoneDetails, WebContents } from 'electron'
import type { RecordData, ScreenLossReason } from '../core/domain/journalRecords'

export type ScreenRecovery = RecordData<'screenRecovered'>
export type RecoveredWindow = ScreenRecovery['window']

/** Electron's render-process-gone reasons in the journal's words. */
const REASONS: Record<RenderProcessGoneDetails['reason'], ScreenLossReason> = {
  'clean-exit': 'cleanExit',
  'abnormal-exit': 'abnormalExit',
  killed: 'killed',
  crashed: 'crashed',
  oom: 'oom',
  'launch-failed': 'launchFailed',
  'integrity-failure': 'integrityFailure',
  'memory-eviction': 'memoryEviction'
}

/** Losses closer together than this count as one crash loop: the next reload waits longer. */
export const CRASH_LOOP_MS = 30_000
/** The first pause in a crash loop, doubled at each loss up to MAX_RELOAD_DELAY_MS. */
export const FIRST_RELOAD_DELAY_MS = 1_000
export const MAX_RELOAD_DELAY_MS = 60_000

export type WatchedContents = Pick<WebContents, 'on' | 'isDestroyed' | 'forcefullyCrashRenderer'>

export interface RecoveryOptions {
  window: RecoveredWindow
  contents: WatchedContents
  /** Loads the window's own page again. */
  reload: () => void
  /** Journals the loss (the runtime's `recordScreenRecovered`). */
  journal: (recovery: ScreenRecovery) => void
  log: (line: string) => void
  now?: () => number
  setTimer?: (run: () => void, ms: number) => unknown
}

/** The reason Electron gave, in the journal's words (an unknown one counts as a crash). */
export function lossReason(reason: string): ScreenLossReason {
  return Object.hasOwn(REASONS, reason) ? REASONS[reason as RenderProcessGoneDetails['reason']] : 'crashed'
}

/** Watches one window's renderer: reloads it after it is gone or hung, and journals why. */
export function watchRenderer(options: RecoveryOptions): void {
  const { window, contents, log } = options
  const now = options.now ?? Date.now
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms))
  let lastLoss = -Infinity
  let delay = 0
  // Main ended a hung renderer itself: its render-process-gone is that loss, already journaled.
  let endedByMain = false

  const journal = (recovery: ScreenRecovery): void => {
    log(`[kiosk] the ${window} window's page is gone (${recovery.reason}${recovery.exitCode === undefined ? '' : `, exit ${recovery.exitCode}`}): reloading`)
    try {
      options.journal(recovery)
    } catch (error) {
      log(`[kiosk] could not journal the ${window} window's loss: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const reloadSoon = (): void => {
    const at = now()
    delay = at - lastLoss < CRASH_LOOP_MS ? Math.min(Math.max(delay * 2, FIRST_RELOAD_DELAY_MS), MAX_RELOAD_DELAY_MS) : 0
    lastLoss = at
    const reload = (): void => {
      if (!contents.isDestroyed()) options.reload()
    }
    if (delay === 0) reload()
    else setTimer(reload, delay)
  }

  contents.on('render-process-gone', (_event, details) => {
    if (contents.isDestroyed()) return
    if (endedByMain) endedByMain = false
    else journal({ window, reason: lossReason(details.reason), exitCode: details.exitCode })
    reloadSoon()
  })
  contents.on('unresponsive', () => {
    if (contents.isDestroyed() || endedByMain) return
    journal({ window, reason: 'unresponsive' })
    endedByMain = true
    // Ends the renderer: its render-process-gone reloads the page (Electron's own advice for a hung page).
    contents.forcefullyCrashRenderer()
  })
}
