/**
 * The tap-to-paint probe, run inside the page before any of its own scripts (Playwright's init
 * script; plain JavaScript, so that nothing the TypeScript compiler adds goes into the page).
 *
 * `__tapProbe.arm(what)` notes what the page shows now: `screen` (the test id of the screen
 * element), `lang` (the document's language) or `text:SELECTOR` (an element's text). The next
 * `pointerdown` starts the clock at its `event.timeStamp`. On every DOM mutation after it, the probe
 * reads `what` again; once it differs (the new screen is in the DOM), it asks for the next animation
 * frame, and in that frame posts a message to itself: the message runs once the frame has been
 * rendered and painted (rAF callbacks run just before a frame's style, layout and paint), so
 * `performance.now()` there is the time the new screen reached the screen, give or take the
 * compositor's own step. The Event Timing API measures the same thing for work done inside the
 * event's handlers; here the new screen comes later, over the WebSocket, so it has to be
 * measured by hand. `__tapProbe.result(ms)` resolves with the times from `timeStamp` (ms):
 * `painted`, `frame` (the frame's start), `dom` (the mutation) and `handler` (when the capture
 * listener ran), or rejects when nothing changed in time.
 *
 * `arm` first waits until 450 ms have passed since the screen last changed: the kiosk swallows a
 * tap near the last one for 400 ms after a screen change (useTapGuard), as a double tap.
 */
export const TAP_PROBE = `(() => {
  const read = (what) => {
    if (what === 'screen') return document.querySelector('[data-testid^="screen-"]')?.getAttribute('data-testid') ?? ''
    if (what === 'lang') return document.documentElement.lang
    return document.querySelector(what.slice('text:'.length))?.textContent ?? ''
  }
  let armed = null
  let screen = ''
  let screenChangedAt = -Infinity
  addEventListener('pointerdown', (event) => {
    if (armed && !armed.down) armed.down = { timeStamp: event.timeStamp, at: performance.now() }
  }, { capture: true })
  const finish = (probe, frame) => {
    const painted = performance.now()
    const t0 = probe.down.timeStamp
    armed = null
    probe.resolve({ painted: painted - t0, frame: frame - t0, dom: probe.changedAt - t0, handler: probe.down.at - t0 })
  }
  new MutationObserver(() => {
    const now = read('screen')
    if (now !== screen) [screen, screenChangedAt] = [now, performance.now()]
    const probe = armed
    if (!probe || !probe.down || probe.changedAt !== undefined || read(probe.what) === probe.before) return
    probe.changedAt = performance.now()
    requestAnimationFrame((frame) => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => finish(probe, frame)
      channel.port2.postMessage(0)
    })
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true })
  window.__tapProbe = {
    async arm(what) {
      const wait = screenChangedAt + 450 - performance.now()
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      armed = { what, before: read(what), down: null, changedAt: undefined, resolve: () => {} }
      return armed.before
    },
    result(timeoutMs) {
      const probe = armed
      return new Promise((resolve, reject) => {
        probe.resolve = resolve
        setTimeout(() => reject(new Error('nothing changed within ' + timeoutMs + ' ms of the tap (' + probe.what + ' still ' + JSON.stringify(probe.before) + ', pointerdown ' + (probe.down ? 'seen' : 'not seen') + ')')), timeoutMs)
      })
    }
  }
})()`

/** A page with nothing but a button whose click changes a line of text: the floor a tap can reach in this browser. */
export const EMPTY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>empty</title></head>
<body style="margin:0;font:20px sans-serif">
<h1>Empty page</h1>
<button id="tap" type="button" style="width:240px;height:96px;font-size:24px">Tap</button>
<p id="count">0</p>
<script>
let n = 0
document.getElementById('tap').addEventListener('click', () => { document.getElementById('count').textContent = String(++n) })
</script>
</body></html>`
