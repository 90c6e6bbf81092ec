// The packed bin: `anthropic-models-mock --port 0` must start from dist (no tsx installed)
// and answer GET /v1/models on the URL it prints.
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

if (fs.existsSync(path.join("node_modules", "tsx"))) throw new Error("tsx is installed: the bin check proves nothing")
const bin = path.join("node_modules", ".bin", "anthropic-models-mock")
const child = spawn(bin, ["--port", "0", "--api-key", "sk-ant-smoke-fake-key"], {
  stdio: ["ignore", "pipe", "inherit"]
})
const timer = setTimeout(() => {
  child.kill("SIGKILL")
  console.error("bin: no answer within 20 s")
  process.exit(1)
}, 20_000)
let output = ""
child.stdout.on("data", async (chunk) => {
  output += chunk
  const url = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1]
  if (url === undefined || child.killed) return
  child.stdout.removeAllListeners("data")
  try {
    const response = await fetch(`${url}/v1/models?limit=3`, {
      headers: { "x-api-key": "sk-ant-smoke-fake-key", "anthropic-version": "2023-06-01" }
    })
    const body = await response.json()
    if (response.status !== 200 || body.data.length !== 3) throw new Error(`${response.status} ${JSON.stringify(body)}`)
    console.log(`bin: anthropic-models-mock served ${body.data.length} models on ${url} (first ${body.data[0].id})`)
    process.exitCode = 0
  } catch (error) {
    console.error("bin:", error)
    process.exitCode = 1
  } finally {
    clearTimeout(timer)
    child.kill("SIGTERM")
  }
})
child.on("exit", (code, signal) => {
  if (process.exitCode === undefined) {
    clearTimeout(timer)
    console.error(`bin: exited early (${code ?? signal}):\n${output}`)
    process.exit(1)
  }
})
