import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { DrillResultView, DrillView } from '../../src/core/protocol'
import DrillsPanel from '../../src/renderer/src/trainer/DrillsPanel.vue'

const TITLE = { en: 'A note jams', ru: 'Купюра застряла', kk: 'Банкнота кептеліп қалды', zh: '纸币卡住' }
const LIBRARY: DrillView['library'] = [
  { id: 'note-jam', title: TITLE },
  { id: 'paper-out', title: { en: 'Paper runs out' } }
]

function active(overrides: Partial<NonNullable<DrillView['active']>> = {}): NonNullable<DrillView['active']> {
  return {
    drill: 'note-jam',
    title: TITLE,
    trainee: 'Aigerim',
    story: [{ en: 'A customer says the kiosk ate her note.', ru: 'Клиентка говорит, что киоск съел купюру.' }],
    tasks: [
      { id: 'clear-jam', caption: { en: 'Clear the jam' }, points: 30, done: true },
      { id: 'resolve', caption: { en: 'Resolve the flagged top-up' }, points: 40, done: false }
    ],
    hints: [],
    hintsLeft: 2,
    secondsLeft: 300,
    score: 30,
    ...overrides
  }
}

function result(overrides: Partial<DrillResultView> = {}): DrillResultView {
  const step = (at: number, s: Record<string, unknown>, met: string | null, records: { seq: number; kind: string }[] = []) => ({
    at,
    step: s,
    screen: 'serviceMenu',
    met,
    penalty: null,
    records
  })
  return {
    drill: 'note-jam',
    title: TITLE,
    trainee: 'Aigerim',
    startedAt: '2026-12-06T09:00:00.000Z',
    finishedAt: '2026-12-06T09:04:10.000Z',
    outcome: 'finished',
    score: 25,
    maxScore: 70,
    passMark: 50,
    passed: false,
    hintsUsed: 1,
    seconds: 250,
    tasks: [
      { id: 'clear-jam', caption: { en: 'Clear the jam' }, points: 30, done: true },
      { id: 'resolve', caption: { en: 'Resolve the flagged top-up' }, points: 40, done: false }
    ],
    penalties: [],
    timeline: [
      step(12, { do: 'clearFault', device: 'billValidator' }, 'clear-jam', [{ seq: 41, kind: 'validatorCondition' }]),
      step(20, { do: 'wait', seconds: 3 }, null)
    ],
    expected: [
      step(5, { do: 'clearFault', device: 'billValidator' }, 'clear-jam', [{ seq: 40, kind: 'validatorCondition' }]),
      step(30, { do: 'resolveFlagged', transactionId: 'T-1', resolution: 'credit' }, 'resolve', [{ seq: 47, kind: 'flaggedResolved' }])
    ],
    ...overrides
  }
}

const mountPanel = (drill: DrillView, language: 'en' | 'ru' = 'en') => mount(DrillsPanel, { props: { drill, language } })

describe('the drill console', () => {
  it('starts the chosen drill for the named trainee, and not before both are given', async () => {
    const wrapper = mountPanel({ library: LIBRARY, active: null, result: null })
    const start = wrapper.get('[data-testid="drill-start"]')
    expect(start.attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="drill-choose-paper-out"]').setValue(true)
    expect(start.attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="drill-trainee"]').setValue('  Aigerim  ')
    await start.trigger('click')
    expect(wrapper.emitted('control')).toEqual([[{ type: 'drillStart', drill: 'paper-out', trainee: 'Aigerim' }]])
  })

  it("shows the titles in the trainer's language, falling back to English", () => {
    const wrapper = mountPanel({ library: LIBRARY, active: null, result: null }, 'ru')
    expect(wrapper.get('[data-testid="drill-library"]').text()).toContain('Купюра застряла')
    expect(wrapper.get('[data-testid="drill-library"]').text()).toContain('Paper runs out')
  })

  it('shows a running drill: story, tasks met, the clock; asks for hints, finishes and aborts only once confirmed', async () => {
    const wrapper = mountPanel({ library: LIBRARY, active: active(), result: null })
    expect(wrapper.get('[data-testid="drill-story"]').text()).toContain('ate her note')
    expect(wrapper.get('[data-testid="drill-task-clear-jam"]').text()).toContain('✓')
    expect(wrapper.get('[data-testid="drill-task-resolve"]').text()).toContain('○')
    expect(wrapper.get('[data-testid="drill-clock"]').text()).toBe('5:00 left')
    expect(wrapper.get('[data-testid="drill-score"]').text()).toContain('30')
    await wrapper.get('[data-testid="drill-hint"]').trigger('click')
    await wrapper.get('[data-testid="drill-abort"]').trigger('click')
    expect(wrapper.emitted('control')).toEqual([[{ type: 'drillHint' }]])
    await wrapper.get('[data-testid="drill-abort-confirm"]').trigger('click')
    await wrapper.get('[data-testid="drill-finish"]').trigger('click')
    expect(wrapper.emitted('control')!.slice(1)).toEqual([[{ type: 'drillAbort' }], [{ type: 'drillFinish' }]])
  })

  it('has no hint button to press once the hints are used up, and shows the hints given', () => {
    const wrapper = mountPanel({ library: LIBRARY, active: active({ hintsLeft: 0, hints: [{ en: 'Open the service door first.' }] }), result: null })
    expect(wrapper.get('[data-testid="drill-hint"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="drill-hints"]').text()).toContain('Open the service door first.')
  })

  it("debriefs: the score against the pass mark, tasks missed, and the trainee's steps beside the reference's with their journal records", async () => {
    const wrapper = mountPanel({ library: LIBRARY, active: null, result: result() })
    expect(wrapper.get('[data-testid="debrief-score"]').text()).toBe('25 / 70 points — not passed (pass mark 50)')
    expect(wrapper.get('[data-testid="debrief-tasks"]').text()).toContain('✗ Resolve the flagged top-up (0/40)')
    const rows = wrapper.get('[data-testid="debrief-timeline"]').findAll('tbody tr')
    // The trainee's wait is bookkeeping, not a step: two rows, the second with the reference's step only.
    expect(rows).toHaveLength(2)
    expect(rows[0]!.findAll('td')[0]!.text()).toContain('Clear the billValidator fault')
    expect(rows[0]!.findAll('td')[0]!.text()).toContain('#41 validatorCondition')
    expect(rows[1]!.findAll('td')[0]!.text()).toBe('')
    expect(rows[1]!.findAll('td')[1]!.text()).toContain('#47 flaggedResolved')
    await wrapper.get('[data-testid="debrief-close"]').trigger('click')
    expect(wrapper.emitted('control')).toEqual([[{ type: 'trainingClose' }]])
  })
})
