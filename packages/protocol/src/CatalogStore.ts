/**
 * How a catalogue snapshot is kept outside the process, so that both
 * editions (and several processes, whichever edition they run) read and
 * write the same thing: the key of a snapshot, the stored document, and the
 * refresh lock a fleet shares through Redis.
 *
 * @since 0.3.0
 */
import type { ModelJson } from "./Json.js"

/**
 * What a snapshot is a snapshot of: one per combination.
 *
 * @since 0.3.0
 * @category keys
 */
export interface Scope {
  readonly betas?: ReadonlyArray<string> | undefined
  readonly workspaceId?: string | undefined
  readonly lifecycle?: ReadonlyArray<string> | undefined
  /** Set it to keep apart the catalogues of different accounts sharing a store. */
  readonly namespace?: string | undefined
}

// FNV-1a, 32 bits: a short stable name, not a secret.
const fnv1a = (text: string): string => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, "0")
}

/**
 * The scope as one canonical string: betas and stages sorted, so the same
 * set in another order is the same snapshot.
 *
 * @since 0.3.0
 * @category keys
 */
export const canonicalScope = (scope: Scope): string =>
  JSON.stringify([
    scope.namespace ?? "",
    [...(scope.betas ?? [])].sort(),
    scope.workspaceId ?? "",
    [...(scope.lifecycle ?? [])].sort()
  ])

/**
 * The key of a snapshot in a key-value store: safe as a file name, a
 * `localStorage` key and a Redis key.
 *
 * @since 0.3.0
 * @category keys
 */
export const snapshotKey = (scope: Scope): string => `anthropic-model-catalog-v1-${fnv1a(canonicalScope(scope))}`

/**
 * The key of a snapshot's refresh lock.
 *
 * @since 0.3.0
 * @category keys
 */
export const lockKey = (scope: Scope): string => `${snapshotKey(scope)}-lock`

/**
 * The stored document.
 *
 * @since 0.3.0
 * @category models
 */
export interface Stored {
  readonly format: typeof format
  /** The scope, canonical, so a hash collision is never read as a match. */
  readonly scope: string
  /** When the listing was fetched, epoch milliseconds. */
  readonly fetchedAt: number
  /** The listing as the API sent it (each edition's encoded models). */
  readonly models: ReadonlyArray<ModelJson>
}

/**
 * The version of the stored document.
 *
 * @since 0.3.0
 * @category models
 */
export const format = "anthropic-model-catalog@1" as const

/**
 * The stored text of a snapshot.
 *
 * @since 0.3.0
 * @category codec
 */
export const encode = (scope: Scope, fetchedAt: number, models: ReadonlyArray<ModelJson>): string =>
  JSON.stringify({ format, scope: canonicalScope(scope), fetchedAt, models } satisfies Stored)

const isRecord = (u: unknown): u is { readonly [key: string]: unknown } => typeof u === "object" && u !== null

/**
 * Reads a stored text back, or undefined when it is not a snapshot of this
 * scope in this format (truncated, from another version, another scope).
 * The models are only checked to be objects; the edition's schema decodes
 * them.
 *
 * @since 0.3.0
 * @category codec
 */
export const decode = (
  scope: Scope,
  text: string
): { readonly fetchedAt: number; readonly models: unknown } | undefined => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(parsed) || parsed.format !== format || parsed.scope !== canonicalScope(scope)) return undefined
  const { fetchedAt, models } = parsed
  if (typeof fetchedAt !== "number" || !Number.isFinite(fetchedAt) || !Array.isArray(models)) return undefined
  return { fetchedAt, models }
}

/**
 * The Redis commands of the refresh lock. A process takes the lock with
 * `SET key token NX PX ttl` before listing, so one process of a fleet
 * lists per TTL; it gives it back only if it still holds it (the lock may
 * have expired and been taken by another), hence the script.
 *
 * @since 0.3.0
 * @category lock
 */
export const redisLock = {
  acquire: (key: string, token: string, ttlMillis: number): ReadonlyArray<string> => [
    "SET",
    key,
    token,
    "NX",
    "PX",
    String(Math.max(1, Math.ceil(ttlMillis)))
  ],
  /** `EVAL release 1 key token`: deletes the key only when it holds the token. */
  release: "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end"
} as const
