/**
 * The servers of one runtime's run, and the driver's checks of what they saw.
 */
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import * as Effect from "effect/Effect"
import {
  API_KEY,
  CATALOGUE_SIZE,
  type Redirects,
  RETRY_EXPECTED,
  RETRY_SCRIPT,
  STREAM_PAGE_SIZE,
  type Target
} from "../../../test/acceptance/acceptance.js"
import { serveRedirects } from "./redirects.js"
import { RunFailure, type RunResult } from "./runtime.js"

/** list + every page of the stream + retrieve + the 404: no more, since nothing on this server fails. */
const EXPECTED_API_REQUESTS = 1 + Math.ceil(CATALOGUE_SIZE / STREAM_PAGE_SIZE) + 1 + 1

/** The runtime's report of the cross-origin check, which the driver completes with what the other origin saw. */
const CROSS_TOKEN = "redirectCross=RedirectError"

/**
 * Fresh servers for one runtime: the scripted 529s count requests from 1, so
 * no two runtimes may share the retry server. After a passing run the
 * servers' counters must show exactly the traffic the checks imply; with
 * `opaque` redirects (a browser) the same-origin target is never asked for.
 */
export const withServers = <R>(
  redirects: Redirects,
  body: (target: Target) => Effect.Effect<RunResult, RunFailure, R>
): Effect.Effect<RunResult, RunFailure, R> =>
  Effect.scoped(
    Effect.gen(function*() {
      const models = synthetic(CATALOGUE_SIZE)
      const api = yield* ModelsApiServer.serve({ models, apiKey: API_KEY })
      const retry = yield* ModelsApiServer.serve({ models, apiKey: API_KEY, faults: { script: RETRY_SCRIPT } })
      const redirect = yield* serveRedirects
      const result = yield* body({ apiUrl: api.url, retryUrl: retry.url, ...redirect.target })
      const redirectStats = yield* redirect.stats
      if (!result.ok) {
        // The other counters stop wherever the checks stopped; this one says whether the key left the origin.
        return redirectStats.elsewhere === 0
          ? result
          : { ...result, line: `${result.line} [driver: the other origin saw ${redirectStats.elsewhere} requests]` }
      }
      const apiStats = yield* api.stats
      const retryStats = yield* retry.stats
      const followed = redirects === "readable" ? 1 : 0
      const problems: Array<string> = []
      if (apiStats.requests !== EXPECTED_API_REQUESTS) {
        problems.push(`api server saw ${apiStats.requests} requests, expected ${EXPECTED_API_REQUESTS}`)
      }
      if (
        retryStats.requests !== RETRY_EXPECTED.requests || retryStats.faults.overloaded !== RETRY_EXPECTED.overloaded
      ) {
        problems.push(
          `retry server saw ${retryStats.requests} requests and ${retryStats.faults.overloaded} 529s, ` +
            `expected ${RETRY_EXPECTED.requests} and ${RETRY_EXPECTED.overloaded}`
        )
      }
      if (redirectStats.same !== 1 || redirectStats.followed !== followed || redirectStats.cross !== 1) {
        problems.push(
          `redirect server saw ${redirectStats.same} same-origin redirects, ${redirectStats.followed} requests ` +
            `for their target and ${redirectStats.cross} cross-origin redirects, expected 1, ${followed} and 1`
        )
      }
      if (redirectStats.elsewhere !== 0) {
        problems.push(`the other origin saw ${redirectStats.elsewhere} requests, expected none`)
      }
      if (!result.line.includes(CROSS_TOKEN)) problems.push(`no ${CROSS_TOKEN} in the result`)
      return problems.length === 0
        ? {
          ...result,
          line: result.line.replace(CROSS_TOKEN, `${CROSS_TOKEN}(${redirectStats.elsewhere} requests there)`)
        }
        : { ...result, ok: false, line: `${result.line} [driver: ${problems.join("; ")}]` }
    }).pipe(
      Effect.catchTag("ServeError", (error) => Effect.fail(new RunFailure({ message: `server: ${String(error)}` })))
    )
  )
