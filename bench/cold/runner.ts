/**
 * The entry of every cold-start process: import one library, optionally list
 * one page, print the timings and exit at once (a kept-alive socket must not
 * hold the process open). `performance.now()` counts from the process's start.
 */
interface Library {
  readonly listOnePage?: (baseUrl: string) => Promise<number>
}

const cpuMs = (): number => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

const [libraryPath = "", baseUrl = ""] = process.argv.slice(2)
const beforeImport = performance.now()
const cpuBeforeImport = cpuMs()
const library: Library = await import(libraryPath)
const imported = performance.now()
// CPU time as well as wall time: on a busy machine waiting for a core inflates
// the wall clock, but not the work done.
const importCpuMs = cpuMs() - cpuBeforeImport
const models = baseUrl !== "" && library.listOnePage !== undefined ? await library.listOnePage(baseUrl) : 0
const listed = performance.now()
process.stdout.write(
  JSON.stringify({
    startMs: beforeImport,
    importMs: imported - beforeImport,
    importCpuMs,
    listMs: listed - imported,
    models,
    totalMs: listed
  })
)
process.exit(0)
