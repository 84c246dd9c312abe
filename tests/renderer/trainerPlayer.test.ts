import { mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import type { PlayerView, TechnicianView, TrainingView } from '../../src/core/protocol'
import { useTechnicianStore } from '../../src/renderer/src/stores/kiosk'
import { captionText } from '../../src/renderer/src/trainer/captions'
import TrainerApp from '../../src/renderer/src/trainer/TrainerApp.vue'
import { makeTechnicianView } from './fixtures'
import { createFakeTransport, freshPinia } from './helpers'

const scenario: NonNullable<PlayerView['scenario']> = {
  id: 'library.note-jam',
  name: 'A note jams in the validator',
  steps: [
    { index: 0, label: 'fault billValidator jam', caption: { en: 'The trainer sets the validator to jam.', ru: 'Тренер включает замятие.' } },
    { index: 1, label: 'tapCard 9398000011112222', caption: null },
    { index: 2, label: 'insertBill KZT 1000', caption: { kk: 'Банкнот кептеліп қалады.' } }
  ]
}

function training(player: Partial<PlayerView> = {}, mode: TrainingView['mode'] = 'playback'): TrainingView {
  return {
    mode,
    shelf: [
      { id: 'library.note-jam', name: 'A note jams in the validator', source: 'library', steps: 3 },
      { id: 'recording.my-class', name: 'My class', source: 'recording', steps: 12 }
    ],
    recorder: { state: 'off', name: null, steps: [], savedAs: null },
    player: { state: 'paused', scenario, step: 0, speed: 1, error: null, ...player },
    drill: { library: [], active: null, result: null }
  }
}

async function mountTrainer(view: TechnicianView) {
  const pinia = freshPinia()
  const transport = createFakeTransport()
  useTechnicianStore(pinia).connect(transport)
  const wrapper = mount(TrainerApp, { props: { kioskSrc: 'about:blank' }, global: { plugins: [pinia] } })
  transport.emit({ type: 'connection', connected: true })
  transport.emit({ type: 'technicianView', view })
  await nextTick()
  const show = async (next: TechnicianView) => {
    transport.emit({ type: 'technicianView', view: next })
    await nextTick()
  }
  return { wrapper, transport, show }
}

beforeEach(() => window.localStorage.clear())

describe('the trainer\u2019s caption player', () => {
  it('frames the kiosk screen beside the current step\u2019s caption in the trainer\u2019s language', async () => {
    const { wrapper } = await mountTrainer(makeTechnicianView({ training: training() }))
    expect(wrapper.get('[data-testid="kiosk-frame"]').attributes('src')).toBe('about:blank')
    expect(wrapper.get('[data-testid="caption"]').text()).toBe('The trainer sets the validator to jam.')
    await wrapper.get('[data-testid="caption-language"]').setValue('ru')
    expect(wrapper.get('[data-testid="caption"]').text()).toBe('Тренер включает замятие.')
    expect(wrapper.get('[data-testid="caption"]').attributes('lang')).toBe('ru')
    expect(wrapper.find('[data-testid="caption-fallback"]').exists()).toBe(false)
    expect(window.localStorage.getItem('kiosk-sim.trainerLanguage')).toBe('ru')
  })

  it('keeps a caption up over the uncaptioned steps after it, and falls back to another language', async () => {
    const { wrapper, show } = await mountTrainer(makeTechnicianView({ training: training({ step: 1, state: 'playing' }) }))
    expect(wrapper.get('[data-testid="caption"]').text()).toBe('The trainer sets the validator to jam.')
    await wrapper.get('[data-testid="caption-language"]').setValue('zh')
    await show(makeTechnicianView({ training: training({ step: 2, state: 'playing' }) }))
    expect(wrapper.get('[data-testid="caption"]').text()).toBe('Банкнот кептеліп қалады.')
    expect(wrapper.get('[data-testid="caption-fallback"]').text()).toContain('shown in kk')
    expect(wrapper.get('[data-testid="player-state"]').text()).toBe('playing · step 3 of 3')
    expect(captionText({ zh: '中文' }, 'en')).toEqual({ text: '中文', language: 'zh' })
    expect(captionText(null, 'en')).toBeNull()
  })

  it('plays, pauses, steps, changes speed, jumps and goes back to the live kiosk', async () => {
    const { wrapper, transport, show } = await mountTrainer(makeTechnicianView({ training: training() }))
    await wrapper.get('[data-testid="play"]').trigger('click')
    await wrapper.get('[data-testid="step"]').trigger('click')
    await wrapper.get('[data-testid="speed"]').setValue('10')
    await wrapper.get('[data-testid="step-2"]').trigger('click')
    await show(makeTechnicianView({ training: training({ state: 'playing', speed: 10 }) }))
    expect(wrapper.find('[data-testid="play"]').exists()).toBe(false)
    expect((wrapper.get('[data-testid="speed"]').element as HTMLSelectElement).value).toBe('10')
    await wrapper.get('[data-testid="pause"]').trigger('click')
    await wrapper.get('[data-testid="stop"]').trigger('click')
    expect(transport.sent).toEqual([
      { type: 'playControl', action: 'play' },
      { type: 'playControl', action: 'step' },
      { type: 'playSpeed', speed: 10 },
      { type: 'playJump', step: 2 },
      { type: 'playControl', action: 'pause' },
      { type: 'playControl', action: 'stop' }
    ])
  })

  it('lists the steps with their captions, marking the one in progress', async () => {
    const { wrapper } = await mountTrainer(makeTechnicianView({ training: training({ step: 1 }) }))
    const steps = wrapper.findAll('[data-testid^="step-"]').filter((s) => /^step-\d+$/.test(s.attributes('data-testid')!))
    expect(steps.map((s) => s.find('code').text())).toEqual(['fault billValidator jam', 'tapCard 9398000011112222', 'insertBill KZT 1000'])
    expect(steps[0]!.text()).toContain('The trainer sets the validator to jam.')
    expect(steps[1]!.attributes('aria-current')).toBe('step')
    expect(steps[0]!.attributes('aria-current')).toBeUndefined()
  })

  it('loads from the shelf, with nothing to play before, and shows why a played scenario failed', async () => {
    const live = training({ state: 'empty', scenario: null }, 'live')
    const { wrapper, transport, show } = await mountTrainer(makeTechnicianView({ training: live }))
    expect(wrapper.get('[data-testid="play"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="stop"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="step-list"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="no-caption"]').text()).toBe('Load a scenario from the shelf below.')
    await wrapper.get('[data-testid="load-recording.my-class"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'playLoad', scenario: 'recording.my-class' }])
    await show(makeTechnicianView({ training: training({ state: 'failed', step: 2, error: 'step 2: screen is card, expected receipt' }) }))
    expect(wrapper.get('[data-testid="player-error"]').text()).toBe('step 2: screen is card, expected receipt')
    expect(wrapper.get('[data-testid="play"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="load-library.note-jam"]').text()).toBe('Loaded')
  })

  it('has Recorder and Drills tabs with their panels, and says so on a kiosk without a training room', async () => {
    const { wrapper, show } = await mountTrainer(makeTechnicianView({ training: training() }))
    await wrapper.get('[data-testid="tab-recorder"]').trigger('click')
    expect(wrapper.find('[data-testid="recorder"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="player"]').exists()).toBe(false)
    await wrapper.get('[data-testid="tab-drills"]').trigger('click')
    expect(wrapper.find('[data-testid="recorder"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="drills"]').exists()).toBe(true)
    await show(makeTechnicianView({ training: null }))
    expect(wrapper.get('[data-testid="no-training"]').text()).toBe('This kiosk runs without a training room.')
  })

  it('shows the core\u2019s refusal of a recorder control in the recorder\u2019s panel', async () => {
    const { wrapper, transport } = await mountTrainer(makeTechnicianView({ training: training() }))
    await wrapper.get('[data-testid="tab-recorder"]').trigger('click')
    await wrapper.get('[data-testid="recorder-name"]').setValue('Jam class')
    await wrapper.get('[data-testid="recorder-start"]').trigger('click')
    expect(transport.sent).toEqual([{ type: 'recordStart', name: 'Jam class' }])
    transport.emit({ type: 'error', message: 'the recorder is busy' })
    await nextTick()
    expect(wrapper.get('[data-testid="recorder-error"]').text()).toContain('the recorder is busy')
  })
})
