/**
 * What Anthropic's Models API is, in plain TypeScript.
 *
 * @since 0.2.0
 */

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
