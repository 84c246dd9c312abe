import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RecorderView, TrainingControl } from '../../src/core/protocol'
import RecorderPanel from '../../src/renderer/src/trainer/RecorderPanel.vue'

const OFF: RecorderView = { state: 'off', name: null, steps: [], savedAs: null }

const STOPPED: RecorderView = {
  state: 'stopped',
  name: 'Jam at 5 000 ₸',
  savedAs: null,
  steps: [
    { index: 0, step: { expect: { screen: 'idle' } }, caption: null },
    { index: 1, step: { do: 'tapCard', number: '9398000011112222' }, caption: { en: 'The customer taps', ru: 'Клиент прикладывает карту' } },
    { index: 2, step: { do: 'wait', seconds: 2.5 }, caption: null },
    { index: 3, step: { do: 'insertBill', currency: 'KZT', value: 5000 }, caption: null },
    { index: 4, step: { do: 'serviceLogin', pin: '1111' }, caption: null },
    { index: 5, step: { do: 'fault', device: 'host', fault: 'slow' }, caption: null },
    { index: 6, step: { expect: { screen: 'cash' } }, caption: null }
  ]
}

const mountPanel = (recorder: RecorderView, error: string | null = null) => mount(RecorderPanel, { props: { recorder, error } })
const controls = (wrapper: ReturnType<typeof mountPanel>) => (wrapper.emitted('control') ?? []).map(([c]) => c as TrainingControl)

afterEach(() => vi.restoreAllMocks())

describe('RecorderPanel', () => {
  it('starts a recording under the typed name, only once one is typed', async () => {
    const wrapper = mountPanel(OFF)
    expect(wrapper.get('[data-testid="recorder-state"]').text()).toBe('Not recording.')
    expect(wrapper.get('[data-testid="recorder-start"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="recorder-name"]').setValue('  Jam at 5 000 ₸ ')
    await wrapper.get('[data-testid="recorder-start"]').trigger('click')
    await wrapper.get('form').trigger('submit')
    expect(controls(wrapper)).toEqual([
      { type: 'recordStart', name: 'Jam at 5 000 ₸' },
      { type: 'recordStart', name: 'Jam at 5 000 ₸' }
    ])
    expect(wrapper.find('[data-testid="recorder-steps"]').exists()).toBe(false)
  })

  it('stops a recording in progress and cannot start another meanwhile', async () => {
    const wrapper = mountPanel({ ...STOPPED, state: 'recording' })
    expect(wrapper.get('[data-testid="recorder-state"]').text()).toBe('Recording “Jam at 5 000 ₸”: 7 steps so far.')
    expect(wrapper.get('[data-testid="recorder-start"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="recorder-save"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="recorder-stop"]').trigger('click')
    expect(controls(wrapper)).toEqual([{ type: 'recordStop' }])
  })

  it('lists the steps readably, without the PIN', () => {
    const wrapper = mountPanel(STOPPED)
    const labels = wrapper.findAll('.step-label').map((l) => l.text())
    expect(labels).toEqual([
      'Expect screen idle',
      'Tap card •••• 2222',
      'Wait 2.5 s',
      'Insert 5000 KZT note',
      'Service login (PIN)',
      'Fault: host slow',
      'Expect screen cash'
    ])
    expect(wrapper.text()).not.toContain('1111')
  })

  it("edits captions in the trainer's chosen language; an emptied caption is removed", async () => {
    const wrapper = mountPanel(STOPPED)
    const caption = (i: number) => wrapper.get<HTMLInputElement>(`[data-testid="caption-${i}"]`)
    expect(caption(1).element.value).toBe('The customer taps')
    await wrapper.get('[data-testid="recorder-language"]').setValue('ru')
    expect(caption(1).element.value).toBe('Клиент прикладывает карту')
    expect(caption(3).element.value).toBe('')
    await caption(3).setValue(' Вставьте купюру ')
    // The caption the view has already sends nothing.
    await caption(1).setValue('Клиент прикладывает карту ')
    await caption(1).setValue('')
    expect(controls(wrapper)).toEqual([
      { type: 'recordCaption', step: 3, language: 'ru', text: 'Вставьте купюру' },
      { type: 'recordCaption', step: 1, language: 'ru', text: null }
    ])
  })

  it('saves, shows the saved id, and discards', async () => {
    const wrapper = mountPanel(STOPPED)
    await wrapper.get('[data-testid="recorder-save"]').trigger('click')
    await wrapper.get('[data-testid="recorder-discard"]').trigger('click')
    expect(controls(wrapper)).toEqual([{ type: 'recordSave' }, { type: 'recordDiscard' }])
    await wrapper.setProps({ recorder: { ...STOPPED, savedAs: 'recording.jam-at-5-000' } })
    expect(wrapper.get('[data-testid="recorder-saved"]').text()).toBe('Saved as recording.jam-at-5-000')
    expect(wrapper.get('[data-testid="recorder-save"]').attributes('disabled')).toBeDefined()
  })

  it('downloads the scenario built from the steps and their captions, through a Blob URL', async () => {
    const blobs: Blob[] = []
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob)
      return 'blob:recording'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked: { href: string; download: string }[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download })
    })
    const wrapper = mountPanel(STOPPED)
    await wrapper.get('[data-testid="recorder-download"]').trigger('click')
    expect(create).toHaveBeenCalledOnce()
    expect(clicked).toEqual([{ href: 'blob:recording', download: 'jam-at-5-000.json' }])
    const file = JSON.parse(await blobs[0]!.text()) as { name: string; timing: string; steps: Record<string, unknown>[] }
    expect(file.name).toBe('Jam at 5 000 ₸')
    expect(file).toMatchObject({ timing: 'recorded' })
    expect(file.steps).toHaveLength(7)
    expect(file.steps[1]).toEqual({ do: 'tapCard', number: '9398000011112222', caption: { en: 'The customer taps', ru: 'Клиент прикладывает карту' } })
    expect(file.steps[0]).toEqual({ expect: { screen: 'idle' } })
  })

  it('shows the notes and a refusal', () => {
    const wrapper = mountPanel({ ...STOPPED, notes: ['"reprint" was not recorded: no verb'] }, 'already saved as recording.x')
    expect(wrapper.get('[data-testid="recorder-notes"]').text()).toBe('"reprint" was not recorded: no verb')
    expect(wrapper.get('[data-testid="recorder-error"]').text()).toBe('Refused: already saved as recording.x')
  })
})
