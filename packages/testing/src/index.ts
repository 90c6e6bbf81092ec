/**
 * @since 0.1.0
 * @category exports
 */
export * as Catalogue from "./Catalogue.js"

/**
 * @since 0.1.0
 * @category exports
 */
export * as ModelsApiMock from "./ModelsApiMock.js"

/**
 * @since 0.1.0
 * @category exports
 */
export * as ModelsApiServer from "./ModelsApiServer.js"

/**
 * @since 0.1.0
 * @category exports
 */
export * as ModelsTest from "./ModelsTest.js"
