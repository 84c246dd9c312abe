/**
 * What one step of an exploration covers: an inspector that feeds the exploration's coverage
 * recorder and, from the step to watch on, collects the states entered and the transitions taken.
 */
import type { AnyMachineSnapshot, InspectionEvent } from 'xstate'
import { loadConfig, type KioskConfig } from '../config'
import { COVERED_MACHINES, machineGraph, transitionKey, type CoverageRecorder, type TransitionDefinitionLike } from '../coverage'
import type { DrillProfile } from './profiles'

/** Every profile's configuration, loaded once (a kiosk per edge would parse it again each time). */
const configs = new Map<string, KioskConfig>()
export const configOf = (profile: DrillProfile): KioskConfig => {
  let config = configs.get(profile.name)
  if (!config) configs.set(profile.name, (config = loadConfig(profile.config)))
  return config
}

const ELEMENT_IDS = new Map(COVERED_MACHINES.map((m) => [m.id, machineGraph(m).ids]))

/**
 * Feeds the exploration's recorder, and from `begin()` on collects the states entered and the
 * transitions taken by one step, named as the coverage report and the allow-list name them
 * (`kiosk: state kiosk.idle`, `kiosk: kiosk.idle · host.up`).
 */
export class StepWatch {
  private sink: Set<string> | null = null
  constructor(private readonly recorder: CoverageRecorder) {}

  readonly inspect = (event: InspectionEvent): void => {
    this.recorder.inspect(event)
    const sink = this.sink
    if (!sink || (event.type !== '@xstate.microstep' && event.type !== '@xstate.snapshot')) return
    const snapshot = event.snapshot as AnyMachineSnapshot & { _nodes?: { id: string }[] }
    const machine = snapshot.machine?.id
    const ids = machine === undefined ? undefined : ELEMENT_IDS.get(machine)
    if (!ids) return
    for (const node of snapshot._nodes ?? []) sink.add(`${machine}: state ${node.id}`)
    if (event.type !== '@xstate.microstep') return
    for (const t of (event as { _transitions?: TransitionDefinitionLike[] })._transitions ?? []) {
      const id = ids.get(transitionKey(t))
      if (id) sink.add(`${machine}: ${id}`)
    }
  }

  begin(): void {
    this.sink = new Set()
  }

  collected(): readonly string[] {
    return [...(this.sink ?? [])]
  }
}
