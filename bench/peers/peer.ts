/**
 * What every peer must do, so each scenario runs the same program four ways.
 * Clients are made once per base URL and kept, as a long-lived application
 * would, so every measured run starts with warm connections.
 */

export const apiKey = "sk-ant-bench-fake"

export interface ListOptions {
  readonly baseUrl: string
  readonly limit: number
  /** Pages fetched ahead of the consumer. Only `ours` offers it; the others ignore it. */
  readonly prefetch?: number | undefined
  /** The consumer's work, run once per page of models it has received. */
  readonly onPage?: (() => Promise<void>) | undefined
}

export interface Peer {
  readonly name: string
  /** Lists every model in order; resolves to how many there were. */
  readonly listAll: (options: ListOptions) => Promise<number>
  /** The id of the first model of the listing, without fetching more than needed. */
  readonly firstModel: (baseUrl: string, limit: number) => Promise<string>
  /** Retrieves every id at once through one client; resolves to how many came back. */
  readonly retrieveAll: (baseUrl: string, ids: ReadonlyArray<string>) => Promise<number>
  /** The first `count` pages, each as the peer hands it to its user, all held at once (to weigh a page). */
  readonly collectPages: (baseUrl: string, limit: number, count: number) => Promise<ReadonlyArray<unknown>>
  readonly close: () => Promise<void>
}

/** One client per base URL, made on first use. */
export const perBaseUrl = <A>(make: (baseUrl: string) => A) => {
  const clients = new Map<string, A>()
  return {
    get: (baseUrl: string): A => {
      const existing = clients.get(baseUrl)
      if (existing !== undefined) return existing
      const client = make(baseUrl)
      clients.set(baseUrl, client)
      return client
    },
    all: (): ReadonlyArray<A> => [...clients.values()],
    clear: () => clients.clear()
  }
}
