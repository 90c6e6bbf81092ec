// `pnpm lint` fails on an import cycle made of value imports. As in Effect, a
// public module may be imported back by its internal/ files for types only
// (`import type`), so a cycle with a type-only edge is allowed.
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-value-cycles",
      severity: "error",
      comment: "A cycle of value imports: module initialisation order decides what is undefined.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } }
    }
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|build)/" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs"]
    }
  }
}
