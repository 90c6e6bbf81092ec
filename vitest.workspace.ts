import { defineWorkspace } from "vitest/config"

// Every package and the examples run as their own project, each with its own vitest.config.ts.
export default defineWorkspace(["packages/*", "examples", "conformance"])
