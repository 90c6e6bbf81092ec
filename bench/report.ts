/** Turning samples into the table `pnpm bench` prints, and checking the targets. */
import { median, type Row } from "./stats.js"

export interface Summary extends Row {
  readonly median: number
  /** This peer's median over the limit's (or official's) in the same scenario. */
  readonly vsLimit: number | undefined
  readonly vsOfficial: number | undefined
  /** Over the `--baseline` peer's, in scenarios that ran it. */
  readonly vsBaseline?: number | undefined
}

export const summarise = (rows: ReadonlyArray<Row>, baselinePeer?: string): Array<Summary> =>
  rows.map((row) => {
    const sameScenario = (peer: string) => rows.find((other) => other.scenario === row.scenario && other.peer === peer)
    const value = median(row.samples)
    const over = (peer: string) => {
      const other = sameScenario(peer)
      return other === undefined ? undefined : value / median(other.samples)
    }
    const summary: Summary = { ...row, median: value, vsLimit: over("limit"), vsOfficial: over("official") }
    return baselinePeer === undefined ? summary : { ...summary, vsBaseline: over(baselinePeer) }
  })

const ratio = (value: number | undefined): string => (value === undefined ? "–" : `${value.toFixed(2)}×`)

const number = (value: number): string =>
  Number.isNaN(value) ? "–" : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)

/** One table; a `--baseline` run adds a column of ratios to that peer. */
export const table = (summaries: ReadonlyArray<Summary>, baselinePeer?: string): string => {
  const extra = baselinePeer === undefined ? "" : ` × ${baselinePeer} |`
  const lines = [
    `| Scenario | Peer | Median | × limit | × official |${extra} Runs |`,
    `|---|---|---:|---:|---:|${baselinePeer === undefined ? "" : "---:|"}---:|`
  ]
  for (const row of summaries) {
    lines.push(
      `| ${row.scenario} | ${row.peer} | ${number(row.median)} ${row.unit} | ${ratio(row.vsLimit)} | ${
        ratio(row.vsOfficial)
      } |${baselinePeer === undefined ? "" : ` ${ratio(row.vsBaseline)} |`} ${row.samples.length} |`
    )
  }
  return lines.join("\n")
}

export interface Target {
  readonly target: string
  readonly measured: string
  readonly met: boolean
}

// A scenario named in full wins over one it is the start of ("6. cold start: import" and "… import + list one page").
const find = (summaries: ReadonlyArray<Summary>, scenario: string, peer: string): Summary | undefined =>
  summaries.find((row) => row.scenario === scenario && row.peer === peer) ??
    summaries.find((row) => row.scenario.startsWith(scenario) && row.peer === peer)

/** Checks a ratio between two peers' medians, if both were measured in this run. */
export const ratioTarget = (
  summaries: ReadonlyArray<Summary>,
  scenario: string,
  peer: string,
  against: string,
  atMost: number,
  label: string
): Target | undefined => {
  const a = find(summaries, scenario, peer)
  const b = find(summaries, scenario, against)
  if (a === undefined || b === undefined) return undefined
  const value = a.median / b.median
  return {
    target: label,
    measured: `${value.toFixed(2)}× (${number(a.median)} vs ${number(b.median)} ${a.unit})`,
    met: value <= atMost
  }
}

export const targetsTable = (targets: ReadonlyArray<Target>): string =>
  ["| Target | Measured | Met |", "|---|---|---|"].concat(
    targets.map((t) => `| ${t.target} | ${t.measured} | ${t.met ? "yes" : "**no**"} |`)
  ).join("\n")
