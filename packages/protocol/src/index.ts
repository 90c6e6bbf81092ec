/**
 * What Anthropic's Models API is, in plain TypeScript.
 *
 * @since 0.2.0
 */

/**
 * @since 0.2.0
 * @category exports
 */
export * as Catalogue from "./Catalogue.js"

/**
 * @since 0.3.0
 * @category exports
 */
export * as Catalog from "./Catalog.js"

/**
 * @since 0.3.0
 * @category exports
 */
export * as CatalogStore from "./CatalogStore.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as Checks from "./Checks.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as Cursor from "./Cursor.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as Decode from "./Decode.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as ErrorResponse from "./ErrorResponse.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as ErrorTable from "./ErrorTable.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as Faults from "./Faults.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as Json from "./Json.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as Messages from "./Messages.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as MockApi from "./MockApi.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as Prng from "./Prng.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as Redirect from "./Redirect.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as RetryAfter from "./RetryAfter.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as Secrets from "./Secrets.js"

/**
 * @since 0.2.0
 * @category exports
 */
export * as Wire from "./Wire.js"
