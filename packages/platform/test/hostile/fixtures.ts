/**
 * Bodies for the hostile-server suite: models and pages in the API's JSON form,
 * error bodies, deeply nested JSON, and compression bombs built with node:zlib
 * (each built once, on first use).
 */
import * as Zlib from "node:zlib"

export interface WireModel {
  readonly id: string
  readonly type: "model"
  readonly display_name: string
  readonly created_at: string
}

export const model = (id: string): WireModel => ({
  id,
  type: "model",
  display_name: `Model ${id.length > 40 ? id.length : id}`,
  created_at: "2025-02-19T00:00:00Z"
})

export interface WirePage {
  readonly data: ReadonlyArray<WireModel>
  readonly first_id: string | null
  readonly last_id: string | null
  readonly has_more: boolean
}

/** A page of these ids; the cursors default to the first and last id. */
export const page = (
  ids: ReadonlyArray<string>,
  options: { readonly has_more?: boolean; readonly first_id?: string | null; readonly last_id?: string | null } = {}
): WirePage => ({
  data: ids.map(model),
  first_id: options.first_id !== undefined ? options.first_id : ids[0] ?? null,
  last_id: options.last_id !== undefined ? options.last_id : ids[ids.length - 1] ?? null,
  has_more: options.has_more ?? false
})

/** The API's error body. */
export const apiError = (type: string, message: string, details?: unknown): unknown => ({
  type: "error",
  error: details === undefined ? { type, message } : { type, message, details },
  request_id: "req_body_hostile"
})

/** A valid page of `bytes` bytes exactly (padded with JSON whitespace). */
export const pageOfSize = (bytes: number): string => {
  const json = JSON.stringify(page(["claude-sized"]))
  if (json.length > bytes) throw new Error(`a page cannot be ${bytes} bytes`)
  return json + " ".repeat(bytes - json.length)
}

/** `[[[…]]]`, `depth` levels deep. */
export const nestedArrays = (depth: number): string => "[".repeat(depth) + "]".repeat(depth)

/** `{"a":{"a":…{}}}`, `depth` levels deep. */
export const nestedObjects = (depth: number): string => "{\"a\":".repeat(depth) + "{}" + "}".repeat(depth)

export const html = (inner = ""): string =>
  `<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>${inner}</body></html>`

// ---------------------------------------------------------------------------
// Compression bombs
// ---------------------------------------------------------------------------

export const MiB = 1024 * 1024

/** What every bomb expands to: JSON whitespace after an opening brace, so only its size is wrong. */
const expanded = (bytes: number): Buffer => {
  const buffer = Buffer.alloc(bytes, 0x20)
  buffer[0] = 0x7b
  return buffer
}

export type Coding = "gzip" | "deflate" | "br"

const compress = (coding: Coding, input: Buffer): Buffer =>
  coding === "gzip"
    ? Zlib.gzipSync(input, { level: 9 })
    : coding === "deflate"
    ? Zlib.deflateSync(input, { level: 9 })
    // Quality 5 already shrinks 64 MiB of spaces to about 100 bytes, in a tenth of the time of 11.
    : Zlib.brotliCompressSync(input, { params: { [Zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })

const bombs = new Map<string, Buffer>()

/**
 * `bytes` of whitespace compressed with each coding in turn, so
 * `content-encoding: <codings joined with ", ">` undoes it.
 */
export const bomb = (bytes: number, codings: ReadonlyArray<Coding>): Buffer => {
  const key = `${bytes}:${codings.join(",")}`
  const cached = bombs.get(key)
  if (cached !== undefined) return cached
  let body = expanded(bytes)
  for (const coding of codings) body = compress(coding, body)
  bombs.set(key, body)
  return body
}

/** A small valid page, gzip-encoded. */
export const gzippedPage = (): Buffer => Zlib.gzipSync(Buffer.from(JSON.stringify(page(["claude-gz"]))))
