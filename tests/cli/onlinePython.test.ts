/**
 * The proof of online mode: a Python client written the way GraphWalker's REST template is
 * (tests/online/graphwalker_client.py: a loop on hasNext and getNext, a method per element) walks
 * the kiosk through `kiosk-sim online`, started as a real child process.
 *
 * The walk to 100 % edge coverage under every profile (seed 4: about 50 600 actions, 103 800 elements,
 * 210 000 requests) takes minutes, longer than the suite can give it: it runs with KIOSK_ONLINE_FULL=1
 * (docs/online.md has the figures). The suite runs the same client over a shorter walk.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const CLIENT = join(ROOT, 'tests', 'online', 'graphwalker_client.py')

let server: ChildProcess | undefined

afterEach(() => {
  server?.kill('SIGTERM')
  server = undefined
})

/** Starts `kiosk-sim online --port 0 ARGS` and resolves with the URL it prints. */
function startService(...args: string[]): Promise<string> {
  server = spawn(process.execPath, [join(ROOT, 'bin', 'kiosk-sim.mjs'), 'online', '--port', '0', ...args], { cwd: ROOT })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    server!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const url = /GraphWalker REST service for the kiosk: (\S+)/.exec(out)?.[1]
      if (url) resolve(url)
    })
    server!.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    server!.on('exit', (code) => reject(new Error(`kiosk-sim online exited with ${code}: ${err}`)))
  })
}

/** Runs the Python client; its exit code, its summary (the last line of stdout) and stderr. */
function runClient(url: string, ...args: string[]): Promise<{ code: number | null; summary: Record<string, unknown> | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const client = spawn('python3', [CLIENT, '--url', url, ...args], { cwd: ROOT })
    let out = ''
    let stderr = ''
    client.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    client.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    client.on('error', reject)
    client.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1)
      resolve({ code, summary: last ? (JSON.parse(last) as Record<string, unknown>) : null, stderr })
    })
  })
}

describe('a GraphWalker REST client in Python against kiosk-sim online', () => {
  it('walks a quick-random walk to its end, each element dispatched to its method, the screens checked with setData', async () => {
    const url = await startService(
      '--generator',
      'quickRandom(length(150))',
      '--seed',
      '4',
      '--profile',
      'standard',
      '--allow',
      'tests/coverage-allowlist.json'
    )
    const { code, summary, stderr } = await runClient(url, '--check-every', '3')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(summary).toMatchObject({ actions: 150, freshKiosks: 1, profiles: ['standard'] })
    expect(summary!.elements).toBe(2 * (150 + 1))
    const stats = summary!.statistics as Record<string, number>
    expect(stats).toMatchObject({ result: 'ok', totalCompletedNumberOfModels: 1, totalFailedNumberOfModels: 0, steps: 150, totalNumberOfEdges: 274 })
    expect(stats.edgeCoverage).toBe(Math.floor((100 * stats.totalNumberOfVisitedEdges!) / 274))
    expect(stats.edgeCoverage).toBeGreaterThan(20)
  }, 120_000)

  it('exits 1 when the walk has failed', async () => {
    const url = await startService('--generator', 'random(length(50))', '--profile', 'standard')
    expect(await (await fetch(`${url}/fail/broken`, { method: 'PUT' })).json()).toEqual({ result: 'ok' })
    const { code, summary } = await runClient(url)
    expect(code).toBe(1)
    expect(summary).toMatchObject({ elements: 0, statistics: { totalFailedNumberOfModels: 1, failures: [{ failure: 'broken' }] } })
  }, 60_000)

  it.runIf(process.env.KIOSK_ONLINE_FULL === '1')(
    'walks the kiosk to 100 % edge coverage outside the allow-list under every profile',
    async () => {
      const url = await startService('--generator', 'quickRandom(transitions(100))', '--seed', '4', '--allow', 'tests/coverage-allowlist.json')
      const { code, summary, stderr } = await runClient(url)
      expect(stderr).toBe('')
      expect(code).toBe(0)
      expect(summary!.profiles).toHaveLength(7)
      expect(summary!.statistics).toMatchObject({ edgeCoverage: 100, vertexCoverage: 100, totalNumberOfEdges: 274, totalCompletedNumberOfModels: 1 })
      console.log(`online to 100 %: ${JSON.stringify({ ...summary, statistics: undefined })}`)
    },
    900_000
  )
})
