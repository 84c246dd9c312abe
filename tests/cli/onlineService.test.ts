/**
 * `kiosk-sim online` in process: GraphWalker's REST answers over a walk of the kiosk, its errors
 * (each naming what was wrong), and the same commands over the WebSocket.
 */
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { main } from '../../src/cli/main'
import { onlineOptions, startOnline, type OnlineService } from '../../src/cli/onlineCommand'
import { edgeName } from '../../src/core/testing/online'

let service: OnlineService | undefined

afterEach(async () => {
  await service?.close()
  service = undefined
})

async function start(generator: string, more: { allow?: string; seed?: string } = {}): Promise<string> {
  const parsed = onlineOptions({ generator, profile: 'standard', ...more })
  if (typeof parsed === 'string') throw new Error(parsed)
  service = await startOnline(parsed.walk, 0)
  return service.server.url
}

async function call(path: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${service!.server.url}/${path}`, { method, headers })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
const answer = async (path: string, method = 'GET') => (await call(path, method)).body

/** Every element to the end: names, and the answers. */
async function walkAll(): Promise<Record<string, unknown>[]> {
  const elements: Record<string, unknown>[] = []
  while ((await answer('hasNext')).hasNext === 'true') elements.push(await answer('getNext'))
  return elements
}

describe('kiosk-sim online: the REST API', () => {
  it('hands out a fresh kiosk, then edge and vertex in turn, in GraphWalker’s shapes, until hasNext is "false"', async () => {
    const url = await start('random(length(6))', { seed: '3' })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphwalker$/)
    expect(await answer('hasNext')).toEqual({ result: 'ok', hasNext: 'true' })
    const elements = await walkAll()
    const names = elements.map((e) => e.currentElementName as string)
    expect(names.slice(0, 2)).toEqual(['e_freshKiosk', 'v_idle'])
    expect(names).toHaveLength(2 + 6 * 2)
    names.forEach((name, i) => expect(name).toMatch(i % 2 === 0 ? /^e_[A-Za-z]\w*$/ : /^v_[A-Za-z]+$/))
    const edge = elements[2]!
    const step = JSON.parse((edge.properties as { step?: string }[])[1]!.step!)
    expect(edge).toMatchObject({
      result: 'ok',
      modelName: 'kiosk',
      currentElementName: edgeName(step),
      properties: [{ kind: 'edge' }, { step: JSON.stringify(step) }]
    })
    expect(edge.data).toContainEqual({ step: JSON.stringify(step) })
    // The last vertex is the current element: getData gives its data as strings.
    const data = (await answer('getData')).data as Record<string, string>
    expect(data).toMatchObject({ element: names.at(-1), screen: names.at(-1)!.slice(2), profile: 'standard', actions: '6' })
    expect(JSON.parse(data.balances!)).toMatchObject({ '9398000011112222': expect.any(Number) })
    expect(await answer('hasNext')).toEqual({ result: 'ok', hasNext: 'false' })
    expect(await answer('getNext')).toEqual({ result: 'nok', error: 'no next element: the walk has ended (condition); hasNext says "false"' })
  })

  it('reports GraphWalker’s statistics over the machines’ transitions and states outside the allow-list', async () => {
    await start('random(length(30))', { allow: 'tests/coverage-allowlist.json' })
    expect(await answer('getStatistics')).toMatchObject({ totalNotExecutedNumberOfModels: 1, totalNumberOfVisitedEdges: 0 })
    await walkAll()
    const stats = await answer('getStatistics')
    expect(stats).toMatchObject({ result: 'ok', totalNumberOfModels: 1, totalCompletedNumberOfModels: 1, totalFailedNumberOfModels: 0, steps: 30 })
    // 298 transitions and 74 states, less the allow-list's 24 transitions.
    expect(stats.totalNumberOfEdges).toBe(274)
    expect(stats.totalNumberOfVertices).toBe(74)
    const visited = stats.totalNumberOfVisitedEdges as number
    expect(visited).toBeGreaterThan(10)
    expect(visited + (stats.totalNumberOfUnvisitedEdges as number)).toBe(274)
    expect(stats.edgeCoverage).toBe(Math.floor((100 * visited) / 274))
    expect(stats.vertexCoverage).toBe(Math.floor((100 * (stats.totalNumberOfVisitedVertices as number)) / 74))
    expect((stats.edgesNotVisited as unknown[]).length).toBe(274 - visited)
    expect((stats.edgesNotVisited as { edgeName: string; edgeId: string }[])[0]!.edgeId).toMatch(/^(kiosk|billValidator|cardReader): .+ · /)
    expect(stats.requirementsPassed).toEqual(expect.any(Array))
  })

  it('restarts the same walk (the same seed), or another seed set with setData', async () => {
    await start('random(length(4))')
    const first = (await walkAll()).map((e) => e.currentElementName)
    expect(await answer('restart', 'PUT')).toEqual({ result: 'ok' })
    expect((await walkAll()).map((e) => e.currentElementName)).toEqual(first)
    expect(await answer('setData/seed=99;', 'PUT')).toEqual({ result: 'ok' })
    await answer('restart', 'PUT')
    expect((await walkAll()).map((e) => e.currentElementName)).not.toEqual(first)
  })

  it('checks the screen a client reports with setData, and fails the walk when it differs', async () => {
    await start('random(length(20))')
    await answer('getNext')
    expect(await answer('setData/screen=idle;', 'PUT')).toEqual({ result: 'ok' })
    expect(await answer(`setData/${encodeURIComponent("screen='cash';")}`, 'PUT')).toEqual({
      result: 'nok',
      error: "setData: screen: your kiosk shows cash, the model's kiosk idle at e_freshKiosk"
    })
    expect(await answer('hasNext')).toEqual({ result: 'ok', hasNext: 'false' })
    expect(await answer('getNext')).toMatchObject({ result: 'nok', error: expect.stringMatching(/^the walk has failed: your kiosk shows cash/) })
    expect(await answer('getStatistics')).toMatchObject({ totalFailedNumberOfModels: 1, failures: [{ failure: expect.stringContaining('shows cash') }] })
  })

  it('fails the walk with the client’s reason', async () => {
    await start('random(length(20))')
    await answer('getNext')
    expect(await answer('fail/assertion%20failed', 'PUT')).toEqual({ result: 'ok' })
    expect(await answer('hasNext')).toEqual({ result: 'ok', hasNext: 'false' })
    expect(await answer('getStatistics')).toMatchObject({ failures: [{ failure: 'assertion failed' }] })
  })

  it('refuses what is wrong, naming it: keys, scripts, seeds, paths, methods, pages of another origin', async () => {
    await start('random(length(20))')
    expect(await answer('getData')).toEqual({ result: 'nok', error: 'getData: no current element yet; call getNext first' })
    expect(await answer('setData/x=1;', 'PUT')).toEqual({ result: 'nok', error: 'setData: unknown key "x"; the keys are screen, seed' })
    expect(await answer('setData/screen', 'PUT')).toMatchObject({ error: 'setData: expected name=value; statements (e.g. screen=cash;), got "screen"' })
    expect(await answer('setData/screen=lobby;', 'PUT')).toMatchObject({
      error: expect.stringMatching(/^setData: screen: no screen "lobby"; screens are idle, /)
    })
    expect(await answer('setData/seed=4294967296;', 'PUT')).toMatchObject({
      error: 'setData: seed: expected a whole number from 0 to 4294967295, got "4294967296"'
    })
    expect(await answer('setData/%E0%A4%A', 'PUT')).toMatchObject({ error: 'setData: the script is not valid percent-encoding' })
    expect(await answer('fail/%20', 'PUT')).toMatchObject({ error: expect.stringMatching(/^fail: expected a reason/) })
    expect(await call('nothing')).toMatchObject({
      status: 404,
      body: { result: 'nok', error: expect.stringMatching(/^no endpoint GET \/graphwalker\/nothing; the endpoints are GET/) }
    })
    expect(await call('../etc/passwd')).toMatchObject({ status: 404 })
    expect(await call('hasNext', 'PUT')).toEqual({ status: 405, body: { result: 'nok', error: 'hasNext takes GET, got PUT: GET /graphwalker/hasNext' } })
    expect(await call('restart')).toMatchObject({ status: 405 })
    expect(await call('setData', 'PUT')).toMatchObject({ status: 400, body: { error: 'setData needs its script: PUT /graphwalker/setData/{script}' } })
    expect(await call('hasNext', 'GET', { Origin: 'http://evil.example' })).toMatchObject({ status: 403, body: { result: 'nok' } })
    // Nothing above moved the walk.
    expect(await answer('getNext')).toMatchObject({ currentElementName: 'e_freshKiosk' })
  })
})

describe('kiosk-sim online: chained generators', () => {
  it('hands out a random walk, then a_star’s shortest path to the receipt from a fresh kiosk, ending on the receipt', async () => {
    await start('random(length(3)) a_star(reached_vertex(receipt))', { seed: '5' })
    const names = (await walkAll()).map((e) => e.currentElementName as string)
    // random: a fresh kiosk and 3 actions; a_star: a fresh kiosk and tap, amount, bank card.
    expect(names.filter((n) => n === 'e_freshKiosk')).toHaveLength(2)
    const second = names.lastIndexOf('e_freshKiosk')
    expect(names.slice(0, second)).toHaveLength(2 + 3 * 2)
    expect(names.slice(second + 2).filter((_, i) => i % 2 === 0)).toEqual([expect.stringMatching(/^e_tapCard_/), 'e_chooseAmount_2000', 'e_payCard'])
    expect(names.at(-1)).toBe('v_receipt')
    expect(await answer('hasNext')).toEqual({ result: 'ok', hasNext: 'false' })
  }, 60_000)
})

describe('kiosk-sim online: the command line', () => {
  it('refuses bad options with exit code 2, naming the option', async () => {
    const run = async (...args: string[]) => {
      const err: string[] = []
      const code = await main(['online', ...args], { out: () => undefined, err: (t) => err.push(t) })
      return { code, err: err.join('\n').split('\n')[0] }
    }
    expect(await run('--port', 'http')).toEqual({
      code: 2,
      err: 'kiosk-sim online: --port: expected a port number from 0 to 65535 (0: any free port), got "http"'
    })
    expect(await run('--port', '70000')).toMatchObject({ code: 2, err: expect.stringContaining('--port: expected a port number') })
    expect(await run('--generator', 'shortest_all_paths(length(5))')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--generator: online mode steps through random, weighted_random, quick_random and a_star')
    })
    expect(await run('--generator', 'random(')).toMatchObject({ code: 2, err: expect.stringContaining('--generator: generator "random("') })
    expect(await run('--seed', '4294967296')).toMatchObject({ code: 2, err: expect.stringContaining('--seed: expected a whole number from 0 to 4294967295') })
    expect(await run('--profile', 'fast')).toMatchObject({ code: 2, err: expect.stringContaining('--profile: no drill profile "fast"') })
    expect(await run('--allow', 'missing.json')).toMatchObject({ code: 2, err: expect.stringContaining('--allow') })
    expect(await run('extra')).toMatchObject({ code: 2, err: 'kiosk-sim online: unexpected argument "extra"' })
  })
})

describe('kiosk-sim online: the WebSocket', () => {
  it('answers the same commands as JSON messages, with GraphWalker’s websocket fields', async () => {
    const url = await start('random(length(3))')
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`)
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    const replies: Record<string, unknown>[] = []
    ws.on('message', (data) => replies.push(JSON.parse(data.toString())))
    const ask = async (message: string) => {
      const before = replies.length
      ws.send(message)
      while (replies.length === before) await new Promise((r) => setTimeout(r, 5))
      return replies.at(-1)!
    }
    expect(await ask('{"command":"start"}')).toEqual({ command: 'start', success: true, result: 'ok' })
    expect(await ask('{"command":"hasNext"}')).toEqual({ command: 'hasNext', success: true, result: 'ok', hasNext: true })
    expect(await ask('{"command":"getNext"}')).toMatchObject({
      command: 'getNext',
      success: true,
      result: 'ok',
      name: 'e_freshKiosk',
      currentElementName: 'e_freshKiosk',
      elementId: 'freshKiosk standard',
      modelId: 'kiosk'
    })
    expect(await ask('{"command":"getData"}')).toMatchObject({ command: 'getData', success: true, data: { element: 'e_freshKiosk', screen: 'idle' } })
    expect(await ask('{"command":"setData","script":"screen=idle;"}')).toMatchObject({ command: 'setData', success: true })
    expect(await ask('{"command":"setData"}')).toMatchObject({ success: false, error: 'setData: expected "script", e.g. "screen=cash;"' })
    expect(await ask('{"command":"jump"}')).toMatchObject({ command: 'jump', success: false, error: expect.stringMatching(/^unknown command "jump"/) })
    expect(await ask('not json')).toMatchObject({ success: false, error: expect.stringContaining('expected a JSON object with a "command"') })
    expect(await ask('{"command":"getStatistics"}')).toMatchObject({ command: 'getStatistics', success: true, totalNumberOfModels: 1 })
    ws.close()
  })
})
