/**
 * ≥ 1 000 random event sequences against the core in `npm test` (tests/fuzz/model.ts). The seed is
 * printed; FUZZ_SEED=N replays, FUZZ_RUNS=N changes the count (`npm run test:fuzz -- --runs N`).
 */
import { expect, it } from 'vitest'
import { fuzz } from './model'

it('no random sequence of intents, hardware events, faults and waits breaks an invariant', async () => {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31)
  const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1000
  console.log(`fuzz: ${runs} sequences, seed ${seed} (replay: FUZZ_SEED=${seed})`)
  const stats = await fuzz(runs, seed)
  console.log(
    `fuzz: ${stats.sequences} sequences passed (${stats.commands} commands generated), ${stats.notesStacked} notes stacked, ${stats.credits} credits, ${stats.flagged} flagged`
  )
  // The sequences must reach the money, or they prove little.
  expect(stats.credits).toBeGreaterThan(runs / 20)
}, 600_000)
