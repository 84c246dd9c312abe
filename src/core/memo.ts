/** Small caches for what is asked again and again of the same object (a snapshot asked for its view by every screen). */

/** `build` remembered for the last argument it was called with (by identity): a new argument builds again. */
export function lastOf<K extends object, V>(build: (key: K) => V): (key: K) => V {
  let last: { key: K; value: V } | null = null
  return (key) => {
    if (last?.key !== key) last = { key, value: build(key) }
    return last.value
  }
}
