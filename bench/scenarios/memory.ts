/**
 * Scenario 4, one run per process: a consumer that sleeps on every page
 * behind a large listing. The live heap (outside code space) is read after a
 * full collection every few pages, so what is measured is what the client
 * keeps, not how lazily V8 collects; the peak heap without forcing a
 * collection and the peak RSS are reported beside it.
 */
import * as V8 from "node:v8"
import { peers } from "../peers/all.js"
import { baseUrlFor } from "../server.js"
import { collectGarbage, sleep } from "../stats.js"

export interface MemoryArgs {
  readonly port: number
  readonly peer: keyof typeof peers
  readonly prefetch: number
  readonly size: number
  readonly limit: number
  readonly sleepMs: number
  readonly sampleEvery: number
}

/**
 * Heap in use outside code space. Compiled code and type feedback grow for a
 * while as V8 optimises the loop; they are not data the client keeps.
 */
const dataHeap = (): number =>
  V8.getHeapSpaceStatistics()
    .filter((space) => !space.space_name.includes("code") && !space.space_name.startsWith("read_only"))
    .reduce((sum, space) => sum + space.space_used_size, 0)

export interface MemoryResult {
  readonly models: number
  readonly ms: number
  /** Heap in use (outside code space) after a full collection, before the listing starts. */
  readonly baselineHeap: number
  /** The most heap still reachable at any sample, above the baseline. */
  readonly peakLiveHeap: number
  /** Live heap above the baseline at each sample, to show it does not climb. */
  readonly liveSamples: ReadonlyArray<number>
  /** The most heap seen at any page, garbage included, above the baseline. */
  readonly peakHeapUsed: number
  /** Peak resident set size of the whole process during the listing. */
  readonly maxRss: number
  /** Heap kept alive by one page as this peer hands it over, averaged over ten pages. */
  readonly pageBytes: number
}

export const memory = async (args: MemoryArgs): Promise<MemoryResult> => {
  const peer = peers[args.peer]
  const baseUrl = baseUrlFor(args.port, args.size)
  // Run the code paths once (a short listing of its own) and open the
  // connection, so the baseline already holds the client and its compiled code.
  await peer.listAll({ baseUrl: baseUrlFor(args.port, 20 * args.limit), limit: args.limit, prefetch: args.prefetch })
  await peer.firstModel(baseUrl, args.limit)
  await sleep(10)
  collectGarbage()
  collectGarbage()
  const baselineHeap = dataHeap()
  let pagesSeen = 0
  let peakHeapUsed = 0
  let peakLiveHeap = 0
  const liveSamples: Array<number> = []
  const sample = () => {
    collectGarbage()
    const live = dataHeap() - baselineHeap
    liveSamples.push(live)
    peakLiveHeap = Math.max(peakLiveHeap, live)
  }
  const start = performance.now()
  const models = await peer.listAll({
    baseUrl,
    limit: args.limit,
    prefetch: args.prefetch,
    onPage: async () => {
      pagesSeen++
      peakHeapUsed = Math.max(peakHeapUsed, dataHeap() - baselineHeap)
      const sampled = pagesSeen % args.sampleEvery === 0 || pagesSeen === 2
      if (sampled) sample()
      await sleep(args.sleepMs)
      // Again at the end of the consumer's work: by then a prefetching client
      // has filled its buffer, so this is when the most pages are alive.
      if (sampled) sample()
    }
  })
  const ms = performance.now() - start
  const maxRss = process.resourceUsage().maxRSS * 1024

  // Weigh a page: ten held at once, against the heap without them. Each step
  // runs in a function of its own: a suspended async frame can keep the value
  // of an earlier `await` alive, which would hide the pages being weighed.
  const warmUp = async (): Promise<void> => {
    await peer.collectPages(baseUrl, args.limit, 10)
  }
  await warmUp()
  collectGarbage()
  collectGarbage()
  const before = dataHeap()
  const weigh = async (): Promise<{ readonly pages: number; readonly bytes: number }> => {
    const held = await peer.collectPages(baseUrl, args.limit, 10)
    collectGarbage()
    collectGarbage()
    return { pages: held.length, bytes: dataHeap() - before }
  }
  const weighed = await weigh()
  const pageBytes = weighed.bytes / weighed.pages
  if (weighed.pages !== 10) throw new Error(`${args.peer}: collected ${weighed.pages} pages`)

  return { models, ms, baselineHeap, peakLiveHeap, liveSamples, peakHeapUsed, maxRss, pageBytes }
}
