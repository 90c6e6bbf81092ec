/** Starting the server and the measuring processes. */
import * as ChildProcess from "node:child_process"

export interface Finished {
  readonly code: number | null
  readonly stdout: string
  readonly wallMs: number
}

/** Runs `node` (this one unless told) with the given arguments and collects stdout; stderr passes through. */
export const runNode = (args: ReadonlyArray<string>, cwd: string, node: string = process.execPath): Promise<Finished> =>
  new Promise((resolve, reject) => {
    const start = performance.now()
    const child = ChildProcess.spawn(node, args, { cwd, stdio: ["ignore", "pipe", "inherit"] })
    const chunks: Array<Buffer> = []
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk))
    child.on("error", reject)
    child.on(
      "close",
      (code) => resolve({ code, stdout: Buffer.concat(chunks).toString("utf8"), wallMs: performance.now() - start })
    )
  })

export interface ServerProcess {
  readonly port: number
  readonly stop: () => Promise<void>
}

/** The loopback server in its own process, so it has its own core and its own heap. */
export const startServer = (
  serverFile: string,
  cwd: string,
  node: string = process.execPath
): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child = ChildProcess.fork(serverFile, [], {
      cwd,
      execPath: node,
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)))
    child.once("message", (message: unknown) => {
      const port = typeof message === "object" && message !== null && "port" in message ? message.port : undefined
      if (typeof port !== "number") return reject(new Error(`server sent ${JSON.stringify(message)}`))
      child.removeAllListeners("exit")
      resolve({
        port,
        stop: () =>
          new Promise((done) => {
            child.once("exit", () => done())
            child.send("stop")
          })
      })
    })
  })
