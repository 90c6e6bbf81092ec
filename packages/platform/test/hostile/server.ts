/**
 * A scriptable loopback HTTP server for the hostile-server suite. One handler
 * answers every request; it sees the request's number on this server, its
 * path, query and headers, and may answer with node:http or write raw bytes to
 * the socket (garbage status lines, broken chunked encoding, resets).
 *
 * Every server listens on 127.0.0.1 only, counts the requests it receives,
 * records their headers, and is stopped with `close`: its timers are cleared
 * and every socket is destroyed, so nothing outlives a test. Every writer
 * below stops by itself (a byte budget and a time budget).
 *
 * Plain TypeScript over node:http, with no Effect: the Effect 3 and the
 * Effect 4 editions run this one copy (each wraps `start` and `close` in its
 * own `acquireRelease`).
 */
import * as Http from "node:http"
import type * as Net from "node:net"

/** What the server saw of one request. */
export interface Received {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: Http.IncomingHttpHeaders
}

/** One request being answered. */
export interface Exchange extends Received {
  /** 1 for the first request this server received, 2 for the next, … */
  readonly n: number
  /** This server's origin, `http://127.0.0.1:PORT`. */
  readonly origin: string
  readonly req: Http.IncomingMessage
  readonly res: Http.ServerResponse
  readonly socket: Net.Socket
}

export type Handler = (exchange: Exchange) => void

/** A running server. The arrays and counters are live. */
export interface TestServer {
  readonly origin: string
  readonly port: number
  /** Every request received, in order. */
  readonly received: ReadonlyArray<Received>
  /** How many requests were received. */
  readonly requests: () => number
  /** Body bytes written by `flood` and `drip`, over all requests. */
  readonly bytesWritten: () => number
  /** How many TCP connections were accepted. */
  readonly connections: () => number
}

interface Internals {
  readonly timers: Set<ReturnType<typeof setTimeout>>
  readonly sockets: Set<Net.Socket>
  written: number
}

const internals = new WeakMap<Net.Socket, Internals>()

const internalsOf = (socket: Net.Socket): Internals => {
  const found = internals.get(socket)
  if (found === undefined) throw new Error("socket does not belong to a test server")
  return found
}

/** A running server and the way to stop it. */
export interface RunningServer extends TestServer {
  /** Clears the server's timers, destroys its sockets and waits for it to close. */
  readonly close: () => Promise<void>
}

/**
 * Starts a server on 127.0.0.1 with an ephemeral port.
 * A handler that throws answers 500 with the exception's message, so a broken
 * script shows up as a failed case rather than a hung one.
 */
export const start = (handler: Handler): Promise<RunningServer> =>
  new Promise((resolve) => {
    const state: Internals = { timers: new Set(), sockets: new Set(), written: 0 }
    const received: Array<Received> = []
    let connections = 0
    let origin = ""
    // The default limit on request headers is kept; responses are what is hostile here.
    const server = Http.createServer({ keepAliveTimeout: 2_000 }, (req, res) => {
      const url = new URL(req.url ?? "/", origin)
      const seen: Received = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers
      }
      received.push(seen)
      const exchange: Exchange = { ...seen, n: received.length, origin, req, res, socket: req.socket }
      try {
        handler(exchange)
      } catch (error) {
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "text/plain" })
          res.end(`test server handler threw: ${String(error)}`)
        }
      }
    })
    server.on("connection", (socket) => {
      connections++
      state.sockets.add(socket)
      internals.set(socket, state)
      socket.on("close", () => state.sockets.delete(socket))
      // A reset from the client is expected in many cases; it must not crash the run.
      socket.on("error", () => {})
    })
    server.on("clientError", (_error, socket) => socket.destroy())
    const close = () =>
      new Promise<void>((closed) => {
        for (const timer of state.timers) clearTimeout(timer)
        state.timers.clear()
        for (const socket of state.sockets) socket.destroy()
        server.closeAllConnections()
        server.close(() => closed())
      })
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      origin = `http://127.0.0.1:${port}`
      resolve({
        origin,
        port,
        received,
        requests: () => received.length,
        bytesWritten: () => state.written,
        connections: () => connections,
        close
      })
    })
  })

/** A timer owned by the exchange's server: cleared when the server closes. */
export const later = (exchange: Exchange, ms: number, f: () => void): void => {
  const state = internalsOf(exchange.socket)
  const timer = setTimeout(() => {
    state.timers.delete(timer)
    f()
  }, ms)
  state.timers.add(timer)
}

// ---------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------

export type Headers = Readonly<Record<string, string>>

/** A complete answer with a Content-Length. */
export const send = (exchange: Exchange, status: number, body: string | Buffer, headers: Headers = {}): void => {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body
  exchange.res.writeHead(status, { "content-length": String(bytes.length), ...headers })
  exchange.res.end(bytes)
}

/** A JSON answer; `body` may be a ready JSON string (for bodies `JSON.stringify` cannot write). */
export const sendJson = (exchange: Exchange, status: number, body: unknown, headers: Headers = {}): void =>
  send(exchange, status, typeof body === "string" ? body : JSON.stringify(body), {
    "content-type": "application/json",
    ...headers
  })

/** The same answer sent chunked (no Content-Length), in pieces of `pieceSize` bytes. */
export const sendChunked = (
  exchange: Exchange,
  status: number,
  body: string | Buffer,
  headers: Headers = {},
  pieceSize = 64 * 1024
): void => {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body
  exchange.res.writeHead(status, { "content-type": "application/json", ...headers })
  for (let at = 0; at < bytes.length; at += pieceSize) exchange.res.write(bytes.subarray(at, at + pieceSize))
  exchange.res.end()
}

/** Bytes straight onto the socket, bypassing node:http, then end or reset the connection. */
export const raw = (exchange: Exchange, bytes: string | Buffer, then: "end" | "destroy" | "hold" = "end"): void => {
  exchange.socket.write(bytes, () => {
    if (then === "end") exchange.socket.end()
    // Let the bytes reach the client before the connection goes.
    else if (then === "destroy") later(exchange, 20, () => exchange.socket.destroy())
  })
}

/** A TCP reset with nothing sent. */
export const reset = (exchange: Exchange): void => {
  exchange.socket.resetAndDestroy()
}

/** Headers and part of a body, then a reset: the body stops midway. */
export const cutAfter = (exchange: Exchange, head: Headers, status: number, part: string | Buffer): void => {
  exchange.res.writeHead(status, head)
  exchange.res.write(part, () => later(exchange, 20, () => exchange.socket.destroy()))
}

/** Nothing at all: the request is read and never answered (until the server closes). */
export const never = (_exchange: Exchange): void => {}

/**
 * `chunk` every `everyMs`, forever from the client's point of view: stops when
 * the client goes away, or after `maxMs` (then the connection is destroyed).
 */
export const drip = (
  exchange: Exchange,
  chunk: string,
  options: { readonly everyMs: number; readonly maxMs: number; readonly headers?: Headers; readonly status?: number }
): void => {
  const state = internalsOf(exchange.socket)
  exchange.res.writeHead(options.status ?? 200, { "content-type": "application/json", ...options.headers })
  exchange.res.flushHeaders()
  const deadline = Date.now() + options.maxMs
  const tick = () => {
    if (exchange.socket.destroyed) return
    if (Date.now() > deadline) {
      exchange.socket.destroy()
      return
    }
    state.written += Buffer.byteLength(chunk)
    exchange.res.write(chunk)
    later(exchange, options.everyMs, tick)
  }
  tick()
}

/**
 * Body bytes as fast as the client takes them (respecting backpressure), until
 * the client goes away or `maxBytes` were written (then the connection is destroyed).
 */
export const flood = (
  exchange: Exchange,
  options: {
    readonly first?: string
    readonly chunk: Buffer
    readonly maxBytes: number
    readonly headers?: Headers
    readonly status?: number
  }
): void => {
  const state = internalsOf(exchange.socket)
  const { res, socket } = exchange
  res.writeHead(options.status ?? 200, { "content-type": "application/json", ...options.headers })
  if (options.first !== undefined) res.write(options.first)
  let sent = 0
  const pump = () => {
    while (!socket.destroyed) {
      if (sent >= options.maxBytes) {
        socket.destroy()
        return
      }
      sent += options.chunk.length
      state.written += options.chunk.length
      if (!res.write(options.chunk)) {
        res.once("drain", pump)
        return
      }
    }
  }
  pump()
}
