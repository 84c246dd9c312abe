// Artillery processor (docs/host-api.md): each virtual user is one headless kiosk doing one customer
// session against the host at the scenario's target, its journal audited against the host after it.
// Artillery's own runners (`artillery run`, `artillery run-fargate`, `artillery run-aci`…) spread the
// virtual users over as many machines as they are given; the custom metrics sum over all of them.
import { register } from 'tsx/esm/api'

register()
const { runFleetKiosk } = await import('../src/hostServer/fleet/fleetKiosk.ts')

/** A "function" step: one kiosk, one session; counters kiosk.completed/flagged/failed/lost/doubled, histogram kiosk.credit_ms. */
export async function kioskSession(context, events) {
  const cardCount = Number(context.vars.cardCount ?? 1000)
  const index = Math.floor(Math.random() * cardCount)
  const report = await runFleetKiosk({
    url: context.vars.target,
    index,
    kiosks: cardCount,
    cardCount,
    durationMs: 600_000,
    sessions: 1,
    seed: Math.floor(Math.random() * 2 ** 31),
    auditBalances: false
  })
  for (const key of ['completed', 'flagged', 'failed', 'lost', 'doubled']) events.emit('counter', `kiosk.${key}`, report[key])
  for (const ms of report.creditLatenciesMs) events.emit('histogram', 'kiosk.credit_ms', ms)
  if (report.lost + report.doubled > 0) throw new Error(`kiosk ${index}: ${report.violations.join('; ')}`)
}
