import { defineConfig } from "vitest/config"

// Every package, the examples and the conformance suite run as their own project,
// each with its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ["packages/*", "examples", "conformance"]
  }
})
