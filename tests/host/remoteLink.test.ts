/**
 * A remote host (`--host-url`) that stops answering: the kiosk hears of it as of the trainer's `down`
 * fault (out of service when idle), sends echo tests on its clock, and comes back by itself once the
 * host answers. An idle kiosk notices with its heartbeat; a kiosk started with no host goes out of
 * service at power-up.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_CARD_KEY, DEMO_CARDS } from '../../src/core/cards'
import { VirtualClock } from '../../src/core/clock'
import { loadConfig } from '../../src/core/config'
import { HostUnavailableError, MemoryCardStore, type HostLink } from '../../src/core/devices/host'
import { MemoryJournal } from '../../src/core/journal'
import { Kiosk } from '../../src/core/kiosk'

const CARD = DEMO_CARDS[0]!.number

/** A host over a link that can be cut: every request then fails as the HTTP adapter's do after their retries. */
function cuttableHost(down = false) {
  const store = new MemoryCardStore(DEMO_CARDS)
  const link = { down, echoes: 0 }
  const answer = async <T>(value: () => T): Promise<T> => {
    if (link.down) throw new HostUnavailableError()
    return value()
  }
  const remote: HostLink = {
    address: 'http://processing.example',
    lookupCard: (query) => answer(() => ({ found: true as const, card: store.get((query as { number: string }).number)!, pending: [] })),
    credit: (request) => answer(() => store.applyCredit(request, '2026-12-07T10:00:00.000Z')),
    confirmCardWrite: () => answer(() => undefined),
    echo: () => {
      link.echoes++
      return answer(() => undefined)
    }
  }
  return { remote, link }
}

async function kioskOn(remote: HostLink, hostHeartbeatMs?: number) {
  const clock = new VirtualClock(Date.UTC(2026, 11, 7, 6))
  const kiosk = new Kiosk({
    config: loadConfig({}),
    clock,
    journal: new MemoryJournal(),
    cards: new MemoryCardStore(DEMO_CARDS),
    cardKey: DEMO_CARD_KEY,
    hostLink: remote,
    ...(hostHeartbeatMs ? { hostHeartbeatMs } : {})
  })
  await clock.advance(0)
  return { kiosk, clock, screen: () => kiosk.view().screen, hostView: () => kiosk.technicianView().kiosk }
}

describe('a remote host that stops answering', () => {
  it('takes the kiosk out of service after a request with no answer, and back once an echo test is answered', async () => {
    const { remote, link } = cuttableHost()
    const { kiosk, clock, screen } = await kioskOn(remote)
    expect(link.echoes).toBe(1) // the echo test at power-up
    expect(screen()).toBe('idle')

    link.down = true
    kiosk.send({ type: 'tapCard', number: CARD })
    await clock.advance(1_000)
    expect(screen()).toBe('serviceUnavailable')
    await clock.advance(15_000)
    expect(screen()).toBe('outOfService')
    expect(kiosk.send({ type: 'start' }).ok).toBe(false)
    expect(kiosk.technicianView().devices.host).toEqual({ fault: null, address: 'http://processing.example', silent: true })

    // Echo tests every 5 s while it stays down; the first one answered brings the kiosk back.
    const before = link.echoes
    await clock.advance(10_000)
    expect(link.echoes - before).toBe(2)
    expect(screen()).toBe('outOfService')
    link.down = false
    await clock.advance(5_000)
    expect(screen()).toBe('idle')
    expect(kiosk.technicianView().devices.host.silent).toBe(false)
    kiosk.send({ type: 'tapCard', number: CARD })
    await clock.advance(1_000)
    expect(screen()).toBe('amount')
    // Up again: no more echo tests without a heartbeat.
    const after = link.echoes
    await clock.advance(60_000)
    expect(link.echoes).toBe(after)
    kiosk.stop()
  })

  it('goes out of service at power-up when the host does not answer its echo test', async () => {
    const { remote, link } = cuttableHost(true)
    const { kiosk, clock, screen } = await kioskOn(remote)
    expect(screen()).toBe('outOfService')
    link.down = false
    await clock.advance(5_000)
    expect(screen()).toBe('idle')
    kiosk.stop()
  })

  it('notices a lost link while idle by its heartbeat, with no customer needed', async () => {
    const { remote, link } = cuttableHost()
    const { kiosk, clock, screen } = await kioskOn(remote, 30_000)
    await clock.advance(30_000)
    expect(link.echoes).toBe(2)
    link.down = true
    await clock.advance(30_000)
    expect(screen()).toBe('outOfService')
    link.down = false
    await clock.advance(5_000)
    expect(screen()).toBe('idle')
    kiosk.stop()
    // Stopped: no echo test is sent any more, and no timer of the host's is left to keep a process alive.
    expect(clock.nextDue()).toBeNull()
    const stoppedAt = link.echoes
    await clock.advance(120_000)
    expect(link.echoes).toBe(stoppedAt)
  })

  it('echoes every 5 s once a request went unanswered, not at the heartbeat’s 30 s', async () => {
    const { remote, link } = cuttableHost()
    const { kiosk, clock, screen } = await kioskOn(remote, 30_000)
    await clock.advance(10_000)
    link.down = true
    kiosk.send({ type: 'tapCard', number: CARD })
    await clock.advance(1_000)
    expect(screen()).toBe('serviceUnavailable')
    kiosk.send({ type: 'cancel' })
    expect(screen()).toBe('outOfService')
    link.down = false
    await clock.advance(5_000)
    expect(screen()).toBe('idle')
    kiosk.stop()
  })

  it('keeps the kiosk out of service when the trainer clears the down fault while the host still does not answer', async () => {
    const { remote, link } = cuttableHost()
    const { kiosk, clock, screen } = await kioskOn(remote)
    kiosk.send({ type: 'fault', device: 'host', fault: 'down' })
    expect(screen()).toBe('outOfService')
    link.down = true
    kiosk.send({ type: 'clearFault', device: 'host' })
    expect(screen()).toBe('idle') // nothing told the kiosk the remote is gone yet…
    kiosk.send({ type: 'tapCard', number: CARD })
    await clock.advance(20_000)
    expect(screen()).toBe('outOfService') // …until a request got no answer
    kiosk.send({ type: 'fault', device: 'host', fault: 'down' })
    kiosk.send({ type: 'clearFault', device: 'host' })
    expect(screen()).toBe('outOfService') // the fault cleared, the remote still down
    link.down = false
    await clock.advance(5_000)
    expect(screen()).toBe('idle')
    kiosk.stop()
  })
})
