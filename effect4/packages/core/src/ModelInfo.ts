/**
 * Schemas for the Models API's data: one model, one page of models, and the
 * error body. Field names keep Anthropic's spelling (`display_name`,
 * `created_at`) so the types read like the API reference.
 *
 * @since 1.0.0
 */
import { rfc3339Pattern } from "@anthropic-effect/protocol/Decode"
import * as Schema from "effect/Schema"

/**
 * An RFC 3339 timestamp as sent by the API. `Schema.DateTimeUtcFromString`
 * alone accepts anything `Date.parse` does (`"2025/02/19"`, `"Feb 19 2025"`),
 * so the string is checked against RFC 3339 before it becomes a
 * `DateTime.Utc`.
 *
 * @since 1.0.0
 * @category schemas
 */
export const Rfc3339 = Schema.String.check(
  Schema.isPattern(rfc3339Pattern, { message: "Expected an RFC 3339 date-time such as 2025-02-19T00:00:00Z" })
).pipe(Schema.decodeTo(Schema.DateTimeUtcFromString))

/**
 * The lifecycle stages the API filters on.
 *
 * @since 1.0.0
 * @category schemas
 */
export const Lifecycle = Schema.Literals(["active", "deprecated", "retired"])

/**
 * @since 1.0.0
 * @category models
 */
export type Lifecycle = typeof Lifecycle.Type

/**
 * A lifecycle stage in a response. Newer stages are kept as plain strings
 * rather than rejected, so an API change does not break old clients.
 *
 * @since 1.0.0
 * @category schemas
 */
export const ResponseLifecycle = Schema.Union([Lifecycle, Schema.String])

// Every capability object is open: fields the API adds later are kept, so a
// new field never fails a page for an old client.
const OpenFields = Schema.Record(Schema.String, Schema.Unknown)

const open = <const Fields extends Schema.Struct.Fields>(fields: Fields) =>
  Schema.StructWithRest(Schema.Struct(fields), [OpenFields])

/**
 * One capability: whether it is supported, plus any fields the API adds. The
 * official SDK calls this `CapabilitySupport`.
 *
 * @since 1.0.0
 * @category schemas
 */
export const Capability = open({ supported: Schema.Boolean })

/**
 * @since 1.0.0
 * @category models
 */
export type Capability = typeof Capability.Type

// An entry inside a capability (an effort level, a strategy, a tool). Older
// API versions leave entries out, and some are sent as null, so neither fails.
const Entry = Schema.optional(Schema.NullOr(Capability))

/**
 * `capabilities.context_management`: the context management strategies a
 * model accepts, one entry per strategy.
 *
 * @since 1.0.0
 * @category schemas
 */
export const ContextManagementCapability = open({
  supported: Schema.Boolean,
  clear_thinking_20251015: Entry,
  clear_tool_uses_20250919: Entry,
  compact_20260112: Entry
})

/**
 * @since 1.0.0
 * @category models
 */
export type ContextManagementCapability = typeof ContextManagementCapability.Type

/**
 * `capabilities.effort`: the effort levels a model accepts. `xhigh` is null
 * on models without it.
 *
 * @since 1.0.0
 * @category schemas
 */
export const EffortCapability = open({
  supported: Schema.Boolean,
  low: Entry,
  medium: Entry,
  high: Entry,
  max: Entry,
  xhigh: Entry
})

/**
 * @since 1.0.0
 * @category models
 */
export type EffortCapability = typeof EffortCapability.Type

/**
 * `capabilities.server_tools`: the server tools a model supports. `supported`
 * is true when at least one of them is.
 *
 * @since 1.0.0
 * @category schemas
 */
export const ServerToolsCapability = open({
  supported: Schema.Boolean,
  code_execution: Entry,
  web_search: Entry
})

/**
 * @since 1.0.0
 * @category models
 */
export type ServerToolsCapability = typeof ServerToolsCapability.Type

/**
 * `capabilities.thinking.types`: which `thinking.type` values a request may
 * send. Each entry stands alone: `enabled` can be false while `disabled` is
 * true.
 *
 * @since 1.0.0
 * @category schemas
 */
export const ThinkingTypes = open({
  enabled: Entry,
  adaptive: Entry,
  disabled: Entry,
  between_tools: Entry
})

/**
 * @since 1.0.0
 * @category models
 */
export type ThinkingTypes = typeof ThinkingTypes.Type

/**
 * `capabilities.thinking`: whether a model thinks, and the thinking types it
 * accepts.
 *
 * @since 1.0.0
 * @category schemas
 */
export const ThinkingCapability = open({
  supported: Schema.Boolean,
  types: Schema.optional(Schema.NullOr(ThinkingTypes))
})

/**
 * @since 1.0.0
 * @category models
 */
export type ThinkingCapability = typeof ThinkingCapability.Type

/**
 * `capabilities.compaction` (beta): whether a model accepts the `compaction`
 * request parameter, with one entry per compaction type. Null on models
 * without it.
 *
 * @since 1.0.0
 * @category schemas
 */
export const CompactionCapability = open({
  supported: Schema.Boolean,
  summarize: Entry
})

/**
 * @since 1.0.0
 * @category models
 */
export type CompactionCapability = typeof CompactionCapability.Type

/**
 * What a model can do. The known capabilities are typed and checked; each may
 * be absent or null. Capabilities added by the API later are kept under their
 * own names with their values unchecked, so a new capability, whatever its
 * shape, never fails a page.
 *
 * A key named `__proto__`, here or anywhere else in a response, is dropped
 * while decoding, as in the Effect 3 edition.
 *
 * @since 1.0.0
 * @category schemas
 */
export const Capabilities = open({
  batch: Entry,
  citations: Entry,
  code_execution: Entry,
  compaction: Schema.optional(Schema.NullOr(CompactionCapability)),
  context_management: Schema.optional(Schema.NullOr(ContextManagementCapability)),
  effort: Schema.optional(Schema.NullOr(EffortCapability)),
  image_input: Entry,
  pdf_input: Entry,
  server_tools: Schema.optional(Schema.NullOr(ServerToolsCapability)),
  structured_outputs: Entry,
  thinking: Schema.optional(Schema.NullOr(ThinkingCapability))
})

/**
 * @since 1.0.0
 * @category models
 */
export type Capabilities = typeof Capabilities.Type

/**
 * The name of a capability the schema types, such as `"thinking"`.
 *
 * @since 1.0.0
 * @category models
 */
export type CapabilityName = keyof typeof Capabilities.schema.fields

// The declared keys of an open struct's type, without its index signature.
type DeclaredKey<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: unknown }

// The dotted paths below `T` that lead to an object with `supported`.
type PathsOf<T> = {
  readonly [K in Exclude<DeclaredKey<T>, "supported"> & string]:
    | (NonNullable<T[K]> extends { readonly supported: boolean } ? K : never)
    | `${K}.${PathsOf<NonNullable<T[K]>>}`
}[Exclude<DeclaredKey<T>, "supported"> & string]

/**
 * A typed capability or one of its typed entries, as a dotted path:
 * `"thinking"`, `"effort.xhigh"`, `"thinking.types.adaptive"`. Every path ends
 * at an object with `supported`, so `"thinking.types"` is not one.
 *
 * @since 1.0.0
 * @category models
 */
export type CapabilityPath = PathsOf<Capabilities>

/**
 * A model as `GET /v1/models` and `GET /v1/models/{model_id}` return it. The
 * first four fields are always present; the rest come from newer API versions
 * and may be absent or null (`allowed_fallback_models` only from the beta
 * endpoint). Unknown fields are dropped.
 *
 * @since 1.0.0
 * @category schemas
 */
export const ModelInfo = Schema.Struct({
  id: Schema.String,
  type: Schema.Literal("model"),
  display_name: Schema.String,
  created_at: Rfc3339,
  max_input_tokens: Schema.optional(Schema.NullOr(Schema.Int)),
  max_tokens: Schema.optional(Schema.NullOr(Schema.Int)),
  capabilities: Schema.optional(Schema.NullOr(Capabilities)),
  lifecycle: Schema.optional(Schema.NullOr(ResponseLifecycle)),
  line: Schema.optional(Schema.NullOr(Schema.String)),
  deprecated_at: Schema.optional(Schema.NullOr(Rfc3339)),
  retires_at: Schema.optional(Schema.NullOr(Rfc3339)),
  allowed_fallback_models: Schema.optional(Schema.NullOr(Schema.Array(Schema.String)))
}).annotate({ identifier: "ModelInfo" })

/**
 * @since 1.0.0
 * @category models
 */
export interface ModelInfo extends Schema.Schema.Type<typeof ModelInfo> {}

/**
 * The JSON form of a model, as the API sends it.
 *
 * @since 1.0.0
 * @category models
 */
export interface ModelInfoEncoded extends Schema.Codec.Encoded<typeof ModelInfo> {}

/**
 * One page of `GET /v1/models`. `first_id` and `last_id` are the cursors for
 * the previous and next page; both are null on an empty page.
 *
 * @since 1.0.0
 * @category schemas
 */
export const ModelsPage = Schema.Struct({
  data: Schema.Array(ModelInfo),
  first_id: Schema.NullOr(Schema.String),
  last_id: Schema.NullOr(Schema.String),
  has_more: Schema.Boolean
}).annotate({ identifier: "ModelsPage" })

/**
 * @since 1.0.0
 * @category models
 */
export interface ModelsPage extends Schema.Schema.Type<typeof ModelsPage> {}

/**
 * The JSON form of a page, as the API sends it.
 *
 * @since 1.0.0
 * @category models
 */
export interface ModelsPageEncoded extends Schema.Codec.Encoded<typeof ModelsPage> {}

/**
 * The body of every API error. `error.type` is kept as a string so that error
 * types added later still decode; `details.error_code` names the cause when the
 * API knows it.
 *
 * @since 1.0.0
 * @category schemas
 */
export const ErrorResponse = /* @__PURE__ */ Schema.Struct({
  type: Schema.optional(Schema.Literal("error")),
  request_id: Schema.optional(Schema.NullOr(Schema.String)),
  error: Schema.Struct({
    type: Schema.String,
    message: Schema.String,
    details: Schema.optional(Schema.NullOr(open({ error_code: Schema.optional(Schema.NullOr(Schema.String)) })))
  })
}).annotate({ identifier: "ErrorResponse" })

/**
 * @since 1.0.0
 * @category models
 */
export interface ErrorResponse extends Schema.Schema.Type<typeof ErrorResponse> {}
