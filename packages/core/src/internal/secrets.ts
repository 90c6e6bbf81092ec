import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import type { ResolvedConfig } from "../ModelsConfig.js"

/** The text that stands where a secret was. */
export const redactedMark = "<redacted>"

/**
 * Replaces the configured key and token in text that came from a server, so
 * that a server echoing the credential (in a message, a body or a cursor)
 * never puts it into an error, a log line or a span.
 */
export type Scrub = (text: string) => string

export const makeScrub = (config: Pick<ResolvedConfig, "apiKey" | "authToken">): Scrub => {
  const secrets = [config.apiKey, config.authToken].flatMap((secret) =>
    Option.isSome(secret) && Redacted.value(secret.value).length > 0 ? [Redacted.value(secret.value)] : []
  )
  if (secrets.length === 0) return (text) => text
  return (text) => {
    let out = text
    for (const secret of secrets) if (out.includes(secret)) out = out.replaceAll(secret, redactedMark)
    return out
  }
}

/** Text kept from a server, cut to `max` characters; the cut is marked. */
export const truncate = (text: string, max: number): string => text.length > max ? `${text.slice(0, max)}…` : text
