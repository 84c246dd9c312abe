/**
 * The crash test inside `npm test`: 200 SIGKILLs of a real kiosk process at journal write points
 * and random moments, then the money audit. The seed is printed; CRASH_SEED=N replays a run
 * (`npm run test:crash -- --seed N` does the same outside vitest). The long run is documented in
 * docs/reliability.md.
 */
import { expect, it } from 'vitest'
import { formatCrashResult, runCrashTest } from './harness'

it('200 kills lose and double no tenge', async () => {
  const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31)
  const result = await runCrashTest({ kills: 200, seed })
  console.log(formatCrashResult(result))
  expect(result.kills).toBe(200)
  expect(result.kills - result.killsAtMoments, 'kills right after journal writes').toBeGreaterThan(50)
  expect(result.notesStacked, 'notes went in between the kills').toBeGreaterThan(20)
  expect(result.violations, `seed ${seed}`).toEqual([])
}, 300_000)
