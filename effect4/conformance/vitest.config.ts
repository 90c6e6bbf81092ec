import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // The mock servers start in beforeAll (the shared layer); Prism takes a few seconds.
    hookTimeout: 30_000
  }
})
