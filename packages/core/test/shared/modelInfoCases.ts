/**
 * The ModelInfo schema suite, as plain checks both editions run:
 * packages/core/test/ModelInfo.test.ts (Effect 3) and
 * effect4/packages/core/test/ModelInfo.test.ts (Effect 4) are thin runners
 * that hand `groups` their `Edition` (their schemas' decoders) and register
 * the checks. The one check that is about types (the capability names and
 * paths the schema types) stays in the runners, with the paths it types
 * listed here.
 */
import { readFileSync } from "node:fs"
import type { Assert } from "./modelsHarness.js"

/** A decode's result as the edition gives it: an `Either` (3) or a `Result` (4). */
export type Decoded<A> = Accepted<A> | Refused

export type Accepted<A> =
  | { readonly _tag: "Right"; readonly right: A }
  | { readonly _tag: "Success"; readonly success: A }

export type Refused =
  | { readonly _tag: "Left"; readonly left: unknown }
  | { readonly _tag: "Failure"; readonly failure: unknown }

/** `Either.isRight` / `Result.isSuccess`. */
export const accepted = <A>(result: Decoded<A>): result is Accepted<A> =>
  result._tag === "Right" || result._tag === "Success"

/** `Either.isLeft` / `Result.isFailure`. */
export const refused = <A>(result: Decoded<A>): result is Refused => !accepted(result)

/** The decoded value of an accepted result. */
export const valueOf = <A>(result: Accepted<A>): A => result._tag === "Right" ? result.right : result.success

/** What a capability reads as: `supported`, and whatever the API added next to it. */
export interface Open {
  readonly [key: string]: unknown
}

export interface EntryView extends Open {
  readonly supported: boolean
}

type Maybe<A> = A | null | undefined

/** The parts of the editions' `Capabilities` the checks read. */
export interface CapabilitiesView extends Open {
  readonly batch?: Maybe<EntryView>
  readonly citations?: Maybe<EntryView>
  readonly pdf_input?: Maybe<EntryView>
  readonly compaction?: Maybe<EntryView & { readonly summarize?: Maybe<EntryView> }>
  readonly context_management?: Maybe<
    EntryView & {
      readonly clear_thinking_20251015?: Maybe<EntryView>
      readonly clear_tool_uses_20250919?: Maybe<EntryView>
      readonly compact_20260112?: Maybe<EntryView>
    }
  >
  readonly effort?: Maybe<
    EntryView & { readonly high?: Maybe<EntryView>; readonly max?: Maybe<EntryView>; readonly xhigh?: Maybe<EntryView> }
  >
  readonly server_tools?: Maybe<
    EntryView & { readonly code_execution?: Maybe<EntryView>; readonly web_search?: Maybe<EntryView> }
  >
  readonly thinking?: Maybe<
    EntryView & {
      readonly types?: Maybe<
        Open & {
          readonly enabled?: Maybe<EntryView>
          readonly adaptive?: Maybe<EntryView>
          readonly disabled?: Maybe<EntryView>
          readonly between_tools?: Maybe<EntryView>
        }
      >
    }
  >
}

/** A `DateTime.Utc` of either edition. */
export interface Instant {
  readonly _tag: string
}

/** The parts of the editions' `ModelInfo` the checks read; `I` is their `DateTime.Utc`. */
export interface ModelView<I extends Instant> {
  readonly id: string
  readonly created_at: I
  readonly max_input_tokens?: Maybe<number>
  readonly capabilities?: Maybe<CapabilitiesView>
  readonly lifecycle?: Maybe<string>
  readonly line?: Maybe<string>
  readonly retires_at?: Maybe<I>
  readonly allowed_fallback_models?: Maybe<ReadonlyArray<string>>
}

export interface PageView<I extends Instant> {
  readonly data: ReadonlyArray<ModelView<I>>
  readonly last_id: string | null
  readonly has_more: boolean
}

export interface ErrorResponseView {
  readonly error: { readonly details?: Maybe<{ readonly error_code?: Maybe<string> }> }
}

/** What differs between the editions: their decoders and their `DateTime.Utc`. */
export interface Edition<I extends Instant> {
  readonly assert: Assert
  /** `Schema.decodeUnknownEither` (3) or `decodeUnknownResult` (4) of each schema. */
  readonly modelInfo: (u: unknown) => Decoded<ModelView<I>>
  readonly capabilities: (u: unknown) => Decoded<CapabilitiesView>
  readonly modelsPage: (u: unknown) => Decoded<PageView<I>>
  readonly errorResponse: (u: unknown) => Decoded<ErrorResponseView>
  /** `decodeModel` and `decodePage` of src/internal/decode.ts, the client's own path. */
  readonly decodeModel: (u: unknown) => Decoded<ModelView<I>>
  readonly decodePage: (u: unknown) => Decoded<PageView<I>>
  /** The epoch milliseconds of a `DateTime.Utc`. */
  readonly millis: (instant: I) => number
  /** The edition's test/fixtures/ folder. */
  readonly fixtures: URL
}

export interface Check {
  readonly name: string
  readonly run: () => void
}

/**
 * The capability paths the schema types besides the capability names, and
 * what must not type as a name or a path: the runners check both against
 * their edition's `CapabilityName` and `CapabilityPath`.
 */
export const entryPaths = [
  "compaction.summarize",
  "context_management.clear_thinking_20251015",
  "context_management.clear_tool_uses_20250919",
  "context_management.compact_20260112",
  "effort.low",
  "effort.medium",
  "effort.high",
  "effort.max",
  "effort.xhigh",
  "server_tools.code_execution",
  "server_tools.web_search",
  "thinking.types.enabled",
  "thinking.types.adaptive",
  "thinking.types.disabled",
  "thinking.types.between_tools"
] as const

export const untyped = {
  notCapability: "thinking.types",
  supportedField: "batch.supported",
  unknownName: "teleport"
} as const

/** The paths a runner typed, and the values it could only assign with `@ts-expect-error`. */
export const checkTyped = (assert: Assert, paths: ReadonlyArray<string>, rejected: ReadonlyArray<string>) => {
  assert.strictEqual(new Set(paths).size, 26)
  assert.deepStrictEqual(rejected, ["thinking.types", "batch.supported", "teleport"])
}

const base = { id: "claude-sonnet-4-20250514", type: "model", display_name: "Claude Sonnet 4" }

/** The checks, in `describe` groups, for an edition. */
export const groups = <I extends Instant>(
  edition: Edition<I>
): ReadonlyArray<readonly [string, ReadonlyArray<Check>]> => {
  const { assert, capabilities: decodeCapabilities, millis, modelInfo: decode } = edition
  const millisOf = (value: Maybe<I>): number | undefined =>
    value === null || value === undefined ? undefined : millis(value)

  const validDates: ReadonlyArray<readonly [string, number]> = [
    ["2025-02-19T00:00:00Z", Date.UTC(2025, 1, 19)],
    ["1924-05-11T18:21:22.0Z", Date.UTC(1924, 4, 11, 18, 21, 22)],
    ["1970-01-01T00:00:00Z", 0],
    ["2025-02-19T01:00:00+01:00", Date.UTC(2025, 1, 19)],
    ["2025-02-19T00:00:00.123456Z", Date.UTC(2025, 1, 19) + 123]
  ]

  const modelInfo: ReadonlyArray<Check> = [
    ...validDates.map(([text, expected]): Check => ({
      name: `created_at ${text} decodes to DateTime.Utc`,
      run: () => {
        const result = decode({ ...base, created_at: text })
        assert.isTrue(accepted(result))
        if (accepted(result)) {
          const { created_at } = valueOf(result)
          assert.strictEqual(created_at._tag, "Utc")
          assert.strictEqual(millis(created_at), expected)
        }
      }
    })),
    ...["2025-02-19", "2025/02/19 00:00:00", "Feb 19 2025", "", "2025-02-19T00:00:00"].map((text): Check => ({
      name: `created_at ${JSON.stringify(text)} is refused`,
      run: () => assert.isTrue(refused(decode({ ...base, created_at: text })))
    })),
    {
      name: "the live API's optional fields may be absent or null; unknown fields are dropped",
      run: () => {
        const bare = decode({ ...base, created_at: "2025-02-19T00:00:00Z", future_field: { x: 1 } })
        assert.isTrue(accepted(bare) && !("future_field" in valueOf(bare)))
        const nulls = decode({
          ...base,
          created_at: "2025-02-19T00:00:00Z",
          max_input_tokens: null,
          max_tokens: null,
          capabilities: null,
          lifecycle: null,
          line: null,
          deprecated_at: null,
          retires_at: null
        })
        assert.isTrue(accepted(nulls))
        const full = decode({
          ...base,
          created_at: "2025-02-19T00:00:00Z",
          max_input_tokens: 200000,
          max_tokens: 64000,
          capabilities: { pdf_input: { supported: true }, brand_new: { supported: false, detail: 1 } },
          lifecycle: "deprecated",
          line: "sonnet",
          deprecated_at: "2025-10-01T00:00:00Z",
          retires_at: "2026-02-01T00:00:00Z"
        })
        assert.isTrue(accepted(full))
        if (accepted(full)) {
          const { capabilities, retires_at } = valueOf(full)
          assert.strictEqual(capabilities?.pdf_input?.supported, true)
          assert.deepStrictEqual(capabilities?.["brand_new"], { supported: false, detail: 1 })
          assert.strictEqual(millisOf(retires_at), Date.UTC(2026, 1, 1))
        }
      }
    },
    {
      name: "the page type and the error body decode",
      run: () => {
        assert.isTrue(accepted(edition.modelsPage({ data: [], first_id: null, last_id: null, has_more: false })))
        const error = edition.errorResponse({
          type: "error",
          error: { type: "not_found_error", message: "nope", details: { error_code: "model_not_found" } },
          request_id: "req_1"
        })
        assert.isTrue(accepted(error) && valueOf(error).error.details?.error_code === "model_not_found")
      }
    }
  ]

  const unknownValues: ReadonlyArray<unknown> = [
    null,
    "preview",
    3,
    [1, null],
    { nested: { deeper: null } },
    { supported: "maybe" },
    {}
  ]

  const checked: ReadonlyArray<readonly [string, unknown]> = [
    ["a known capability's supported", { pdf_input: { supported: "yes" } }],
    ["a known capability without supported", { pdf_input: {} }],
    ["a known capability that is not an object", { batch: true }],
    ["an effort level", { effort: { supported: true, xhigh: { supported: "yes" } } }],
    ["a context management strategy", { context_management: { supported: true, compact_20260112: [] } }],
    ["a server tool", { server_tools: { supported: true, code_execution: { supported: 1 } } }],
    ["a thinking type", { thinking: { supported: true, types: { adaptive: {} } } }],
    ["thinking.types itself", { thinking: { supported: true, types: "adaptive" } }],
    ["the compaction summarize entry", { compaction: { supported: true, summarize: { supported: null } } }],
    ["the compaction capability's supported", { compaction: { summarize: { supported: true } } }]
  ]

  const capabilities: ReadonlyArray<Check> = [
    {
      name: "a null capability, or a null entry inside one, does not fail the page",
      run: () => {
        const result = decodeCapabilities({
          batch: null,
          compaction: null,
          context_management: { supported: true, compact_20260112: null },
          effort: { supported: true, max: null, xhigh: null },
          server_tools: { supported: true, web_search: null },
          thinking: { supported: true, types: { enabled: null, adaptive: { supported: true } } }
        })
        assert.isTrue(accepted(result))
        if (accepted(result)) {
          const { batch, effort, thinking } = valueOf(result)
          assert.isNull(batch)
          assert.isNull(effort?.xhigh)
          assert.strictEqual(thinking?.types?.adaptive?.supported, true)
        }
        assert.isTrue(accepted(decodeCapabilities({ thinking: { supported: false, types: null } })))
      }
    },
    ...unknownValues.map((value): Check => ({
      name: `an unknown capability ${JSON.stringify(value)} is kept as it is`,
      run: () => {
        const result = decodeCapabilities({ batch: { supported: true }, teleport: value })
        assert.isTrue(accepted(result))
        if (accepted(result)) assert.deepStrictEqual(valueOf(result)["teleport"], value)
      }
    })),
    ...checked.map(([name, input]): Check => ({
      name: `${name} is checked`,
      run: () => assert.isTrue(refused(decodeCapabilities(input)))
    })),
    {
      name: "fields a capability or entry does not declare are kept, at every level",
      run: () => {
        const input = {
          batch: { supported: true, max_requests: 100000 },
          effort: { supported: true, high: { supported: true, note: "n" }, ultra: { supported: false } },
          thinking: {
            supported: true,
            display: ["summarized"],
            types: { adaptive: { supported: true, budget: "auto" }, dreaming: null }
          }
        }
        const result = decodeCapabilities(input)
        assert.isTrue(accepted(result))
        if (accepted(result)) assert.deepStrictEqual(valueOf(result), input)
      }
    }
  ]

  const model = { ...base, created_at: "2025-02-19T00:00:00Z" }

  const newerFields: ReadonlyArray<Check> = [
    {
      name: "allowed_fallback_models is a list of ids, null, or absent",
      run: () => {
        for (const value of [["claude-sonnet-4-5"], [], null]) {
          const result = decode({ ...model, allowed_fallback_models: value })
          assert.isTrue(accepted(result))
          if (accepted(result)) assert.deepStrictEqual(valueOf(result).allowed_fallback_models, value)
        }
        for (const value of ["claude-sonnet-4-5", [1], [null], {}]) {
          assert.isTrue(refused(decode({ ...model, allowed_fallback_models: value })), JSON.stringify(value))
        }
      }
    },
    {
      name: "lifecycle stages and lines the schema does not list are kept",
      run: () => {
        const result = decode({ ...model, lifecycle: "preview", line: "fable" })
        assert.isTrue(accepted(result))
        if (accepted(result)) {
          const { lifecycle, line } = valueOf(result)
          assert.strictEqual(lifecycle, "preview")
          assert.strictEqual(line, "fable")
        }
      }
    }
  ]

  const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, edition.fixtures), "utf8"))

  /** A fixture through the client's decoder, which must agree with Schema's; the test fails unless it decodes. */
  const decodedFixture = <A>(
    name: string,
    client: (u: unknown) => Decoded<A>,
    schema: (u: unknown) => Decoded<A>
  ): A | undefined => {
    const json = fixture(name)
    const result = client(json)
    assert.deepStrictEqual(result, schema(json))
    assert.isTrue(accepted(result))
    return accepted(result) ? valueOf(result) : undefined
  }

  const bodies: ReadonlyArray<Check> = [
    {
      name: "a current model with every capability",
      run: () => {
        const model = decodedFixture("model-current.json", edition.decodeModel, decode)
        if (model === undefined) return
        assert.strictEqual(model.id, "claude-opus-4-5-20251101")
        assert.strictEqual(millis(model.created_at), Date.UTC(2025, 10, 24))
        assert.strictEqual(model.max_input_tokens, 200000)
        const capabilities = model.capabilities
        assert.strictEqual(capabilities?.server_tools?.supported, true)
        assert.strictEqual(capabilities?.server_tools?.web_search?.supported, true)
        assert.strictEqual(capabilities?.server_tools?.code_execution?.supported, true)
        assert.strictEqual(capabilities?.effort?.high?.supported, true)
        assert.strictEqual(capabilities?.effort?.max?.supported, false)
        assert.isNull(capabilities?.effort?.xhigh)
        assert.strictEqual(capabilities?.context_management?.clear_thinking_20251015?.supported, true)
        assert.strictEqual(capabilities?.context_management?.clear_tool_uses_20250919?.supported, true)
        assert.isNull(capabilities?.context_management?.compact_20260112)
        assert.strictEqual(capabilities?.thinking?.types?.enabled?.supported, true)
        assert.strictEqual(capabilities?.thinking?.types?.adaptive?.supported, false)
        assert.strictEqual(capabilities?.thinking?.types?.disabled?.supported, true)
        assert.isUndefined(capabilities?.compaction)
        assert.isUndefined(model.allowed_fallback_models)
        assert.strictEqual(model.lifecycle, "active")
        assert.isNull(model.retires_at)
      }
    },
    {
      name: "the same model from the beta endpoint: compaction null and fallback models",
      run: () => {
        const model = decodedFixture("model-beta.json", edition.decodeModel, decode)
        if (model === undefined) return
        assert.isNull(model.capabilities?.compaction)
        assert.deepStrictEqual(model.allowed_fallback_models, [
          "claude-sonnet-4-5-20250929",
          "claude-haiku-4-5-20251001"
        ])
      }
    },
    {
      name: "a page from new to legacy models",
      run: () => {
        const page = decodedFixture("models-page.json", edition.decodePage, edition.modelsPage)
        if (page === undefined) return
        assert.deepStrictEqual(page.data.map((model) => model.id), [
          "claude-opus-4-7",
          "claude-haiku-4-5-20251001",
          "claude-3-7-sonnet-20250219",
          "claude-3-haiku-20240307",
          "claude-2.1"
        ])
        assert.strictEqual(page.has_more, true)
        assert.strictEqual(page.last_id, "claude-2.1")
        const [newest, haiku, sonnet, haiku3, legacy] = page.data
        assert.strictEqual(newest?.capabilities?.compaction?.summarize?.supported, true)
        assert.strictEqual(newest?.capabilities?.effort?.xhigh?.supported, true)
        assert.strictEqual(newest?.capabilities?.thinking?.types?.between_tools?.supported, true)
        assert.isNull(newest?.allowed_fallback_models)
        assert.isNull(haiku?.capabilities?.compaction)
        assert.deepStrictEqual(haiku?.allowed_fallback_models, ["claude-sonnet-4-5-20250929"])
        assert.strictEqual(sonnet?.lifecycle, "deprecated")
        assert.strictEqual(millisOf(sonnet?.retires_at), Date.UTC(2026, 1, 19))
        assert.isUndefined(sonnet?.capabilities?.server_tools)
        assert.isUndefined(sonnet?.capabilities?.thinking?.types?.adaptive)
        assert.isNull(haiku3?.capabilities)
        assert.deepStrictEqual(Object.keys(legacy ?? {}), ["id", "type", "display_name", "created_at"])
      }
    },
    {
      name:
        "a model from a later API version: unknown capabilities, fields and stages are kept or dropped, never fatal",
      run: () => {
        const model = decodedFixture("model-future-fields.json", edition.decodeModel, decode)
        if (model === undefined) return
        const capabilities = model.capabilities
        assert.strictEqual(model.lifecycle, "preview")
        assert.strictEqual(model.line, "fable")
        assert.notProperty(model, "pricing_tier")
        assert.deepStrictEqual(model.allowed_fallback_models, [])
        assert.isNull(capabilities?.citations)
        assert.strictEqual(capabilities?.batch?.["max_requests"], 100000)
        assert.deepStrictEqual(capabilities?.effort?.["ultra"], { supported: false })
        assert.isNull(capabilities?.thinking?.types?.enabled)
        assert.strictEqual(capabilities?.thinking?.types?.adaptive?.["budget"], "auto")
        assert.deepStrictEqual(capabilities?.thinking?.["display"], ["summarized", "omitted"])
        assert.deepStrictEqual(capabilities?.["audio_input"], { supported: true, formats: ["wav", "mp3"] })
        assert.isNull(capabilities?.["video_input"])
        assert.strictEqual(capabilities?.["memory"], "preview")
        assert.deepStrictEqual(capabilities?.["tool_search"], {
          versions: [{ name: "tool_search_20270101", supported: true }]
        })
      }
    }
  ]

  return [
    ["ModelInfo", modelInfo],
    ["Capabilities", capabilities],
    ["ModelInfo: newer fields", newerFields],
    ["real-shaped bodies", bodies]
  ]
}
