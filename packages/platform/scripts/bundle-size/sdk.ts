/**
 * Bundle-size entry: stream every model in a browser with the official
 * `@anthropic-ai/sdk`, for comparison with `effect.ts`. Built, never run.
 */
import Anthropic from "@anthropic-ai/sdk"

const apiKey = window.prompt("Anthropic API key") ?? ""

const client = new Anthropic({ apiKey, dangerouslyAllowBrowser: true })

const main = async () => {
  for await (const model of client.models.list()) console.log(model.id)
}

main().catch(console.error)
