/**
 * The rules of a model catalogue, in plain TypeScript so that both editions
 * answer the same: a model's lifecycle status at a given time, capability
 * paths, `select` and `latest`, the suggested replacement of a model going
 * away, the diff between two listings, the sanity check on a refresh and the
 * freshness of a snapshot.
 *
 * Models are read structurally: a timestamp is anything with `epochMillis`
 * (Effect 3's `DateTime.Utc`) or `epochMilliseconds` (Effect 4's), so the rules
 * run on decoded models with no conversion.
 *
 * @since 0.3.0
 */
import { type LifecycleStage, lifecycleStages } from "./Wire.js"

/**
 * A point in time. Both editions' `DateTime.Utc` fit: Effect 3 names the
 * field `epochMillis`, Effect 4 `epochMilliseconds`.
 *
 * @since 0.3.0
 * @category models
 */
export type Instant = { readonly epochMillis: number } | { readonly epochMilliseconds: number }

/**
 * An instant's milliseconds since the epoch, whichever edition made it.
 *
 * @since 0.3.0
 * @category models
 */
export const millisOf = (instant: Instant): number =>
  "epochMillis" in instant ? instant.epochMillis : instant.epochMilliseconds

/**
 * What the rules read of a decoded model.
 *
 * @since 0.3.0
 * @category models
 */
export interface CatalogModel {
  readonly id: string
  readonly created_at: Instant
  readonly max_input_tokens?: number | null | undefined
  readonly max_tokens?: number | null | undefined
  readonly capabilities?: { readonly [name: string]: unknown } | null | undefined
  readonly lifecycle?: string | null | undefined
  readonly line?: string | null | undefined
  readonly deprecated_at?: Instant | null | undefined
  readonly retires_at?: Instant | null | undefined
}

/**
 * A model's status as the catalogue judges it.
 *
 * @since 0.3.0
 * @category lifecycle
 */
export type Status = "active" | "deprecated" | "retired"

/**
 * The lifecycle policy: what using a deprecated or retired model does.
 *
 * @since 0.3.0
 * @category lifecycle
 */
export type Policy = "off" | "warn" | "fail"

/**
 * The catalogue's defaults, in milliseconds where they are durations.
 *
 * @since 0.3.0
 * @category defaults
 */
export const defaults = {
  /** A snapshot younger than this is fresh. */
  ttlMillis: 10 * 60_000,
  /** A snapshot older than this is not served any more, even when refreshing fails. */
  maxStaleMillis: 24 * 60 * 60_000,
  /** After a failed or refused refresh, no new attempt for this long (callers keep the snapshot). */
  retryAfterErrorMillis: 30_000,
  /** A refresh must keep at least this fraction of the snapshot's models to be applied. */
  minRetained: 0.5,
  /** How long a fleet's refresh lock is held at most. */
  lockTtlMillis: 30_000,
  /** How often a process without a snapshot looks for the one another process is fetching. */
  lockPollMillis: 100,
  /** The stages a catalogue lists: all of them, so that it can warn about retired models without a request. */
  lifecycle: lifecycleStages as ReadonlyArray<LifecycleStage>,
  /** The stages `select` returns unless asked: the API's default listing. */
  selectLifecycle: ["active", "deprecated"] as ReadonlyArray<Status>,
  policy: "warn" as Policy
} as const

const rank: Readonly<Record<Status, number>> = { active: 0, deprecated: 1, retired: 2 }

/**
 * The status of a model at `nowMillis`: the later of what `lifecycle` says
 * and what `deprecated_at` / `retires_at` say for that time. A stage the
 * client does not know counts as active unless the dates say otherwise.
 *
 * @since 0.3.0
 * @category lifecycle
 */
export const statusAt = (model: CatalogModel, nowMillis: number): Status => {
  let status: Status = model.lifecycle === "retired" || model.lifecycle === "deprecated" ? model.lifecycle : "active"
  if (rank[status] < 1 && model.deprecated_at != null && nowMillis >= millisOf(model.deprecated_at)) {
    status = "deprecated"
  }
  if (rank[status] < 2 && model.retires_at != null && nowMillis >= millisOf(model.retires_at)) status = "retired"
  return status
}

const isRecord = (u: unknown): u is { readonly [key: string]: unknown } => typeof u === "object" && u !== null

/**
 * Whether a model supports a capability given as a dotted path
 * (`"pdf_input"`, `"thinking.types.adaptive"`): the object at the path has
 * `supported: true`, and so does every object above it that has a
 * `supported` flag (a model without `effort` has no effort level).
 *
 * @since 0.3.0
 * @category capabilities
 */
export const supports = (model: CatalogModel, path: string): boolean => {
  let node: unknown = model.capabilities
  for (const key of path.split(".")) {
    if (!isRecord(node)) return false
    if ("supported" in node && node.supported !== true) return false
    node = Object.hasOwn(node, key) ? node[key] : undefined
  }
  return isRecord(node) && node.supported === true
}

const collectPaths = (node: { readonly [key: string]: unknown }, prefix: string, into: Array<string>): void => {
  for (const key of Object.keys(node)) {
    if (key === "supported") continue
    const child = node[key]
    if (!isRecord(child)) continue
    if ("supported" in child && child.supported !== true) continue
    const path = prefix === "" ? key : `${prefix}.${key}`
    if (child.supported === true) into.push(path)
    collectPaths(child, path, into)
  }
}

/**
 * Every capability path a model supports, in the order of its data.
 *
 * @since 0.3.0
 * @category capabilities
 */
export const supportedPaths = (model: CatalogModel): ReadonlyArray<string> => {
  const paths: Array<string> = []
  if (isRecord(model.capabilities)) collectPaths(model.capabilities, "", paths)
  return paths
}

/**
 * What `select` filters on. Every field narrows; none set means every model
 * that is active or deprecated.
 *
 * @since 0.3.0
 * @category queries
 */
export interface Query<Path extends string = string> {
  /** Capability paths the model must support, all of them. */
  readonly capabilities?: ReadonlyArray<Path> | undefined
  /** At least this `max_input_tokens` (a model that does not say is left out). */
  readonly minInputTokens?: number | undefined
  /** At least this `max_tokens` (a model that does not say is left out). */
  readonly minOutputTokens?: number | undefined
  /** Only these model lines (`"opus"`, `"sonnet"`, ...). */
  readonly lines?: ReadonlyArray<string> | undefined
  /** Only these statuses, judged at the time of the query. Default active and deprecated: never retired unless asked. */
  readonly lifecycle?: ReadonlyArray<Status> | undefined
}

/**
 * Newest first by `created_at`; models of the same date keep their order.
 *
 * @since 0.3.0
 * @category queries
 */
export const newestFirst = <M extends CatalogModel>(models: ReadonlyArray<M>): Array<M> =>
  models
    .map((model, index) => ({ model, index }))
    .sort((a, b) => millisOf(b.model.created_at) - millisOf(a.model.created_at) || a.index - b.index)
    .map(({ model }) => model)

/**
 * The models that match a query at `nowMillis`, newest first.
 *
 * @since 0.3.0
 * @category queries
 */
export const select = <M extends CatalogModel>(
  models: ReadonlyArray<M>,
  query: Query,
  nowMillis: number
): Array<M> => {
  const stages = new Set(query.lifecycle ?? defaults.selectLifecycle)
  const lines = query.lines === undefined ? undefined : new Set(query.lines)
  return newestFirst(models.filter((model) =>
    stages.has(statusAt(model, nowMillis)) &&
    (lines === undefined || (model.line != null && lines.has(model.line))) &&
    (query.minInputTokens === undefined ||
      (model.max_input_tokens != null && model.max_input_tokens >= query.minInputTokens)) &&
    (query.minOutputTokens === undefined ||
      (model.max_tokens != null && model.max_tokens >= query.minOutputTokens)) &&
    (query.capabilities ?? []).every((path) => supports(model, path))
  ))
}

/**
 * The newest model of a line that is not retired at `nowMillis`.
 *
 * @since 0.3.0
 * @category queries
 */
export const latest = <M extends CatalogModel>(
  models: ReadonlyArray<M>,
  line: string,
  nowMillis: number
): M | undefined => select(models, { lines: [line] }, nowMillis)[0]

/**
 * The model to suggest instead of one that is deprecated or retired: the
 * newest active model of the same line that supports at least every
 * capability the model supports. Undefined when there is none (or the model
 * names no line).
 *
 * @since 0.3.0
 * @category lifecycle
 */
export const replacementFor = <M extends CatalogModel>(
  model: CatalogModel,
  models: ReadonlyArray<M>,
  nowMillis: number
): M | undefined => {
  if (model.line == null) return undefined
  const needed = supportedPaths(model)
  return select(models, { lines: [model.line], lifecycle: ["active"], capabilities: needed }, nowMillis)
    .find((candidate) => candidate.id !== model.id)
}

/**
 * One difference between two listings.
 *
 * @since 0.3.0
 * @category diff
 */
export type Change<M> =
  | { readonly _tag: "Added"; readonly model: M }
  | { readonly _tag: "Removed"; readonly model: M }
  | { readonly _tag: "Changed"; readonly before: M; readonly after: M; readonly fields: ReadonlyArray<string> }

const isInstant = (u: unknown): u is Instant =>
  isRecord(u) && !Array.isArray(u) && (typeof u.epochMillis === "number" || typeof u.epochMilliseconds === "number")

/**
 * Structural equality over decoded data: instants by their milliseconds (so two
 * decodings of one timestamp are equal), arrays by element, objects by own
 * keys, anything else by `Object.is`.
 *
 * @since 0.3.0
 * @category diff
 */
export const equalData = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true
  if (!isRecord(a) || !isRecord(b)) return false
  if (isInstant(a) || isInstant(b)) return isInstant(a) && isInstant(b) && millisOf(a) === millisOf(b)
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
      a.every((item: unknown, i) => equalData(item, b[i]))
  }
  const keysA = Object.keys(a).filter((key) => a[key] !== undefined)
  const keysB = Object.keys(b).filter((key) => b[key] !== undefined)
  return keysA.length === keysB.length && keysA.every((key) => Object.hasOwn(b, key) && equalData(a[key], b[key]))
}

/**
 * The fields (top-level keys) whose values differ between two versions of a
 * model, in the order they first appear.
 *
 * @since 0.3.0
 * @category diff
 */
export const changedFields = (before: object, after: object): ReadonlyArray<string> => {
  const a: { readonly [key: string]: unknown } = { ...before }
  const b: { readonly [key: string]: unknown } = { ...after }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  return keys.filter((key) => !equalData(a[key], b[key]))
}

/**
 * What changed from one listing to the next: `Added` and `Changed` in the
 * order of `after`, then `Removed` in the order of `before`. Identical
 * listings give no change at all.
 *
 * @since 0.3.0
 * @category diff
 */
export const diff = <M extends { readonly id: string }>(
  before: ReadonlyArray<M>,
  after: ReadonlyArray<M>
): Array<Change<M>> => {
  const beforeById = new Map(before.map((model) => [model.id, model]))
  const afterIds = new Set(after.map((model) => model.id))
  const changes: Array<Change<M>> = []
  for (const model of after) {
    const old = beforeById.get(model.id)
    if (old === undefined) {
      changes.push({ _tag: "Added", model })
    } else {
      const fields = changedFields(old, model)
      if (fields.length > 0) changes.push({ _tag: "Changed", before: old, after: model, fields })
    }
  }
  for (const model of before) {
    if (!afterIds.has(model.id)) changes.push({ _tag: "Removed", model })
  }
  return changes
}

/**
 * The sanity check on a refresh: a listing with no model, or with fewer
 * than `minRetained` of the snapshot's models, looks like an outage or a
 * wrong filter rather than the catalogue, so it is not applied. Any listing
 * is plausible when there is no snapshot yet.
 *
 * @since 0.3.0
 * @category refresh
 */
export const isPlausibleRefresh = (
  snapshotSize: number | undefined,
  refreshedSize: number,
  minRetained: number = defaults.minRetained
): boolean =>
  snapshotSize === undefined || snapshotSize === 0 ||
  (refreshedSize > 0 && refreshedSize >= Math.ceil(snapshotSize * minRetained))

/**
 * How a snapshot of a given age is served: `fresh` as it is, `stale` at once
 * while one refresh runs, `expired` not at all (callers wait for a refresh).
 *
 * @since 0.3.0
 * @category refresh
 */
export type Freshness = "fresh" | "stale" | "expired"

/**
 * The freshness of a snapshot `ageMillis` old.
 *
 * @since 0.3.0
 * @category refresh
 */
export const freshness = (ageMillis: number, ttlMillis: number, maxStaleMillis: number): Freshness =>
  ageMillis < ttlMillis ? "fresh" : ageMillis < Math.max(ttlMillis, maxStaleMillis) ? "stale" : "expired"

const isoDate = (instant: Instant | null | undefined): string | undefined =>
  instant == null ? undefined : new Date(millisOf(instant)).toISOString()

/**
 * The text of the lifecycle warning (and of the policy's errors): the
 * model, its status, `retires_at` and the suggested replacement.
 *
 * @since 0.3.0
 * @category messages
 */
export const lifecycleMessage = (
  requested: string,
  model: CatalogModel,
  status: Exclude<Status, "active">,
  replacement: string | undefined
): string => {
  const name = requested === model.id ? model.id : `${requested} (${model.id})`
  const retires = isoDate(model.retires_at)
  const when = status === "retired"
    ? retires === undefined ? "is retired" : `was retired on ${retires}`
    : retires === undefined
    ? "is deprecated"
    : `is deprecated and retires on ${retires}`
  const instead = replacement === undefined
    ? "no active model of its line supports the same capabilities"
    : `use ${replacement} instead`
  return `Model ${name} ${when}: ${instead}`
}
