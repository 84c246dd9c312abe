/** A KioskRuntime that records intents and lets a test announce changes. */
import type { Intent, KioskView, ServiceRole, TechnicianView } from '../../src/core/protocol'
import type { KioskRuntime, SendResult } from '../../src/core/runtime'
import type { ScreenRecovery } from '../../src/main/recovery'

export interface FakeRuntime extends KioskRuntime {
  received: Intent[]
  listeners: Set<() => void>
  stopped: boolean
  /** What `send` answers next. */
  answer: SendResult
  /** Bumps the views and tells subscribers, as the core does after a change. */
  change(): void
  /** Who is logged into service mode in the kiosk view (null: nobody, and the view has no `service`). */
  serviceRole: ServiceRole | null
  /** What the host journaled through `recordScreenRecovered`. */
  recovered: ScreenRecovery[]
}

export function createFakeRuntime(): FakeRuntime {
  let version = 0
  const runtime: FakeRuntime = {
    received: [],
    listeners: new Set(),
    stopped: false,
    answer: { ok: true },
    serviceRole: null,
    recovered: [],
    recordScreenRecovered(recovery) {
      runtime.recovered.push(recovery)
    },
    send(intent) {
      runtime.received.push(intent)
      return runtime.answer
    },
    view: () =>
      (runtime.serviceRole === null
        ? { screen: 'idle', version }
        : { screen: 'serviceMenu', version, service: { role: runtime.serviceRole } }) as unknown as KioskView,
    technicianView: () => ({ state: 'idle', version }) as unknown as TechnicianView,
    subscribe(listener) {
      runtime.listeners.add(listener)
      return () => runtime.listeners.delete(listener)
    },
    stop() {
      runtime.stopped = true
    },
    change() {
      version += 1
      for (const listener of runtime.listeners) listener()
    }
  }
  return runtime
}
