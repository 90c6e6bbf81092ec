/**
 * The official SDK, used the way its README shows: one client, `for await`
 * over `models.list`, which pages by itself.
 */
import Anthropic from "@anthropic-ai/sdk"
import { apiKey, type Peer, perBaseUrl } from "./peer.js"

const clients = perBaseUrl((baseUrl) => new Anthropic({ apiKey, baseURL: baseUrl }))

export const peer: Peer = {
  name: "official",
  listAll: async ({ baseUrl, limit, onPage }) => {
    let count = 0
    for await (const model of clients.get(baseUrl).models.list({ limit })) {
      if (model.id.length > 0) count++
      if (onPage !== undefined && count % limit === 0) await onPage()
    }
    if (onPage !== undefined && count % limit !== 0) await onPage()
    return count
  },
  firstModel: async (baseUrl, limit) => {
    for await (const model of clients.get(baseUrl).models.list({ limit })) return model.id
    return ""
  },
  retrieveAll: async (baseUrl, ids) => {
    const client = clients.get(baseUrl)
    const models = await Promise.all(ids.map((id) => client.models.retrieve(id)))
    return models.length
  },
  collectPages: async (baseUrl, limit, count) => {
    let page = await clients.get(baseUrl).models.list({ limit })
    const pages = [page]
    while (pages.length < count && page.hasNextPage()) {
      page = await page.getNextPage()
      pages.push(page)
    }
    return pages
  },
  close: async () => clients.clear()
}
