/** Small caches for what is asked again and again of the same object (a snapshot asked for its view by every screen). */

/** `build` remembered for the last argument it was called with (by identity): a new argument builds again. */
export function lastOf<K extends object, V>(build: (key: K) => V): (key: K) => V {
  let last: { key: K; value: V } | null = null
  return (key) => {
    if (last?.key !== key) last = { key, value: build(key) }
    return last.value
  }
}

/**
 * `build` remembered for the last key and dependency (both by identity): the dependency is
 * something `build` reads beside its key (a child actor's snapshot beside its parent's), so either
 * one new builds again.
 */
export function lastOfWith<K extends object, D, V>(build: (key: K) => V): (key: K, dependency: D) => V {
  let last: { key: K; dependency: D; value: V } | null = null
  return (key, dependency) => {
    if (last?.key !== key || last.dependency !== dependency) last = { key, dependency, value: build(key) }
    return last.value
  }
}
