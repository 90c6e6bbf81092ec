// Parsers for the flags whose mistakes get a one-line error naming the flag and
// what it accepts (@effect/cli's own messages, such as "'abc' is not a integer",
// name neither).
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Capabilities from "./capabilities.js"

const invalid = (message: string) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(message)))

const listing = (words: ReadonlyArray<string>): string =>
  words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`

/** One of a fixed set of words. */
export const oneOf = <const A extends string>(flag: string, choices: ReadonlyArray<A>) => (value: string) => {
  const found = choices.find((choice) => choice === value)
  return found === undefined
    ? invalid(`--${flag} takes ${listing(choices)} (got ${JSON.stringify(value)})`)
    : Effect.succeed(found)
}

/** A `--format` flag with its default first. */
export const format = <const A extends string>(choices: readonly [A, ...Array<A>]) =>
  Options.text("format").pipe(
    Options.withAlias("f"),
    Options.withPseudoName(choices.join("|")),
    Options.mapEffect(oneOf("format", choices)),
    Options.withDefault(choices[0]),
    Options.withDescription(`output format: ${listing(choices)} (default ${choices[0]})`)
  )

/** A whole number of at least `min`. */
export const wholeNumber = (flag: string, min: number, example: string) => (value: string) => {
  const number = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN
  return Number.isSafeInteger(number) && number >= min
    ? Effect.succeed(number)
    : invalid(`--${flag} takes a whole number of ${min} or more, such as ${example} (got ${JSON.stringify(value)})`)
}

/** Several values, given as repeated flags, comma-separated, or both. */
export const commaSeparated = (values: ReadonlyArray<string>): ReadonlyArray<string> =>
  values.flatMap((value) => value.split(",")).map((value) => value.trim()).filter((value) => value !== "")

export const lifecycles = ["active", "deprecated", "retired"] as const

export const lifecycle = (values: ReadonlyArray<string>) =>
  Effect.forEach(commaSeparated(values), oneOf("lifecycle", lifecycles))

export const capabilities = (values: ReadonlyArray<string>) =>
  Effect.forEach(commaSeparated(values), (path) =>
    Capabilities.isKnown(path)
      ? Effect.succeed(path)
      : invalid(
        `--supports takes a capability path: ${listing(Capabilities.known)} (got ${JSON.stringify(path)})`
      ))

const units: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** A duration such as `30d`, `12h`, `10m`, `90s` or `2w`, of at least `minMillis`. */
export const duration = (flag: string, example: string, minMillis: number) => (value: string) => {
  const match = /^(\d+)\s*([smhdw])$/.exec(value.trim())
  const millis = match === null ? Number.NaN : Number(match[1]) * units[match[2]!]!
  return Number.isFinite(millis) && millis >= minMillis
    ? Effect.succeed(Duration.millis(millis))
    : invalid(
      `--${flag} takes a duration such as ${example} (a whole number and s, m, h, d or w` +
        `${minMillis > 0 ? `, at least ${Duration.format(Duration.millis(minMillis))}` : ""}; got ${
          JSON.stringify(value)
        })`
    )
}
