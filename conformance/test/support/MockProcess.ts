/**
 * A third-party mock server (steady, Prism) as a child process on 127.0.0.1:
 * started on a free port, waited for with a bounded loop, and stopped with its
 * whole process group. Plain TypeScript with no Effect import, so that the
 * Effect 3 suite (`./MockServer.ts`) and the Effect 4 suite
 * (`effect4/conformance/test/support/MockServer.ts`) share one copy and each
 * only wraps `start` in a scoped Effect of its own. Nothing here talks to
 * anything but loopback.
 */
import * as ChildProcess from "node:child_process"
import { createRequire } from "node:module"
import * as Net from "node:net"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"

/** The Effect 3 conformance package's directory, which holds the spec both editions test against. */
export const packageDir = fileURLToPath(new URL("../..", import.meta.url))

/** The copy of the spec that travels with the tests. */
export const specPath = Path.join(packageDir, "spec", "models.openapi.yaml")

export interface MockServer {
  readonly name: string
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string
  readonly pid: number
  /** The last 64 KiB the process printed, for diagnostics. */
  readonly output: () => string
}

/** A started server and the way to stop it (its process group: SIGTERM, then SIGKILL). */
export interface RunningMockServer extends MockServer {
  readonly stop: () => Promise<void>
}

export interface Command {
  readonly command: string
  readonly args: ReadonlyArray<string>
}

/**
 * The steady binary itself, as installed for the package in `fromDir` (each
 * edition resolves its own install). `@stdy/cli`'s `steady.js` is a Node
 * wrapper that spawns the platform binary; running the binary directly leaves
 * one process to kill. Falls back to the wrapper on platforms without a binary
 * package.
 */
export const steadyCommand = (fromDir: string = packageDir): Command => {
  const cliManifest = createRequire(Path.join(fromDir, "package.json")).resolve("@stdy/cli/package.json")
  try {
    const platformManifest = createRequire(cliManifest).resolve(
      `@stdy/cli-${process.platform}-${process.arch}/package.json`
    )
    const binary = process.platform === "win32" ? "steady.exe" : "steady"
    return { command: Path.join(Path.dirname(platformManifest), "bin", binary), args: [] }
  } catch {
    return { command: process.execPath, args: [Path.join(Path.dirname(cliManifest), "steady.js")] }
  }
}

/** Prism's CLI entry point, as installed for the package in `fromDir`, run with this Node. */
export const prismCommand = (fromDir: string = packageDir): Command => ({
  command: process.execPath,
  args: [
    Path.join(
      Path.dirname(createRequire(Path.join(fromDir, "package.json")).resolve("@stoplight/prism-cli/package.json")),
      "dist",
      "index.js"
    )
  ]
})

/** A port that was free on 127.0.0.1 a moment ago. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = Net.createServer()
    server.unref()
    server.once("error", (error) => reject(new Error(`no free port: ${error.message}`)))
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => port > 0 ? resolve(port) : reject(new Error("no port assigned")))
    })
  })

const outputLimit = 64 * 1024

interface Running {
  readonly child: ChildProcess.ChildProcess
  readonly output: () => string
}

const isRunning = (child: ChildProcess.ChildProcess): boolean => child.exitCode === null && child.signalCode === null

/** Whether the child exited within `millis`. */
const waitForExit = (child: ChildProcess.ChildProcess, millis: number): Promise<boolean> =>
  isRunning(child)
    ? new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.off("exit", onExit)
        resolve(false)
      }, millis)
      const onExit = () => {
        clearTimeout(timer)
        resolve(true)
      }
      child.once("exit", onExit)
    })
    : Promise.resolve(true)

const signalGroup = (child: ChildProcess.ChildProcess, signal: NodeJS.Signals): void => {
  if (child.pid === undefined) return
  try {
    // The child leads its own process group (detached), so this reaches anything it spawned too.
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {
      // already gone
    }
  }
}

/** SIGTERM to the group, at most 3 s of grace, then SIGKILL. */
const stop = async ({ child }: Running): Promise<void> => {
  if (!isRunning(child)) return
  signalGroup(child, "SIGTERM")
  if (await waitForExit(child, 3000)) return
  signalGroup(child, "SIGKILL")
  await waitForExit(child, 2000)
}

const spawnProcess = (name: string, command: string, args: ReadonlyArray<string>): Running => {
  let output = ""
  const child = ChildProcess.spawn(command, [...args], {
    cwd: packageDir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }
  })
  const append = (chunk: Buffer) => {
    output += chunk.toString("utf8")
    if (output.length > outputLimit) output = output.slice(-outputLimit)
  }
  child.stdout?.on("data", append)
  child.stderr?.on("data", append)
  child.on("error", (error) => append(Buffer.from(`\n[${name}] spawn error: ${error.message}\n`)))
  return { child, output: () => output }
}

/** Resolves after `millis`, or at once when `signal` aborts. */
const sleep = (millis: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort)
      resolve()
    }, millis)
    signal?.addEventListener("abort", onAbort, { once: true })
  })

/**
 * Polls `url + readyPath` every 100 ms until the server answers with any HTTP
 * status; rejects when the process exits, `timeoutMillis` pass, or `signal`
 * aborts.
 */
const waitUntilReady = async (
  name: string,
  running: Running,
  url: string,
  readyPath: string,
  timeoutMillis: number,
  signal: AbortSignal | undefined
): Promise<void> => {
  const deadline = Date.now() + timeoutMillis
  let detail = "not asked yet"
  for (;;) {
    if (signal?.aborted === true) throw new Error(`${name}: the start was interrupted`)
    if (!isRunning(running.child)) throw new Error(`${name} exited before it was ready:\n${running.output()}`)
    const probeTimeout = AbortSignal.timeout(1000)
    try {
      const response = await fetch(url + readyPath, {
        signal: signal === undefined ? probeTimeout : AbortSignal.any([signal, probeTimeout])
      })
      await response.arrayBuffer()
      return
    } catch (error) {
      detail = String(error)
    }
    if (Date.now() >= deadline) {
      throw new Error(`${name} did not answer on ${url} within ${timeoutMillis} ms (${detail}):\n${running.output()}`)
    }
    await sleep(100, signal)
  }
}

export interface StartOptions {
  readonly name: string
  readonly command: string
  /** Arguments; `{port}` is replaced by the chosen port. */
  readonly args: ReadonlyArray<string>
  /** A path that answers (any status) once the server is up. */
  readonly readyPath: string
  readonly readyTimeoutMillis: number
}

const startOnce = async (options: StartOptions, signal: AbortSignal | undefined): Promise<RunningMockServer> => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const args = options.args.map((arg) => arg.replaceAll("{port}", String(port)))
  let running: Running
  try {
    running = spawnProcess(options.name, options.command, args)
  } catch (error) {
    throw new Error(`could not start ${options.name}: ${String(error)}`)
  }
  try {
    await waitUntilReady(options.name, running, url, options.readyPath, options.readyTimeoutMillis, signal)
  } catch (error) {
    // A server that never came up is stopped now; only a ready one is handed to the caller.
    await stop(running)
    throw error
  }
  return { name: options.name, url, pid: running.child.pid ?? -1, output: running.output, stop: () => stop(running) }
}

/**
 * Starts the server on a free port of 127.0.0.1. The caller stops it (each
 * edition's `MockServer.start` does so when its scope closes, whether the
 * tests passed, failed or were interrupted); an aborted `signal` stops a
 * server that is still starting. Tries up to three ports, in case another
 * process takes the first one between the probe and the server's bind.
 */
export const start = async (options: StartOptions, signal?: AbortSignal): Promise<RunningMockServer> => {
  let lastError: unknown = new Error(`${options.name}: not started`)
  for (let attempt = 0; attempt < 3 && signal?.aborted !== true; attempt++) {
    try {
      return await startOnce(options, signal)
    } catch (error) {
      lastError = error
    }
  }
  throw lastError
}
