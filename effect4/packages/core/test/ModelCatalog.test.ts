import * as Catalogue from "@anthropic-effect/protocol/Catalogue"
import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as References from "effect/References"
import * as Result from "effect/Result"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/testing/TestClock"
import * as ModelCatalog from "../src/ModelCatalog.js"
import { ModelInfo, type ModelInfoEncoded } from "../src/ModelInfo.js"
import * as Models from "../src/Models.js"
import { apiError, configLayer, fakeApi, json, pageOf } from "./utils.js"

const minutes = (n: number) => Duration.toMillis(Duration.minutes(n))

/** The Models API over a catalogue that a test can swap, answering list and retrieve, optionally slowly. */
const api = (initial: ReadonlyArray<ModelInfoEncoded>, aliases: Readonly<Record<string, string>> = {}) => {
  const state = {
    models: initial,
    latency: Duration.zero,
    fail: undefined as Response | undefined
  }
  const fake = fakeApi((request) => {
    const path = request.url.pathname
    const answer = (): Response => {
      if (state.fail !== undefined) return state.fail.clone()
      if (path === "/v1/models") return json(pageOf(state.models, request.url))
      const requested = decodeURIComponent(path.slice("/v1/models/".length))
      const id = aliases[requested] ?? requested
      const model = state.models.find((candidate) => candidate.id === id)
      return model === undefined
        ? apiError(404, "not_found_error", `model: ${requested}`, { "request-id": "req_404" })
        : json(model)
    }
    return Duration.toMillis(state.latency) === 0 ? answer() : Effect.as(Effect.sleep(state.latency), answer()).pipe(
      Effect.flatMap((response) => Effect.sync(() => response))
    )
  })
  const models = Models.layer.pipe(
    Layer.provide(configLayer({ maxRetries: 0 })),
    Layer.provide(fake.layer),
    Layer.orDie
  )
  const count = (kind: "list" | "retrieve") =>
    fake.requests.filter((request) => (request.url.pathname === "/v1/models") === (kind === "list")).length
  return { state, requests: fake.requests, count, models }
}

const catalogLayer = (
  fake: ReturnType<typeof api>,
  options: ModelCatalog.Options = {}
) => ModelCatalog.layer(options).pipe(Layer.provide(fake.models))

interface Line {
  readonly level: string
  readonly message: string
  readonly annotations: Readonly<Record<string, unknown>>
}

const captureLogs = () => {
  const lines: Array<Line> = []
  // Effect 4: the level is a string, and annotations are read off the fiber.
  const logger = Logger.make(({ fiber, logLevel, message }) => {
    lines.push({
      level: logLevel,
      message: Array.isArray(message) ? message.map(String).join(" ") : String(message),
      annotations: { ...fiber.getRef(References.CurrentLogAnnotations) }
    })
  })
  return { lines, warnings: () => lines.filter((line) => line.level === "Warn"), layer: Logger.layer([logger]) }
}

const decodeAll = Schema.decodeUnknownSync(Schema.Array(ModelInfo))
const claude = decodeAll(Catalogue.claudeModels)
const synthetic = (size: number, idPrefix: string) => Catalogue.synthetic(size, { idPrefix })

// Background refreshes go through real promises (the response body); let them finish.
const settle = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 25)))

const manyAtOnce = <A, E, R>(n: number, effect: Effect.Effect<A, E, R>) =>
  Effect.all(Array.from({ length: n }, () => effect), { concurrency: "unbounded" })

describe("single flight", () => {
  it.effect("100 concurrent callers on an empty cache make one listing, and 100 more after the TTL one more", () => {
    const fake = api(synthetic(30, "sf"))
    return Effect.gen(function*() {
      const first = yield* manyAtOnce(100, ModelCatalog.all)
      assert.strictEqual(fake.count("list"), 1)
      assert.isTrue(first.every((models) => models.length === 30))
      yield* TestClock.adjust(Duration.minutes(10))
      yield* manyAtOnce(100, ModelCatalog.all)
      yield* settle
      assert.strictEqual(fake.count("list"), 2)
    }).pipe(Effect.provide(catalogLayer(fake)))
  })

  it.effect("callers waiting on a slow first listing share it", () => {
    const fake = api(synthetic(5, "slow"))
    fake.state.latency = Duration.seconds(2)
    return Effect.gen(function*() {
      const fiber = yield* Effect.forkChild(manyAtOnce(100, ModelCatalog.select()))
      yield* TestClock.adjust(Duration.seconds(2))
      const results = yield* Fiber.join(fiber)
      assert.strictEqual(fake.count("list"), 1)
      assert.isTrue(results.every((models) => models.length === 5))
    }).pipe(Effect.provide(catalogLayer(fake)))
  })
})

describe("the listing", () => {
  it.effect("one snapshot per betas, workspace and lifecycle filter: sent on the listing, every stage by default", () => {
    const fake = api(synthetic(3, "scope"))
    return Effect.gen(function*() {
      yield* ModelCatalog.all
      const [request] = fake.requests
      assert.strictEqual(request!.headers["anthropic-beta"], "beta-x")
      assert.strictEqual(request!.headers["anthropic-workspace-id"], "wrkspc_catalog")
      assert.deepStrictEqual(request!.url.searchParams.getAll("lifecycle[]"), ["active", "deprecated", "retired"])
      assert.strictEqual(request!.url.searchParams.get("limit"), "1000")
    }).pipe(Effect.provide(catalogLayer(fake, { betas: ["beta-x"], workspaceId: "wrkspc_catalog" })))
  })

  it.effect("a caller that gives up does not cancel the listing the others wait on", () => {
    const fake = api(synthetic(4, "interrupt"))
    fake.state.latency = Duration.seconds(1)
    return Effect.gen(function*() {
      const quitter = yield* Effect.forkChild(ModelCatalog.all)
      const waiter = yield* Effect.forkChild(ModelCatalog.all)
      yield* settle
      yield* Fiber.interrupt(quitter)
      yield* TestClock.adjust(Duration.seconds(1))
      assert.strictEqual((yield* Fiber.join(waiter)).length, 4)
      assert.strictEqual(fake.count("list"), 1)
    }).pipe(Effect.provide(catalogLayer(fake)))
  })
})

describe("TTL and stale-while-revalidate", () => {
  it.effect("within the TTL no request; after it, the stale snapshot at once while one refresh runs", () => {
    const fake = api(synthetic(10, "ttl"))
    return Effect.gen(function*() {
      yield* ModelCatalog.all
      yield* TestClock.adjust(Duration.millis(minutes(10) - 1))
      yield* manyAtOnce(50, ModelCatalog.all)
      assert.strictEqual(fake.count("list"), 1, "fresh until the TTL")

      fake.state.models = synthetic(12, "ttl")
      fake.state.latency = Duration.seconds(5)
      yield* TestClock.adjust(Duration.millis(1))
      // The refresh takes 5 s on the test clock; these return without the clock moving.
      const stale = yield* manyAtOnce(50, ModelCatalog.all)
      assert.isTrue(stale.every((models) => models.length === 10))
      yield* settle
      assert.strictEqual(fake.count("list"), 2, "one refresh for 50 stale readers")

      yield* TestClock.adjust(Duration.seconds(5))
      const fresh = yield* ModelCatalog.all
      assert.strictEqual(fresh.length, 12)
      assert.strictEqual(fake.count("list"), 2)
    }).pipe(Effect.provide(catalogLayer(fake)))
  })
})

describe("stale-if-error and the sanity check", () => {
  it.effect("a failed refresh keeps the snapshot with one warning (error tag, request id) until maxStale", () => {
    const fake = api(synthetic(8, "sie"))
    const logs = captureLogs()
    return Effect.gen(function*() {
      yield* ModelCatalog.all
      fake.state.fail = apiError(500, "api_error", "boom", { "request-id": "req_boom" })
      yield* TestClock.adjust(Duration.minutes(10))
      yield* ModelCatalog.all // starts the refresh
      yield* settle
      const served = yield* manyAtOnce(20, ModelCatalog.all)
      assert.isTrue(served.every((models) => models.length === 8))
      assert.strictEqual(fake.count("list"), 2, "one failed refresh")
      // No new attempt within retryAfterError (30 s), however many readers.
      yield* TestClock.adjust(Duration.seconds(29))
      yield* manyAtOnce(20, ModelCatalog.all)
      assert.strictEqual(fake.count("list"), 2)
      yield* TestClock.adjust(Duration.seconds(1))
      yield* ModelCatalog.all
      yield* settle
      assert.strictEqual(fake.count("list"), 3, "a second attempt after 30 s, failing too")
      const warnings = logs.warnings()
      assert.strictEqual(warnings.length, 1)
      assert.strictEqual(warnings[0]!.annotations["catalog.error"], "APIError")
      assert.strictEqual(warnings[0]!.annotations["catalog.request_id"], "req_boom")
      assert.include(warnings[0]!.message, "refresh failed")

      // Past maxStale (1 hour here) the snapshot is not served: the caller gets the error.
      yield* TestClock.adjust(Duration.hours(1))
      const result = yield* Effect.result(ModelCatalog.all)
      assert.isTrue(Result.isFailure(result) && result.failure._tag === "APIError")

      // Recovered: the next listing is applied and served.
      fake.state.fail = undefined
      assert.strictEqual((yield* ModelCatalog.all).length, 8)
      assert.strictEqual(fake.count("list"), 5)
    }).pipe(Effect.provide(catalogLayer(fake, { maxStale: "1 hour" })), Effect.provide(logs.layer))
  })

  it.effect("a refresh with far fewer models, or none, is not applied, and is logged", () => {
    const fake = api(synthetic(20, "sanity"))
    const logs = captureLogs()
    return Effect.gen(function*() {
      yield* ModelCatalog.all
      fake.state.models = synthetic(3, "sanity")
      yield* TestClock.adjust(Duration.minutes(10))
      yield* ModelCatalog.all
      yield* settle
      assert.strictEqual((yield* ModelCatalog.all).length, 20)
      assert.strictEqual(fake.count("list"), 2)
      assert.strictEqual(logs.warnings().length, 1)
      assert.include(logs.warnings()[0]!.message, "listed 3 models where the snapshot has 20")

      fake.state.models = []
      yield* TestClock.adjust(Duration.seconds(30))
      yield* ModelCatalog.all
      yield* settle
      assert.strictEqual((yield* ModelCatalog.all).length, 20, "an empty listing is not applied either")
      assert.strictEqual(fake.count("list"), 3)

      fake.state.models = synthetic(15, "sanity")
      yield* TestClock.adjust(Duration.seconds(30))
      yield* ModelCatalog.all
      yield* settle
      assert.strictEqual((yield* ModelCatalog.all).length, 15, "three quarters of the models is plausible")
      assert.strictEqual(fake.count("list"), 4)
    }).pipe(Effect.provide(catalogLayer(fake)), Effect.provide(logs.layer))
  })
})

// A model that is active at the start of the test clock, deprecated at 1 day and retired at 30 days.
const lifecycleCatalogue = (prefix: string): ReadonlyArray<ModelInfoEncoded> => [
  {
    id: `${prefix}-sonnet-new`,
    type: "model",
    display_name: "New",
    created_at: "1970-01-01T00:00:00Z",
    line: "sonnet",
    lifecycle: "active",
    max_tokens: 64_000,
    capabilities: { pdf_input: { supported: true }, batch: { supported: true } }
  },
  {
    id: `${prefix}-sonnet-small`,
    type: "model",
    display_name: "Smaller, newer, fewer capabilities",
    created_at: "1970-01-01T00:00:01Z",
    line: "sonnet",
    lifecycle: "active",
    capabilities: { pdf_input: { supported: false }, batch: { supported: true } }
  },
  {
    id: `${prefix}-sonnet-old`,
    type: "model",
    display_name: "Old",
    created_at: "1969-06-01T00:00:00Z",
    line: "sonnet",
    lifecycle: "active",
    max_tokens: 8_192,
    capabilities: { pdf_input: { supported: true } },
    deprecated_at: "1970-01-02T00:00:00Z",
    retires_at: "1970-01-31T00:00:00Z"
  }
]

describe("lifecycle policy", () => {
  it.effect("warn: nothing before deprecated_at, then 1,000 uses give one line, and after retires_at one more", () => {
    const fake = api(lifecycleCatalogue("warn"))
    const logs = captureLogs()
    return Effect.gen(function*() {
      const use = Effect.all(Array.from({ length: 1000 }, () => ModelCatalog.get("warn-sonnet-old")), { discard: true })
      yield* use
      assert.strictEqual(logs.warnings().length, 0, "active before deprecated_at")

      yield* TestClock.adjust(Duration.days(1))
      yield* use
      yield* Effect.all(Array.from({ length: 1000 }, () => ModelCatalog.maxTokensFor("warn-sonnet-old")))
      assert.strictEqual(logs.warnings().length, 1)
      const deprecated = logs.warnings()[0]!
      assert.include(deprecated.message, "is deprecated and retires on 1970-01-31T00:00:00.000Z")
      assert.include(deprecated.message, "use warn-sonnet-new instead")
      assert.strictEqual(deprecated.annotations["catalog.replacement"], "warn-sonnet-new")
      assert.strictEqual(deprecated.annotations["catalog.retires_at"], "1970-01-31T00:00:00.000Z")

      yield* TestClock.adjust(Duration.days(29))
      yield* use
      assert.strictEqual(logs.warnings().length, 2)
      assert.include(logs.warnings()[1]!.message, "was retired on 1970-01-31T00:00:00.000Z")
      assert.strictEqual(fake.count("retrieve"), 0)
    }).pipe(Effect.provide(catalogLayer(fake, { ttl: "100 days" })), Effect.provide(logs.layer))
  })

  it.effect("fail: typed errors after deprecated_at and after retires_at, with no request", () => {
    const fake = api(lifecycleCatalogue("fail"))
    return Effect.gen(function*() {
      assert.strictEqual((yield* ModelCatalog.get("fail-sonnet-old")).id, "fail-sonnet-old")
      yield* TestClock.adjust(Duration.days(1))
      const deprecated = yield* Effect.flip(ModelCatalog.get("fail-sonnet-old"))
      assert.strictEqual(deprecated._tag, "ModelDeprecatedError")
      assert.isTrue(deprecated._tag === "ModelDeprecatedError" && deprecated.replacement === "fail-sonnet-new")
      yield* TestClock.adjust(Duration.days(29))
      const retired = yield* Effect.flip(ModelCatalog.maxTokensFor("fail-sonnet-old"))
      assert.strictEqual(retired._tag, "ModelRetiredError")
      assert.strictEqual(fake.count("list"), 1)
      assert.strictEqual(fake.count("retrieve"), 0)
      // Queries are not uses: select still answers, without the retired model.
      const ids = (yield* ModelCatalog.select()).map((model) => model.id)
      assert.deepStrictEqual(ids, ["fail-sonnet-small", "fail-sonnet-new"])
    }).pipe(Effect.provide(catalogLayer(fake, { policy: "fail", ttl: "100 days" })))
  })

  it.effect("off: no log, no error", () => {
    const fake = api(lifecycleCatalogue("off"))
    const logs = captureLogs()
    return Effect.gen(function*() {
      yield* TestClock.adjust(Duration.days(40))
      assert.strictEqual((yield* ModelCatalog.get("off-sonnet-old")).id, "off-sonnet-old")
      assert.strictEqual(logs.warnings().length, 0)
    }).pipe(Effect.provide(catalogLayer(fake, { policy: "off", ttl: "100 days" })), Effect.provide(logs.layer))
  })
})

describe("aliases", () => {
  it.effect("an alias costs one request per TTL, concurrent callers included; the span records it", () => {
    const fake = api(Catalogue.claudeModels, Catalogue.claudeAliases)
    return Effect.gen(function*() {
      const resolved = yield* ModelCatalog.resolve("claude-sonnet-4-5")
      assert.strictEqual(resolved.requested, "claude-sonnet-4-5")
      assert.strictEqual(resolved.model.id, "claude-sonnet-4-5-20250929")
      yield* manyAtOnce(100, ModelCatalog.get("claude-sonnet-4-5"))
      assert.strictEqual(fake.count("retrieve"), 1)

      const attributes = yield* ModelCatalog.get("claude-sonnet-4-5").pipe(
        Effect.andThen(Effect.currentSpan),
        Effect.map((span) => span.attributes),
        Effect.withSpan("caller")
      )
      assert.strictEqual(attributes.get("anthropic.model.requested"), "claude-sonnet-4-5")
      assert.strictEqual(attributes.get("anthropic.model.id"), "claude-sonnet-4-5-20250929")

      // An id in the listing needs no request.
      yield* ModelCatalog.get("claude-opus-4-5-20251101")
      assert.strictEqual(fake.count("retrieve"), 1)

      yield* TestClock.adjust(Duration.minutes(10))
      yield* manyAtOnce(10, ModelCatalog.get("claude-sonnet-4-5"))
      yield* settle
      assert.strictEqual(fake.count("retrieve"), 2, "asked again after the TTL")
      assert.strictEqual(fake.count("list"), 2)
    }).pipe(Effect.provide(catalogLayer(fake)))
  })

  it.effect("an unknown name is a ModelNotFoundError, asked once per TTL", () => {
    const fake = api(Catalogue.claudeModels, Catalogue.claudeAliases)
    return Effect.gen(function*() {
      const errors = yield* manyAtOnce(5, Effect.flip(ModelCatalog.get("claude-nonexistent")))
      assert.isTrue(errors.every((error) => error._tag === "ModelNotFoundError"))
      const error = errors[0]!
      assert.isTrue(error._tag === "ModelNotFoundError" && error.requestId === "req_404")
      assert.strictEqual(fake.count("retrieve"), 1)
    }).pipe(Effect.provide(catalogLayer(fake)))
  })

  it.effect("an alias of a retired model warns with the alias and the replacement", () => {
    const fake = api(Catalogue.claudeModels, Catalogue.claudeAliases)
    const logs = captureLogs()
    return Effect.gen(function*() {
      yield* ModelCatalog.get("claude-3-5-haiku-latest")
      const [warning] = logs.warnings()
      assert.include(warning!.message, "claude-3-5-haiku-latest (claude-3-5-haiku-20241022) was retired on 2026-02-19")
      assert.include(warning!.message, "use claude-haiku-4-5-20251001 instead")
    }).pipe(Effect.provide(catalogLayer(fake)), Effect.provide(logs.layer))
  })
})

describe("queries", () => {
  const offline = ModelCatalog.layerSnapshot(claude, "2026-11-01T00:00:00Z", { policy: "off" })

  it.effect("select: capabilities and limits, newest first, no retired model unless asked", () =>
    Effect.gen(function*() {
      const pdf = yield* ModelCatalog.select({ capabilities: ["pdf_input"], minInputTokens: 200_000 })
      assert.deepStrictEqual(pdf.map((model) => model.id), [
        "claude-opus-4-5-20251101",
        "claude-haiku-4-5-20251001",
        "claude-sonnet-4-5-20250929",
        "claude-opus-4-1-20250805",
        "claude-opus-4-20250514",
        "claude-sonnet-4-20250514"
      ])
      const sonnets = yield* ModelCatalog.select({ lines: ["sonnet"], lifecycle: ["retired"] })
      assert.isTrue(sonnets.length > 0 && sonnets.every((model) => model.lifecycle === "retired"))
      const big = yield* ModelCatalog.select({ minOutputTokens: 64_000, capabilities: ["effort"] })
      assert.deepStrictEqual(big.map((model) => model.id), ["claude-opus-4-5-20251101"])
      assert.strictEqual(Option.getOrThrow(yield* ModelCatalog.latest("haiku")).id, "claude-haiku-4-5-20251001")
      assert.isTrue(Option.isNone(yield* ModelCatalog.latest("claude-2")), "every claude-2 model is retired")
      assert.strictEqual(yield* ModelCatalog.maxTokensFor("claude-3-haiku-20240307"), 4_096)
    }).pipe(Effect.provide(offline)))

  it.effect("layerSnapshot never calls the API and answers get, resolve and errors", () =>
    Effect.gen(function*() {
      const resolved = yield* ModelCatalog.resolve("claude-opus-4-5-20251101")
      assert.strictEqual(resolved.model.display_name, "Claude Opus 4.5")
      const missing = yield* Effect.flip(ModelCatalog.get("claude-sonnet-4-5"))
      assert.strictEqual(missing._tag, "ModelNotFoundError")
      const snapshot = yield* ModelCatalog.snapshot
      assert.strictEqual(DateTime.toEpochMillis(snapshot.fetchedAt), Date.UTC(2026, 10, 1))
      assert.strictEqual(snapshot.models.length, claude.length)
      assert.strictEqual((yield* ModelCatalog.refresh).models.length, claude.length)
    }).pipe(Effect.provide(offline)))

  it("supports: nested paths, typed from the schema", () => {
    const [model] = decodeAll([{
      id: "m",
      type: "model",
      display_name: "M",
      created_at: "2026-01-01T00:00:00Z",
      capabilities: {
        thinking: { supported: true, types: { adaptive: { supported: true }, enabled: { supported: false } } },
        effort: { supported: false, xhigh: { supported: true } },
        pdf_input: null
      }
    }])
    assert.isTrue(ModelCatalog.supports(model!, "thinking"))
    assert.isTrue(ModelCatalog.supports(model!, "thinking.types.adaptive"))
    assert.isFalse(ModelCatalog.supports(model!, "thinking.types.enabled"))
    assert.isFalse(ModelCatalog.supports(model!, "effort.xhigh"), "not when effort itself is unsupported")
    assert.isFalse(ModelCatalog.supports(model!, "pdf_input"))
    assert.isTrue(ModelCatalog.supports("thinking.types.adaptive")(model!))
    // @ts-expect-error a misspelt capability does not compile
    ModelCatalog.supports(model!, "pdf_inptu")
    // @ts-expect-error "thinking.types" is not a capability (it has no `supported`)
    ModelCatalog.supports(model!, "thinking.types")
    // @ts-expect-error select's capabilities are typed as well
    ModelCatalog.select({ capabilities: ["vision"] })
  })
})

describe("select never returns a retired model", () => {
  const stage = ["active", "deprecated", "retired", "preview", undefined] as const
  // A small deterministic generator, so every run covers the same 200 catalogues.
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  it.effect("over 200 random catalogues and query times", () =>
    Effect.gen(function*() {
      for (let run = 0; run < 200; run++) {
        const next = random(run + 1)
        const size = 1 + Math.floor(next() * 40)
        const day = 86_400_000
        const models = decodeAll(Array.from({ length: size }, (_, i) => {
          const deprecated = next() < 0.5 ? Math.floor(next() * 100) * day : undefined
          const retires = next() < 0.5 ? Math.floor(next() * 100) * day : undefined
          return {
            id: `r${run}-${i}`,
            type: "model",
            display_name: `R ${i}`,
            created_at: new Date(Math.floor(next() * 100) * day).toISOString(),
            lifecycle: stage[Math.floor(next() * stage.length)],
            line: ["a", "b"][Math.floor(next() * 2)],
            capabilities: { pdf_input: { supported: next() < 0.5 } },
            max_input_tokens: Math.floor(next() * 300_000),
            ...(deprecated === undefined ? {} : { deprecated_at: new Date(deprecated).toISOString() }),
            ...(retires === undefined ? {} : { retires_at: new Date(retires).toISOString() })
          }
        }))
        const at = Math.floor(next() * 120) * day
        const query: ModelCatalog.Query = next() < 0.5
          ? {}
          : { capabilities: ["pdf_input"], lines: ["a"], minInputTokens: 100_000 }
        yield* Effect.gen(function*() {
          yield* TestClock.setTime(at)
          const catalog = yield* ModelCatalog.ModelCatalog
          const selected = yield* catalog.select(query)
          for (const model of selected) assert.notStrictEqual(yield* catalog.status(model), "retired", model.id)
          for (let i = 1; i < selected.length; i++) {
            assert.isTrue(
              DateTime.toEpochMillis(selected[i - 1]!.created_at) >= DateTime.toEpochMillis(selected[i]!.created_at)
            )
          }
          // Asked for, retired models are there.
          const retired = yield* catalog.select({ lifecycle: ["retired"] })
          for (const model of retired) assert.strictEqual(yield* catalog.status(model), "retired", model.id)
        }).pipe(Effect.provide(ModelCatalog.layerSnapshot(models, 0)))
      }
    }))
})

const changeCatalogue = (version: 1 | 2): ReadonlyArray<ModelInfoEncoded> => {
  const base = lifecycleCatalogue("chg")
  if (version === 1) return base
  return [
    { id: "chg-opus-added", type: "model", display_name: "Added", created_at: "1970-01-03T00:00:00Z", line: "opus" },
    base[0]!,
    { ...base[2]!, lifecycle: "deprecated", retires_at: "1970-02-28T00:00:00Z" }
  ]
}

describe("change feed", () => {
  it.effect("refreshes on a schedule emit exact Added, Changed and Removed events; no change emits nothing", () => {
    const fake = api(changeCatalogue(1))
    return Effect.gen(function*() {
      yield* ModelCatalog.all
      const events = yield* Effect.forkChild(Stream.runCollect(Stream.take(ModelCatalog.changes, 3)))
      yield* settle
      // One refresh with the same catalogue: nothing.
      yield* TestClock.adjust(Duration.minutes(10))
      assert.strictEqual(fake.count("list"), 2)
      fake.state.models = changeCatalogue(2)
      yield* TestClock.adjust(Duration.minutes(10))
      assert.strictEqual(fake.count("list"), 3)
      const changes = yield* Fiber.join(events)
      assert.deepStrictEqual(changes.map((change) => change._tag), ["Added", "Changed", "Removed"])
      const [added, changed, removed] = changes
      assert.isTrue(added!._tag === "Added" && added!.model.id === "chg-opus-added")
      assert.isTrue(changed!._tag === "Changed" && changed!.after.id === "chg-sonnet-old")
      assert.deepStrictEqual(changed!._tag === "Changed" ? changed!.fields : [], ["lifecycle", "retires_at"])
      assert.isTrue(removed!._tag === "Removed" && removed!.model.id === "chg-sonnet-small")
    }).pipe(
      Effect.provide(catalogLayer(fake, { refreshSchedule: Schedule.spaced("10 minutes"), minRetained: 0 }))
    )
  })

  it("diff on its own: equal listings give nothing, decoded timestamps compare by instant", () => {
    const before = decodeAll(changeCatalogue(1))
    assert.deepStrictEqual(ModelCatalog.diff(before, decodeAll(changeCatalogue(1))), [])
    const changes = ModelCatalog.diff(before, decodeAll(changeCatalogue(2)))
    assert.deepStrictEqual(changes.map((change) => change._tag), ["Added", "Changed", "Removed"])
  })
})

describe("stores", () => {
  it.effect("a second catalogue on the same store reuses a fresh snapshot without listing", () => {
    const fake = api(synthetic(7, "store"))
    return Effect.gen(function*() {
      // Effect 4 has no Layer.memoize: build the store once and share what it built.
      const store = Layer.succeedContext(yield* Layer.build(ModelCatalog.layerStoreMemory))
      const first = ModelCatalog.layer({ store }).pipe(Layer.provide(fake.models))
      const second = ModelCatalog.layer({ store }).pipe(Layer.provide(fake.models))
      yield* Effect.provide(ModelCatalog.all, first)
      assert.strictEqual(fake.count("list"), 1)
      assert.strictEqual((yield* Effect.provide(ModelCatalog.all, second)).length, 7)
      assert.strictEqual(fake.count("list"), 1, "the second one read the store")
      yield* TestClock.adjust(Duration.minutes(10))
      yield* Effect.provide(ModelCatalog.all, second)
      assert.strictEqual(fake.count("list"), 2, "a stale stored snapshot is refreshed")
    })
  })
})
