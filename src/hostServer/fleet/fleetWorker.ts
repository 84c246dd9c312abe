/** A fleet kiosk's worker thread: runs the kiosk of its workerData and posts its report (or its error) back. */
import { parentPort, workerData } from 'node:worker_threads'
import { runFleetKiosk, type FleetKioskOptions } from './fleetKiosk'

runFleetKiosk(workerData as FleetKioskOptions).then(
  (report) => parentPort?.postMessage({ report }),
  (err: unknown) => parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) })
)
