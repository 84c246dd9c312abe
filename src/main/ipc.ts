/**
 * The main side of the bridge: intents in on `kiosk:intent`, view messages out on `kiosk:view` (the
 * tagged `{type: 'view' | 'technicianView', view}` of src/core/protocol/messages.ts, as the web host sends).
 * A message counts only if it comes from the main frame of one of our two windows showing one of
 * our pages; the window it comes from decides its role, and `parseIntent` decides the rest.
 */
import type { IpcMain, IpcMainEvent, WebContents } from 'electron'
import { parseIntent, viewMessage, type ClientRole } from '../core/protocol'
import type { KioskRuntime } from '../core/runtime'
import { INTENT_CHANNEL, VIEW_CHANNEL } from '../preload/channels'

/** What IPC needs of a window's contents. */
export type ClientContents = Pick<WebContents, 'mainFrame' | 'send' | 'isDestroyed'>

/** The contents of the windows that are open now (a closed window is null). */
export interface Clients {
  kiosk: ClientContents | null
  technician: ClientContents | null
  /** The live statechart: a technician-role client (it reads the technician view). */
  statechart?: ClientContents | null
}

type FrameLike = { url: string; processId: number; routingId: number }
export interface IntentSender {
  sender: unknown
  senderFrame: FrameLike | null
}

export type SenderCheck = { ok: true; role: ClientRole } | { ok: false; reason: string }

/** Which window `sender` is, or null when it is neither of ours. */
export function roleOf(sender: unknown, clients: Clients): ClientRole | null {
  if (sender == null) return null
  if (sender === clients.kiosk) return 'kiosk'
  if (sender === clients.technician || (clients.statechart && sender === clients.statechart)) return 'technician'
  return null
}

/** The window contents a message came from (one of ours: roleOf said so). */
const sender = (event: IntentSender, clients: Clients): ClientContents =>
  [clients.kiosk, clients.technician, clients.statechart].find((c): c is ClientContents => c != null && c === event.sender)!

function isSameFrame(a: FrameLike, b: FrameLike): boolean {
  return a === b || (a.processId === b.processId && a.routingId === b.routingId)
}

/** Accepts a message only from the main frame of one of our windows while it shows an app page. */
export function checkSender(event: IntentSender, clients: Clients, isAppUrl: (url: string) => boolean): SenderCheck {
  const role = roleOf(event.sender, clients)
  if (!role) return { ok: false, reason: 'sender is not a kiosk window' }
  const contents = sender(event, clients)
  const frame = event.senderFrame
  if (!frame) return { ok: false, reason: `${role} frame is gone` }
  if (!isSameFrame(frame, contents.mainFrame)) return { ok: false, reason: `${role} message from a subframe` }
  if (!isAppUrl(frame.url)) return { ok: false, reason: `${role} frame shows a foreign page` }
  return { ok: true, role }
}

export type IntentOutcome = { status: 'delivered' } | { status: 'refused'; reason: string } | { status: 'rejected'; reason: string }

export interface IntentDeps {
  clients: () => Clients
  isAppUrl: (url: string) => boolean
  runtime: Pick<KioskRuntime, 'send'>
}

/** Checks the sender, validates the payload for its role and hands it to the runtime; never throws. */
export function receiveIntent(event: IntentSender, payload: unknown, deps: IntentDeps): IntentOutcome {
  const sender = checkSender(event, deps.clients(), deps.isAppUrl)
  if (!sender.ok) return { status: 'rejected', reason: sender.reason }
  const parsed = parseIntent(payload, sender.role)
  if (!parsed.ok) return { status: 'rejected', reason: `${sender.role}: ${parsed.error}` }
  try {
    const result = deps.runtime.send(parsed.intent)
    return result.ok ? { status: 'delivered' } : { status: 'refused', reason: `${sender.role} "${parsed.intent.type}": ${result.error}` }
  } catch (error) {
    return { status: 'refused', reason: `${sender.role} "${parsed.intent.type}" failed: ${error instanceof Error ? error.message : String(error)}` }
  }
}

/** Keeps a log line one short line even when the reason quotes what a page sent. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

function isLive(contents: ClientContents | null): contents is ClientContents {
  return contents !== null && !contents.isDestroyed()
}

/** Sends `role`'s view message to its window: the kiosk view to the kiosk, the technician view to the panel. */
export function sendView(
  role: ClientRole,
  contents: ClientContents | null,
  runtime: Pick<KioskRuntime, 'view' | 'technicianView'>,
  log: (line: string) => void
): void {
  if (!isLive(contents)) return
  try {
    contents.send(VIEW_CHANNEL, viewMessage(role, runtime))
  } catch (error) {
    log(`[kiosk-ipc] could not send the ${role} view: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** Sends every window its current view. */
export function pushViews(clients: Clients, runtime: Pick<KioskRuntime, 'view' | 'technicianView'>, log: (line: string) => void): void {
  sendView('kiosk', clients.kiosk, runtime, log)
  sendView('technician', clients.technician, runtime, log)
  sendView('technician', clients.statechart ?? null, runtime, log)
}

export interface WireOptions extends IntentDeps {
  ipcMain: Pick<IpcMain, 'on' | 'removeListener'>
  runtime: KioskRuntime
  log: (line: string) => void
}

/** Listens for intents and pushes views after every change; returns a function that undoes both. */
export function wireKioskIpc(options: WireOptions): () => void {
  const { ipcMain, runtime, log } = options
  const onIntent = (event: IpcMainEvent, payload: unknown): void => {
    const outcome = receiveIntent(event, payload, options)
    if (outcome.status !== 'delivered') log(`[kiosk-ipc] ${outcome.status}: ${oneLine(outcome.reason)}`)
  }
  ipcMain.on(INTENT_CHANNEL, onIntent)
  const unsubscribe = runtime.subscribe(() => pushViews(options.clients(), runtime, log))
  return () => {
    ipcMain.removeListener(INTENT_CHANNEL, onIntent)
    unsubscribe()
  }
}
