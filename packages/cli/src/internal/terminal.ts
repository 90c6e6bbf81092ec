// What the CLI asks of the terminal beyond Console: how wide stdout is, and
// whether stderr is a terminal (the progress line is for people, not for logs).
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

export interface Service {
  /** The width to fit tables to: the terminal's, else `COLUMNS`, else none. */
  readonly columns: Option.Option<number>
  readonly stderrIsTty: boolean
  /** Writes to stderr without a newline (the progress line redraws itself). */
  readonly writeStderr: (text: string) => Effect.Effect<void>
}

export class Tty extends Context.Tag("@anthropic-effect/cli/Tty")<Tty, Service>() {}

const positive = (value: number | undefined): Option.Option<number> =>
  value !== undefined && Number.isInteger(value) && value > 0 ? Option.some(value) : Option.none()

export const layerProcess: Layer.Layer<Tty> = Layer.sync(Tty, () => ({
  columns: process.stdout.isTTY
    ? positive(process.stdout.columns)
    : positive(process.env.COLUMNS === undefined ? undefined : Number(process.env.COLUMNS)),
  stderrIsTty: process.stderr.isTTY === true,
  writeStderr: (text) =>
    Effect.async<void>((resume) => {
      process.stderr.write(text, () => resume(Effect.void))
    })
}))

/** How long a listing runs before the progress line shows. */
export const progressAfter = "500 millis"

/**
 * Runs `effect`, showing `label` on stderr if it takes longer than half a
 * second and stderr is a terminal; the line is erased when it ends.
 */
export const withProgress = <A, E, R>(label: string, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Tty> =>
  Effect.flatMap(Tty, (tty) => {
    if (!tty.stderrIsTty) return effect
    let shown = false
    const show = Effect.zipRight(
      Effect.sleep(progressAfter),
      Effect.suspend(() => {
        shown = true
        return tty.writeStderr(`${label}…`)
      })
    )
    return Effect.acquireUseRelease(
      Effect.forkDaemon(show),
      () => effect,
      (fiber) =>
        Effect.zipRight(
          Fiber.interrupt(fiber),
          Effect.suspend(() => shown ? tty.writeStderr("\r\x1b[2K") : Effect.void)
        )
    )
  })
