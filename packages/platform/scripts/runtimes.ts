/**
 * Runtime acceptance driver (issue 4): runs `test/acceptance/acceptance.ts` on
 * Node, Bun, Deno and headless Chromium, each against its own pair of
 * ModelsApiServer instances on 127.0.0.1, and prints one line per runtime.
 *
 *   cd packages/platform && npx tsx scripts/runtimes.ts [runtime ...]
 *
 * Runtimes: node (the Node running this script), bun, deno, chromium, and
 * node22 (optional: fetched with `npx -y node@22`; its failure or absence
 * does not fail the run). With no arguments all of them run. Exits 1 if a
 * required runtime fails.
 *
 * Routes: Node runs the TypeScript sources through tsx; Bun runs them directly;
 * Deno and Chromium run esbuild bundles (Deno would need sloppy imports for the
 * workspace's `.js` specifiers; the browser needs a bundle anyway).
 */
import { synthetic } from "@anthropic-effect/testing/Catalogue"
import * as ModelsApiServer from "@anthropic-effect/testing/ModelsApiServer"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { spawn } from "node:child_process"
import * as Fs from "node:fs/promises"
import * as Http from "node:http"
import { createRequire } from "node:module"
import * as Os from "node:os"
import * as Path from "node:path"
import {
  API_KEY,
  CATALOGUE_SIZE,
  RETRY_EXPECTED,
  RETRY_SCRIPT,
  STREAM_PAGE_SIZE,
  type Target
} from "../test/acceptance/acceptance.js"
import { bundle, nodeBuiltinImports, packageDir } from "./internal/esbuild.js"

/** list + every page of the stream + retrieve + the 404: no more, since nothing on this server fails. */
const EXPECTED_API_REQUESTS = 1 + Math.ceil(CATALOGUE_SIZE / STREAM_PAGE_SIZE) + 1 + 1

const CHROMIUM = "/usr/bin/chromium"
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run"
]

const bin = (name: string) => Path.join(packageDir, "node_modules", ".bin", name)
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli")

/** The child's environment: no Anthropic credentials, no telemetry, no update checks. */
const childEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("ANTHROPIC_")) env[name] = value
  }
  return { ...env, NO_COLOR: "1", DO_NOT_TRACK: "1", DENO_NO_UPDATE_CHECK: "1", ...extra }
}

/** What a runtime reported, before the driver's own checks. */
interface RunResult {
  readonly ok: boolean
  readonly line: string
  readonly detail?: string
}

class RunFailure {
  readonly _tag = "RunFailure"
  constructor(readonly message: string, readonly detail?: string) {}
}

interface ProcessOutput {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs a process in its own process group and waits for it, at most
 * `timeout`. The group is killed when the scope closes, so a runtime that
 * hangs (or a helper it started) cannot outlive the driver.
 */
const runProcess = (
  command: string,
  args: ReadonlyArray<string>,
  timeout: Duration.DurationInput,
  env: NodeJS.ProcessEnv = childEnv()
): Effect.Effect<ProcessOutput, RunFailure> =>
  Effect.scoped(
    Effect.gen(function*() {
      const child = yield* Effect.acquireRelease(
        Effect.sync(() =>
          spawn(command, args, { cwd: packageDir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
        ),
        (child) =>
          Effect.sync(() => {
            if (child.pid === undefined) return
            try {
              process.kill(-child.pid, "SIGKILL")
            } catch {
              // ESRCH: the whole group has already exited.
            }
          })
      )
      let stdout = ""
      let stderr = ""
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout += chunk)
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr += chunk)
      const exit = yield* Effect.async<{ code: number | null; signal: NodeJS.Signals | null }, RunFailure>(
        (resume) => {
          child.once(
            "error",
            (error) => resume(Effect.fail(new RunFailure(`cannot start ${command}: ${error.message}`)))
          )
          child.once("close", (code, signal) => resume(Effect.succeed({ code, signal })))
        }
      ).pipe(
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () =>
            new RunFailure(
              `${Path.basename(command)} did not finish within ${Duration.format(Duration.decode(timeout))}`,
              `${stdout}${stderr}`
            )
        })
      )
      return { ...exit, stdout, stderr }
    })
  )

/** The runtime's one-line result from its output, and whether it passed. */
const resultOf = (runtime: string, output: ProcessOutput): RunResult => {
  const line = output.stdout.split("\n").find((text) => text.startsWith(`${runtime}: `))
  const detail = `${output.stdout}${output.stderr}`.trim()
  if (line === undefined) {
    return { ok: false, line: `${runtime}: FAIL no result line (exit ${output.code ?? output.signal})`, detail }
  }
  if (output.code !== 0) return { ok: false, line: `${line} [exit ${output.code ?? output.signal}]`, detail }
  return { ok: line.startsWith(`${runtime}: ok `), line, detail }
}

/**
 * A fresh pair of servers for one runtime: the scripted 529s count requests
 * from 1, so no two runtimes may share the retry server. After the run the
 * servers' counters must show exactly the traffic the checks imply.
 */
const withServers = (
  body: (target: Target) => Effect.Effect<RunResult, RunFailure>
): Effect.Effect<RunResult, RunFailure> =>
  Effect.scoped(
    Effect.gen(function*() {
      const models = synthetic(CATALOGUE_SIZE)
      const api = yield* ModelsApiServer.serve({ models, apiKey: API_KEY })
      const retry = yield* ModelsApiServer.serve({ models, apiKey: API_KEY, faults: { script: RETRY_SCRIPT } })
      const result = yield* body({ apiUrl: api.url, retryUrl: retry.url })
      if (!result.ok) return result
      const apiStats = yield* api.stats
      const retryStats = yield* retry.stats
      const problems: Array<string> = []
      if (apiStats.requests !== EXPECTED_API_REQUESTS) {
        problems.push(`api server saw ${apiStats.requests} requests, expected ${EXPECTED_API_REQUESTS}`)
      }
      if (
        retryStats.requests !== RETRY_EXPECTED.requests || retryStats.faults.overloaded !== RETRY_EXPECTED.overloaded
      ) {
        problems.push(
          `retry server saw ${retryStats.requests} requests and ${retryStats.faults.overloaded} 529s, ` +
            `expected ${RETRY_EXPECTED.requests} and ${RETRY_EXPECTED.overloaded}`
        )
      }
      return problems.length === 0
        ? result
        : { ...result, ok: false, line: `${result.line} [driver: ${problems.join("; ")}]` }
    }).pipe(Effect.catchTag("ServeError", (error) => Effect.fail(new RunFailure(`server: ${String(error)}`))))
  )

/** A temporary directory for bundles, removed when the scope closes. */
const tempDir: Effect.Effect<string, never, Scope.Scope> = Effect.acquireRelease(
  Effect.promise(() => Fs.mkdtemp(Path.join(Os.tmpdir(), "anthropic-effect-runtimes-"))),
  (dir) => Effect.promise(() => Fs.rm(dir, { recursive: true, force: true }))
)

const buildBundle = (entry: string, platform: "neutral" | "browser") =>
  Effect.tryPromise({
    try: () => bundle({ entry, platform, minify: false }),
    catch: (error) => new RunFailure(`esbuild ${entry}: ${String(error)}`)
  })

const runNode = (label: string, nodeBinary: string) =>
  withServers((target) =>
    Effect.map(
      runProcess(nodeBinary, [tsxCli, "test/acceptance/node.ts", target.apiUrl, target.retryUrl], "90 seconds"),
      (output) => resultOf(label, output)
    )
  )

const runBun = withServers((target) =>
  Effect.map(
    runProcess(bin("bun"), ["test/acceptance/bun.ts", target.apiUrl, target.retryUrl], "90 seconds"),
    (output) => resultOf("bun", output)
  )
)

const runDeno = Effect.scoped(
  Effect.gen(function*() {
    const dir = yield* tempDir
    const built = yield* buildBundle("test/acceptance/deno.ts", "neutral")
    const file = Path.join(dir, "deno-acceptance.js")
    yield* Effect.promise(() => Fs.writeFile(file, built.code))
    return yield* withServers((target) =>
      Effect.map(
        runProcess(
          bin("deno"),
          [
            "run",
            // No config, no npm, no remote modules: the bundle is all there is.
            "--no-config",
            "--no-npm",
            "--no-remote",
            "--no-prompt",
            "--allow-net=127.0.0.1",
            file,
            target.apiUrl,
            target.retryUrl
          ],
          "90 seconds",
          childEnv({ DENO_DIR: Path.join(dir, "deno-dir") })
        ),
        (output) => resultOf("deno", output)
      )
    )
  })
)

/** Serves the test page and the bundle on its own port: a different origin from both API servers. */
const servePage = (script: Uint8Array): Effect.Effect<string, RunFailure, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<Http.Server, RunFailure>((resume) => {
      const html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>runtime acceptance</title></head>" +
        "<body><script type=\"module\" src=\"/acceptance.js\"></script></body></html>"
      const server = Http.createServer((request, response) => {
        const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname
        if (path === "/") {
          response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html)
        } else if (path === "/acceptance.js") {
          response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(script)
        } else {
          response.writeHead(404).end()
        }
      })
      server.once("error", (error) => resume(Effect.fail(new RunFailure(`page server: ${error.message}`))))
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map((server) => {
    const address = server.address()
    return `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`
  }))

interface SeenRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
}

const runChromium = Effect.scoped(
  Effect.gen(function*() {
    const built = yield* buildBundle("test/acceptance/browser.ts", "browser")
    const builtins = nodeBuiltinImports(built.metafile)
    if (builtins.length > 0) {
      return { ok: false, line: `chromium: FAIL Node built-ins in the browser bundle: ${builtins.join(", ")}` }
    }
    const pageUrl = yield* servePage(built.code)
    // Loaded here, not at the top: it takes seconds, and the other runtimes do not need it.
    const { chromium } = yield* Effect.promise(() => import("playwright-core"))
    const browser = yield* Effect.acquireRelease(
      Effect.tryPromise({
        // playwright-core never downloads a browser; it starts Debian's chromium
        // with a fresh temporary profile of its own.
        try: () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 }),
        catch: (error) => new RunFailure(`cannot launch ${CHROMIUM}: ${String(error)}`)
      }),
      (browser) => Effect.promise(() => browser.close())
    )
    return yield* withServers((target) =>
      Effect.tryPromise({
        try: async (): Promise<RunResult> => {
          const page = await browser.newPage()
          const log: Array<string> = []
          const seen: Array<Promise<SeenRequest>> = []
          page.on("console", (message) => log.push(`console.${message.type()}: ${message.text()}`))
          page.on("pageerror", (error) => log.push(`pageerror: ${error.message}`))
          page.on("requestfailed", (request) =>
            log.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`))
          page.on("request", (request) => {
            const url = request.url()
            if (url.startsWith(target.apiUrl) || url.startsWith(target.retryUrl)) {
              seen.push(request.allHeaders().then((headers) => ({ url, headers })))
            }
          })
          const query = new URLSearchParams({ api: target.apiUrl, retry: target.retryUrl })
          await page.goto(`${pageUrl}/?${query}`, { timeout: 30_000 })
          await page.waitForFunction(
            () =>
              document.body.dataset["status"] !== undefined,
            undefined,
            {
              timeout: 60_000
            }
          )
          const status = await page.evaluate(() => document.body.dataset["status"])
          const line = await page.evaluate(() => document.body.dataset["result"] ?? "")
          const detail = log.join("\n")
          if (status !== "ok") return { ok: false, line, detail }
          // What the page sent, as the browser put it on the wire.
          const requests = await Promise.all(seen)
          const pageOrigin = new URL(pageUrl).origin
          const wrong = requests.filter(({ headers }) =>
            headers["anthropic-dangerous-direct-browser-access"] !== "true" ||
            headers["x-api-key"] !== API_KEY ||
            headers["origin"] !== pageOrigin ||
            "traceparent" in headers ||
            "b3" in headers
          )
          if (wrong.length > 0) {
            return { ok: false, line: `${line} [driver: ${wrong.length} requests with wrong headers]`, detail }
          }
          return { ok: true, line: `${line} crossOrigin=${requests.length} requests`, detail }
        },
        catch: (error) => new RunFailure(`chromium: ${String(error)}`)
      })
    )
  })
)

/**
 * Node 22 from npm's `node` package, if the registry (or npm's cache) has it.
 * Its absence is reported, not a failure.
 */
const findNode22 = Effect.map(
  runProcess("npx", ["-y", "node@22", "-p", "process.execPath"], "120 seconds"),
  (output) => {
    const path = output.stdout.trim().split("\n").at(-1)
    return output.code === 0 && path !== undefined && path.startsWith("/") ? path : undefined
  }
)

interface Runtime {
  readonly name: string
  readonly required: boolean
  readonly run: Effect.Effect<RunResult, RunFailure>
}

const nodeLabel = `node${process.versions.node.split(".")[0]}`

const runtimes: ReadonlyArray<Runtime> = [
  { name: nodeLabel, required: true, run: runNode(nodeLabel, process.execPath) },
  {
    name: "node22",
    required: false,
    run: Effect.flatMap(findNode22, (path) =>
      path === undefined
        ? Effect.succeed({ ok: false, line: "node22: skipped (npx -y node@22 is not available)" })
        : runNode("node22", path))
  },
  { name: "bun", required: true, run: runBun },
  { name: "deno", required: true, run: runDeno },
  { name: "chromium", required: true, run: runChromium }
]

const main = Effect.gen(function*() {
  const wanted = process.argv.slice(2).map((name) => name === "node" ? nodeLabel : name)
  const unknown = wanted.filter((name) => !runtimes.some((runtime) => runtime.name === name))
  if (unknown.length > 0) {
    console.log(`unknown runtime(s): ${unknown.join(", ")}; known: ${runtimes.map((r) => r.name).join(", ")}`)
    return false
  }
  const selected = wanted.length === 0 ? runtimes : runtimes.filter((runtime) => wanted.includes(runtime.name))
  const started = Date.now()
  let failed = 0
  for (const runtime of selected) {
    const result = yield* runtime.run.pipe(
      Effect.catchAll((failure) =>
        Effect.succeed<RunResult>({
          ok: false,
          line: `${runtime.name}: FAIL ${failure.message}`,
          ...(failure.detail === undefined ? {} : { detail: failure.detail })
        })
      )
    )
    const optional = runtime.required ? "" : " (optional)"
    console.log(`${result.line}${optional}`)
    if (!result.ok && result.detail !== undefined && result.detail !== "") {
      console.log(result.detail.split("\n").map((text) => `    ${text}`).join("\n"))
    }
    if (!result.ok && runtime.required) failed++
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`runtimes: ${failed === 0 ? "ok" : `${failed} required runtime(s) failed`} (${seconds} s)`)
  return failed === 0
})

Effect.runPromise(main).then(
  (ok) => {
    process.exitCode = ok ? 0 : 1
  },
  (error: unknown) => {
    console.log(`runtimes: FAIL ${String(error)}`)
    process.exitCode = 1
  }
)
