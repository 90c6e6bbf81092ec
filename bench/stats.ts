/** Small statistics and timing helpers shared by the worker and the runner. */

export const median = (samples: ReadonlyArray<number>): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

export const min = (samples: ReadonlyArray<number>): number => Math.min(...samples)
export const max = (samples: ReadonlyArray<number>): number => Math.max(...samples)

/** The list rotated by `by`, so that no peer always runs first (or right after the same other peer). */
export const rotate = <A>(items: ReadonlyArray<A>, by: number): ReadonlyArray<A> => {
  const shift = items.length === 0 ? 0 : by % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A full collection when the process runs with `--expose-gc`, so that one run's garbage is not billed to the next. */
export const collectGarbage = (): void => {
  if (globalThis.gc !== undefined) globalThis.gc()
}

export const timed = async <A>(run: () => Promise<A>): Promise<{ readonly ms: number; readonly value: A }> => {
  const start = performance.now()
  const value = await run()
  return { ms: performance.now() - start, value }
}

/** One measured quantity for one peer: every sample (after warm-up), and how to read it. */
export interface Row {
  readonly scenario: string
  readonly peer: string
  readonly unit: string
  readonly samples: ReadonlyArray<number>
  /** Lower is better unless said otherwise. */
  readonly higherIsBetter?: boolean
  readonly note?: string
  readonly extra?: Readonly<Record<string, unknown>>
}
