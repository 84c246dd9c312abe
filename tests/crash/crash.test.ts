/**
 * The crash test inside `npm test`: 80 SIGKILLs (CI's time budget; `npm run test:crash` runs 200 and more) of a real kiosk process at journal write points
 * and random moments, then the money audit. The seed is printed; CRASH_SEED=N replays a run
 * (`npm run test:crash -- --seed N` does the same outside vitest; `-- --http` with the HTTP host). The long run is documented in
 * docs/reliability.md.
 */
import { expect, it } from 'vitest'
import { formatCrashResult, runCrashTest } from './harness'

const KILLS = 80

it('80 kills lose and double no tenge', async () => {
  const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31)
  const result = await runCrashTest({ kills: KILLS, seed })
  console.log(formatCrashResult(result))
  expect(result.kills).toBe(KILLS)
  expect(result.kills - result.killsAtMoments, 'kills right after journal writes').toBeGreaterThan(30)
  expect(result.notesStacked, 'notes went in between the kills').toBeGreaterThan(12)
  expect(result.violations, `seed ${seed}`).toEqual([])
}, 300_000)

it('with the HTTP host: 8 kills, most with a credit in flight, lose and double no tenge', async () => {
  const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31)
  const result = await runCrashTest({ kills: 8, seed, http: true })
  console.log(formatCrashResult(result))
  expect(result.kills).toBe(8)
  expect(result.tengeCredited, 'credits reached the HTTP host').toBeGreaterThan(0)
  expect(result.violations, `seed ${seed}`).toEqual([])
}, 300_000)
