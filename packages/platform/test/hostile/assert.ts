/**
 * The few chai-style assertions the hostile-server cases use, over node:assert,
 * so the cases import no test framework: the Effect 3 and Effect 4 editions run
 * them under different Vitest versions. A failed check throws node's
 * `AssertionError`, which either Vitest reports as the test's failure.
 */
import * as NodeAssert from "node:assert/strict"

const fail = (message: string): never => NodeAssert.fail(message)

const label = (message: string | undefined, fallback: string): string =>
  message === undefined ? fallback : `${message}: ${fallback}`

const show = (u: unknown): string => {
  const text = typeof u === "string" ? JSON.stringify(u) : String(u)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

export const assert = {
  fail,
  strictEqual: (actual: unknown, expected: unknown, message?: string): void =>
    NodeAssert.strictEqual(actual, expected, message),
  deepStrictEqual: (actual: unknown, expected: unknown, message?: string): void =>
    NodeAssert.deepStrictEqual(actual, expected, message),
  isTrue: (value: unknown, message?: string): void => {
    if (value !== true) fail(label(message, `expected true, got ${show(value)}`))
  },
  isFalse: (value: unknown, message?: string): void => {
    if (value !== false) fail(label(message, `expected false, got ${show(value)}`))
  },
  isString: (value: unknown, message?: string): void => {
    if (typeof value !== "string") fail(label(message, `expected a string, got ${show(value)}`))
  },
  isDefined: (value: unknown, message?: string): void => {
    if (value === undefined) fail(label(message, "expected a value, got undefined"))
  },
  include: (text: string, part: string, message?: string): void => {
    if (!text.includes(part)) fail(label(message, `expected ${show(text)} to include ${show(part)}`))
  },
  notInclude: (text: string, part: string, message?: string): void => {
    if (text.includes(part)) fail(label(message, `expected ${show(text)} not to include ${show(part)}`))
  },
  isAtMost: (value: number, bound: number, message?: string): void => {
    if (!(value <= bound)) fail(label(message, `expected ${value} to be at most ${bound}`))
  },
  isAtLeast: (value: number, bound: number, message?: string): void => {
    if (!(value >= bound)) fail(label(message, `expected ${value} to be at least ${bound}`))
  },
  isBelow: (value: number, bound: number, message?: string): void => {
    if (!(value < bound)) fail(label(message, `expected ${value} to be below ${bound}`))
  }
}
