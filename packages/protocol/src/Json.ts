/**
 * The JSON the Models API sends: a model, a page of models, an error body.
 * These are the shapes the mock serves and the catalogue is written in. They
 * are deliberately looser than an edition's schemas: only what every model
 * carries is required, the rest is optional and open, so any edition's
 * encoded model fits them and newer fields pass through untouched.
 *
 * @since 0.2.0
 */

/**
 * The capabilities the API describes, by name. The catalogue fills in every
 * one of them for each model.
 *
 * @since 0.2.0
 * @category capabilities
 */
export const capabilityNames = [
  "batch",
  "citations",
  "code_execution",
  "compaction",
  "context_management",
  "effort",
  "image_input",
  "pdf_input",
  "server_tools",
  "structured_outputs",
  "thinking"
] as const

/**
 * @since 0.2.0
 * @category capabilities
 */
export type CapabilityName = typeof capabilityNames[number]

/**
 * One capability. A type alias rather than an interface, so that it fits the
 * editions' open capability records (an interface has no index signature).
 *
 * @since 0.2.0
 * @category capabilities
 */
export type CapabilityJson = { readonly supported: boolean }

/**
 * The `capabilities` object as it may arrive: any names, any values.
 *
 * @since 0.2.0
 * @category models
 */
export type CapabilitiesJson = { readonly [name: string]: unknown }

/**
 * One model. The first four fields are always sent; the others come from
 * newer API versions and may be absent or null. Fields not listed here are
 * allowed and kept.
 *
 * @since 0.2.0
 * @category models
 */
export interface ModelJson {
  readonly id: string
  readonly type: "model"
  readonly display_name: string
  readonly created_at: string
  readonly max_input_tokens?: number | null | undefined
  readonly max_tokens?: number | null | undefined
  readonly capabilities?: CapabilitiesJson | null | undefined
  /** A stage of `Wire.lifecycleStages`, or a newer one. Absent means `active`. */
  readonly lifecycle?: string | null | undefined
  readonly line?: string | null | undefined
  readonly deprecated_at?: string | null | undefined
  readonly retires_at?: string | null | undefined
  readonly allowed_fallback_models?: ReadonlyArray<string> | null | undefined
}

/**
 * One page of `GET /v1/models`. Both cursors are null on an empty page.
 *
 * @since 0.2.0
 * @category models
 */
export interface PageJson<M extends ModelJson = ModelJson> {
  readonly data: ReadonlyArray<M>
  readonly first_id: string | null
  readonly last_id: string | null
  readonly has_more: boolean
}

/**
 * The body of an API error.
 *
 * @since 0.2.0
 * @category models
 */
export interface ErrorJson {
  readonly type: "error"
  readonly error: { readonly type: string; readonly message: string }
  readonly request_id: string
}
