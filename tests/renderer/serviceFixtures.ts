/** The service pages' data as the runtime would add it, and a mount of a service screen with the intents it sent. */
import type { KioskView, ScreenName, ServicePageView, StaffIntent } from '../../src/core/protocol'
import { SCREEN_COMPONENTS } from '../../src/renderer/src/screens'
import { makeServiceScreen, SERVICE_COUNTERS, SERVICE_SETTINGS } from './fixtures'
import { mountScreen, normalizeSpaces } from './helpers'

export const COLLECTION: ServicePageView = {
  page: 'collection',
  counters: SERVICE_COUNTERS,
  cassetteOut: false,
  collections: [
    {
      number: 1,
      removedAt: '2026-12-05T12:00:00.000Z',
      replacedAt: '2026-12-05T12:02:00.000Z',
      expected: [{ currency: 'KZT', value: 1000, count: 2 }],
      counted: [{ currency: 'KZT', value: 1000, count: 1 }],
      shortage: [{ currency: 'KZT', value: 1000, count: 1 }],
      surplus: []
    },
    {
      number: 2,
      removedAt: '2026-12-06T12:00:00.000Z',
      replacedAt: '2026-12-06T12:02:00.000Z',
      expected: [
        { currency: 'KZT', value: 1000, count: 3 },
        { currency: 'USD', value: 20, count: 1 }
      ],
      counted: null,
      shortage: [],
      surplus: []
    }
  ]
}
export const REPORTS: ServicePageView = {
  page: 'reports',
  counters: SERVICE_COUNTERS,
  history: [{ report: 'collection', number: 2, from: '2026-12-05T12:02:00.000Z', to: '2026-12-06T12:00:00.000Z' }],
  receipts: [{ transactionId: 'TX-00412783-000042', time: '2026-12-06T09:03:12.000Z', creditedKzt: 5250, card: '9398 •••• •••• 2222' }]
}
export const JOURNAL: ServicePageView = {
  page: 'journal',
  rows: [{ seq: 41, time: '2026-12-06T09:03:12.000Z', kind: 'noteStacked', transactionId: 'TX-1', card: '9398 •••• •••• 2222', summary: '1 000 KZT' }],
  total: 120,
  nextBefore: 41,
  error: null
}
export const CLAIMS: Extract<ServicePageView, { page: 'claims' }> = {
  page: 'claims',
  flagged: [
    { transactionId: 'TX-7', time: '2026-12-06T09:00:00.000Z', card: null, reasons: ['creditOutcomeUnknown'], amountKzt: 5000, resolved: null },
    { transactionId: 'TX-8', time: '2026-12-06T09:10:00.000Z', card: '9398 •••• •••• 2222', reasons: ['noteInDoubt'], amountKzt: null, resolved: 'refunded' }
  ],
  lookup: null
}
export const DEVICES: ServicePageView = {
  page: 'devices',
  printer: { fault: 'paperOut' },
  billValidator: { condition: null, state: 'idle' },
  cardReader: { state: 'empty' },
  outOfServiceReason: null
}
export const SETTINGS: ServicePageView = { page: 'settings', settings: SERVICE_SETTINGS, training: false }

/** Every service screen with its page's data. */
export const SCREENS_WITH_DATA: [ScreenName, ServicePageView | null][] = [
  ['servicePin', null],
  ['serviceLocked', null],
  ['serviceMenu', { page: 'menu' }],
  ['serviceCollection', COLLECTION],
  ['serviceReports', REPORTS],
  ['serviceJournal', JOURNAL],
  ['serviceClaims', CLAIMS],
  ['serviceDevices', DEVICES],
  ['serviceSettings', SETTINGS]
]

export function mountService(
  screen: ScreenName,
  page: ServicePageView | null,
  service: Parameters<typeof makeServiceScreen>[1] = {},
  view: Partial<KioskView> = {}
) {
  const loggedOut = screen === 'servicePin' || screen === 'serviceLocked'
  const kiosk = makeServiceScreen(screen, { page, ...(loggedOut ? { role: null, pages: [] } : {}), ...service }, view)
  const mounted = mountScreen(SCREEN_COMPONENTS[screen], kiosk)
  const sent = () => (mounted.wrapper.emitted('intent') ?? []).map(([intent]) => intent as StaffIntent)
  const click = (id: string) => mounted.wrapper.get(`[data-testid="${id}"]`).trigger('click')
  /** A form's submit button pressed (the event reaches its form). */
  const submit = (id: string) => mounted.wrapper.get(`[data-testid="${id}"]`).trigger('submit')
  const text = (id: string) => normalizeSpaces(mounted.wrapper.get(`[data-testid="${id}"]`).text())
  /** The texts of an element's cells or lines, one by one. */
  const cells = (id: string, selector = 'td, th') =>
    mounted.wrapper
      .get(`[data-testid="${id}"]`)
      .findAll(selector)
      .map((c) => normalizeSpaces(c.text()))
  return { ...mounted, sent, click, submit, text, cells }
}
