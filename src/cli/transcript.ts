/** The readable step-by-step transcript `kiosk-sim run` prints without --json. */
import type { Note } from '../core/money'
import type { ScenarioReport } from '../core/scenario/runner'
import type { Scenario, Step } from '../core/scenario/schema'

const kzt = (n: number): string => `${n.toLocaleString('en-US').replace(/,/g, ' ')} ₸`
const note = (n: Note): string => (n.currency === 'KZT' ? kzt(n.value) : `${n.value} ${n.currency}`)

/** A count per denomination, e.g. `3 × 1000 KZT, 1 × 5 USD`, or `none`. */
const counts = (list: readonly { currency: string; value: number; count: number }[]) =>
  list.length ? list.map((c) => `${c.count} × ${c.value} ${c.currency}`).join(', ') : 'none'

export function describeStep(step: Step): string {
  if ('do' in step && step.do === 'recount') return `recount ${counts(step.notes)}`
  if ('expect' in step)
    return `expect ${Object.entries(step.expect)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`
  // The caption is the trainer's, not the step's; an armed fault's action is an object, shown as JSON.
  const { do: verb, caption: _caption, ...params } = step
  const args = Object.values(params).map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)))
  return [verb, ...args].join(' ')
}

/** A live run's report has no collections, counters or shift reports (it sees only its own records). */
export function formatTranscript(
  scenario: Scenario,
  report: Omit<ScenarioReport, 'collections' | 'counters' | 'shiftReports' | 'cards'> & Partial<Omit<ScenarioReport, 'cards'>>
): string {
  const lines = [`Scenario: ${report.name}`]
  const width = Math.max(...scenario.steps.map((s) => describeStep(s).length)) + 2
  for (const s of report.steps) {
    const text = describeStep(scenario.steps[s.index]!)
    const outcome = s.ok ? `ok   → ${s.screen}` : `FAIL → ${s.screen}: ${s.error}`
    lines.push(`  ${String(s.index + 1).padStart(3)}. ${text.padEnd(width, ' ')}${outcome}`)
  }
  const skipped = scenario.steps.length - report.steps.length
  if (skipped > 0) lines.push(`       (${skipped} more step${skipped > 1 ? 's' : ''} not run)`)
  for (const t of report.transactions) {
    lines.push(`Transaction ${t.id}  ${t.status}  card ${t.card}  ${t.method}`)
    if (t.stacked.length) lines.push(`  stacked:  ${t.stacked.map(note).join(', ')}`)
    const used = Object.entries(t.rates).filter(([code]) => t.stacked.some((n) => n.currency === code))
    if (used.length) lines.push(`  rates:    ${used.map(([code, rate]) => `1 ${code} = ${rate} ₸`).join(', ')}`)
    if (t.returned.length) lines.push(`  returned: ${t.returned.map((r) => `${note(r)} (${r.reason})`).join(', ')}`)
    if (t.inDoubt.length) lines.push(`  in doubt: ${t.inDoubt.map(note).join(', ')} (jammed in the validator: an operator checks)`)
    if (t.status === 'pending' && t.balanceAfterKzt !== null) lines.push(`  credited at the host, not yet on the card: activates at the card's next tap`)
    lines.push(`  gross ${kzt(t.grossKzt)} − fee ${kzt(t.feeKzt)} + bonus ${kzt(t.bonusKzt)} = credited ${kzt(t.creditedKzt)}`)
  }
  for (const c of report.collections ?? []) {
    lines.push(`Collection ${c.number}  taken out ${c.removedAt}  expected: ${counts(c.expected)}`)
    if (c.counted) lines.push(`  counted: ${counts(c.counted)}; shortage: ${counts(c.shortage)}; surplus: ${counts(c.surplus)}`)
  }
  for (const r of report.shiftReports ?? []) {
    const cash = r.cash.map((c) => `${c.total} ${c.currency}`).join(', ') || 'no cash'
    lines.push(`${r.report} report ${r.number}  ${r.from} – ${r.to}  cash: ${cash}; top-ups: ${r.topUps.count} (${r.topUps.creditedKzt} KZT credited)`)
    if (r.trainingExcluded) lines.push(`  training transactions left out: ${r.trainingExcluded}`)
  }
  lines.push(report.ok ? `PASSED (${report.steps.length} steps)` : `FAILED at step ${report.steps.at(-1)!.index + 1}`)
  return lines.join('\n')
}
