/**
 * The Redis fleet scenarios of `catalogRedis.test.ts`, written once for both
 * editions: plain TypeScript over Node's own modules, against a real
 * `redis-server` (Debian's package) that each scenario starts on a free
 * loopback port, without persistence, and stops. Each edition's runner
 * supplies an `Edition`: catalogue members in its own Effect, the mock API
 * server, and its member script for the scenario with OS processes.
 */
import * as assert from "node:assert/strict"
import * as ChildProcess from "node:child_process"
import * as Net from "node:net"
import * as Path from "node:path"
import * as Readline from "node:readline"

/** What a member serves at one moment: its snapshot's time, in epoch milliseconds, and its size. */
export interface Served {
  readonly fetchedAt: number
  readonly models: number
}

/** One process of the fleet, in this process: its own runtime, memory and Redis connection. */
export interface Member {
  readonly snapshot: () => Promise<Served>
  /** How many models `ModelCatalog.all` gives. */
  readonly all: () => Promise<number>
  readonly get: (id: string) => Promise<void>
  /** The warnings it has logged, as text. */
  readonly warnings: ReadonlyArray<string>
  readonly dispose: () => Promise<void>
}

/** Members that share one in-memory Models service (`ModelsTest`), whose listings are counted. */
export interface Fleet {
  /** A member whose catalogue has a 1 s TTL and the Redis store on `127.0.0.1:port`, keys under `fleet-test:`. */
  readonly member: (port: number) => Member
  readonly listings: () => Promise<number>
}

/** The mock API on loopback, counting the requests it answers. */
export interface Api {
  readonly url: string
  readonly requests: () => Promise<number>
  readonly close: () => Promise<void>
}

/** What each edition supplies. */
export interface Edition {
  /** A fleet over `models` (see `catalogue`), each listing taking `latencyMillis`. */
  readonly fleet: (options: { readonly latencyMillis: number }) => Promise<Fleet>
  /** The mock API serving `models`, with the fake key `fleetApiKey`. */
  readonly serveApi: () => Promise<Api>
  /** The edition's member script (`catalogRedisMember.ts`), run with `node --import tsx`. */
  readonly memberScript: string
}

/** How the edition builds the catalogue every scenario serves: 25 models, ids `fleet-000000` and on. */
export const catalogue = { size: 25, idPrefix: "fleet" } as const

/** Never a real key. */
export const fleetApiKey = "sk-ant-test-fleet-FAKE"

const sleep = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis))

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = Net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

interface RedisServer {
  readonly kill: () => void
}

/** redis-server on 127.0.0.1:port, no RDB, no AOF. */
const startRedis = (port: number): Promise<RedisServer> =>
  new Promise((resolve, reject) => {
    const child = ChildProcess.spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "pipe"] }
    )
    const kill = () => child.kill("SIGKILL")
    let output = ""
    const timer = setTimeout(() => {
      kill()
      reject(new Error(`redis-server did not start: ${output}`))
    }, 10_000)
    child.once("error", (error) => {
      clearTimeout(timer)
      reject(new Error(`redis-server could not be run (apt-get install -y redis-server): ${error.message}`))
    })
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer)
        resolve({ kill })
      }
    })
  })

/** What a member process answers to `read`. */
interface Reply {
  readonly fetchedAt?: number | undefined
  readonly models?: number | undefined
  readonly error?: string | undefined
  readonly warnings?: number | undefined
}

const numberOrUndefined = (value: unknown): number | undefined => typeof value === "number" ? value : undefined

const parseReply = (line: string): Reply & { readonly ready: boolean } => {
  const value: unknown = JSON.parse(line)
  if (typeof value !== "object" || value === null) throw new Error(`not a reply: ${line}`)
  const field = (name: string): unknown => name in value ? Reflect.get(value, name) : undefined
  const error = field("error")
  return {
    ready: field("ready") === true,
    fetchedAt: numberOrUndefined(field("fetchedAt")),
    models: numberOrUndefined(field("models")),
    error: typeof error === "string" ? error : undefined,
    warnings: numberOrUndefined(field("warnings"))
  }
}

interface ProcessMember {
  readonly read: () => Promise<Reply>
  readonly kill: () => void
}

/** The member script in a child process, through tsx; it has a 3 s TTL and its keys under `fleet-processes:`. */
const startProcessMember = async (script: string, baseUrl: string, redisPort: number): Promise<ProcessMember> => {
  const child = ChildProcess.spawn(
    process.execPath,
    ["--import", "tsx", script, baseUrl, String(redisPort), "3000"],
    { cwd: Path.dirname(script), stdio: ["pipe", "pipe", "inherit"] }
  )
  const lines: Array<string> = []
  const waiting: Array<(line: string) => void> = []
  Readline.createInterface({ input: child.stdout }).on("line", (line) => {
    const next = waiting.shift()
    if (next === undefined) lines.push(line)
    else next(line)
  })
  const kill = () => child.kill("SIGKILL")
  const next = (): Promise<Reply & { readonly ready: boolean }> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no answer from a fleet process")), 30_000)
      const take = (line: string) => {
        clearTimeout(timer)
        try {
          resolve(parseReply(line))
        } catch (error) {
          reject(error)
        }
      }
      const line = lines.shift()
      if (line === undefined) waiting.push(take)
      else take(line)
    })
  try {
    assert.equal((await next()).ready, true)
  } catch (error) {
    kill()
    throw error
  }
  return {
    read: () => {
      child.stdin.write("read\n")
      return next()
    },
    kill
  }
}

/** Runs `body` with what it starts stopped afterwards, whatever the outcome. */
const withCleanup = async (body: (onExit: (stop: () => unknown) => void) => Promise<void>): Promise<void> => {
  const stops: Array<() => unknown> = []
  try {
    await body((stop) => stops.push(stop))
  } finally {
    for (const stop of stops.reverse()) await stop()
  }
}

const distinct = (values: ReadonlyArray<unknown>): number => new Set(values).size

/** One scenario: its test name, its time bound, and what it does. */
export interface Scenario {
  readonly name: string
  readonly timeoutMillis: number
  readonly run: (edition: Edition) => Promise<void>
}

export const scenarios: ReadonlyArray<Scenario> = [
  {
    name: "three processes share one snapshot: one listing per TTL between them; Redis gone, memory",
    timeoutMillis: 30_000,
    run: (edition) =>
      withCleanup(async (onExit) => {
        const port = await freePort()
        const server = await startRedis(port)
        onExit(server.kill)
        // Each listing takes 50 ms, so the processes really overlap.
        const shared = await edition.fleet({ latencyMillis: 50 })
        const fleet = [shared.member(port), shared.member(port), shared.member(port)]
        onExit(() => Promise.all(fleet.map((one) => one.dispose())))
        const everyone = <A>(f: (member: Member) => Promise<A>) => Promise.all(fleet.map(f))

        // Cold: one process lists, the others wait for its snapshot.
        const cold = await everyone((one) => one.snapshot())
        assert.equal(await shared.listings(), 1)
        assert.ok(cold.every((snapshot) => snapshot.models === catalogue.size))
        assert.equal(distinct(cold.map((snapshot) => snapshot.fetchedAt)), 1, "one snapshot")

        // After the TTL: stale at once everywhere, exactly one refresh across the fleet.
        await sleep(1100)
        const stale = await everyone((one) => one.snapshot())
        assert.ok(stale.every((snapshot) => snapshot.fetchedAt === cold[0]!.fetchedAt))
        await sleep(400)
        const refreshed = await everyone((one) => one.snapshot())
        await sleep(200)
        const adopted = await everyone((one) => one.snapshot())
        assert.equal(await shared.listings(), 2, "one refresh for three processes")
        assert.ok(refreshed.some((snapshot) => snapshot.fetchedAt > cold[0]!.fetchedAt))
        assert.equal(distinct(adopted.map((snapshot) => snapshot.fetchedAt)), 1)
        assert.deepEqual(fleet.map((one) => one.warnings), [[], [], []])

        // Redis goes away: each process goes on with its own memory, with one warning, and nothing fails.
        server.kill()
        await sleep(1100)
        const alone = await everyone((one) => one.all())
        assert.ok(alone.every((count) => count === catalogue.size))
        await sleep(300)
        const after = await everyone((one) => one.snapshot())
        assert.ok(after.every((snapshot) => snapshot.models === catalogue.size))
        assert.equal(await shared.listings(), 5, "each process listed for itself")
        for (const one of fleet) {
          assert.equal(one.warnings.length, 1, one.warnings.join("\n"))
          assert.match(one.warnings[0]!, /Model catalogue store unavailable/)
        }
        // And more use without Redis logs nothing more.
        await everyone((one) => one.get(`${catalogue.idPrefix}-000001`))
        assert.ok(fleet.every((one) => one.warnings.length === 1))
      })
  },
  {
    name: "Redis down at start: memory, with one warning; the store is used once Redis is up",
    timeoutMillis: 30_000,
    run: (edition) =>
      withCleanup(async (onExit) => {
        const port = await freePort()
        const shared = await edition.fleet({ latencyMillis: 0 })
        const early = shared.member(port)
        onExit(early.dispose)

        // Nothing listens on the port: the catalogue lists for itself and warns once.
        assert.equal(await early.all(), catalogue.size)
        assert.equal(await shared.listings(), 1)
        assert.equal(early.warnings.length, 1, early.warnings.join("\n"))
        assert.match(early.warnings[0]!, /Model catalogue store unavailable/)

        // Redis comes up. Past the TTL, and once the store may connect again (the
        // Effect 4 store tries at most every 2 s; ioredis retries at most every 2 s),
        // the refresh stores its snapshot there.
        const server = await startRedis(port)
        onExit(server.kill)
        await sleep(2100)
        await early.snapshot()
        await sleep(300)
        assert.equal(await shared.listings(), 2)

        // A process started now finds that snapshot in Redis and does not list.
        const late = shared.member(port)
        onExit(late.dispose)
        const adopted = await late.snapshot()
        const current = await early.snapshot()
        assert.equal(await shared.listings(), 2, "the late process adopted the stored snapshot")
        assert.equal(adopted.fetchedAt, current.fetchedAt)
        assert.deepEqual([early.warnings.length, late.warnings.length], [1, 0])
      })
  },
  {
    name: "three OS processes over HTTP and Redis: one listing cold, one refresh per TTL, then memory",
    timeoutMillis: 90_000,
    run: (edition) =>
      withCleanup(async (onExit) => {
        const port = await freePort()
        const redis = await startRedis(port)
        onExit(redis.kill)
        const api = await edition.serveApi()
        onExit(api.close)
        const fleet = await Promise.all([0, 1, 2].map(async () => {
          const member = await startProcessMember(edition.memberScript, api.url, port)
          onExit(member.kill)
          return member
        }))
        const readAll = () => Promise.all(fleet.map((one) => one.read()))

        const cold = await readAll()
        assert.equal(await api.requests(), 1, "one listing for three cold processes")
        assert.equal(distinct(cold.map((reply) => reply.fetchedAt)), 1)

        await sleep(3200)
        await readAll()
        await sleep(500)
        await readAll()
        await sleep(300)
        const refreshed = await readAll()
        assert.equal(await api.requests(), 2, "exactly one refresh across the processes after the TTL")
        assert.equal(distinct(refreshed.map((reply) => reply.fetchedAt)), 1)
        assert.ok((refreshed[0]?.fetchedAt ?? 0) > (cold[0]?.fetchedAt ?? Infinity))

        redis.kill()
        await sleep(3200)
        await readAll()
        await sleep(500)
        const alone = await readAll()
        assert.ok(alone.every((reply) => reply.models === catalogue.size && reply.error === undefined))
        assert.equal(await api.requests(), 5, "each process listed for itself")
        assert.deepEqual(alone.map((reply) => reply.warnings), [1, 1, 1])
      })
  }
]
