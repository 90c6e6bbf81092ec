/**
 * @since 0.1.0
 */
export * as ModelInfo from "./ModelInfo.js"

/**
 * @since 0.1.0
 */
export * as Models from "./Models.js"

/**
 * @since 0.1.0
 */
export * as ModelsConfig from "./ModelsConfig.js"

/**
 * @since 0.1.0
 */
export * as ModelsError from "./ModelsError.js"
