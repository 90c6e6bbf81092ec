#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the bin works from the workspace without a build step.
import { tsImport } from "tsx/esm/api"

await tsImport("../src/bin.ts", import.meta.url)
