/**
 * @since 0.1.0
 * @category exports
 */
export * as ModelInfo from "./ModelInfo.js"

/**
 * @since 0.1.0
 * @category exports
 */
export * as Models from "./Models.js"

/**
 * @since 0.1.0
 * @category exports
 */
export * as ModelsConfig from "./ModelsConfig.js"

/**
 * @since 0.1.0
 * @category exports
 */
export * as ModelsError from "./ModelsError.js"

/**
 * @since 0.3.0
 * @category exports
 */
export * as ModelCatalog from "./ModelCatalog.js"
