/** Browser bundle: stream every model with the official SDK. */
import Anthropic from "@anthropic-ai/sdk"

export const streamAll = async (baseUrl: string, onModel: (id: string) => void): Promise<void> => {
  const client = new Anthropic({ apiKey: "sk-ant-bench-fake", baseURL: baseUrl, dangerouslyAllowBrowser: true })
  for await (const model of client.models.list({ limit: 1000 })) onModel(model.id)
}
