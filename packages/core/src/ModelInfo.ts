/**
 * Schemas for the Models API's data: one model, one page of models, and the
 * error body. Field names keep Anthropic's spelling (`display_name`,
 * `created_at`) so the types read like the API reference.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An RFC 3339 timestamp as sent by the API. `Schema.DateTimeUtc` alone accepts
 * anything `Date.parse` does (`"2025/02/19"`, `"Feb 19 2025"`), so the string
 * is checked against RFC 3339 before it becomes a `DateTime.Utc`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Rfc3339 = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/, {
    message: () => "Expected an RFC 3339 date-time such as 2025-02-19T00:00:00Z"
  }),
  Schema.compose(Schema.DateTimeUtc)
)

/**
 * The lifecycle stages the API filters on.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Lifecycle = Schema.Literal("active", "deprecated", "retired")

/**
 * @since 0.1.0
 * @category models
 */
export type Lifecycle = typeof Lifecycle.Type

/**
 * A lifecycle stage in a response. Newer stages are kept as plain strings
 * rather than rejected, so an API change does not break old clients.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ResponseLifecycle = Schema.Union(Lifecycle, Schema.String)

/**
 * One capability: whether it is supported, plus any details the API adds
 * (for example the kinds of thinking a model accepts).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Capability = Schema.Struct(
  { supported: Schema.Boolean },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Capability = typeof Capability.Type

/**
 * What a model can do. The known keys are typed; keys added by the API later
 * are kept under their own names.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Capabilities = Schema.Struct(
  {
    batch: Schema.optional(Capability),
    citations: Schema.optional(Capability),
    code_execution: Schema.optional(Capability),
    context_management: Schema.optional(Capability),
    effort: Schema.optional(Capability),
    image_input: Schema.optional(Capability),
    pdf_input: Schema.optional(Capability),
    structured_outputs: Schema.optional(Capability),
    thinking: Schema.optional(Capability)
  },
  Schema.Record({ key: Schema.String, value: Capability })
)

/**
 * @since 0.1.0
 * @category models
 */
export type Capabilities = typeof Capabilities.Type

/**
 * A model as `GET /v1/models` and `GET /v1/models/{model_id}` return it. The
 * first four fields are always present; the rest come from newer API versions
 * and may be absent or null. Unknown fields are dropped.
 *
 * @since 0.1.0
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
  retires_at: Schema.optional(Schema.NullOr(Rfc3339))
}).annotations({ identifier: "ModelInfo" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ModelInfo extends Schema.Schema.Type<typeof ModelInfo> {}

/**
 * The JSON form of a model, as the API sends it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ModelInfoEncoded extends Schema.Schema.Encoded<typeof ModelInfo> {}

/**
 * One page of `GET /v1/models`. `first_id` and `last_id` are the cursors for
 * the previous and next page; both are null on an empty page.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ModelsPage = Schema.Struct({
  data: Schema.Array(ModelInfo),
  first_id: Schema.NullOr(Schema.String),
  last_id: Schema.NullOr(Schema.String),
  has_more: Schema.Boolean
}).annotations({ identifier: "ModelsPage" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ModelsPage extends Schema.Schema.Type<typeof ModelsPage> {}

/**
 * The JSON form of a page, as the API sends it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ModelsPageEncoded extends Schema.Schema.Encoded<typeof ModelsPage> {}

/**
 * The body of every API error. `error.type` is kept as a string so that error
 * types added later still decode; `details.error_code` names the cause when the
 * API knows it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ErrorResponse = Schema.Struct({
  type: Schema.optional(Schema.Literal("error")),
  request_id: Schema.optional(Schema.NullOr(Schema.String)),
  error: Schema.Struct({
    type: Schema.String,
    message: Schema.String,
    details: Schema.optional(Schema.NullOr(Schema.Struct(
      { error_code: Schema.optional(Schema.NullOr(Schema.String)) },
      Schema.Record({ key: Schema.String, value: Schema.Unknown })
    )))
  })
}).annotations({ identifier: "ErrorResponse" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ErrorResponse extends Schema.Schema.Type<typeof ErrorResponse> {}
