// Lint and formatting for the whole workspace, in the manner of the Effect monorepo:
// ESLint's and typescript-eslint's recommended rules plus @effect/eslint-plugin's dprint
// formatter with the monorepo's settings. `pnpm lint` fails on any warning.
import * as effectEslint from "@effect/eslint-plugin"
import js from "@eslint/js"
import importX from "eslint-plugin-import-x"
import sortDestructureKeys from "eslint-plugin-sort-destructure-keys"
import globals from "globals"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: ["**/dist", "**/build", "**/docs", "**/node_modules", "**/*.md", "**/.tsbuildinfo"]
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  ...effectEslint.configs.dprint,
  {
    plugins: {
      "import-x": importX,
      "sort-destructure-keys": sortDestructureKeys
    },
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node }
    },
    rules: {
      "object-shorthand": "error",
      "no-fallthrough": "off",
      "require-yield": "off",
      "no-unused-vars": "off",
      "import-x/first": "error",
      "import-x/newline-after-import": "error",
      "import-x/no-duplicates": "error",
      "sort-destructure-keys/sort-destructure-keys": "error",
      "@typescript-eslint/array-type": ["error", { default: "generic", readonly: "generic" }],
      "@typescript-eslint/consistent-type-imports": "error",
      // House rule: no `any` anywhere, tests and benchmarks included.
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-namespace": "off",
      "@typescript-eslint/no-empty-object-type": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@effect/dprint": ["error", {
        config: {
          indentWidth: 2,
          lineWidth: 120,
          semiColons: "asi",
          quoteStyle: "alwaysDouble",
          trailingCommas: "never",
          operatorPosition: "maintain",
          "arrowFunction.useParentheses": "force"
        }
      }]
    }
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" }
  },
  {
    // Library code reports through Effect's logger, never the console; the bin is the exception.
    files: ["packages/*/src/**/*", "effect4/packages/*/src/**/*"],
    ignores: ["packages/testing/src/bin.ts"],
    rules: { "no-console": "error" }
  },
  {
    // Deep imports keep cold start low (BENCHMARKS.md, scenario 6).
    files: ["packages/*/src/**/*", "effect4/packages/*/src/**/*"],
    rules: {
      "@effect/no-import-from-barrel-package": ["error", { packageNames: ["effect", "@effect/platform"] }]
    }
  }
)
