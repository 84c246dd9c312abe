/** Percentiles for the benchmarks' times, from an HDR histogram (hdr-histogram-js) rather than hand-written statistics. */
import { build } from 'hdr-histogram-js'

export interface Percentiles {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** Percentiles (ms) of times given in ms, recorded at microsecond resolution (3 significant digits). */
export function percentiles(ms: readonly number[]): Percentiles {
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 })
  for (const value of ms) histogram.recordValue(Math.max(1, Math.round(value * 1000)))
  const at = (p: number) => histogram.getValueAtPercentile(p) / 1000
  const result = { count: histogram.totalCount, p50: at(50), p95: at(95), p99: at(99), max: histogram.maxValue / 1000 }
  histogram.destroy()
  return result
}
