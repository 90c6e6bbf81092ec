/**
 * The Effect 4 edition of the Models API client.
 *
 * @since 1.0.0
 */

/**
 * @since 1.0.0
 * @category exports
 */
export * as ModelInfo from "./ModelInfo.js"

/**
 * @since 1.0.0
 * @category exports
 */
export * as Models from "./Models.js"

/**
 * @since 1.0.0
 * @category exports
 */
export * as ModelsConfig from "./ModelsConfig.js"

/**
 * @since 1.0.0
 * @category exports
 */
export * as ModelsError from "./ModelsError.js"

/**
 * @since 1.1.0
 * @category exports
 */
export * as ModelCatalog from "./ModelCatalog.js"
