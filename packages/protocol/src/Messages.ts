/**
 * What the client says when it, not the API, finds the failure, and how much
 * server text it keeps there: one wording for both Effect editions. Server
 * text passed in is scrubbed and cut here.
 *
 * @since 0.2.0
 */
import { bounds } from "./ErrorResponse.js"
import { type Scrub, truncate } from "./Secrets.js"

/**
 * The longest transport message kept (a socket error's text, say).
 *
 * @since 0.2.0
 * @category bounds
 */
export const maxTransportMessage = 1024

/**
 * A redirect's body is never used; it is drained up to this many bytes so the
 * connection can be reused, and a hostile endless one cannot hold it.
 *
 * @since 0.2.0
 * @category bounds
 */
export const maxRedirectBodyBytes = 64 * 1024

/**
 * A transport failure's own text, scrubbed and bounded.
 *
 * @since 0.2.0
 * @category messages
 */
export const transport = (detail: string, scrub: Scrub): string => truncate(scrub(detail), maxTransportMessage)

/**
 * The body stopped before its end; `detail` is the runtime's reason when it gave one.
 *
 * @since 0.2.0
 * @category messages
 */
export const bodyBrokeOff = (detail: string | undefined, scrub: Scrub): string =>
  detail === undefined ? "The response body broke off" : `The response body broke off: ${transport(detail, scrub)}`

/**
 * A 2xx body that does not parse as JSON.
 *
 * @since 0.2.0
 * @category messages
 */
export const invalidJson = (length: number, detail: string, scrub: Scrub): string =>
  `The response body is not valid JSON (${length} characters): ${truncate(scrub(detail), bounds.bodyPreview)}`

/**
 * A 2xx body that parses but does not match the schema.
 *
 * @since 0.2.0
 * @category messages
 */
export const schemaMismatch = (detail: string, scrub: Scrub): string =>
  `The response body does not match the schema: ${truncate(scrub(detail), bounds.bodyPreview)}`

/**
 * A body over `maxResponseBytes`.
 *
 * @since 0.2.0
 * @category messages
 */
export const tooLarge = (limit: number): string => `The response body is larger than maxResponseBytes (${limit} bytes)`

/**
 * No complete response within the attempt's timeout, given as text.
 *
 * @since 0.2.0
 * @category messages
 */
export const timedOut = (timeout: string): string => `No complete response within ${timeout}`
