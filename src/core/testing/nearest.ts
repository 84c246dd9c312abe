/** The name nearest to a misspelt one, for "did you mean …?" in errors (edit distance, case aside). */

/** Levenshtein distance: the fewest characters inserted, removed or changed to turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)))
    previous = row
  }
  return previous[b.length]!
}

/**
 * The name nearest to `written` (compared in lower case), or undefined when even the nearest differs in more than a third of
 * its characters (at least 2 are forgiven): a suggestion far off misleads more than it helps.
 */
export function nearest(written: string, names: readonly string[]): string | undefined {
  const lower = written.toLowerCase()
  let best: { name: string; distance: number } | undefined
  for (const name of names) {
    const distance = editDistance(lower, name.toLowerCase())
    if (!best || distance < best.distance) best = { name, distance }
  }
  return best && best.distance <= Math.max(2, Math.floor(written.length / 3)) ? best.name : undefined
}
