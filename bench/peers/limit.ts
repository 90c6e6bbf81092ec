/**
 * The physical floor: `fetch`, `JSON.parse`, follow `last_id`. No validation,
 * no retries, no error handling beyond the status. Anything a client does on
 * top of this costs time, and the ratios to this row say how much.
 */
import { apiKey, type Peer } from "./peer.js"

interface RawPage {
  readonly data: ReadonlyArray<{ readonly id: string }>
  readonly has_more: boolean
  readonly last_id: string | null
}

const headers = { "x-api-key": apiKey, "anthropic-version": "2023-06-01", accept: "application/json" }

const getJson = async <A>(url: string): Promise<A> => {
  const response = await fetch(url, { headers })
  const text = await response.text()
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`)
  // Trusting the server is the point of this peer.
  const parsed: A = JSON.parse(text)
  return parsed
}

const pageUrl = (baseUrl: string, limit: number, afterId: string | null) =>
  `${baseUrl}/v1/models?limit=${limit}${afterId === null ? "" : `&after_id=${encodeURIComponent(afterId)}`}`

export const peer: Peer = {
  name: "limit",
  listAll: async ({ baseUrl, limit, onPage }) => {
    let count = 0
    let afterId: string | null = null
    for (;;) {
      const page: RawPage = await getJson<RawPage>(pageUrl(baseUrl, limit, afterId))
      count += page.data.length
      if (onPage !== undefined && page.data.length > 0) await onPage()
      if (!page.has_more || page.data.length === 0) return count
      afterId = page.last_id
    }
  },
  firstModel: async (baseUrl, limit) => {
    const page = await getJson<RawPage>(pageUrl(baseUrl, limit, null))
    return page.data[0]?.id ?? ""
  },
  retrieveAll: async (baseUrl, ids) => {
    const models = await Promise.all(
      ids.map((id) => getJson<{ readonly id: string }>(`${baseUrl}/v1/models/${encodeURIComponent(id)}`))
    )
    return models.length
  },
  collectPages: async (baseUrl, limit, count) => {
    const pages: Array<RawPage> = []
    let afterId: string | null = null
    while (pages.length < count) {
      const page: RawPage = await getJson<RawPage>(pageUrl(baseUrl, limit, afterId))
      pages.push(page)
      if (!page.has_more) break
      afterId = page.last_id
    }
    return pages
  },
  close: async () => {}
}
