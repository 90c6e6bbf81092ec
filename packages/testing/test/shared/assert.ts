/**
 * The chai assertions the testing package's shared cases use. Plain
 * TypeScript, no Effect and no test framework: each edition's runner passes
 * `assert` from its own `@effect/vitest`, so a failure reads as it did before
 * the cases were shared.
 */
export interface Assert {
  strictEqual(actual: unknown, expected: unknown, message?: string): void
  deepStrictEqual(actual: unknown, expected: unknown, message?: string): void
  isTrue(value: unknown, message?: string): void
  isFalse(value: unknown, message?: string): void
  isAtMost(value: number, atMost: number, message?: string): void
  isAbove(value: number, above: number, message?: string): void
  match(value: string, regexp: RegExp, message?: string): void
  include(haystack: string, needle: string, message?: string): void
  include(haystack: ReadonlyArray<string>, needle: string, message?: string): void
}

/** A model as both editions' catalogues and decoded `ModelInfo`s have it, for the checks that read ids. */
export interface Identified {
  readonly id: string
}

export const ids = (models: ReadonlyArray<Identified>): ReadonlyArray<string> => models.map((model) => model.id)
