import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { FakeWebContents, fakeEvent } from './fakeElectron'
import { CRASH_LOOP_MS, FIRST_RELOAD_DELAY_MS, MAX_RELOAD_DELAY_MS, lossReason, watchRenderer, type ScreenRecovery } from '../../src/main/recovery'

vi.mock('electron', () => import('./fakeElectron'))

let contents: FakeWebContents
let reload: Mock<() => void>
let journaled: ScreenRecovery[]
let timers: { run: () => void; ms: number }[]
let clock: number

beforeEach(() => {
  contents = new FakeWebContents()
  reload = vi.fn<() => void>()
  journaled = []
  timers = []
  clock = 1_000_000
  watchRenderer({
    window: 'kiosk',
    contents: contents as never,
    reload,
    journal: (r) => journaled.push(r),
    log: () => {},
    now: () => clock,
    setTimer: (run, ms) => timers.push({ run, ms })
  })
})

const gone = (reason: string, exitCode = 0) => contents.emit('render-process-gone', fakeEvent(), { reason, exitCode })

describe('a window whose renderer is gone', () => {
  it('reloads its page at once and journals why', () => {
    gone('crashed', 11)
    expect(reload).toHaveBeenCalledTimes(1)
    expect(journaled).toEqual([{ window: 'kiosk', reason: 'crashed', exitCode: 11 }])
  })

  it.each([
    ['oom', 'oom'],
    ['launch-failed', 'launchFailed'],
    ['integrity-failure', 'integrityFailure'],
    ['abnormal-exit', 'abnormalExit'],
    ['clean-exit', 'cleanExit'],
    ['memory-eviction', 'memoryEviction'],
    ['something-new', 'crashed']
  ])('journals Electron’s %s as %s', (reason, journal) => {
    expect(lossReason(reason)).toBe(journal)
  })

  it('waits longer each time it dies again within the crash-loop window, and starts afresh after a quiet spell', () => {
    gone('crashed')
    clock += 5_000
    gone('crashed')
    clock += 5_000
    gone('crashed')
    expect(reload).toHaveBeenCalledTimes(1)
    expect(timers.map((t) => t.ms)).toEqual([FIRST_RELOAD_DELAY_MS, FIRST_RELOAD_DELAY_MS * 2])
    for (let i = 0; i < 10; i++) {
      clock += 1_000
      gone('crashed')
    }
    expect(timers.at(-1)!.ms).toBe(MAX_RELOAD_DELAY_MS)
    timers[0]!.run()
    expect(reload).toHaveBeenCalledTimes(2)
    clock += CRASH_LOOP_MS + 1
    gone('killed')
    expect(reload).toHaveBeenCalledTimes(3)
    expect(journaled).toHaveLength(14)
  })

  it('does nothing for a window already closed', () => {
    contents.destroyed = true
    gone('crashed')
    contents.emit('unresponsive')
    expect(reload).not.toHaveBeenCalled()
    expect(journaled).toEqual([])
  })

  it('does not reload a window closed while it waited', () => {
    gone('crashed')
    clock += 1_000
    gone('crashed')
    contents.destroyed = true
    timers[0]!.run()
    expect(reload).toHaveBeenCalledTimes(1)
  })
})

describe('a window whose renderer hangs', () => {
  it('ends the renderer, journals `unresponsive` once (not the kill that follows) and reloads once', () => {
    contents.emit('unresponsive')
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1)
    expect(journaled).toEqual([{ window: 'kiosk', reason: 'unresponsive' }])
    expect(reload).toHaveBeenCalledTimes(1)
    // A later crash of its own is journaled again.
    clock += CRASH_LOOP_MS + 1
    gone('crashed', 5)
    expect(journaled.at(-1)).toEqual({ window: 'kiosk', reason: 'crashed', exitCode: 5 })
  })

  it('keeps going when the journal cannot be written', () => {
    const log = vi.fn()
    const other = new FakeWebContents()
    const reloadOther = vi.fn()
    watchRenderer({
      window: 'technician',
      contents: other as never,
      reload: reloadOther,
      log,
      journal: () => {
        throw new Error('disk full')
      }
    })
    other.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 })
    expect(reloadOther).toHaveBeenCalledTimes(1)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('disk full'))
  })
})
