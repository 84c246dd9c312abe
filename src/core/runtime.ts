import type { RecordData } from './domain/journalRecords'
import type { Intent, KioskView, TechnicianView } from './protocol'

export type SendResult = { ok: true } | { ok: false; error: string }

/** A running kiosk: the core behind every host (Electron main, web host, CLI). */
export interface KioskRuntime {
  /** Delivers an already validated intent; says why when the current screen cannot take it. */
  send(intent: Intent): SendResult
  view(): KioskView
  technicianView(): TechnicianView
  /** Calls `listener` after every change of state; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void
  stop(): void
  /** Journals a window's page reloaded by the host after its renderer crashed or hung (Electron main; other hosts have none). */
  recordScreenRecovered?(recovery: RecordData<'screenRecovered'>): void
}
