#!/usr/bin/env node
// Publishes every package of both editions under the dist-tag its manifest names
// (publishConfig.tag): the Effect 3 edition under `effect3`; the Effect 4 edition,
// the protocol package and the CLI (an application, whatever its Effect) under
// `latest`. Written by hand because `changeset publish` gives every package one tag
// (`latest` unless --tag), and npm lets a --tag on the command line beat
// publishConfig.tag, so the per-edition tags would be lost. Versions already on the registry are skipped, as changesets does.
// Usage: node scripts/publish.mjs [--dry-run]
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const dryRun = process.argv.includes("--dry-run")
const pnpm = (args, cwd) => execFileSync("npx", ["-y", "pnpm@10.34.8", ...args], { cwd, stdio: "inherit" })

const isPublished = (name, version) => {
  try {
    return execFileSync("npm", ["view", `${name}@${version}`, "version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"]
    })
      .trim() === version
  } catch {
    return false // npm view fails with E404 for a version (or package) not yet published
  }
}

// protocol first: both editions' cores depend on it.
const dirs = ["packages/protocol", "packages/core", "packages/platform", "packages/testing", "packages/cli"]
  .concat(["effect4/packages/core", "effect4/packages/platform", "effect4/packages/testing"])
for (const dir of dirs) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, dir, "package.json"), "utf8"))
  const tag = manifest.publishConfig?.tag ?? "latest"
  if (isPublished(manifest.name, manifest.version)) {
    console.log(`${manifest.name}@${manifest.version}: already published, skipped`)
    continue
  }
  console.log(`${manifest.name}@${manifest.version}: publishing under "${tag}"${dryRun ? " (dry run)" : ""}`)
  pnpm(
    ["publish", "--tag", tag, "--access", "public", "--no-git-checks", ...(dryRun ? ["--dry-run"] : [])],
    path.join(root, dir)
  )
}
