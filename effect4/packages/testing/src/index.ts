/**
 * Test doubles for `@anthropic-effect/core` (Effect 4 edition): `ModelsTest`
 * replaces the service, `ModelsApiMock` the `HttpClient`, `ModelsApiServer`
 * the network, and `Catalogue` supplies the data.
 *
 * @since 1.0.0
 */

/**
 * @since 1.0.0
 * @category exports
 */
export * as Catalogue from "./Catalogue.js"

/**
 * @since 1.0.0
 * @category exports
 */
export * as ModelsApiMock from "./ModelsApiMock.js"

/**
 * @since 1.0.0
 * @category exports
 */
export * as ModelsApiServer from "./ModelsApiServer.js"

/**
 * @since 1.0.0
 * @category exports
 */
export * as ModelsTest from "./ModelsTest.js"
