/**
 * The Effect modules `ours` needs, imported the way a library that uses
 * barrels would load them. `@effect/platform-node`'s own barrel is left out:
 * it imports `@effect/cluster` and `@effect/rpc`, which this workspace does not
 * install, so it cannot even load here.
 */
import "effect"
import "@effect/platform"
import "@effect/platform-node/NodeHttpClient"
