// The test projects: every package, each with its own vitest.config.ts.
// vitest.config.ts reads this list, so Vitest never loads this file as a
// (deprecated) workspace file of its own.
export const projects = ["packages/*", "conformance", "examples"]
