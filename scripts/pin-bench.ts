/**
 * How long a staff PIN check takes with the default scrypt parameters (src/core/service/pins.ts):
 * the kiosk checks a PIN while staff wait at the PIN pad, so it should stay well under half a
 * second on the kiosk's hardware. `npm run bench:pin [-- --runs 10]`; docs/benchmarks.md has the figures.
 */
import { parseScriptArgs } from './scriptArgs'
import { wholeNumberOption } from './wholeNumberOption'
import { hashPin, PIN_SCRYPT, verifyPin } from '../src/core/service/pins'

const { values } = parseScriptArgs({ options: { runs: { type: 'string', default: '10' } } })
const runs = wholeNumberOption('runs', values.runs)
const stored = hashPin('4821')
const times: number[] = []
for (let i = 0; i < runs; i++) {
  const start = performance.now()
  if (!verifyPin('4821', stored)) throw new Error('the PIN did not verify')
  times.push(performance.now() - start)
}
times.sort((a, b) => a - b)
const median = times[Math.floor(times.length / 2)]!
console.log(
  `PIN check, scrypt N=${PIN_SCRYPT.N} r=${PIN_SCRYPT.r} p=${PIN_SCRYPT.p}: median ${median.toFixed(0)} ms, slowest ${times.at(-1)!.toFixed(0)} ms over ${runs} checks`
)
