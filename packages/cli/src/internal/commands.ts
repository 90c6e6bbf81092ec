// The commands of anthropic-models. Each handler reads the global options from
// the root command and builds only the services it needs.
import * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import { ModelInfo } from "@anthropic-effect/core/ModelInfo"
import * as Catalog from "@anthropic-effect/protocol/Catalog"
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type * as Usage from "@effect/cli/Usage"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Console from "effect/Console"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Arg from "./args.js"
import * as Environment from "./environment.js"
import { BadInput, Findings, oneLine } from "./errors.js"
import { mock } from "./mock.js"
import * as Render from "./render.js"
import * as Terminal from "./terminal.js"

/** The program's name, as installed. */
export const name = "anthropic-models"

const apiKey = Options.redacted("api-key").pipe(
  Options.withFallbackConfig(Config.redacted("ANTHROPIC_API_KEY")),
  Options.optional,
  Options.withDescription("the API key (default: ANTHROPIC_API_KEY; none set: the embedded mock API)")
)

const authToken = Options.redacted("auth-token").pipe(
  Options.withFallbackConfig(Config.redacted("ANTHROPIC_AUTH_TOKEN")),
  Options.optional,
  Options.withDescription("a bearer token instead of a key (default: ANTHROPIC_AUTH_TOKEN)")
)

const baseUrl = Options.text("base-url").pipe(
  Options.withFallbackConfig(Config.string("ANTHROPIC_BASE_URL")),
  Options.optional,
  Options.withDescription("the API's base URL (default: ANTHROPIC_BASE_URL, else https://api.anthropic.com)")
)

const betas = Options.text("beta").pipe(
  Options.repeated,
  Options.map(Arg.commaSeparated),
  Options.withDescription("an anthropic-beta value; repeat it for several")
)

const workspace = Options.text("workspace").pipe(
  Options.optional,
  Options.withDescription("the anthropic-workspace-id to list for")
)

const noCache = Options.boolean("no-cache").pipe(
  Options.withDescription("neither read nor write the snapshot cache")
)

const cacheDir = Options.directory("cache-dir").pipe(
  Options.withFallbackConfig(Config.string("ANTHROPIC_MODELS_CACHE_DIR")),
  Options.optional,
  Options.withDescription(
    "where snapshots are cached (default: ANTHROPIC_MODELS_CACHE_DIR, else the user cache directory)"
  )
)

/** The root command, whose options every subcommand reads. */
export const root = Command.make(name, { apiKey, authToken, baseUrl, betas, workspace, noCache, cacheDir })

const ttl = "10 minutes"

const withCatalog = <A, E, R>(
  effect: Effect.Effect<A, E, R>,
  options: { readonly ttl: Duration.DurationInput; readonly maxStale?: Duration.DurationInput } = { ttl }
) => Effect.flatMap(root, (global) => Effect.provide(effect, Environment.catalog(global, options)))

const now = Clock.currentTimeMillis

const print = (text: string) => text === "" ? Effect.void : Console.log(text)

// list ------------------------------------------------------------------------

const listFormats = ["table", "json", "jsonl", "yaml", "csv"] as const

const list = Command.make("list", {
  lifecycle: Options.text("lifecycle").pipe(
    Options.withPseudoName("stage"),
    Options.repeated,
    Options.mapEffect(Arg.lifecycle),
    Options.withDescription("only models of these statuses: active, deprecated, retired (default active,deprecated)")
  ),
  supports: Options.text("supports").pipe(
    Options.withPseudoName("capability"),
    Options.repeated,
    Options.mapEffect(Arg.capabilities),
    Options.withDescription("only models with this capability, nested ones too (thinking.types.adaptive); repeatable")
  ),
  line: Options.text("line").pipe(
    Options.withPseudoName("line"),
    Options.repeated,
    Options.map(Arg.commaSeparated),
    Options.withDescription("only models of this line (opus, sonnet, haiku); repeatable")
  ),
  minContext: Options.text("min-context").pipe(
    Options.withPseudoName("tokens"),
    Options.mapEffect(Arg.wholeNumber("min-context", 0, "200000")),
    Options.optional,
    Options.withDescription("only models with at least N input tokens")
  ),
  newest: Options.text("newest").pipe(
    Options.withPseudoName("N"),
    Options.mapEffect(Arg.wholeNumber("newest", 1, "5")),
    Options.optional,
    Options.withDescription("only the N newest models that match")
  ),
  format: Arg.format(listFormats)
}, (flags) =>
  withCatalog(Effect.gen(function*() {
    const selected = yield* Terminal.withProgress(
      "Listing models",
      ModelCatalog.select({
        ...(flags.lifecycle.length === 0 ? {} : { lifecycle: flags.lifecycle }),
        ...(flags.supports.length === 0 ? {} : { capabilities: flags.supports }),
        ...(flags.line.length === 0 ? {} : { lines: flags.line }),
        ...(Option.isSome(flags.minContext) ? { minInputTokens: flags.minContext.value } : {})
      })
    )
    const models = Option.isSome(flags.newest) ? selected.slice(0, flags.newest.value) : selected
    switch (flags.format) {
      case "json":
        return yield* print(Render.json(models.map(Render.wire)))
      case "jsonl":
        return yield* print(Render.jsonLines(models.map(Render.wire)))
      case "yaml":
        return yield* print(models.length === 0 ? "[]" : Render.yaml(models.map(Render.wire)))
      case "csv":
        return yield* print(Render.csv(models))
      case "table": {
        const tty = yield* Terminal.Tty
        yield* print(Render.table(models, yield* now, Option.getOrUndefined(tty.columns)))
        return yield* Console.log(`\n${Render.plural(models.length, "model")}`)
      }
    }
  }))).pipe(Command.withDescription("Lists models, newest first, filtered and formatted."))

// get -------------------------------------------------------------------------

const get = Command.make("get", {
  model: Args.text({ name: "id|alias" }).pipe(Args.withDescription("a model id or alias")),
  format: Arg.format(["text", "json", "yaml"])
}, (flags) =>
  withCatalog(Effect.gen(function*() {
    const model = yield* Terminal.withProgress("Looking up", ModelCatalog.get(flags.model))
    switch (flags.format) {
      case "json":
        return yield* print(Render.json(Render.wire(model)))
      case "yaml":
        return yield* print(Render.yaml(Render.wire(model)))
      case "text":
        return yield* print(Render.block(model, yield* now))
    }
  }))).pipe(Command.withDescription("Shows one model, with every capability."))

// resolve ---------------------------------------------------------------------

const resolve = Command.make("resolve", {
  alias: Args.text({ name: "alias" }).pipe(Args.withDescription("an alias such as claude-sonnet-4-5"))
}, (flags) => withCatalog(Effect.flatMap(ModelCatalog.resolve(flags.alias), (resolved) => print(resolved.model.id))))
  .pipe(
    Command.withDescription("Prints the model id an alias resolves to.")
  )

// check -----------------------------------------------------------------------

interface Verdict {
  readonly requested: string
  readonly id: string | null
  readonly status: ModelCatalog.Status | "unknown"
  readonly deprecated_at: string | null
  readonly retires_at: string | null
  readonly replacement: string | null
  readonly finding: boolean
  readonly reason: string
}

const isoOrNull = (value: DateTime.Utc | null | undefined) => value == null ? null : DateTime.formatIso(value)

const dayOf = (millis: number) => new Date(millis).toISOString().slice(0, 10)

const judge = (
  requested: string,
  found: Either.Either<
    ModelInfo,
    ModelCatalog.ModelNotFoundError | ModelCatalog.ModelDeprecatedError | ModelCatalog.ModelRetiredError
  >,
  models: ReadonlyArray<ModelInfo>,
  nowMillis: number,
  failOn: "deprecated" | "retired",
  withinMillis: number
): Verdict => {
  if (Either.isLeft(found)) {
    return {
      requested,
      id: null,
      status: "unknown",
      deprecated_at: null,
      retires_at: null,
      replacement: null,
      finding: true,
      // Under the "off" policy only a missing model gets here; the other two are judged the same way.
      reason: found.left._tag === "ModelNotFoundError" ? "not in the catalogue" : found.left.message
    }
  }
  const model = found.right
  const status = Catalog.statusAt(model, nowMillis)
  const retires = model.retires_at?.epochMillis
  const replacement = status === "active" && retires === undefined
    ? undefined
    : Catalog.replacementFor(model, models, nowMillis)?.id
  const soon = status !== "retired" && retires !== undefined && retires - nowMillis <= withinMillis
  const finding = status === "retired" || (status === "deprecated" && failOn === "deprecated") || soon
  const days = retires === undefined ? 0 : Math.ceil((retires - nowMillis) / 86_400_000)
  const reason = status === "retired"
    ? `retired${retires === undefined ? "" : ` since ${dayOf(retires)}`}`
    : `${status}${retires === undefined ? "" : `, retires ${dayOf(retires)} (in ${Render.plural(days, "day")})`}`
  return {
    requested,
    id: model.id,
    status,
    deprecated_at: isoOrNull(model.deprecated_at),
    retires_at: isoOrNull(model.retires_at),
    replacement: replacement ?? null,
    finding,
    reason
  }
}

const verdictLine = (verdict: Verdict): string => {
  const who = verdict.id === null || verdict.id === verdict.requested
    ? verdict.requested
    : `${verdict.requested} (${verdict.id})`
  const instead = verdict.replacement === null ? "" : `; use ${verdict.replacement}`
  return `${verdict.finding ? "FAIL" : "ok  "}  ${who}: ${verdict.reason}${instead}`
}

const check = Command.make("check", {
  models: Args.text({ name: "id" }).pipe(Args.atLeast(1), Args.withDescription("the model ids (or aliases) to check")),
  within: Options.text("within").pipe(
    Options.withPseudoName("duration"),
    Options.mapEffect(Arg.duration("within", "30d", 0)),
    Options.withDefault(Duration.days(30)),
    Options.withDescription("also fail on a model that retires within this time (default 30d)")
  ),
  failOn: Options.text("fail-on").pipe(
    Options.withPseudoName("status"),
    Options.mapEffect(Arg.oneOf("fail-on", ["deprecated", "retired"] as const)),
    Options.withDefault("deprecated" as const),
    Options.withDescription("fail from this status on: deprecated (default) or retired")
  ),
  format: Arg.format(["text", "json"])
}, (flags) =>
  withCatalog(Effect.gen(function*() {
    const models = yield* Terminal.withProgress("Listing models", ModelCatalog.all)
    const nowMillis = yield* now
    const verdicts = yield* Effect.forEach(flags.models, (requested) =>
      Effect.map(
        ModelCatalog.get(requested).pipe(
          Effect.map(Either.right),
          Effect.catchTags({
            ModelNotFoundError: (error) => Effect.succeed(Either.left(error)),
            ModelDeprecatedError: (error) => Effect.succeed(Either.left(error)),
            ModelRetiredError: (error) => Effect.succeed(Either.left(error))
          })
        ),
        (found) => judge(requested, found, models, nowMillis, flags.failOn, Duration.toMillis(flags.within))
      ))
    if (flags.format === "json") {
      yield* print(Render.json(verdicts.map((verdict) => ({ ...verdict }))))
    } else {
      yield* print(verdicts.map(verdictLine).join("\n"))
    }
    const count = verdicts.filter((verdict) => verdict.finding).length
    if (count > 0) return yield* new Findings({ count })
  }))).pipe(
    Command.withDescription(
      "Fails (exit 3) when a model is deprecated or retired, or retires soon, and names its replacement."
    )
  )

// diff ------------------------------------------------------------------------

const Listing = Schema.Union(Schema.Array(ModelInfo), Schema.Struct({ data: Schema.Array(ModelInfo) }))

const readListing = (file: string) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const text = yield* Effect.mapError(
      fs.readFileString(file),
      (error) => new BadInput({ message: `--against: cannot read ${file}: ${error.message}` })
    )
    const decoded = yield* Effect.mapError(
      Schema.decodeUnknown(Schema.parseJson(Listing))(text),
      () =>
        new BadInput({
          message:
            `--against takes a JSON listing (what list --format json prints, or a /v1/models page): ${file} is not one`
        })
    )
    return "data" in decoded ? decoded.data : decoded
  })

const diff = Command.make("diff", {
  against: Options.file("against", { exists: "yes" }).pipe(
    Options.optional,
    Options.withDescription("compare with this JSON listing instead of the cached snapshot")
  ),
  format: Arg.format(["text", "json"])
}, (flags) =>
  Effect.gen(function*() {
    const global = yield* root
    const started = yield* now
    const year = Duration.days(365)
    const compared = yield* Option.match(flags.against, {
      onSome: (file) =>
        Effect.flatMap(readListing(file), (before) =>
          withCatalog(Effect.map(ModelCatalog.refresh, (after) =>
            Option.some({ before, after: after.models })))),
      onNone: () => {
        if (!Environment.cached(global)) {
          return Effect.fail(
            new BadInput({
              message: global.noCache
                ? "diff compares with the cached snapshot, which --no-cache turns off: give --against FILE"
                : "diff compares with the cached snapshot, and the embedded mock is never cached: give --against FILE"
            })
          )
        }
        // A snapshot of any age is the "before"; a refresh is the "after" (and the next "before").
        return withCatalog(
          Effect.gen(function*() {
            const before = yield* ModelCatalog.snapshot
            const after = yield* Terminal.withProgress("Listing models", ModelCatalog.refresh)
            return before.fetchedAt.epochMillis >= started
              ? Option.none()
              : Option.some({ before: before.models, after: after.models })
          }),
          { ttl: year, maxStale: year }
        )
      }
    })
    if (Option.isNone(compared)) {
      yield* Console.error("No cached snapshot yet: saved this one; the next diff compares with it")
      return
    }
    const changes = ModelCatalog.diff(compared.value.before, compared.value.after)
    if (flags.format === "json") {
      yield* print(Render.json(changes.map(Render.changeJson)))
    } else {
      yield* print(changes.length === 0 ? "No changes" : changes.map(Render.changeLine).join("\n"))
    }
    if (changes.length > 0) {
      return yield* new Findings({ count: changes.length })
    }
  })).pipe(
    Command.withDescription(
      "Compares the live catalogue with the cached snapshot (or --against FILE): exit 0 when equal, 3 when changed."
    )
  )

// watch -----------------------------------------------------------------------

const watch = Command.make("watch", {
  every: Options.text("every").pipe(
    Options.withPseudoName("duration"),
    Options.mapEffect(Arg.duration("every", "10m", 1_000)),
    Options.withDefault(Duration.minutes(10)),
    Options.withDescription("how often to list (default 10m, at least 1s)")
  ),
  format: Arg.format(["text", "jsonl"])
}, (flags) =>
  withCatalog(
    Effect.gen(function*() {
      let previous = (yield* Terminal.withProgress("Listing models", ModelCatalog.refresh)).models
      yield* Console.error(
        `Watching ${Render.plural(previous.length, "model")}, every ${Duration.format(flags.every)} (Ctrl-C to stop)`
      )
      const once = Effect.gen(function*() {
        const next = (yield* ModelCatalog.refresh).models
        const changes = ModelCatalog.diff(previous, next)
        previous = next
        yield* Effect.forEach(changes, (change) =>
          Console.log(
            flags.format === "jsonl" ? JSON.stringify(Render.changeJson(change)) : Render.changeLine(change)
          ))
      })
      // A failed listing is reported and the watch goes on: the next one may work.
      const tick = Effect.catchAll(
        once,
        (error) => Console.error(`${oneLine(error)} (trying again in ${Duration.format(flags.every)})`)
      )
      return yield* Effect.forever(Effect.zipRight(Effect.sleep(flags.every), tick))
    }),
    { ttl: flags.every }
  )).pipe(Command.withDescription("Prints each change to the catalogue as it happens, until Ctrl-C."))

/** The usage of each subcommand by name, for the usage a usage error prints. */
export const usages: ReadonlyArray<readonly [string, Usage.Usage]> = [
  ["list", Command.getUsage(list)],
  ["get", Command.getUsage(get)],
  ["resolve", Command.getUsage(resolve)],
  ["check", Command.getUsage(check)],
  ["diff", Command.getUsage(diff)],
  ["watch", Command.getUsage(watch)],
  ["mock", Command.getUsage(mock)]
]

/** The whole command tree. */
export const command = root.pipe(
  Command.withDescription("The Claude models of your account: list, check, diff and watch them."),
  Command.withSubcommands([list, get, resolve, check, diff, watch, mock])
)
