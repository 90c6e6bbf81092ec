/**
 * The process `profile.ts` runs under `node --cpu-prof`: one peer does one
 * thing again and again (streams the catalogue, or 1,000 concurrent
 * retrieves), nothing else, so the profile shows that peer only.
 */
import { modelId } from "./catalogue.js"
import { peers } from "./peers/all.js"
import { loadPeers } from "./peers/bundled.js"
import { baseUrlFor } from "./server.js"

const [
  mode = "list",
  peerName = "ours",
  prefetchText = "0",
  portText = "0",
  roundsText = "10",
  sizeText = "100000",
  effect4File = ""
] = process.argv.slice(2)
// The Effect 4 peers come from their own module, built against the effect4 workspace.
const candidates = effect4File === "" ? Object.values(peers) : await loadPeers(effect4File)
const peer = candidates.find((candidate) => candidate.name === peerName)
if (peer === undefined) throw new Error(`unknown peer ${peerName}`)
const size = Number(sizeText)
const baseUrl = baseUrlFor(Number(portText), size)
const prefetch = Number(prefetchText)
const ids = Array.from({ length: 1000 }, (_, i) => modelId((i * 97) % size))
for (let round = 0; round < Number(roundsText); round++) {
  const start = performance.now()
  const count = mode === "retrieve"
    ? await peer.retrieveAll(baseUrl, ids)
    : await peer.listAll({ baseUrl, limit: 1000, prefetch })
  process.stderr.write(
    `  ${peerName} ${mode} round ${round}: ${count} models in ${(performance.now() - start).toFixed(0)} ms\n`
  )
}
await peer.close()
process.exit(0)
