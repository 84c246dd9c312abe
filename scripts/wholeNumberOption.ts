/** The bench and fuzz scripts' count options: a whole number of at least 1, or exit 2 naming the option. */
export function wholeNumberOption(name: string, text: string | undefined): number {
  const n = Number(text)
  if (Number.isInteger(n) && n >= 1) return n
  console.error(`--${name}: expected a whole number of at least 1, got "${text}"`)
  process.exit(2)
}
