/**
 * fewestNotes solves only the remainder past a bound with its table (the rest are largest notes):
 * the same answers as the whole table, and a table that stays small for any total, so a tiny rate
 * (millions of units to pay) no longer costs every view of the cash screen a table of millions.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fewestNotes } from '../../src/core/money'

/** The plain table over every sum up to the total: the fewest notes, or null. */
function fewestByTable(total: number, values: readonly number[]): number | null {
  const best: number[] = [0]
  for (let sum = 1; sum <= total; sum++) {
    let min = Infinity
    for (const v of values) if (sum - v >= 0 && best[sum - v]! + 1 < min) min = best[sum - v]! + 1
    best[sum] = min
  }
  return best[total] === Infinity ? null : best[total]!
}

describe('fewestNotes', () => {
  it('finds as few notes as the whole table, for the same totals, adding up exactly (fast-check)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 20_000 }), (values, total) => {
        const notes = fewestNotes(total, values)
        const count = fewestByTable(total, values)
        if (count === null) expect(notes).toBeNull()
        else {
          expect(notes).not.toBeNull()
          expect(notes!.length).toBe(count)
          expect(notes!.reduce((a, b) => a + b, 0)).toBe(total)
          for (const n of notes!) expect(values).toContain(n)
          expect([...notes!].sort((a, b) => b - a)).toEqual(notes)
        }
      }),
      { numRuns: 500 }
    )
  })

  it('pays millions of units with the largest note and a small remainder', () => {
    const notes = fewestNotes(5_000_037, [1, 2, 5, 10, 20, 50, 100])!
    expect(notes.length).toBe(50_000 + 4) // 50 000 × 100, then 20 + 10 + 5 + 2
    expect(notes.slice(-4)).toEqual([20, 10, 5, 2])
    expect(fewestNotes(3_000_001, [2, 4])).toBeNull()
  })
})
