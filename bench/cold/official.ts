/** Cold start: the official SDK. */
import Anthropic from "@anthropic-ai/sdk"

export const listOnePage = async (baseUrl: string): Promise<number> => {
  const page = await new Anthropic({ apiKey: "sk-ant-bench-fake", baseURL: baseUrl }).models.list()
  return page.data.length
}
