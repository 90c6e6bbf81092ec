/** Summarises a V8 `.cpuprofile`: the functions that take the most time, by self and by total time. */

interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
}

interface ProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
  readonly children?: ReadonlyArray<number>
}

export interface CpuProfile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
}

export interface Entry {
  readonly name: string
  readonly percent: number
}

const label = (frame: CallFrame): string => {
  const file = frame.url.split("/").slice(-2).join("/")
  return `${frame.functionName === "" ? "(anonymous)" : frame.functionName} ${file}:${frame.lineNumber + 1}`
}

export const summariseProfile = (
  profile: CpuProfile,
  top: number
): { readonly self: ReadonlyArray<Entry>; readonly total: ReadonlyArray<Entry> } => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const hits = new Map<number, number>()
  for (const sample of profile.samples) hits.set(sample, (hits.get(sample) ?? 0) + 1)
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  for (const [id, count] of hits) {
    const node = byId.get(id)
    if (node === undefined) continue
    const name = label(node.callFrame)
    self.set(name, (self.get(name) ?? 0) + count)
    // Count each function once per stack, however deep its recursion.
    const seen = new Set<string>()
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)
      if (frame === undefined) break
      const frameName = label(frame.callFrame)
      if (seen.has(frameName)) continue
      seen.add(frameName)
      total.set(frameName, (total.get(frameName) ?? 0) + count)
    }
  }
  const all = profile.samples.length
  const ranked = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, count]) => ({ name, percent: (100 * count) / all }))
  return { self: ranked(self), total: ranked(total) }
}
