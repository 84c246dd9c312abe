/** The benchmarks' percentiles: times in ms in, the HDR histogram's percentiles out in ms, sub-millisecond times kept. */
import { describe, expect, it } from 'vitest'
import { percentiles } from '../../scripts/latencyBenchStats'

describe('benchmark percentiles', () => {
  it('reads p50, p95, p99 and the maximum of times in ms', () => {
    const times = Array.from({ length: 1000 }, (_, i) => (i + 1) / 10) // 0.1 … 100 ms
    const p = percentiles(times)
    expect(p.count).toBe(1000)
    expect(p.p50).toBeCloseTo(50, 1)
    expect(p.p95).toBeCloseTo(95, 1)
    expect(p.p99).toBeCloseTo(99, 1)
    expect(p.max).toBeCloseTo(100, 1)
  })

  it('keeps a time under a millisecond and never records zero', () => {
    expect(percentiles([0.25, 0.25, 0.25]).p50).toBeCloseTo(0.25, 3)
    expect(percentiles([0]).max).toBe(0.001)
  })
})
