/**
 * `npm run test:fuzz -- [--runs N] [--seed S]`: random event sequences against the core
 * (tests/fuzz/model.ts, docs/testing.md). Exits 1 with fast-check's shrunk counterexample and
 * replay path when an invariant breaks.
 */
import { parseScriptArgs } from './scriptArgs'
import { fuzz } from '../tests/fuzz/model'
import { wholeNumberOption } from './wholeNumberOption'

const { values } = parseScriptArgs({ options: { runs: { type: 'string', default: '1000' }, seed: { type: 'string' } } })
const runs = wholeNumberOption('runs', values.runs)
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed)
if (!Number.isInteger(seed)) {
  console.error(`--seed: expected a whole number, got "${values.seed}"`)
  process.exit(2)
}
console.log(`fuzz: ${runs} sequences, seed ${seed}`)
const started = Date.now()
try {
  const stats = await fuzz(runs, seed)
  console.log(
    `fuzz: ${stats.sequences} sequences passed (${stats.commands} commands), ${stats.notesStacked} notes stacked, ${stats.credits} credits, ${stats.flagged} flagged, in ${((Date.now() - started) / 1000).toFixed(1)} s`
  )
} catch (err) {
  console.error(String((err as Error).message))
  process.exit(1)
}
