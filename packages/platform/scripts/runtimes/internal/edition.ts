/**
 * The two editions the driver serves. An edition names the platform package
 * whose acceptance programs run (`test/acceptance/*.ts`, and the `bun` and
 * `deno` devDependencies that run them); the servers, the checks of their
 * counters and the constants are the same for both, since both editions speak
 * the same wire. Which runtimes each edition runs on is in `../../runtimes.ts`.
 */
import { effect4PackageDir, packageDir } from "../../internal/esbuild.js"

export type EditionName = "3" | "4"

export interface Edition {
  readonly name: EditionName
  /** The platform package: it holds the acceptance programs, and it is the runtimes' working directory. */
  readonly packageDir: string
}

export const editions: Readonly<Record<EditionName, Edition>> = {
  "3": { name: "3", packageDir },
  "4": { name: "4", packageDir: effect4PackageDir }
}

export const isEditionName = (name: string): name is EditionName => name === "3" || name === "4"
