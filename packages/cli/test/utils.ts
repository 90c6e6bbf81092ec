// Runs the CLI in this process, as the bin does, with stdout and stderr captured,
// the environment given as a ConfigProvider and the terminal described by hand.
import * as Cli from "@anthropic-effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { execFile } from "node:child_process"
import { Console as NodeConsole } from "node:console"
import * as Http from "node:http"
import { Writable } from "node:stream"
import { fileURLToPath } from "node:url"

export interface Output {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const sink = (into: Array<string>) =>
  new Writable({
    write(chunk, _encoding, callback) {
      into.push(String(chunk))
      callback()
    }
  })

// An Effect Console over a Node console that writes into arrays.
const capturing = (stdout: Array<string>, stderr: Array<string>): Console.Console => {
  const unsafe = new NodeConsole({ stdout: sink(stdout), stderr: sink(stderr), colorMode: false })
  const later = (f: () => void) => Effect.sync(f)
  return {
    [Console.TypeId]: Console.TypeId,
    assert: (condition, ...args) => later(() => unsafe.assert(condition, ...args)),
    clear: later(() => unsafe.clear()),
    count: (label) => later(() => unsafe.count(label)),
    countReset: (label) => later(() => unsafe.countReset(label)),
    debug: (...args) => later(() => unsafe.debug(...args)),
    dir: (item, options) => later(() => unsafe.dir(item, options)),
    dirxml: (...args) => later(() => unsafe.dirxml(...args)),
    error: (...args) => later(() => unsafe.error(...args)),
    group: (options) => later(() => unsafe.group(options?.label)),
    groupEnd: later(() => unsafe.groupEnd()),
    info: (...args) => later(() => unsafe.info(...args)),
    log: (...args) => later(() => unsafe.log(...args)),
    table: (data, properties) => later(() => unsafe.table(data, properties)),
    time: (label) => later(() => unsafe.time(label)),
    timeEnd: (label) => later(() => unsafe.timeEnd(label)),
    timeLog: (label, ...args) => later(() => unsafe.timeLog(label, ...args)),
    trace: (...args) => later(() => unsafe.trace(...args)),
    warn: (...args) => later(() => unsafe.warn(...args)),
    unsafe
  }
}

export interface RunOptions {
  /** The environment the CLI's Config reads (ANTHROPIC_API_KEY, ...). Default: none. */
  readonly env?: Readonly<Record<string, string>> | undefined
  readonly columns?: number | undefined
  readonly stderrIsTty?: boolean | undefined
}

/** A run whose output can be read while it goes on (for watch). */
export const start = (args: ReadonlyArray<string>, options: RunOptions = {}) =>
  Effect.gen(function*() {
    const stdout: Array<string> = []
    const stderr: Array<string> = []
    const tty = Layer.succeed(Cli.Tty, {
      columns: Option.fromNullable(options.columns),
      stderrIsTty: options.stderrIsTty ?? false,
      writeStderr: (text) => Effect.sync(() => void stderr.push(text))
    })
    const fiber = yield* Cli.run(["node", "anthropic-models", ...args]).pipe(
      Effect.provide(Layer.merge(NodeContext.layer, tty)),
      Effect.withConsole(capturing(stdout, stderr)),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(options.env ?? {})))),
      Effect.fork
    )
    return { fiber, stdout: () => stdout.join(""), stderr: () => stderr.join("") }
  })

/** Runs the CLI to its end. */
export const run = (args: ReadonlyArray<string>, options: RunOptions = {}) =>
  Effect.gen(function*() {
    const running = yield* start(args, options)
    const code = yield* running.fiber
    return { code, stdout: running.stdout(), stderr: running.stderr() } satisfies Output
  })

export const bin = fileURLToPath(new URL("../bin/anthropic-models.mjs", import.meta.url))

const { ANTHROPIC_API_KEY: _key, ANTHROPIC_AUTH_TOKEN: _token, ANTHROPIC_BASE_URL: _url, ...cleanEnv } = process.env

/** Runs the real bin in its own process (tsx compiles it first: seconds on a small machine). */
export const runBin = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}) =>
  new Promise<Output>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...cleanEnv, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr })
    )
  })

/** The environment of a user with a key for the server at `url`, and a cache in `cacheDir`. */
export const account = (url: string, cacheDir: string, key = "sk-ant-test-cli-FAKE") => ({
  ANTHROPIC_API_KEY: key,
  ANTHROPIC_BASE_URL: url,
  ANTHROPIC_MODELS_CACHE_DIR: cacheDir
})

/**
 * A loopback proxy in front of one of several servers, switched by `use`,
 * each answer held back by `delayMillis`: a catalogue that changes, or a slow one.
 */
export const proxy = (targets: ReadonlyArray<string>, delayMillis = 0) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly use: (index: number) => void; readonly server: Http.Server }>(
      (resume) => {
        let current = 0
        const server = Http.createServer((request, response) => {
          const target = new URL(request.url ?? "/", targets[current])
          setTimeout(() => {
            const upstream = Http.request(target, { method: request.method, headers: request.headers }, (answer) => {
              response.writeHead(answer.statusCode ?? 502, answer.headers)
              answer.pipe(response)
            })
            upstream.on("error", () => response.destroy())
            request.pipe(upstream)
          }, delayMillis)
        })
        server.listen(0, "127.0.0.1", () => {
          const address = server.address()
          const port = typeof address === "object" && address !== null ? address.port : 0
          resume(Effect.succeed({
            url: `http://127.0.0.1:${port}`,
            use: (index) => {
              current = index
            },
            server
          }))
        })
      }
    ),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

/** Lines of text, without the empty last one. */
export const lines = (text: string): ReadonlyArray<string> =>
  text.split("\n").filter((line, i, all) => i < all.length - 1 || line !== "")
