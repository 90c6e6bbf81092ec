/** Browser bundle: the floor, `fetch` and `JSON.parse` in a loop. */
interface RawPage {
  readonly data: ReadonlyArray<{ readonly id: string }>
  readonly has_more: boolean
  readonly last_id: string | null
}

export const streamAll = async (baseUrl: string, onModel: (id: string) => void): Promise<void> => {
  let afterId: string | null = null
  for (;;) {
    const query: string = afterId === null ? "" : `&after_id=${encodeURIComponent(afterId)}`
    const response = await fetch(`${baseUrl}/v1/models?limit=1000${query}`, {
      headers: { "x-api-key": "sk-ant-bench-fake", "anthropic-version": "2023-06-01" }
    })
    const page: RawPage = JSON.parse(await response.text())
    for (const model of page.data) onModel(model.id)
    if (!page.has_more || page.data.length === 0) return
    afterId = page.last_id
  }
}
