/** Cold start: `fetch` and `JSON.parse`, nothing to import. */
export const listOnePage = async (baseUrl: string): Promise<number> => {
  const response = await fetch(`${baseUrl}/v1/models`, {
    headers: { "x-api-key": "sk-ant-bench-fake", "anthropic-version": "2023-06-01" }
  })
  const page: { readonly data: ReadonlyArray<unknown> } = JSON.parse(await response.text())
  return page.data.length
}
