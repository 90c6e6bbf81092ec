import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    include: ["test/**/*.test.ts"],
    // Each example runs in a fresh Node 22 through tsx, which compiles it on start:
    // about 3 s of CPU, and several times that on a busy machine.
    testTimeout: 60_000
  }
})
