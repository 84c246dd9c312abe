/**
 * The statechart window's one question to main: the kiosk's machines (src/core/training/statechart.ts),
 * answered only to the main frame of our own technician-role windows showing one of our pages.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { statechartGraph, type StatechartGraph } from '../core/training/statechart'
import { STATECHART_CHANNEL } from '../preload/channels'
import { checkSender, oneLine, type Clients, type IntentSender } from './ipc'

export interface StatechartIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  clients: () => Clients
  isAppUrl: (url: string) => boolean
  log: (line: string) => void
}

/** The graph for a request from one of our technician-role windows; throws (the page's promise rejects) for any other. */
export function answerStatechart(event: IntentSender, options: Omit<StatechartIpcOptions, 'ipcMain'>): StatechartGraph {
  const check = checkSender(event, options.clients(), options.isAppUrl)
  if (!check.ok || check.role !== 'technician') {
    const reason = check.ok ? 'the kiosk window does not draw the statechart' : check.reason
    options.log(`[kiosk-ipc] rejected: statechart: ${oneLine(reason)}`)
    throw new Error('refused')
  }
  return statechartGraph()
}

/** Answers the statechart channel; returns a function that stops. */
export function wireStatechartIpc(options: StatechartIpcOptions): () => void {
  options.ipcMain.handle(STATECHART_CHANNEL, (event: IpcMainInvokeEvent) => answerStatechart(event as unknown as IntentSender, options))
  return () => options.ipcMain.removeHandler(STATECHART_CHANNEL)
}
