/**
 * Runs every peer in turn, round after round, in one warm process. The first
 * round warms the JIT, the connections and the server's page cache and is
 * thrown away; the order rotates each round so no peer is always measured
 * straight after the same neighbour's garbage.
 */
import { collectGarbage, rotate, type Row } from "../stats.js"

export interface Variant {
  readonly peer: string
  readonly run: () => Promise<number>
  /** What `run` must resolve to, so a peer that stops early cannot look fast. */
  readonly expect?: number | undefined
}

export const interleave = async (
  scenario: string,
  unit: string,
  variants: ReadonlyArray<Variant>,
  rounds: number,
  options: { readonly warmupRounds?: number; readonly measure?: (ms: number) => number } = {}
): Promise<Array<Row>> => {
  const warmup = options.warmupRounds ?? 1
  const samples = new Map<string, Array<number>>(variants.map((variant) => [variant.peer, []]))
  for (let round = 0; round < warmup + rounds; round++) {
    for (const variant of rotate(variants, round)) {
      collectGarbage()
      const start = performance.now()
      const result = await variant.run()
      const ms = performance.now() - start
      if (variant.expect !== undefined && result !== variant.expect) {
        throw new Error(`${scenario}: ${variant.peer} returned ${result}, expected ${variant.expect}`)
      }
      if (round >= warmup) samples.get(variant.peer)?.push(options.measure?.(ms) ?? ms)
    }
  }
  return variants.map((variant) => ({ scenario, peer: variant.peer, unit, samples: samples.get(variant.peer) ?? [] }))
}
