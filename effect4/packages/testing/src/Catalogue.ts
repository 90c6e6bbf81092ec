/**
 * Model catalogues to serve: the real Claude line-up as a fixture, and
 * synthetic catalogues of any size for tests and benchmarks. Both are in the
 * API's JSON form (`ModelInfoEncoded`), newest first, as the API lists them.
 * The data is `@anthropic-effect/protocol`'s, typed here as core's JSON form.
 *
 * @since 1.0.0
 */
import type { ModelInfoEncoded } from "@anthropic-effect/core/ModelInfo"
import * as Catalogue from "@anthropic-effect/protocol/Catalogue"

/**
 * The Claude models, newest first, with the live API's optional fields.
 *
 * @since 1.0.0
 * @category fixtures
 */
export const claudeModels: ReadonlyArray<ModelInfoEncoded> = Catalogue.claudeModels

/**
 * Aliases that `GET /v1/models/{model_id}` resolves to a dated model id.
 *
 * @since 1.0.0
 * @category fixtures
 */
export const claudeAliases: Readonly<Record<string, string>> = Catalogue.claudeAliases

/**
 * Options of `synthetic`.
 *
 * @since 1.0.0
 * @category models
 */
export interface SyntheticOptions extends Catalogue.SyntheticOptions {}

/**
 * A synthetic catalogue of `size` models, newest first, with unique ids
 * (`claude-synthetic-000042`) and realistic field shapes. Deterministic: the
 * same size gives the same catalogue. Every model is active or deprecated, so
 * the API's default filter lists them all.
 *
 * @since 1.0.0
 * @category constructors
 */
export const synthetic = (size: number, options: SyntheticOptions = {}): ReadonlyArray<ModelInfoEncoded> =>
  Catalogue.synthetic(size, options)
