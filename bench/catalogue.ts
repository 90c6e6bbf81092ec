/**
 * A synthetic catalogue shaped like the live API's answers: newest first,
 * unique ids, RFC 3339 timestamps and the capability maps current models
 * carry. Models are made from their index, so a catalogue of a million needs
 * no memory until a page of it is served.
 */

const lines = ["opus", "sonnet", "haiku"] as const

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1)

// Newest first: model 0 is the newest, one hour apart, so every page has
// distinct timestamps and the date parser sees realistic variety.
const newest = Date.UTC(2026, 0, 15)

const rfc3339 = (millis: number): string => new Date(millis).toISOString().replace(".000Z", "Z")

const idPrefix = "claude-"
const idDigits = 7

/** The id of model `index`; the index is recoverable from it, so cursors need no lookup table. */
export const modelId = (index: number): string =>
  `${idPrefix}${lines[index % 3]}-bench-${String(index).padStart(idDigits, "0")}`

/** The index of a model id from this catalogue, or -1. */
export const indexOfId = (id: string, size: number): number => {
  const digits = id.slice(-idDigits)
  if (!/^\d+$/.test(digits)) return -1
  const index = Number(digits)
  return index < size && modelId(index) === id ? index : -1
}

const capabilitiesJson = (index: number): string => {
  const large = index % 3 !== 2
  return JSON.stringify({
    batch: { supported: true },
    citations: { supported: true },
    code_execution: { supported: large },
    context_management: {
      supported: large,
      clear_thinking_20251015: { supported: large },
      clear_tool_uses_20250919: { supported: large }
    },
    effort: {
      supported: large,
      low: { supported: large },
      medium: { supported: large },
      high: { supported: large }
    },
    image_input: { supported: true },
    pdf_input: { supported: true },
    structured_outputs: { supported: true },
    thinking: {
      supported: true,
      types: { enabled: { supported: true }, adaptive: { supported: large } }
    }
  })
}

// Three capability shapes cover the catalogue; serialising them once keeps the
// server's cost per model to a few string concatenations.
const capabilitiesByLine = [capabilitiesJson(0), capabilitiesJson(1), capabilitiesJson(2)]

/**
 * The JSON text of model `index`. One in ten is the four-field form older
 * API versions send; one in seven of the rest is deprecated with dates.
 */
export const modelJson = (index: number): string => {
  const line = lines[index % 3]
  const created = newest - index * 3_600_000
  const head = `{"type":"model","id":"${modelId(index)}","display_name":"Claude ${capitalised(line)} Bench ${index}",` +
    `"created_at":"${rfc3339(created)}"`
  if (index % 10 === 9) return `${head}}`
  const deprecated = index % 7 === 3
  return `${head},"max_input_tokens":${line === "haiku" ? 200000 : 1000000},` +
    `"max_tokens":${line === "opus" ? 32000 : 64000},` +
    `"capabilities":${capabilitiesByLine[index % 3]},` +
    `"lifecycle":"${deprecated ? "deprecated" : "active"}","line":"${line}",` +
    `"deprecated_at":${deprecated ? `"${rfc3339(created + 200 * 86_400_000)}"` : "null"},` +
    `"retires_at":${deprecated ? `"${rfc3339(created + 400 * 86_400_000)}"` : "null"}}`
}

/**
 * The body of one `GET /v1/models` page covering models `[start, end)`,
 * encoded. Written into one buffer: joining a thousand template strings and
 * encoding the result costs the server four times as long.
 */
export const pageBody = (start: number, end: number, hasMore: boolean): Buffer => {
  const models: Array<string> = []
  let bytes = 0
  for (let i = start; i < end; i++) {
    const json = modelJson(i)
    models.push(json)
    bytes += Buffer.byteLength(json) + 1
  }
  const head = "{\"data\":["
  const first = end > start ? `"${modelId(start)}"` : "null"
  const last = end > start ? `"${modelId(end - 1)}"` : "null"
  const tail = `],"has_more":${hasMore},"first_id":${first},"last_id":${last}}`
  const body = Buffer.allocUnsafe(head.length + bytes + Buffer.byteLength(tail))
  let offset = body.write(head, 0)
  for (let i = 0; i < models.length; i++) {
    if (i > 0) offset += body.write(",", offset)
    offset += body.write(models[i], offset)
  }
  offset += body.write(tail, offset)
  return body.subarray(0, offset)
}

/** The same page as text. */
export const pageJson = (start: number, end: number, hasMore: boolean): string =>
  pageBody(start, end, hasMore).toString("utf8")

/**
 * The API's paging rules: `after_id` and `before_id` exclude the cursor,
 * `before_id` returns the `limit` models just before it, and `has_more` looks
 * in the direction of travel. Returns undefined for an unknown cursor.
 */
export const pageRange = (
  size: number,
  query: URLSearchParams
): { readonly start: number; readonly end: number; readonly hasMore: boolean } | undefined => {
  const limit = Math.min(1000, Math.max(1, Number(query.get("limit") ?? "20") || 20))
  const afterId = query.get("after_id")
  const beforeId = query.get("before_id")
  if (beforeId !== null) {
    const end = indexOfId(beforeId, size)
    if (end < 0) return undefined
    const start = Math.max(0, end - limit)
    return { start, end, hasMore: start > 0 }
  }
  const start = afterId === null ? 0 : indexOfId(afterId, size) + 1
  if (start === 0 && afterId !== null) return undefined
  const end = Math.min(size, start + limit)
  return { start, end, hasMore: end < size }
}
