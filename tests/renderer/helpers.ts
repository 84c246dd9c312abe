/** Mounting helpers: a real i18n and Pinia, and a fake transport standing in for the core. */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { nextTick, type Component } from 'vue'
import type { CustomerIntent, Intent, KioskView, TechnicianView } from '../../src/core/protocol'
import { createKioskI18n } from '../../src/renderer/src/i18n'
import { useTechnicianStore } from '../../src/renderer/src/stores/kiosk'
import TechnicianApp from '../../src/renderer/src/technician/TechnicianApp.vue'
import type { Transport, TransportEvent } from '../../src/renderer/src/transport'

/** A transport that records what is sent and lets the test play the core's part. */
export interface FakeTransport extends Transport {
  sent: Intent[]
  emit(event: TransportEvent): void
}

export function createFakeTransport(): FakeTransport {
  const listeners = new Set<(event: TransportEvent) => void>()
  const sent: Intent[] = []
  return {
    sent,
    send: (intent) => void sent.push(intent),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(event) {
      for (const listener of [...listeners]) listener(event)
    },
    close: () => listeners.clear()
  }
}

/** An i18n instance that fails the test on any missing message key. */
export function createStrictI18n(view: Pick<KioskView, 'language'>) {
  const i18n = createKioskI18n(view.language)
  i18n.global.setMissingHandler((locale, key) => {
    throw new Error(`missing message "${key}" in ${locale}`)
  })
  return i18n
}

/** Mounts one screen with its view and returns it with the intents it emitted. */
export function mountScreen(component: Component, view: KioskView) {
  const wrapper = mount(component, { props: { view }, global: { plugins: [createStrictI18n(view)] } })
  const intents = (): CustomerIntent[] => (wrapper.emitted('intent') ?? []).map(([intent]) => intent as CustomerIntent)
  return { wrapper, intents }
}

export function freshPinia(): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  return pinia
}

/** Text with every kind of space (no-break, narrow no-break) as a plain space. */
export const normalizeSpaces = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim()

/** The technician panel, connected to a fake transport that has just delivered `view`. */
export async function mountTechnicianPanel(view: TechnicianView) {
  const pinia = freshPinia()
  const transport = createFakeTransport()
  useTechnicianStore(pinia).connect(transport)
  const wrapper = mount(TechnicianApp, { global: { plugins: [pinia] } })
  transport.emit({ type: 'connection', connected: true })
  transport.emit({ type: 'technicianView', view })
  await nextTick()
  return { wrapper, transport }
}
