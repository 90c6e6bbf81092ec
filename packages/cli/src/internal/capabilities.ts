// The capability paths `--supports` accepts: every path the schema types. The
// type below fails to compile when the schema gains a path this list lacks.
import type { CapabilityPath } from "@anthropic-effect/core/ModelInfo"

export const known = [
  "batch",
  "citations",
  "code_execution",
  "compaction",
  "compaction.summarize",
  "context_management",
  "context_management.clear_thinking_20251015",
  "context_management.clear_tool_uses_20250919",
  "context_management.compact_20260112",
  "effort",
  "effort.low",
  "effort.medium",
  "effort.high",
  "effort.max",
  "effort.xhigh",
  "image_input",
  "pdf_input",
  "server_tools",
  "server_tools.code_execution",
  "server_tools.web_search",
  "structured_outputs",
  "thinking",
  "thinking.types.enabled",
  "thinking.types.adaptive",
  "thinking.types.disabled",
  "thinking.types.between_tools"
] as const satisfies ReadonlyArray<CapabilityPath>

type Missing = Exclude<CapabilityPath, typeof known[number]>
const complete: [Missing] extends [never] ? true : Missing = true
void complete

const knownSet: ReadonlySet<string> = new Set(known)

export const isKnown = (path: string): path is CapabilityPath => knownSet.has(path)
