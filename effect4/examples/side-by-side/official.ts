/**
 * The README's side-by-side task with the official SDK: every active model
 * that reads PDFs; when the API is still rate limiting after the retries, log
 * the request id and answer with an empty list.
 */
import Anthropic from "@anthropic-ai/sdk"

export async function pdfModels(client: Anthropic): Promise<Array<Anthropic.Models.ModelInfo>> {
  const found: Array<Anthropic.Models.ModelInfo> = []
  try {
    for await (const model of client.models.list({ lifecycle: ["active"] })) {
      if (model.capabilities?.pdf_input.supported) found.push(model)
    }
    return found
  } catch (error) {
    // `error` is `unknown`: nothing tells the compiler, or the reader, which failures can arrive here.
    if (error instanceof Anthropic.RateLimitError) {
      console.warn(`still rate limited after retries (${error.requestID})`)
      return []
    }
    throw error
  }
}

// const client = new Anthropic({ timeout: 10_000 }) // ANTHROPIC_API_KEY; 2 retries by default
// const models = await pdfModels(client)
