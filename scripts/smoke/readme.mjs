// Runs the program snippets of README files against the packed packages installed in the
// current directory (run.sh and effect4/run.sh call it from their temporary project).
//
//   node readme.mjs <README.md[#section-slug]>...
//
// A snippet is a program when it is a ```ts block that imports and runs an effect
// (`Effect.runPromise(`, `runMain(`, `Effect.runFork(`) and, together with the blocks before
// it in its section that run nothing (a README may define `program` in one block and run it
// in the next), imports @anthropic-effect/*; with #slug, only the blocks under that heading count. Skipped: tests (they import @effect/vitest) and the
// Bun, Deno and browser layers, which this Node project cannot run. Every program is
// type-checked with the packed declarations (tsconfig.bundler.json's options), compiled
// with TypeScript's transpileModule and run with ANTHROPIC_API_KEY set to a fake key and
// ANTHROPIC_BASE_URL pointing at a loopback ModelsApiServer (serve.mjs): without the mock
// a program would reach for api.anthropic.com, which this machine cannot, and fail.
// Exits non-zero when a program fails to compile or to run, or when no program is found.
import { spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"

const require = createRequire(path.join(process.cwd(), "package.json"))
const ts = require("typescript")

const apiKey = "sk-ant-smoke-readme-fake-key"

const slug = (heading) => heading.trim().toLowerCase().replace(/[^\w\s-]/g, "").replace(/\s+/g, "-")
const programs = []
for (const arg of process.argv.slice(2)) {
  const [file, section] = arg.split("#")
  const lines = fs.readFileSync(file, "utf8").split("\n")
  let heading = ""
  let prelude = []
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{1,6}\s+(.*)$/.exec(lines[i])
    if (h) {
      heading = slug(h[1])
      prelude = []
    }
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++
    const block = lines.slice(start, end).join("\n")
    i = end
    if (section !== undefined && heading !== section) continue
    if (!/^import /m.test(block)) continue
    if (!/\b(Effect\.runPromise|runMain|Effect\.runFork)\(/.test(block)) {
      if (/^import .* from "@anthropic-effect\//m.test(block)) prelude.push(block)
      continue
    }
    // The section's definitions first, each import line once.
    const seen = new Set()
    const code = [...prelude, block].join("\n").split("\n")
      .filter((line) => !/^import /.test(line) || (!seen.has(line) && seen.add(line)))
      .join("\n")
    if (!/^import .* from "@anthropic-effect\//m.test(code)) continue
    if (/from "@effect\/vitest"/.test(code)) continue
    if (/from "@anthropic-effect\/platform\/(bun|deno|browser)"/.test(code)) continue
    const where = path.relative(path.dirname(path.resolve(process.argv[2].split("#")[0])), path.resolve(file))
    programs.push({ code, where: `${where}:${start}` })
  }
}
if (programs.length === 0) {
  console.error(`readme: no program snippet in ${process.argv.slice(2).join(", ")}`)
  process.exit(1)
}

fs.mkdirSync("readme", { recursive: true })
const files = programs.map((program, n) => {
  const file = path.join("readme", `program-${n + 1}.ts`)
  fs.writeFileSync(file, `// ${program.where}\n${program.code}\n`)
  return { ...program, file }
})

// Type-check all of them at once with the smoke project's bundler settings.
const base = JSON.parse(fs.readFileSync("tsconfig.bundler.json", "utf8"))
fs.writeFileSync(
  path.join("readme", "tsconfig.json"),
  // (c) checked the packed declarations themselves; here only the programs are checked.
  JSON.stringify(
    {
      compilerOptions: { ...base.compilerOptions, skipLibCheck: true },
      files: files.map((f) => path.basename(f.file))
    },
    null,
    2
  )
)
const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "readme/tsconfig.json"], {
  encoding: "utf8"
})
if (tsc.status !== 0) {
  console.error(`${tsc.stdout}${tsc.stderr}`)
  for (const { file, where } of files) console.error(`${file} is ${where}`)
  process.exit(1)
}
console.log(`   type-checked ${files.length} README programs`)

// The mock API the programs reach through ANTHROPIC_BASE_URL; `requests()` asks it how many
// requests it has served, so that a program which never reached it does not pass.
const server = spawn(process.execPath, ["serve.mjs", apiKey], { stdio: ["pipe", "pipe", "inherit"] })
const waiting = []
let output = ""
server.stdout.on("data", (chunk) => {
  output += chunk
  let newline
  while ((newline = output.indexOf("\n")) >= 0) {
    const line = output.slice(0, newline)
    output = output.slice(newline + 1)
    waiting.shift()?.(line)
  }
})
const nextLine = () =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("serve.mjs: no answer within 20 s")), 20_000)
    waiting.push((line) => {
      clearTimeout(timer)
      resolve(line)
    })
  })
server.on("exit", (code) => {
  if (code !== null) console.error(`serve.mjs exited (${code})`)
})
const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(await nextLine())?.[1]
if (url === undefined) throw new Error("serve.mjs printed no URL")
const requests = async () => {
  const answer = nextLine()
  server.stdin.write("stats\n")
  return Number(/^requests (\d+)$/.exec(await answer)?.[1])
}

// Only the fake key and the mock's URL: nothing of the caller's ANTHROPIC_* reaches a program.
const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("ANTHROPIC_")))
let failed = 0
try {
  for (const { code, file, where } of files) {
    const js = ts.transpileModule(code, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false }
    }).outputText
    const out = file.replace(/\.ts$/, ".mjs")
    fs.writeFileSync(out, js)
    const before = await requests()
    const started = Date.now()
    const run = spawnSync(process.execPath, [out], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...environment, ANTHROPIC_API_KEY: apiKey, ANTHROPIC_BASE_URL: url }
    })
    const output = `${run.stdout}${run.stderr}`.trim()
    const first = output.split("\n")[0]?.slice(0, 100) ?? ""
    const served = (await requests()) - before
    if (run.status === 0 && served > 0) {
      console.log(`   ok   ${where} (${Date.now() - started} ms, ${served} requests)${first ? `: ${first}` : ""}`)
    } else {
      failed++
      console.error(`   FAIL ${where} (exit ${run.status ?? run.signal}, ${served} requests to the mock):\n${output}`)
    }
  }
} finally {
  server.stdin.end()
  server.kill("SIGTERM")
}
if (failed > 0) process.exit(1)
console.log(`   ${files.length} README programs ran against ${url}`)
