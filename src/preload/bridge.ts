/** The `window.kiosk` object: three functions over the three channels, and nothing of Electron. */
import type { IpcRenderer, IpcRendererEvent } from 'electron'
import type { Intent, ServerMessage } from '../core/protocol'
import type { StatechartGraph } from '../core/training/statechart'
import { INTENT_CHANNEL, STATECHART_CHANNEL, VIEW_CHANNEL } from './channels'
import type { KioskBridge } from './index.d'

type ViewListener = (message: ServerMessage) => void

/** The part of ipcRenderer the bridge uses, so tests can hand in a fake. */
export type BridgeIpc = Pick<IpcRenderer, 'send' | 'on' | 'invoke'>

/**
 * Builds the bridge over `ipc`. Main validates every intent, so the preload only carries it; the
 * page checks the messages it gets (toServerMessage). A view message holds a whole snapshot: a
 * listener that subscribes late gets the latest one at once, so a page that mounts after main's
 * first push still shows the current screen.
 */
export function createKioskBridge(ipc: BridgeIpc): KioskBridge {
  let latest: ServerMessage | undefined
  const subscriptions = new Set<{ listener: ViewListener }>()
  const deliver = (subscription: { listener: ViewListener }, message: ServerMessage): void => {
    try {
      subscription.listener(message)
    } catch (error) {
      console.error('[kiosk] a view listener failed', error)
    }
  }
  // The page gets the message only: the IPC event would hand it `sender`, i.e. ipcRenderer.
  ipc.on(VIEW_CHANNEL, (_event: IpcRendererEvent, message: ServerMessage) => {
    latest = message
    for (const subscription of [...subscriptions]) deliver(subscription, message)
  })
  return Object.freeze({
    send(intent: Intent): void {
      ipc.send(INTENT_CHANNEL, intent)
    },
    onView(listener: ViewListener): () => void {
      if (typeof listener !== 'function') throw new TypeError('onView needs a function')
      const subscription = { listener }
      subscriptions.add(subscription)
      if (latest !== undefined) deliver(subscription, latest)
      return () => {
        subscriptions.delete(subscription)
      }
    },
    statechartGraph(): Promise<StatechartGraph> {
      return ipc.invoke(STATECHART_CHANNEL) as Promise<StatechartGraph>
    }
  })
}
