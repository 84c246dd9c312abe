/**
 * The scenario recorder (docs/training.md): records the live session — customer taps, technician
 * and staff actions, their timing — as a scenario file in today's format, with an expectation of
 * the screen after each step; the trainer names it and captions its steps.
 *
 * The file's timing is `recorded` (scenario/schema.ts): at each intent the recorder writes a `wait`
 * for the time since the last step, to the millisecond, the screen the kiosk shows then, and the
 * step; a replay takes every step at the same instant of its virtual clock, so it meets the same
 * timers and devices in the same state — also when the trainee did not wait for the kiosk to finish
 * (the next customer's tap while the receipt still prints, a card pulled mid-write).
 */
import { DEFAULT_CONFIG, type KioskConfig } from '../config'
import type { Kiosk } from '../kiosk'
import type { Caption, Intent, Language, RecordedStepView, RecorderView, ScreenName, TrainingControl } from '../protocol'
import type { SendResult } from '../runtime'
import type { Step } from '../scenario/schema'
import { intentStep, TRAINERS_CONTROL } from './intentSteps'
import type { ScenarioShelf } from './shelf'

export type RecorderControl = Extract<TrainingControl, { type: 'recordStart' | 'recordStop' | 'recordCaption' | 'recordSave' | 'recordDiscard' }>

/** Most steps of one recording (waits and expectations included): then it stops itself. */
export const MAX_RECORDED_STEPS = 2000
/** Most notes the view keeps (the newest). */
const MAX_NOTES = 20

/** The kiosk the recorder reads: the screen, what it is doing, its configuration and cards. */
export type RecordedKiosk = Pick<Kiosk, 'snapshot' | 'screen' | 'validator' | 'cardReader' | 'printer' | 'hostCards'>

/** The header of a recorded scenario: a replay starts from the same kiosk. */
interface Header {
  name: string
  /** The steps are taken at the recorded instants, not once the kiosk has settled (scenario/schema.ts). */
  timing: 'recorded'
  config: Record<string, unknown>
  cards: { number: string; balanceKzt: number; status: string }[]
}

/** The longest wait a step may have (the scenario format's): a longer pause is cut to it, with a note. */
const MAX_WAIT_SECONDS = 86_400

export class ScenarioRecorder {
  private state: RecorderView['state'] = 'off'
  private header: Header | null = null
  private steps: Step[] = []
  private savedAs: string | null = null
  private notes: string[] = []
  /** When the last step was taken (the recorder's clock, ms); null before the first. */
  private lastStepAt: number | null = null
  /** The screen as of the last change before the current job: an intent's own changes come before `sent`. */
  private screenBefore: ScreenName | null = null
  private screenNow: ScreenName | null = null
  private commitQueued = false
  private readonly maxSteps: number

  constructor(private readonly deps: { now: () => number; maxSteps?: number }) {
    this.maxSteps = deps.maxSteps ?? MAX_RECORDED_STEPS
  }

  /** A recorder control from the trainer's page, for the live kiosk. */
  handle(control: RecorderControl, on: { kiosk: RecordedKiosk; shelf: ScenarioShelf }): SendResult {
    switch (control.type) {
      case 'recordStart':
        return this.start(control.name, on.kiosk)
      case 'recordStop':
        if (this.state !== 'recording') return { ok: false, error: 'nothing is being recorded' }
        this.stop(on.kiosk)
        return { ok: true }
      case 'recordCaption':
        return this.caption(control.step, control.language, control.text)
      case 'recordSave':
        return this.save(on.shelf)
      case 'recordDiscard':
        if (this.state === 'off') return { ok: false, error: 'there is no recording to discard' }
        this.reset()
        return { ok: true }
    }
  }

  /** The live kiosk took (or refused) an intent: a step when recording and it was taken. */
  sent(intent: Intent, result: SendResult, kiosk: RecordedKiosk): void {
    if (this.state !== 'recording' || !result.ok) return
    const mapped = intentStep(intent, (cardRef) => kiosk.hostCards().find((c) => c.cardRef === cardRef)?.number ?? null)
    if (!mapped.ok) {
      if (mapped.reason !== TRAINERS_CONTROL) this.note(`"${intent.type}" was not recorded: ${mapped.reason}`)
      return
    }
    // Room for this step's wait, expectation and itself, and the last step's wait and expectation at the stop.
    if (this.steps.length + 5 > this.maxSteps) {
      this.note(`the recording stopped itself at ${this.maxSteps} steps, its most; "${intent.type}" and what followed were not recorded`)
      this.stop(kiosk, this.screenBefore)
      return
    }
    this.closeLastStep(this.screenBefore ?? kiosk.screen())
    this.steps.push(mapped.step)
    this.lastStepAt = this.deps.now()
  }

  /** The live kiosk changed: the screen before the next intent is the one as of the last change. */
  changed(kiosk: RecordedKiosk): void {
    this.screenNow = kiosk.screen()
    if (!this.commitQueued) {
      this.commitQueued = true
      // Committed once the current job is over: the changes an intent makes come before `sent` hears of it.
      void Promise.resolve().then(() => {
        this.commitQueued = false
        this.screenBefore = this.screenNow
      })
    }
  }

  view(): RecorderView {
    const steps: RecordedStepView[] = this.steps.map((step, index) => {
      const { caption, ...bare } = step
      return { index, step: bare as Record<string, unknown>, caption: caption ?? null }
    })
    return { state: this.state, name: this.header?.name ?? null, steps, savedAs: this.savedAs, notes: [...this.notes] }
  }

  /** The scenario file as recorded so far (name, the kiosk's configuration and cards at the start, the steps). */
  file(): { name: string; config: Record<string, unknown>; cards: Header['cards']; steps: Step[] } | null {
    if (!this.header) return null
    return { ...this.header, steps: this.steps.map((s) => ({ ...s })) }
  }

  private start(name: string, kiosk: RecordedKiosk): SendResult {
    if (this.state === 'recording') return { ok: false, error: `"${this.header?.name}" is being recorded: stop it first` }
    if (this.state === 'stopped' && this.savedAs === null) return { ok: false, error: `"${this.header?.name}" is not saved: save or discard it first` }
    this.reset()
    const { context } = kiosk.snapshot()
    this.header = {
      name,
      timing: 'recorded',
      config: configForFile(context.config, context.marketRates),
      cards: kiosk.hostCards().map(({ number, balanceKzt, status }) => ({ number, balanceKzt, status }))
    }
    this.state = 'recording'
    const screen = kiosk.screen()
    this.screenBefore = this.screenNow = screen
    if (screen !== 'idle') this.note(`the kiosk was on the ${screen} screen at the start: a replay starts on the attract screen (idle)`)
    return { ok: true }
  }

  /** Ends the recording: the last step's wait and the screen now. */
  private stop(kiosk: RecordedKiosk, screen: ScreenName | null = null): void {
    this.closeLastStep(screen ?? kiosk.screen())
    this.lastStepAt = null
    this.state = 'stopped'
  }

  /** After the last step: a wait for the time since it, to the millisecond, then the screen as it is (before the next step). */
  private closeLastStep(screen: ScreenName): void {
    if (this.lastStepAt !== null) {
      let seconds = Math.round(this.deps.now() - this.lastStepAt) / 1000
      if (seconds > MAX_WAIT_SECONDS) {
        this.note(`a pause of ${Math.round(seconds / 3600)} h was cut to 24 h, the longest wait a scenario has`)
        seconds = MAX_WAIT_SECONDS
      }
      if (seconds > 0) this.steps.push({ do: 'wait', seconds })
    }
    this.steps.push({ expect: { screen } })
  }

  private caption(index: number, language: Language, text: string | null): SendResult {
    const step = this.steps[index]
    if (this.state === 'off' || !step) return { ok: false, error: `step: there is no step ${index} in the recording` }
    const caption: Caption = { ...step.caption }
    if (text === null) delete caption[language]
    else caption[language] = text
    if (Object.keys(caption).length) step.caption = caption
    else delete step.caption
    this.savedAs = null
    return { ok: true }
  }

  private save(shelf: ScenarioShelf): SendResult {
    const file = this.file()
    if (this.state !== 'stopped' || !file) return { ok: false, error: 'stop the recording before saving it' }
    if (this.savedAs !== null) return { ok: false, error: `already saved as ${this.savedAs}` }
    this.savedAs = shelf.save(file.name, file)
    return { ok: true }
  }

  private note(text: string): void {
    this.notes.push(text)
    if (this.notes.length > MAX_NOTES) this.notes.shift()
  }

  private reset(): void {
    this.state = 'off'
    this.header = null
    this.steps = []
    this.savedAs = null
    this.notes = []
    this.lastStepAt = null
  }
}

/**
 * The kiosk's configuration as a scenario's `config`: loadConfig merges a file over the defaults,
 * so a key the defaults have and this configuration lacks (a currency it does not take) is written
 * `null`; the market rates of the moment (the technician may have changed them) replace the file's.
 */
export function configForFile(config: KioskConfig, marketRates: Partial<Record<string, string>>): Record<string, unknown> {
  const file = structuredCloneOf(config) as Record<string, unknown> & { currencies: Record<string, { rate?: string } | undefined> }
  for (const [code, rate] of Object.entries(marketRates)) {
    const currency = file.currencies[code]
    if (currency && rate) currency.rate = rate
  }
  return withRemovals(DEFAULT_CONFIG, file) as Record<string, unknown>
}

function structuredCloneOf(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** `value` with a `null` for each key `base` has and it lacks, in every object both have. */
function withRemovals(base: unknown, value: unknown, path = ''): unknown {
  // The location is replaced whole by loadConfig (config.ts REPLACED_WHOLE): written as it is.
  if (!isObject(base) || !isObject(value) || path === 'terminal.location') return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(base)) if (!Object.hasOwn(value, key)) out[key] = null
  for (const [key, v] of Object.entries(value)) out[key] = withRemovals(Object.hasOwn(base, key) ? base[key] : undefined, v, path ? `${path}.${key}` : key)
  return out
}
