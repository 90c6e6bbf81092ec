/**
 * Peers and decoders built apart from the worker (`baseline.ts`), loaded by
 * path at run time. Their modules come from another build, so what they
 * export is checked before it is used.
 */
import { pathToFileURL } from "node:url"
import type { Peer } from "./peer.js"

/** A bundle and the name its rows carry in the tables. */
export interface Bundle {
  readonly peer: string
  readonly file: string
}

/** A page decoder of any tree: an `Either` from the Effect editions, a page or `undefined` from a plain one. */
export type Decode = (json: unknown) => unknown

const isDecode = (value: unknown): value is Decode => typeof value === "function"

const isPeer = (value: unknown): value is Peer =>
  typeof value === "object" && value !== null &&
  "name" in value && typeof value.name === "string" &&
  ["listAll", "firstModel", "retrieveAll", "collectPages", "close"].every((name) =>
    name in value && typeof Reflect.get(value, name) === "function"
  )

const exported = async (file: string, name: string): Promise<unknown> => {
  const module: unknown = await import(pathToFileURL(file).href)
  return typeof module === "object" && module !== null && name in module ? Reflect.get(module, name) : undefined
}

export const loadPeer = async (file: string): Promise<Peer> => {
  const peer = await exported(file, "peer")
  if (!isPeer(peer)) throw new Error(`${file} exports no peer`)
  return peer
}

/** A bundle's `peers`: several peers that share one copy of its code (the Effect 4 edition's transports). */
export const loadPeers = async (file: string): Promise<ReadonlyArray<Peer>> => {
  const peers = await exported(file, "peers")
  if (!Array.isArray(peers) || !peers.every(isPeer)) throw new Error(`${file} exports no peers`)
  return peers
}

/** The bundle's `decodePage`, or `undefined` when it has none. */
export const loadDecoder = async (file: string): Promise<Decode | undefined> => {
  const decode = await exported(file, "decodePage")
  return isDecode(decode) ? decode : undefined
}

/** `decodePage` from a module namespace, if that module exports one. */
export const decoderOf = (module: object): Decode | undefined => {
  const decode: unknown = Reflect.get(module, "decodePage")
  return isDecode(decode) ? decode : undefined
}
