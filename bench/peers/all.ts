import { peer as effectAi } from "./effectAi.js"
import { peer as limit } from "./limit.js"
import { peer as official } from "./official.js"
import { peer as ours } from "./ours.js"
import type { Peer } from "./peer.js"

export const peers: Readonly<Record<"limit" | "official" | "effect-ai" | "ours", Peer>> = {
  limit,
  official,
  "effect-ai": effectAi,
  ours
}
