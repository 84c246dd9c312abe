/**
 * Runs in every window before its page, in an isolated world, and exposes `window.kiosk` — send
 * an intent, receive views, get the statechart's machines — and nothing of Electron itself: no ipcRenderer, no event objects.
 * Built as CommonJS because sandboxed preloads cannot load ES modules.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { createKioskBridge } from './bridge'

contextBridge.exposeInMainWorld('kiosk', createKioskBridge(ipcRenderer))
