/**
 * The paging rules: where the next page starts, and when to stop. Forward
 * pages continue from `last_id` (sent as `after_id`); a walk that started with
 * `before_id` continues backward from `first_id`.
 *
 * @since 0.2.0
 */
import { cursorProblem } from "./Checks.js"

/**
 * What the rules read of a page.
 *
 * @since 0.2.0
 * @category models
 */
export interface PageLinks {
  readonly has_more: boolean
  readonly first_id: string | null
  readonly last_id: string | null
  readonly data: { readonly length: number }
}

/**
 * After a page: stop, continue from a cursor, or fail because the cursors
 * would not make progress (none, one already sent, or one the client would
 * refuse from a caller).
 *
 * @since 0.2.0
 * @category models
 */
export type Next =
  | { readonly _tag: "Done" }
  | { readonly _tag: "Continue"; readonly cursor: string }
  | { readonly _tag: "Stuck"; readonly message: string; readonly cursor: string | undefined }

/**
 * A cursor kept in an error is cut to this, so a 1 MB cursor stays out of logs.
 *
 * @since 0.2.0
 * @category constants
 */
export const maxCursorShown = 256

const shown = (cursor: string): string =>
  cursor.length > maxCursorShown ? `${cursor.slice(0, maxCursorShown)}…` : cursor

/**
 * The step after `page`. Stops on `has_more: false` or an empty page.
 *
 * @since 0.2.0
 * @category rules
 */
export const next = (page: PageLinks, backward: boolean, sent: ReadonlySet<string>): Next => {
  if (!page.has_more || page.data.length === 0) return { _tag: "Done" }
  const name = backward ? "first_id" : "last_id"
  const cursor = backward ? page.first_id : page.last_id
  if (cursor === null) {
    return { _tag: "Stuck", message: `The API said has_more but sent no ${name} to continue from`, cursor: undefined }
  }
  const problem = cursorProblem(name, cursor)
  if (problem !== undefined) {
    return {
      _tag: "Stuck",
      message: `The API sent a cursor the client will not send: ${problem}`,
      cursor: shown(cursor)
    }
  }
  if (sent.has(cursor)) {
    return {
      _tag: "Stuck",
      message: `The API sent cursor ${JSON.stringify(shown(cursor))} a second time`,
      cursor: shown(cursor)
    }
  }
  return { _tag: "Continue", cursor }
}
