/**
 * The model catalogues the mock serves: the real Claude line-up as a fixture,
 * its aliases, and synthetic catalogues of any size for tests and benchmarks.
 * All in the API's JSON form, newest first, as the API lists them.
 *
 * @since 0.2.0
 */
import type { CapabilityJson, CapabilityName, ModelJson } from "./Json.js"
import { capabilityNames } from "./Json.js"
import type { LifecycleStage } from "./Wire.js"

/**
 * A catalogue's `capabilities`: every name of `Json.capabilityNames`, each
 * supported or not.
 *
 * @since 0.2.0
 * @category models
 */
export type Capabilities = { readonly [K in CapabilityName]?: CapabilityJson }

/**
 * A model of a catalogue: a `ModelJson` whose optional fields have the
 * precise types an edition's schema decodes.
 *
 * @since 0.2.0
 * @category models
 */
export interface Model extends ModelJson {
  readonly max_input_tokens?: number
  readonly max_tokens?: number
  readonly capabilities?: Capabilities
  readonly lifecycle?: LifecycleStage
  readonly line?: string
  readonly deprecated_at?: string | null
  readonly retires_at?: string | null
}

const capabilities = (supported: ReadonlyArray<CapabilityName>): Capabilities => {
  const result: { -readonly [K in CapabilityName]?: CapabilityJson } = {}
  for (const name of capabilityNames) result[name] = { supported: supported.includes(name) }
  return result
}

interface Entry {
  readonly id: string
  readonly display_name: string
  readonly created_at: string
  readonly line: string
  readonly lifecycle: LifecycleStage
  readonly max_input_tokens: number
  readonly max_tokens: number
  readonly supports: ReadonlyArray<CapabilityName>
  readonly deprecated_at?: string
  readonly retires_at?: string
}

const claude4 = ["batch", "citations", "code_execution", "image_input", "pdf_input", "thinking"] as const

/**
 * Release dates, lifecycle dates, context windows and output limits are from
 * Anthropic's public model announcements and model/deprecation pages as far
 * as the authors could check them; capabilities are filled in where public.
 * Lifecycle is as of the fixture's date: a model whose retirement date has
 * passed is `retired`.
 */
const entries: ReadonlyArray<Entry> = [
  {
    id: "claude-opus-4-5-20251101",
    display_name: "Claude Opus 4.5",
    created_at: "2025-11-24T00:00:00Z",
    line: "opus",
    lifecycle: "active",
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    supports: [...claude4, "context_management", "effort", "structured_outputs"]
  },
  {
    id: "claude-haiku-4-5-20251001",
    display_name: "Claude Haiku 4.5",
    created_at: "2025-10-15T00:00:00Z",
    line: "haiku",
    lifecycle: "active",
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    supports: [...claude4, "context_management", "structured_outputs"]
  },
  {
    id: "claude-sonnet-4-5-20250929",
    display_name: "Claude Sonnet 4.5",
    created_at: "2025-09-29T00:00:00Z",
    line: "sonnet",
    lifecycle: "active",
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    supports: [...claude4, "context_management", "structured_outputs"]
  },
  {
    id: "claude-opus-4-1-20250805",
    display_name: "Claude Opus 4.1",
    created_at: "2025-08-05T00:00:00Z",
    line: "opus",
    lifecycle: "active",
    max_input_tokens: 200_000,
    max_tokens: 32_000,
    supports: [...claude4, "structured_outputs"]
  },
  {
    id: "claude-opus-4-20250514",
    display_name: "Claude Opus 4",
    created_at: "2025-05-22T00:00:00Z",
    line: "opus",
    lifecycle: "active",
    max_input_tokens: 200_000,
    max_tokens: 32_000,
    supports: claude4
  },
  {
    id: "claude-sonnet-4-20250514",
    display_name: "Claude Sonnet 4",
    created_at: "2025-05-22T00:00:00Z",
    line: "sonnet",
    lifecycle: "active",
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    supports: claude4
  },
  {
    id: "claude-3-7-sonnet-20250219",
    display_name: "Claude Sonnet 3.7",
    created_at: "2025-02-24T00:00:00Z",
    line: "sonnet",
    lifecycle: "retired",
    max_input_tokens: 200_000,
    max_tokens: 64_000,
    supports: claude4,
    deprecated_at: "2025-10-28T00:00:00Z",
    retires_at: "2026-02-19T00:00:00Z"
  },
  {
    id: "claude-3-5-haiku-20241022",
    display_name: "Claude Haiku 3.5",
    created_at: "2024-10-22T00:00:00Z",
    line: "haiku",
    lifecycle: "retired",
    max_input_tokens: 200_000,
    max_tokens: 8_192,
    supports: ["batch", "citations", "code_execution", "image_input", "pdf_input"],
    deprecated_at: "2025-12-19T00:00:00Z",
    retires_at: "2026-02-19T00:00:00Z"
  },
  {
    id: "claude-3-5-sonnet-20241022",
    display_name: "Claude Sonnet 3.5 (New)",
    created_at: "2024-10-22T00:00:00Z",
    line: "sonnet",
    lifecycle: "retired",
    max_input_tokens: 200_000,
    max_tokens: 8_192,
    supports: ["batch", "citations", "image_input", "pdf_input"],
    deprecated_at: "2025-08-13T00:00:00Z",
    retires_at: "2025-10-22T00:00:00Z"
  },
  {
    id: "claude-3-5-sonnet-20240620",
    display_name: "Claude Sonnet 3.5 (Old)",
    created_at: "2024-06-20T00:00:00Z",
    line: "sonnet",
    lifecycle: "retired",
    max_input_tokens: 200_000,
    max_tokens: 8_192,
    supports: ["batch", "image_input"],
    deprecated_at: "2025-08-13T00:00:00Z",
    retires_at: "2025-10-22T00:00:00Z"
  },
  {
    id: "claude-3-haiku-20240307",
    display_name: "Claude Haiku 3",
    created_at: "2024-03-07T00:00:00Z",
    line: "haiku",
    lifecycle: "active",
    max_input_tokens: 200_000,
    max_tokens: 4_096,
    supports: ["batch", "image_input"]
  },
  {
    id: "claude-3-opus-20240229",
    display_name: "Claude Opus 3",
    created_at: "2024-02-29T00:00:00Z",
    line: "opus",
    lifecycle: "retired",
    max_input_tokens: 200_000,
    max_tokens: 4_096,
    supports: ["batch", "image_input"],
    deprecated_at: "2025-06-30T00:00:00Z",
    retires_at: "2026-01-05T00:00:00Z"
  },
  {
    id: "claude-3-sonnet-20240229",
    display_name: "Claude Sonnet 3",
    created_at: "2024-02-29T00:00:00Z",
    line: "sonnet",
    lifecycle: "retired",
    max_input_tokens: 200_000,
    max_tokens: 4_096,
    supports: ["batch", "image_input"],
    deprecated_at: "2025-01-21T00:00:00Z",
    retires_at: "2025-07-21T00:00:00Z"
  },
  {
    id: "claude-2.1",
    display_name: "Claude 2.1",
    created_at: "2023-11-21T00:00:00Z",
    line: "claude-2",
    lifecycle: "retired",
    max_input_tokens: 200_000,
    max_tokens: 4_096,
    supports: [],
    deprecated_at: "2025-01-21T00:00:00Z",
    retires_at: "2025-07-21T00:00:00Z"
  },
  {
    id: "claude-2.0",
    display_name: "Claude 2.0",
    created_at: "2023-07-11T00:00:00Z",
    line: "claude-2",
    lifecycle: "retired",
    max_input_tokens: 100_000,
    max_tokens: 4_096,
    supports: [],
    deprecated_at: "2025-01-21T00:00:00Z",
    retires_at: "2025-07-21T00:00:00Z"
  }
]

/**
 * The Claude models, newest first, with the live API's optional fields.
 *
 * @since 0.2.0
 * @category fixtures
 */
export const claudeModels: ReadonlyArray<Model> = entries.map((entry) => ({
  id: entry.id,
  type: "model",
  display_name: entry.display_name,
  created_at: entry.created_at,
  max_input_tokens: entry.max_input_tokens,
  max_tokens: entry.max_tokens,
  capabilities: capabilities(entry.supports),
  lifecycle: entry.lifecycle,
  line: entry.line,
  deprecated_at: entry.deprecated_at ?? null,
  retires_at: entry.retires_at ?? null
}))

/**
 * Aliases that `GET /v1/models/{model_id}` resolves to a dated model id.
 *
 * @since 0.2.0
 * @category fixtures
 */
export const claudeAliases: Readonly<Record<string, string>> = {
  "claude-opus-4-5": "claude-opus-4-5-20251101",
  "claude-haiku-4-5": "claude-haiku-4-5-20251001",
  "claude-sonnet-4-5": "claude-sonnet-4-5-20250929",
  "claude-opus-4-1": "claude-opus-4-1-20250805",
  "claude-opus-4-0": "claude-opus-4-20250514",
  "claude-sonnet-4-0": "claude-sonnet-4-20250514",
  "claude-3-7-sonnet-latest": "claude-3-7-sonnet-20250219",
  "claude-3-5-haiku-latest": "claude-3-5-haiku-20241022"
}

/**
 * Options of `synthetic`.
 *
 * @since 0.2.0
 * @category models
 */
export interface SyntheticOptions {
  /** Prefix of every id. Default `claude-synthetic`. */
  readonly idPrefix?: string | undefined
  /** Include the live API's optional fields. Default true. */
  readonly detailed?: boolean | undefined
}

const lines = ["haiku", "sonnet", "opus"] as const
const stages = ["active", "active", "active", "deprecated"] as const

/**
 * A synthetic catalogue of `size` models, newest first, with unique ids
 * (`claude-synthetic-000042`) and realistic field shapes. Deterministic: the
 * same size gives the same catalogue. Every model is active or deprecated, so
 * the API's default filter lists them all.
 *
 * @since 0.2.0
 * @category constructors
 */
export const synthetic = (size: number, options: SyntheticOptions = {}): ReadonlyArray<Model> => {
  const prefix = options.idPrefix ?? "claude-synthetic"
  const detailed = options.detailed ?? true
  const width = Math.max(6, String(size).length)
  const newest = Date.UTC(2026, 9, 21)
  const models: Array<Model> = new Array(size)
  for (let i = 0; i < size; i++) {
    const id = `${prefix}-${String(i).padStart(width, "0")}`
    const created_at = new Date(newest - i * 60_000).toISOString()
    const line = lines[i % lines.length]!
    models[i] = detailed
      ? {
        id,
        type: "model",
        display_name: `Claude Synthetic ${line} ${i}`,
        created_at,
        max_input_tokens: 200_000,
        max_tokens: i % 2 === 0 ? 64_000 : 32_000,
        capabilities: capabilities(i % 5 === 0 ? ["batch", "image_input"] : claude4),
        lifecycle: stages[i % stages.length]!,
        line,
        deprecated_at: null,
        retires_at: null
      }
      : { id, type: "model", display_name: `Claude Synthetic ${i}`, created_at }
  }
  return models
}
