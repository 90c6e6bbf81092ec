import * as Wire from "@anthropic-effect/protocol/Wire"
import * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { PageRequest, RequestParams } from "../Models.js"
import type { ResolvedConfig } from "../ModelsConfig.js"

const headersFor = (
  config: ResolvedConfig,
  betas: ReadonlyArray<string>,
  workspaceId: string | undefined
): Record<string, string> => {
  const headers: Record<string, string> = {
    ...config.headers,
    accept: "application/json",
    [Wire.headers.version]: config.apiVersion
  }
  if (betas.length > 0) headers[Wire.headers.beta] = betas.join(",")
  if (workspaceId !== undefined) headers[Wire.headers.workspaceId] = workspaceId
  return headers
}

/** Builds the two requests of the API from the configuration. */
export const makeRequests = (config: ResolvedConfig) => {
  // Everything but the credential is fixed per client, so the header record is
  // merged once here instead of copying the request once per header.
  const fixedHeaders = headersFor(config, config.betas, Option.getOrUndefined(config.workspaceId))

  const headers = (options: RequestParams): Record<string, string> => {
    const out = options.betas === undefined && options.workspaceId === undefined
      ? { ...fixedHeaders }
      : headersFor(
        config,
        options.betas ?? config.betas,
        options.workspaceId ?? Option.getOrUndefined(config.workspaceId)
      )
    // The secret leaves its Redacted wrapper only here, as the header is built.
    if (Option.isSome(config.apiKey)) out[Wire.headers.apiKey] = Redacted.value(config.apiKey.value)
    if (Option.isSome(config.authToken)) {
      out[Wire.headers.authorization] = `Bearer ${Redacted.value(config.authToken.value)}`
    }
    return out
  }

  return {
    /** `GET /v1/models`: undefined values are left out, each lifecycle stage is its own `lifecycle[]`. */
    list: (params: PageRequest): HttpClientRequest.HttpClientRequest =>
      HttpClientRequest.get(config.baseUrl + Wire.modelsPath, {
        headers: headers(params),
        urlParams: {
          [Wire.query.limit]: params.limit,
          [Wire.query.afterId]: params.afterId,
          [Wire.query.beforeId]: params.beforeId,
          [Wire.query.lifecycle]: params.lifecycle ?? []
        }
      }),
    /** `GET /v1/models/{model_id}`, the id percent-encoded. */
    retrieve: (modelId: string, options: RequestParams): HttpClientRequest.HttpClientRequest =>
      HttpClientRequest.get(config.baseUrl + Wire.modelPath(modelId), { headers: headers(options) })
  }
}
