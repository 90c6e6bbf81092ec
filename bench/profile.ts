/**
 * `pnpm bench:profile [list|retrieve] [peer] [prefetch] [rounds]`: where one
 * peer's time goes while streaming 100,000 models (or making 1,000 concurrent
 * retrieves). Prints the top functions by self time and by total time, and
 * leaves the `.cpuprofile` in bench/profiles for Chrome DevTools. A peer
 * named `ours e4 …` is the Effect 4 edition's (see effect4.ts). Everything
 * runs on the Node that `pnpm bench` measures on (node.ts).
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import { benchDir, buildNode, makeWorkDir } from "./build.js"
import { type CpuProfile, summariseProfile } from "./cpuProfile.js"
import { prepareEffect4Peers } from "./effect4.js"
import { measuringNode } from "./node.js"
import { runNode, startServer } from "./processes.js"

const [mode = "list", peer = "ours", prefetch = "0", rounds = "10"] = process.argv.slice(2)
const workDir = makeWorkDir()
const built = await buildNode(workDir, { profile: "profileMain.ts", server: "serverMain.ts" })
const profileFile = built.files.profile
const serverFile = built.files.server
if (profileFile === undefined || serverFile === undefined) throw new Error("build failed")
const node = measuringNode(undefined)
const effect4 = peer.startsWith("ours e4")
  ? await prepareEffect4Peers(workDir, (line) => process.stderr.write(`${line}\n`))
  : undefined
const server = await startServer(serverFile, workDir, node.path)
const profileDir = Path.join(benchDir, "profiles")
Fs.mkdirSync(profileDir, { recursive: true })
const name = `${mode}-${peer.replaceAll(/[^A-Za-z0-9]+/g, "_")}-prefetch${prefetch}-${Date.now()}.cpuprofile`
try {
  const finished = await runNode(
    [
      "--cpu-prof",
      `--cpu-prof-dir=${profileDir}`,
      `--cpu-prof-name=${name}`,
      profileFile,
      mode,
      peer,
      prefetch,
      String(server.port),
      rounds,
      "100000",
      effect4?.file ?? ""
    ],
    workDir,
    node.path
  )
  if (finished.code !== 0) throw new Error(`profiling exited with ${finished.code}`)
} finally {
  await server.stop()
  Fs.rmSync(workDir, { recursive: true, force: true })
}
const profile: CpuProfile = JSON.parse(Fs.readFileSync(Path.join(profileDir, name), "utf8"))
const { self, total } = summariseProfile(profile, 30)
const show = (entries: ReadonlyArray<{ readonly name: string; readonly percent: number }>) =>
  entries.map((e) => `${e.percent.toFixed(1).padStart(6)}%  ${e.name}`).join("\n")
process.stdout.write(
  `Self time\n${show(self)}\n\nTotal time\n${show(total)}\n\nProfile: ${Path.join("bench/profiles", name)}\n`
)
