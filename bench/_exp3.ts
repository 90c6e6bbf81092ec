import { ModelsPage } from "@anthropic-effect/core/ModelInfo"
import * as D from "../packages/core/src/internal/decode.js"
const a = D.fingerprint(ModelsPage.ast)
console.log(D.fastPathEnabled)
const e = D.expectedPageFingerprint
for (let i = 0; i < Math.max(a.length, e.length); i++) if (a[i] !== e[i]) { console.log("diff at", i, "\nA:", a.slice(i - 40, i + 80), "\nE:", e.slice(i - 40, i + 80)); break }
