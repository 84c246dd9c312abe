/**
 * Live mode: `kiosk-sim run FILE --url URL` (the technician URL the web host printed) against a
 * real web host over a real kiosk on the real clock (device latencies shortened so the runs take a
 * moment), through the CLI's main().
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { main } from '../../src/cli/main'
import { maskCardNumber } from '../../src/core/cards'
import { technicianSubprotocols } from '../../src/core/technicianKey'
import { startWebHost, type WebHost } from '../../src/hosts/webServer'
import { createNodeKiosk } from '../../src/node/nodeKiosk'

const FAST = {
  devices: {
    billValidator: { stackMs: 20, returnMs: 20 },
    host: { latencyMs: 10 },
    printer: { printMs: 20 },
    cardReader: { writeMs: 20 },
    pos: { latencyMs: 20 }
  },
  timeouts: { doneSeconds: 1, thankYouSeconds: 1 }
}

let dir: string
let runtime: ReturnType<typeof createNodeKiosk>
let host: WebHost
let url: string
/** The technician URL as the web host printed it. */
let printed: string
let hostClosed: boolean

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-live-'))
  mkdirSync(join(dir, 'renderer'))
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>')
  runtime = createNodeKiosk({ dataDir: join(dir, 'data'), configOverride: FAST })
  const logs: string[] = []
  host = await startWebHost({ runtime, rendererDir: join(dir, 'renderer'), port: 0, log: (line) => logs.push(line) })
  hostClosed = false
  url = host.url.replace('http://', 'ws://')
  printed = logs.find((l) => l.startsWith('Technician panel: '))!.slice('Technician panel: '.length)
})

afterEach(async () => {
  if (!hostClosed) await host.close()
  runtime.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Writes the scenario to a file and runs `kiosk-sim run FILE --url URL ...args`. */
async function play(scenario: object, ...args: string[]) {
  const file = join(dir, 'scenario.json')
  writeFileSync(file, JSON.stringify(scenario))
  const out: string[] = []
  const err: string[] = []
  const code = await main(['run', file, ...(args.includes('--url') ? [] : ['--url', printed]), ...args], { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const balanceOf = (number: string) => runtime.technicianView().cards.find((c) => c.masked === maskCardNumber(number))?.balanceKzt

describe('kiosk-sim run --url (live)', () => {
  it('plays a top-up on the running kiosk: its host credits the card, its validator holds the notes', async () => {
    const { code, out, err } = await play({
      name: 'Live tenge top-up',
      steps: [
        { expect: { screen: 'idle' } },
        { do: 'tapCard', number: '9398000011112222' },
        { expect: { screen: 'amount', balanceKzt: 500 } },
        { do: 'chooseAmount', kzt: 2000 },
        { do: 'payCash' },
        { do: 'insertBill', currency: 'KZT', value: 1000 },
        { do: 'insertBill', currency: 'KZT', value: 1000 },
        { do: 'confirm' },
        { expect: { screen: 'receipt', transactionStatus: 'completed', creditedKzt: 2000, balanceKzt: 2500, receiptPrinted: true } },
        { do: 'done' },
        // thankYou goes back to idle after a second: the expectation waits for it.
        { expect: { screen: 'idle' } }
      ]
    })
    expect(err).toBe('')
    expect(code).toBe(0)
    expect(out).toContain('PASSED (11 steps)')
    // The step settled: crediting, the card write and the print were over before the next step.
    expect(out).toMatch(/8\. confirm\s+ok {3}→ receipt/)
    expect(out).toMatch(/Transaction 00412783-000001-[0-9A-Z]{8} {2}completed/)
    expect(balanceOf('9398000011112222')).toBe(2500)
    expect(runtime.technicianView().devices.billValidator.cashbox).toEqual([{ currency: 'KZT', value: 1000, count: 2 }])
    expect(runtime.view().screen).toBe('idle')
  })

  it('types the last 8 digits, taps that card again for the write, and reports as JSON', async () => {
    const { code, out } = await play(
      {
        steps: [
          { do: 'enterCard', digits: '33334444' },
          { do: 'chooseAmount', kzt: 1000 },
          { do: 'payCash' },
          { do: 'insertBill', currency: 'KZT', value: 1000 },
          { do: 'confirm' },
          { expect: { screen: 'cardWrite' } },
          { do: 'tapCard' },
          { expect: { screen: 'receipt', balanceKzt: 13450 } }
        ]
      },
      '--json'
    )
    expect(code).toBe(0)
    const report = JSON.parse(out)
    // The report names no key, and cards only masked: the running kiosk sends no full numbers.
    expect(report).toMatchObject({ ok: true, url: `${url}ws?role=technician`, warnings: [], cards: { '9398 •••• •••• 4444': { balanceKzt: 13450 } } })
    expect(out).not.toContain(printed.split('#k=')[1])
    expect(report.steps.map((s: { screen: string }) => s.screen)).toEqual([
      'amount',
      'paymentMethod',
      'cash',
      'cash',
      'cardWrite',
      'cardWrite',
      'receipt',
      'receipt'
    ])
    expect(report.transactions).toHaveLength(1)
    expect(report.transactions[0]).toMatchObject({
      status: 'completed',
      writtenToCard: true,
      creditedKzt: 1000,
      balanceBeforeKzt: 12450,
      balanceAfterKzt: 13450
    })
    expect(balanceOf('9398000033334444')).toBe(13450)
  })

  it('fails an expectation that does not hold within --timeout, naming what is and what was expected', async () => {
    const started = Date.now()
    const { code, out } = await play(
      { steps: [{ do: 'tapCard', number: '9398000011112222' }, { expect: { balanceKzt: 9999 } }, { do: 'cancel' }] },
      '--timeout',
      '0.3'
    )
    expect(code).toBe(1)
    expect(out).toContain('FAIL → amount: balanceKzt is 500, expected 9999')
    expect(out).toContain('(1 more step not run)')
    expect(out).toContain('FAILED at step 2')
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect(runtime.view().screen).toBe('amount')
  })

  it("fails a step the screen does not take with the kiosk's own error", async () => {
    const { code, out } = await play({ steps: [{ do: 'confirm' }] })
    expect(code).toBe(1)
    expect(out).toContain('FAIL → idle: "confirm" is not possible on the idle screen')
  })

  it('warns about what a running kiosk does not take from the scenario, and about the state it is in', async () => {
    runtime.send({ type: 'fault', device: 'printer', fault: 'paperOut' })
    runtime.send({ type: 'start' })
    const { code, err } = await play(
      {
        config: { limits: { maxTopUpKzt: 50000 }, amountPresetsKzt: [1000, 2000, 5000, 10000] },
        cards: [{ number: '9398000011112222', balanceKzt: 700, status: 'active' }],
        steps: [{ expect: { screen: 'card' } }, { do: 'tapCard', number: '9398000033334444' }]
      },
      '--timeout',
      '0.2'
    )
    expect(code).toBe(0)
    expect(err.split('\n')).toEqual([
      'warning: config (limits.maxTopUpKzt) is not applied: a running kiosk keeps the configuration it was started with (npm run web -- --config FILE)',
      'warning: cards[0]: 9398000011112222 has 500 ₸ on the running kiosk, the scenario starts it at 700 ₸ (a fresh kiosk: npm run web -- --data NEW_DIR)',
      "warning: steps[1]: 9398000033334444 is not in the scenario's cards (unknown in a headless run), but the running kiosk seems to know it",
      'warning: faults are switched on: printer paperOut (a scenario starts with none; clear them in the technician panel)',
      'warning: the kiosk is on the card screen, not back on idle within the --timeout: a scenario starts on idle'
    ])
  })

  it('plays scenarios back to back: the next starts once the kiosk is back on idle after the thank-you', async () => {
    const topUp = [
      { do: 'tapCard', number: '9398000011112222' },
      { do: 'chooseAmount', kzt: 1000 },
      { do: 'payCash' },
      { do: 'insertBill', currency: 'KZT', value: 1000 },
      { do: 'confirm' }
    ]
    expect(await play({ steps: [...topUp, { do: 'done' }] })).toMatchObject({ code: 0, err: '' })
    expect(runtime.view().screen).toBe('thankYou')
    const second = await play({ steps: [...topUp, { expect: { screen: 'receipt', balanceKzt: 2500 } }] })
    expect(second).toMatchObject({ code: 0, err: '' })
    expect(balanceOf('9398000011112222')).toBe(2500)
  })

  it('fails the step in progress when the kiosk goes away', async () => {
    const running = play({ steps: [{ do: 'tapCard', number: '9398000011112222' }, { do: 'wait', seconds: 5 }, { expect: { screen: 'idle' } }] })
    await new Promise((r) => setTimeout(r, 400))
    hostClosed = true
    await host.close()
    const { code, out } = await running
    expect(code).toBe(1)
    expect(out).toContain(`2. wait 5`)
    expect(out).toContain(`FAIL → amount: the connection to ${url}ws?role=technician closed (did the kiosk stop?)`)
  })

  it('refuses an address that is not a kiosk WebSocket, and says when nothing listens there', async () => {
    const http = await play({ steps: [{ do: 'start' }] }, '--url', host.url)
    expect(http.code).toBe(2)
    expect(http.err).toBe(
      `kiosk-sim run: --url: ${host.url} is not the technician panel; give the technician URL exactly as the web host printed it (http://HOST:PORT/technician#k=…)`
    )
    const path = await play({ steps: [{ do: 'start' }] }, '--url', `${url}technician`)
    expect(path.code).toBe(2)
    expect(path.err).toContain(`the kiosk's WebSocket is at /ws`)
    expect((await play({ steps: [{ do: 'start' }] }, '--url', 'kiosk:8080')).err).toContain('expected the technician URL the web host printed')

    const free = createServer()
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', () => r()))
    const port = (free.address() as { port: number }).port
    await new Promise((r) => free.close(r))
    const refused = await play({ steps: [{ do: 'start' }] }, '--url', `http://127.0.0.1:${port}/technician#k=${printed.split('#k=')[1]}`)
    expect(refused.code).toBe(2)
    expect(refused.err).toBe(
      `kiosk-sim run: cannot connect to ws://127.0.0.1:${port}/ws?role=technician: connection refused; is the kiosk running? Start it with "npm run web" (it prints its address)`
    )
    expect(runtime.view().screen).toBe('idle')
  })

  it('refuses, in one line and with exit code 2, a technician URL without its key or with a wrong one', async () => {
    const key = printed.split('#k=')[1]!
    const scenario = { steps: [{ do: 'start' }] }
    const help = 'give the technician URL exactly as the web host printed it (http://HOST:PORT/technician#k=…)'
    const wrongKey = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')
    expect(await play(scenario, '--url', printed.replace(key, wrongKey))).toEqual({
      code: 2,
      out: '',
      err: `kiosk-sim run: ${url}ws?role=technician refused the technician connection: the technician key is wrong (the web host makes a new one at every start); ${help}`
    })
    expect(await play(scenario, '--url', url)).toEqual({
      code: 2,
      out: '',
      err: `kiosk-sim run: ${url}ws?role=technician refused the technician connection: it needs the technician key; ${help}`
    })
    expect(await play(scenario, '--url', printed.split('#')[0]!)).toEqual({
      code: 2,
      out: '',
      err: `kiosk-sim run: --url: ${printed.split('#')[0]} has no key (#k=…): ${help}`
    })
    expect(await play(scenario, '--url', printed.slice(0, -30))).toEqual({
      code: 2,
      out: '',
      err: `kiosk-sim run: --url: the key after #k= is cut short or changed; ${help}`
    })
    expect(runtime.view().screen).toBe('idle')
  })

  it('takes the ws:// address with the /ws path or none, and the key after #k=, and refuses options that do not apply live', async () => {
    expect((await play({ steps: [{ do: 'start' }] }, '--url', `${url}ws#k=${printed.split('#k=')[1]}`)).code).toBe(0)
    expect(runtime.view().screen).toBe('card')
    const journal = await play({ steps: [{ do: 'start' }] }, '--journal', join(dir, 'j.sqlite'))
    expect(journal).toMatchObject({ code: 2, err: expect.stringContaining('--journal does not apply with --url') })
    const timeout = await play({ steps: [{ do: 'start' }] }, '--timeout', '0')
    expect(timeout).toMatchObject({ code: 2, err: expect.stringContaining('--timeout: expected seconds above 0') })
    const file = join(dir, 'scenario.json')
    const out: string[] = []
    expect(await main(['run', file, '--timeout', '2'], { out: (t) => out.push(t), err: (t) => out.push(t) })).toBe(2)
    expect(out.join('\n')).toContain('--timeout applies to a live run (--url) only')
  })
})

/** A bare client, as a test tool in another language would open one: every message and event in order. */
async function rawSocket(role: 'kiosk' | 'technician') {
  const key = printed.split('#k=')[1]!
  const socket = new WebSocket(`${url}ws?role=${role}`, role === 'technician' ? technicianSubprotocols(key) : [])
  const events: string[] = []
  socket.on('message', (data) => {
    const m = JSON.parse(data.toString())
    events.push(m.type === 'error' ? `error: ${m.message}` : `${m.type}: ${m.type === 'view' ? m.view.screen : m.view.kiosk.screen}`)
  })
  socket.on('pong', (data) => events.push(`pong ${data.toString()}`))
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const until = async (event: string) => {
    for (let i = 0; i < 200 && !events.includes(event); i++) await new Promise((r) => setTimeout(r, 10))
    expect(events).toContain(event)
  }
  return { socket, events, until }
}

describe('the WebSocket protocol, as docs/protocol.md describes it', () => {
  it("answers a ping only after the messages before it: an intent's error comes before the pong", async () => {
    const tech = await rawSocket('technician')
    await tech.until('technicianView: idle')
    tech.socket.send(JSON.stringify({ type: 'confirm' }))
    tech.socket.send(JSON.stringify({ type: 'chooseAmount', kzt: 100, extra: 1 }))
    tech.socket.ping('1')
    await tech.until('pong 1')
    expect(tech.events.slice(1).filter((e) => !e.startsWith('technicianView'))).toEqual([
      'error: "confirm" is not possible on the idle screen',
      'error: invalid intent: Unrecognized key: "extra"',
      'pong 1'
    ])
    tech.socket.close()
  })

  it('tells the kiosk screen only what it may not send, not what its screen does not take', async () => {
    const kiosk = await rawSocket('kiosk')
    await kiosk.until('view: idle')
    kiosk.socket.send(JSON.stringify({ type: 'confirm' }))
    kiosk.socket.send(JSON.stringify({ type: 'insertBill', currency: 'KZT', value: 1000 }))
    kiosk.socket.ping('2')
    await kiosk.until('pong 2')
    expect(kiosk.events.filter((e) => e.startsWith('error'))).toEqual(['error: the kiosk screen may not send "insertBill"'])
    kiosk.socket.close()
  })

  it('closes a connection that sends more than 4096 bytes in one message (1009), and carries on', async () => {
    const tech = await rawSocket('technician')
    const closed = new Promise<number>((resolve) => tech.socket.once('close', resolve))
    tech.socket.send(JSON.stringify({ type: 'reprint', transactionId: 'x'.repeat(5000) }))
    expect(await closed).toBe(1009)
    const next = await rawSocket('technician')
    await next.until('technicianView: idle')
    next.socket.close()
  })
})
