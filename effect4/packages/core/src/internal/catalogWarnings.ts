// One lifecycle warning per model and status per process, whatever the number of catalogues in it.
// Effect 4 has no GlobalValue: the registry lives on globalThis under a registered symbol, so that
// two copies of this module in one process (two bundles, say) still share it.
const key = Symbol.for("@anthropic-effect/core/effect4/ModelCatalog/warned")

const registry = (): Set<string> => {
  const existing: unknown = Reflect.get(globalThis, key)
  if (existing instanceof Set) return existing
  const created = new Set<string>()
  Reflect.set(globalThis, key, created)
  return created
}

const warned = registry()

/** True the first time a model is seen in a status in this process. */
export const firstTime = (modelId: string, status: string): boolean => {
  const entry = `${status}\u0000${modelId}`
  if (warned.has(entry)) return false
  warned.add(entry)
  return true
}
