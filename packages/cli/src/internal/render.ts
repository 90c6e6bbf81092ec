// What the commands print: plain functions from models to text, so every format
// is tested without a process.
import type * as ModelCatalog from "@anthropic-effect/core/ModelCatalog"
import { ModelInfo } from "@anthropic-effect/core/ModelInfo"
import * as Catalog from "@anthropic-effect/protocol/Catalog"
import * as DateTime from "effect/DateTime"
import * as Schema from "effect/Schema"
import * as Capabilities from "./capabilities.js"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const encodeModel = Schema.encodeSync(ModelInfo)

const isRecord = (u: unknown): u is { readonly [key: string]: unknown } =>
  typeof u === "object" && u !== null && !Array.isArray(u)

// The encoded model is JSON already; this turns it into the `Json` type (and
// drops `undefined`, as JSON.stringify does).
const toJson = (u: unknown): Json => {
  if (u === null || typeof u === "boolean" || typeof u === "number" || typeof u === "string") return u
  if (Array.isArray(u)) return u.map(toJson)
  if (isRecord(u)) {
    const out: Record<string, Json> = {}
    for (const [key, value] of Object.entries(u)) if (value !== undefined) out[key] = toJson(value)
    return out
  }
  return null
}

/** A model as the API sends it: its field names, RFC 3339 timestamps. */
export const wire = (model: ModelInfo): Json => toJson(encodeModel(model))

export const json = (value: Json): string => JSON.stringify(value, null, 2)

export const jsonLines = (values: ReadonlyArray<Json>): string =>
  values.map((value) => JSON.stringify(value)).join("\n")

const reserved = /^(true|false|null|yes|no|on|off|y|n|~)$/i

const scalar = (value: null | boolean | number | string): string =>
  typeof value !== "string"
    ? String(value)
    : /^[A-Za-z_][A-Za-z0-9_.-]*( [A-Za-z0-9_.()-]+)*$/.test(value) && !reserved.test(value)
    ? value
    : JSON.stringify(value)

const yamlLines = (value: Json, indent: string): Array<string> => {
  if (value === null || typeof value !== "object") return [`${indent}${scalar(value)}`]
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`]
    return value.flatMap((item: Json) => {
      const [first = "", ...rest] = yamlLines(item, `${indent}  `)
      return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest]
    })
  }
  const entries = Object.entries(value)
  if (entries.length === 0) return [`${indent}{}`]
  return entries.flatMap(([key, item]) => {
    const name = `${indent}${scalar(key)}:`
    if (item === null || typeof item !== "object") return [`${name} ${scalar(item)}`]
    if (Array.isArray(item) ? item.length === 0 : Object.keys(item).length === 0) {
      return [`${name} ${Array.isArray(item) ? "[]" : "{}"}`]
    }
    return [name, ...yamlLines(item, `${indent}  `)]
  })
}

/** YAML, block style; strings that could read as something else are double-quoted. */
export const yaml = (value: Json): string => yamlLines(value, "").join("\n")

const csvCell = (value: string): string => /[",\n\r]/.test(value) ? `"${value.replaceAll("\"", "\"\"")}"` : value

const iso = (value: DateTime.Utc | null | undefined): string => value == null ? "" : DateTime.formatIso(value)

const day = (value: DateTime.Utc | null | undefined): string =>
  value == null ? "-" : DateTime.formatIso(value).slice(0, 10)

const tokens = (value: number | null | undefined): string => value == null ? "-" : value.toLocaleString("en-US")

/** CSV (RFC 4180) with the API's field names; `capabilities` lists the supported paths, `;`-separated. */
export const csv = (models: ReadonlyArray<ModelInfo>): string =>
  [
    [
      "id",
      "display_name",
      "created_at",
      "lifecycle",
      "line",
      "max_input_tokens",
      "max_tokens",
      "deprecated_at",
      "retires_at",
      "capabilities"
    ],
    ...models.map((model) => [
      model.id,
      model.display_name,
      iso(model.created_at),
      model.lifecycle ?? "",
      model.line ?? "",
      model.max_input_tokens == null ? "" : String(model.max_input_tokens),
      model.max_tokens == null ? "" : String(model.max_tokens),
      iso(model.deprecated_at),
      iso(model.retires_at),
      Catalog.supportedPaths(model).join(";")
    ])
  ].map((row) => row.map(csvCell).join(",")).join("\n")

const ellipsis = "…"

const cut = (text: string, width: number): string =>
  text.length <= width ? text : width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}${ellipsis}`

const gap = 2

/**
 * A table at most `width` columns wide (none: as wide as it needs): the name
 * column shrinks first, then columns go, least useful first, then ids are cut.
 */
export const table = (models: ReadonlyArray<ModelInfo>, nowMillis: number, width?: number | undefined): string => {
  const columns = [
    { title: "ID", cells: models.map((m) => m.id), drop: 5, min: 12 },
    { title: "NAME", cells: models.map((m) => m.display_name), drop: 1, min: 12 },
    { title: "RELEASED", cells: models.map((m) => day(m.created_at)), drop: 2, min: 10 },
    { title: "STATUS", cells: models.map((m) => Catalog.statusAt(m, nowMillis)), drop: 4, min: 10 },
    { title: "CONTEXT", cells: models.map((m) => tokens(m.max_input_tokens)), drop: 3, min: 9 },
    { title: "MAX OUT", cells: models.map((m) => tokens(m.max_tokens)), drop: 0, min: 10 }
  ].map((column) => ({
    ...column,
    width: Math.max(column.title.length, ...column.cells.map((cell) => cell.length))
  }))
  let shown = columns
  const total = () => shown.reduce((sum, column) => sum + column.width, 0) + gap * (shown.length - 1)
  if (width !== undefined) {
    // The name shrinks down to its minimum; below that it goes, as other columns then do.
    const name = shown.find((column) => column.title === "NAME")
    if (name !== undefined && total() > width) name.width = Math.max(name.min, name.width - (total() - width))
    while (total() > width && shown.length > 1) {
      const next = shown.reduce((a, b) => (b.drop < a.drop ? b : a))
      shown = shown.filter((column) => column !== next)
    }
    const id = shown[0]!
    if (total() > width) id.width = Math.max(1, id.width - (total() - width))
  }
  const rows = [shown.map((column) => column.title), ...models.map((_, i) => shown.map((column) => column.cells[i]!))]
  return rows.map((row) =>
    row.map((cell, i) => {
      const column = shown[i]!
      const text = cut(cell, column.width)
      return i === row.length - 1 ? text : text.padEnd(column.width)
    }).join(" ".repeat(gap)).trimEnd()
  ).join("\n")
}

const statusLine = (model: ModelInfo, nowMillis: number): string => {
  const status = Catalog.statusAt(model, nowMillis)
  return model.lifecycle != null && model.lifecycle !== status ? `${status} (the API says ${model.lifecycle})` : status
}

/** One model as a readable block, with every capability the schema knows and any other the data has. */
export const block = (model: ModelInfo, nowMillis: number): string => {
  const supported = Catalog.supportedPaths(model)
  const paths = [...Capabilities.known, ...supported.filter((path) => !Capabilities.isKnown(path))]
  const pad = Math.max(...paths.map((path) => path.length)) + 2
  const fields: ReadonlyArray<readonly [string, string]> = [
    ["name", model.display_name],
    ["released", day(model.created_at)],
    ["status", statusLine(model, nowMillis)],
    ["line", model.line ?? "-"],
    ["context", model.max_input_tokens == null ? "-" : `${tokens(model.max_input_tokens)} tokens`],
    ["max output", model.max_tokens == null ? "-" : `${tokens(model.max_tokens)} tokens`],
    ["deprecated", day(model.deprecated_at)],
    ["retires", day(model.retires_at)]
  ]
  return [
    model.id,
    ...fields.map(([name, value]) => `  ${name.padEnd(12)}${value}`),
    "  capabilities",
    ...paths.map((path) => `    ${path.padEnd(pad)}${Catalog.supports(model, path) ? "yes" : "no"}`)
  ].join("\n")
}

const shown = (value: unknown): string => {
  const json = toJson(value)
  return json === null ? "-" : typeof json === "string" ? json : JSON.stringify(json)
}

/** A change as the API's data: what `diff --format json` and `watch --format jsonl` print. */
export const changeJson = (change: ModelCatalog.Change): Json => {
  switch (change._tag) {
    case "Added":
      return { change: "added", id: change.model.id, model: wire(change.model) }
    case "Removed":
      return { change: "removed", id: change.model.id, model: wire(change.model) }
    case "Changed": {
      const before = encodeModel(change.before)
      const after = encodeModel(change.after)
      const fields: Record<string, Json> = {}
      for (const field of change.fields) {
        fields[field] = {
          before: toJson(Reflect.get(before, field) ?? null),
          after: toJson(Reflect.get(after, field) ?? null)
        }
      }
      return { change: "changed", id: change.after.id, fields }
    }
  }
}

/** A change in one line: `+ id`, `- id`, `~ id  field: before -> after; ...`. */
export const changeLine = (change: ModelCatalog.Change): string => {
  switch (change._tag) {
    case "Added":
      return `+ ${change.model.id}  added (${change.model.display_name})`
    case "Removed":
      return `- ${change.model.id}  removed`
    case "Changed": {
      const before = encodeModel(change.before)
      const after = encodeModel(change.after)
      const fields = change.fields.map((field) =>
        field === "capabilities"
          ? capabilityChanges(change.before, change.after)
          : `${field}: ${shown(Reflect.get(before, field))} -> ${shown(Reflect.get(after, field))}`
      )
      return `~ ${change.after.id}  ${fields.join("; ")}`
    }
  }
}

const capabilityChanges = (before: ModelInfo, after: ModelInfo): string => {
  const was = new Set(Catalog.supportedPaths(before))
  const is = new Set(Catalog.supportedPaths(after))
  const gained = [...is].filter((path) => !was.has(path)).map((path) => `+${path}`)
  const lost = [...was].filter((path) => !is.has(path)).map((path) => `-${path}`)
  const both = [...gained, ...lost]
  return `capabilities: ${both.length === 0 ? "details changed" : both.join(" ")}`
}

export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`
