/** A real web host over a real kiosk (SQLite journal, fast host link) and bare clients for it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import type { ServerMessage } from '../../src/core/protocol'
import { keyFromFragment, technicianSubprotocols } from '../../src/core/technicianKey'
import { startWebHost, type ConnectionLimits, type WebHost } from '../../src/hosts/webServer'
import { createNodeKiosk, type NodeKioskOptions } from '../../src/node/nodeKiosk'

export interface TestHost {
  dir: string
  host: WebHost
  runtime: ReturnType<typeof createNodeKiosk>
  /** Every line the host logged. */
  logs: string[]
  /** The port it listens on. */
  port: number
  /** The technician key, read from the printed technician URL as a user would. */
  key: string
  close(): Promise<void>
}

/** Devices that answer at once or nearly: a whole top-up takes a moment. */
export const FAST = {
  devices: {
    billValidator: { stackMs: 20, returnMs: 20 },
    host: { latencyMs: 0 },
    printer: { printMs: 20 },
    cardReader: { writeMs: 20 },
    pos: { latencyMs: 20 }
  },
  timeouts: { doneSeconds: 1, thankYouSeconds: 1 }
}

export async function startTestHost(
  options: { limits?: Partial<ConnectionLimits>; host?: string; kiosk?: Pick<NodeKioskOptions, 'journal' | 'storageRetryMs'> } = {}
): Promise<TestHost> {
  const { kiosk: kioskOptions, ...hostOptions } = options
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-web-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>')
  writeFileSync(join(renderer, 'technician.html'), '<!doctype html><title>technician</title>')
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), 'secret')
  const runtime = createNodeKiosk({ dataDir: join(dir, 'data'), configOverride: FAST, ...kioskOptions })
  const logs: string[] = []
  const host = await startWebHost({ runtime, rendererDir: renderer, port: 0, log: (line) => logs.push(line), ...hostOptions })
  const printed = logs
    .find((l) => l.startsWith('Technician panel:'))!
    .slice('Technician panel:'.length)
    .trim()
  return {
    dir,
    host,
    runtime,
    logs,
    port: Number(new URL(host.url).port),
    key: keyFromFragment(new URL(printed).hash)!,
    close: async () => {
      await host.close()
      runtime.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export interface Connection {
  socket: WebSocket
  messages: ServerMessage[]
  /** The first message (from index `from` on) that holds `predicate`, waiting for it up to 5 s. */
  next(predicate: (m: ServerMessage) => boolean, from?: number): Promise<ServerMessage>
}

export interface ConnectOptions {
  /** The technician key to offer (none when not given). */
  key?: string
  headers?: Record<string, string>
}

/** Opens a WebSocket (no Origin unless given, as a non-browser client) and collects every message. */
export function openSocket(t: TestHost, role: string, options: ConnectOptions = {}): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${t.port}/ws?role=${role}`, options.key ? technicianSubprotocols(options.key) : [], { headers: options.headers ?? {} })
}

export async function connect(t: TestHost, role: string, options: ConnectOptions = {}): Promise<Connection> {
  const socket = openSocket(t, role, options)
  const messages: ServerMessage[] = []
  socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as ServerMessage))
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  const next = async (predicate: (m: ServerMessage) => boolean, from = 0): Promise<ServerMessage> => {
    for (let i = 0; i < 500; i++) {
      const found = messages.slice(from).find(predicate)
      if (found) return found
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error('no such message')
  }
  return { socket, messages, next }
}

/** The HTTP status a WebSocket upgrade is refused with (or 101 when it is accepted). */
export function upgradeStatus(t: TestHost, role: string, options: ConnectOptions = {}): Promise<number> {
  const socket = openSocket(t, role, options)
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.close()
      resolve(101)
    })
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      res.resume()
      socket.terminate()
    })
    socket.once('error', () => {})
  })
}

/** A GET with the headers given as they are (fetch would not let a test set Host). */
export function get(t: TestHost, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: t.port, path, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}
