/**
 * @since 0.1.0
 */
export * as Catalogue from "./Catalogue.js"

/**
 * @since 0.1.0
 */
export * as ModelsApiMock from "./ModelsApiMock.js"

/**
 * @since 0.1.0
 */
export * as ModelsApiServer from "./ModelsApiServer.js"

/**
 * @since 0.1.0
 */
export * as ModelsTest from "./ModelsTest.js"
