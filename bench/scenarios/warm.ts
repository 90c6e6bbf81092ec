/**
 * The scenarios timed inside one warm process (1, 2, 3 and 5): every peer
 * runs in the same process, against the same server, interleaved round by
 * round, so module loading and JIT warm-up stay out of the figures.
 */
import { modelId } from "../catalogue.js"
import { peers } from "../peers/all.js"
import { type Bundle, loadPeer, loadPeers } from "../peers/bundled.js"
import type { ListOptions, Peer } from "../peers/peer.js"
import { baseUrlFor } from "../server.js"
import { type Row, sleep } from "../stats.js"
import { interleave, type Variant } from "./interleaved.js"

const peerNames = ["limit", "official", "effect-ai", "ours"] as const

/** The Effect 4 edition's peers: a module built against the effect4 workspace (see effect4.ts). */
export interface WithEffect4 {
  readonly effect4?: string | undefined
}

/**
 * Runs `scenario` with the Effect 4 peers of `file` loaded (none without
 * one), and closes them afterwards: the worker's `closeAll` knows only the
 * peers compiled into it.
 */
const withEffect4 = async <A>(
  file: string | undefined,
  scenario: (effect4: ReadonlyArray<Peer>) => Promise<A>
): Promise<A> => {
  const effect4 = file === undefined ? [] : await loadPeers(file)
  try {
    return await scenario(effect4)
  } finally {
    await Promise.all(effect4.map((peer) => peer.close()))
  }
}

/** The same measured run for each peer, in the table's order, the Effect 4 peers last. */
const everyPeer = (
  expect: number,
  run: (peer: Peer) => Promise<number>,
  effect4: ReadonlyArray<Peer> = []
): Array<Variant> => [
  ...peerNames.map((name) => ({ peer: name, run: () => run(peers[name]), expect })),
  ...effect4.map((peer) => ({ peer: peer.name, run: () => run(peer), expect }))
]

const listVariants = (
  options: Omit<ListOptions, "prefetch">,
  expect: number,
  prefetches: ReadonlyArray<number>
): Array<Variant> => [
  ...everyPeer(expect, (peer) => peer.listAll(options)).filter((variant) => variant.peer !== "ours"),
  ...prefetches.map((prefetch): Variant => ({
    peer: prefetch === 0 ? "ours" : `ours prefetch ${prefetch}`,
    run: () => peers.ours.listAll({ ...options, prefetch }),
    expect
  }))
]

export interface ThroughputArgs extends WithEffect4 {
  readonly port: number
  readonly size: number
  readonly limit: number
  readonly rounds: number
}

export interface ThroughputBundledArgs extends ThroughputArgs {
  /** Builds of `ours` made apart from the worker (`--baseline`), run like `ours` with no prefetch. */
  readonly bundled?: ReadonlyArray<Bundle> | undefined
}

/** Scenario 1: stream the whole catalogue, no latency, the consumer only counts. */
export const throughput = (args: ThroughputBundledArgs): Promise<Array<Row>> =>
  withEffect4(args.effect4, async (effect4) => {
    const options = { baseUrl: baseUrlFor(args.port, args.size), limit: args.limit }
    const bundled = await Promise.all(
      (args.bundled ?? []).map(async (bundle) => ({ name: bundle.peer, peer: await loadPeer(bundle.file) }))
    )
    try {
      return await interleave(
        "1. throughput",
        "ms",
        [
          ...listVariants(options, args.size, [0, 1]),
          ...effect4.map((peer): Variant => ({ peer: peer.name, run: () => peer.listAll(options), expect: args.size })),
          ...bundled.map(({ name, peer }): Variant => ({
            peer: name,
            run: () => peer.listAll({ ...options, prefetch: 0 }),
            expect: args.size
          }))
        ],
        args.rounds
      )
    } finally {
      await Promise.all(bundled.map(({ peer }) => peer.close()))
    }
  })

export interface ThroughputOneArgs extends ThroughputArgs {
  readonly peer: keyof typeof peers
  readonly prefetch: number
}

/**
 * Scenario 1b: the same listing with one peer alone in its process, so no
 * other library's code shares the JIT's type feedback (Effect's fiber runtime,
 * for one, is used by both `ours` and `effect-ai`).
 */
export const throughputAlone = (args: ThroughputOneArgs): Promise<Array<Row>> =>
  interleave(
    "1b. throughput, one process per peer",
    "ms",
    listVariants({ baseUrl: baseUrlFor(args.port, args.size), limit: args.limit }, args.size, [args.prefetch])
      .filter((variant) => args.peer === "ours" ? variant.peer.startsWith("ours") : variant.peer === args.peer),
    args.rounds
  )

export interface LatencyArgs extends WithEffect4 {
  readonly port: number
  readonly pages: number
  readonly limit: number
  readonly latencyMs: number
  readonly workMs: number
  /** `sleep` awaits a timer (I/O-like work); `cpu` spins on the event loop's thread. */
  readonly work: "sleep" | "cpu"
  readonly rounds: number
}

const spin = async (ms: number): Promise<void> => {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // Busy on purpose: the consumer holds the only JavaScript thread.
  }
}

/** Scenario 2: every page costs `latencyMs` at the server and `workMs` at the consumer. */
export const latency = (args: LatencyArgs): Promise<Array<Row>> => {
  const onPage = args.work === "sleep" ? () => sleep(args.workMs) : () => spin(args.workMs)
  const size = args.pages * args.limit
  const options = { baseUrl: baseUrlFor(args.port, size, args.latencyMs), limit: args.limit, onPage }
  // The Effect 4 edition's first peer only (its transports differ little here), with and without prefetch.
  return withEffect4(args.effect4, (effect4) =>
    interleave(
      args.work === "sleep" ? "2. pipelining (sleeping consumer)" : "2b. pipelining (busy consumer)",
      "ms",
      [
        ...listVariants(options, size, [0, 1]),
        ...effect4.slice(0, 1).flatMap((peer) =>
          [0, 1].map((prefetch): Variant => ({
            peer: prefetch === 0 ? peer.name : `${peer.name} prefetch ${prefetch}`,
            run: () => peer.listAll({ ...options, prefetch }),
            expect: size
          }))
        )
      ],
      args.rounds
    ))
}

/** The first model needs what a full listing needs. */
export type FirstModelArgs = ThroughputArgs

/** Scenario 3: the first model of a large listing. */
export const firstModel = (args: FirstModelArgs): Promise<Array<Row>> => {
  const baseUrl = baseUrlFor(args.port, args.size)
  const first = modelId(0)
  const check = (id: string) => (id === first ? 1 : 0)
  return withEffect4(args.effect4, (effect4) =>
    interleave(
      "3. time to first model",
      "ms",
      everyPeer(1, (peer) => peer.firstModel(baseUrl, args.limit).then(check), effect4),
      args.rounds,
      { warmupRounds: 3 }
    ))
}

export interface RetrievesArgs extends WithEffect4 {
  readonly port: number
  readonly size: number
  readonly count: number
  readonly rounds: number
}

const retrieveVariants = (args: RetrievesArgs, effect4: ReadonlyArray<Peer>): Array<Variant> => {
  const baseUrl = baseUrlFor(args.port, args.size)
  // Spread over the catalogue so that no two requests ask for the same model.
  const ids = Array.from({ length: args.count }, (_, i) => modelId((i * 97) % args.size))
  return everyPeer(args.count, (peer) => peer.retrieveAll(baseUrl, ids), effect4)
}

/** Scenario 5: `count` retrieves at once through one client. */
export const retrieves = (args: RetrievesArgs): Promise<Array<Row>> =>
  withEffect4(
    args.effect4,
    (effect4) =>
      interleave("5. concurrent retrieves", "ms", retrieveVariants(args, effect4), args.rounds, { warmupRounds: 2 })
  )

export interface RetrievesOneArgs extends RetrievesArgs {
  readonly peer: string
}

/**
 * Scenario 5b: the same retrieves with one peer alone in its process, as 1b
 * is for the listing: no other peer's code shares the JIT's type feedback,
 * undici's global connection pool (every fetch-based peer's) or the heap.
 */
export const retrievesAlone = (args: RetrievesOneArgs): Promise<Array<Row>> =>
  withEffect4(args.effect4, (effect4) =>
    interleave(
      "5b. concurrent retrieves, one process per peer",
      "ms",
      retrieveVariants(args, effect4).filter((variant) => variant.peer === args.peer),
      args.rounds,
      { warmupRounds: 2 }
    ))

export const closeAll = () => Promise.all(Object.values(peers).map((peer) => peer.close()))
