/**
 * The server as its own process: it reports its port over IPC (or prints it,
 * when started by hand; `PORT` picks one) and serves until told to stop.
 */
import { serve } from "./server.js"

serve(Number(process.env.PORT ?? "0")).then(
  (server) => {
    if (process.send === undefined) console.log(`listening on http://127.0.0.1:${server.port}`)
    process.send?.({ port: server.port })
    process.on("message", (message: unknown) => {
      if (message === "stop") void server.close().then(() => process.exit(0))
    })
    process.on("disconnect", () => process.exit(0))
  },
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
