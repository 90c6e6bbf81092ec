/**
 * The client's redirect rule, the same on every runtime: follow a redirect
 * only within the configured base URL's origin, at most `maxRedirects` hops.
 * Runtimes differ here (fetch follows and forwards `x-api-key` to any origin;
 * undici follows nothing), so the platform layers switch theirs off and the
 * client decides.
 *
 * @since 0.2.0
 */

/**
 * @since 0.2.0
 * @category constants
 */
export const maxRedirects = 3

const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

/**
 * What to do with a redirect.
 *
 * @since 0.2.0
 * @category models
 */
export type Step =
  | { readonly _tag: "Follow"; readonly url: string }
  | { readonly _tag: "Refuse"; readonly location: string | undefined; readonly message: string }

/**
 * The step for a response, or undefined when it is no redirect. Status 0 is
 * what a browser's `redirect: "manual"` gives: a redirect whose target it
 * hides. `location` in a refusal is the target's origin only, never its path
 * or query.
 *
 * @since 0.2.0
 * @category rules
 */
export const nextHop = (
  status: number,
  location: string | undefined,
  currentUrl: string,
  origin: string,
  hops: number
): Step | undefined => {
  if (status === 0) {
    return { _tag: "Refuse", location: undefined, message: "The server redirected; the browser hides where to" }
  }
  if (!redirectStatuses.has(status)) return undefined
  if (location === undefined || !URL.canParse(location, currentUrl)) {
    return { _tag: "Refuse", location: undefined, message: `HTTP ${status} redirect without a usable Location` }
  }
  const target = new URL(location, currentUrl)
  if (target.origin !== origin) {
    return {
      _tag: "Refuse",
      location: target.origin,
      message: `HTTP ${status} redirect to another origin, ${target.origin}; nothing was sent there`
    }
  }
  if (hops >= maxRedirects) {
    return { _tag: "Refuse", location: target.origin, message: `More than ${maxRedirects} redirects` }
  }
  return { _tag: "Follow", url: target.href }
}
