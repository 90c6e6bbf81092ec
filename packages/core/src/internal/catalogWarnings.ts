import * as GlobalValue from "effect/GlobalValue"

// One lifecycle warning per model and status per process, whatever the number of catalogues in it.
const warned = GlobalValue.globalValue(
  Symbol.for("@anthropic-effect/core/ModelCatalog/warned"),
  () => new Set<string>()
)

/** True the first time a model is seen in a status in this process. */
export const firstTime = (modelId: string, status: string): boolean => {
  const key = `${status}\u0000${modelId}`
  if (warned.has(key)) return false
  warned.add(key)
  return true
}
