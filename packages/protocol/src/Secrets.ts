/**
 * Keeping the credential and the server's volume out of what a client keeps:
 * the configured key and token are replaced wherever a server echoes them,
 * and text kept from a server is cut to a bound.
 *
 * @since 0.2.0
 */

/**
 * The text that stands where a secret was.
 *
 * @since 0.2.0
 * @category constants
 */
export const redactedMark = "<redacted>"

/**
 * Replaces each secret in a text with `<redacted>`.
 *
 * @since 0.2.0
 * @category models
 */
export type Scrub = (text: string) => string

/**
 * A `Scrub` for these secrets; empty ones are skipped.
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeScrub = (secrets: ReadonlyArray<string>): Scrub => {
  const present = secrets.filter((secret) => secret.length > 0)
  if (present.length === 0) return (text) => text
  return (text) => {
    let out = text
    for (const secret of present) if (out.includes(secret)) out = out.replaceAll(secret, redactedMark)
    return out
  }
}

/**
 * Text cut to `max` characters; the cut is marked with `…`.
 *
 * @since 0.2.0
 * @category bounds
 */
export const truncate = (text: string, max: number): string => text.length > max ? `${text.slice(0, max)}…` : text
