/** What may make a live run differ from the headless one, told before the first step. */
import { maskCardNumber } from '../core/cards'
import { DEFAULT_CONFIG } from '../core/config'
import type { TechnicianView } from '../core/protocol'
import type { Scenario } from '../core/scenario/schema'

/** Why a run may not go as it would headless, known before the first step. */
export function startWarnings(scenario: Scenario, view: TechnicianView): string[] {
  const warnings: string[] = []
  const changed = configDifferences(DEFAULT_CONFIG, scenario.config)
  if (changed.length > 0) {
    warnings.push(`config (${changed.join(', ')}) is not applied: a running kiosk keeps the configuration it was started with (npm run web -- --config FILE)`)
  }
  // The views show cards masked: a scenario's card is the running kiosk's card that looks like it.
  const alike = (number: string) => view.cards.filter((c) => c.masked === maskCardNumber(number))
  for (const [i, card] of (scenario.cards ?? []).entries()) {
    const found = alike(card.number)
    const live = found.length === 1 ? found[0] : undefined
    const problem =
      found.length === 0
        ? `is not a card of the running kiosk`
        : !live
          ? `cannot be told apart from ${found.length - 1} other card(s) of the running kiosk that look alike (${card.number.slice(0, 4)} … ${card.number.slice(-4)})`
          : live.balanceKzt !== card.balanceKzt
            ? `has ${live.balanceKzt} ₸ on the running kiosk, the scenario starts it at ${card.balanceKzt} ₸`
            : live.status !== card.status
              ? `is ${live.status} on the running kiosk, ${card.status} in the scenario`
              : null
    if (problem) warnings.push(`cards[${i}]: ${card.number} ${problem} (a fresh kiosk: npm run web -- --data NEW_DIR)`)
  }
  // A scenario's cards replace the demo cards: a card it leaves out is unknown headless, but the running kiosk may know it.
  for (const [i, step] of scenario.cards ? scenario.steps.entries() : []) {
    const wanted = 'do' in step ? (step.do === 'tapCard' ? step.number : step.do === 'enterCard' ? step.digits : undefined) : undefined
    const known = wanted && view.cards.some((c) => (wanted.length === 16 ? c.masked === maskCardNumber(wanted) : c.masked.endsWith(wanted.slice(-4))))
    if (known && !scenario.cards!.some((c) => c.number.endsWith(wanted))) {
      warnings.push(`steps[${i}]: ${wanted} is not in the scenario's cards (unknown in a headless run), but the running kiosk seems to know it`)
    }
  }
  const d = view.devices
  const faults = [
    d.billValidator.condition && `billValidator ${d.billValidator.condition}`,
    d.cardReader.readError && 'cardReader readError',
    d.printer.fault && `printer ${d.printer.fault}`,
    d.host.fault && `host ${d.host.fault}`,
    d.pos.fault && `pos ${d.pos.fault}`
  ].filter(Boolean)
  if (faults.length > 0) warnings.push(`faults are switched on: ${faults.join(', ')} (a scenario starts with none; clear them in the technician panel)`)
  if (view.kiosk.screen !== 'idle')
    warnings.push(`the kiosk is on the ${view.kiosk.screen} screen, not back on idle within the --timeout: a scenario starts on idle`)
  return warnings
}

/** Dotted paths where `actual` differs from `base` (objects compared key by key, anything else whole). */
function configDifferences(base: unknown, actual: unknown, path = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (isObject(base) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(base), ...Object.keys(actual)])]
    return keys.flatMap((k) => configDifferences(base[k], actual[k], path ? `${path}.${k}` : k))
  }
  return JSON.stringify(base) === JSON.stringify(actual) ? [] : [path]
}
