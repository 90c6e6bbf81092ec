/**
 * The error-bodies suite on the Effect 4 edition: the cases of
 * packages/core/test/shared/errorBodiesCases.ts (shared with the Effect 3
 * edition), each response failing `Models.list()` over the fake HttpClient
 * of ./utils.ts.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as E from "../../../../packages/core/test/shared/errorBodiesCases.js"
import * as H from "../../../../packages/core/test/shared/modelsHarness.js"
import type { ModelInfoEncoded } from "../src/ModelInfo.js"
import * as Models from "../src/Models.js"
import * as ModelsError from "../src/ModelsError.js"
import * as Utils from "./utils.js"

const edition: E.Edition<ModelInfoEncoded> = {
  assert,
  fixtures: Utils,
  fixturesDir: new URL("./fixtures/", import.meta.url),
  isApiError: ModelsError.isApiError,
  // Effect 4's error classes have no static `_tag`: the tag schema holds it.
  classTags: new Map(
    Object.entries(ModelsError.apiErrorTypes).map(([type, errorClass]) => [type, errorClass.fields._tag.schema.literal])
  ),
  fromErrorType: ModelsError.fromErrorType
}

const failWith = (answer: () => Response) =>
  Effect.flip(Models.list().pipe(Effect.provide(Utils.modelsLayer(answer, { maxRetries: 0 }).layer)))

H.register(describe, E.groups(edition), (c) => {
  if (c._tag === "Plain") return it(c.name, c.check)
  it.effect(c.name, () =>
    Effect.gen(function*() {
      const errors: Array<ModelsError.ModelsError> = []
      for (const answer of c.answers) errors.push(yield* failWith(answer))
      c.check(errors)
    }))
})
