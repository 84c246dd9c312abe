/**
 * Service mode (issue 15, docs/service.md): the PIN pad, the lockout after wrong PINs, and the menu
 * of the role logged in with a state (and screen) per page. Staff never interrupt a customer: asked
 * for during a session, entry waits until the session ends. Every screen here tells customers the
 * kiosk is temporarily out of service. Staff who leave it alone are logged out.
 */
import { SERVICE_PAGES, type ServicePage } from '../../service/roles'
import type { ScreenName } from '../../protocol'
import { kioskSetup } from './paymentActions'
import { handledEverywhere } from './sharedTransitions'

const REQ = ['REQ-SERVICE-MODE']

const SCREEN_OF_PAGE = {
  collection: 'serviceCollection',
  reports: 'serviceReports',
  journal: 'serviceJournal',
  claims: 'serviceClaims',
  devices: 'serviceDevices',
  settings: 'serviceSettings'
} as const satisfies Record<ServicePage, ScreenName>

const pageState = (page: ServicePage) => kioskSetup.createStateConfig({ meta: { screen: SCREEN_OF_PAGE[page], requirements: REQ } })

/** Opens a page the role may open (the guard names the page; another role's page is not possible). */
const openPage = [
  { guard: { type: 'mayOpenPage' as const, params: { page: 'menu' as const } }, target: '.menu' },
  ...SERVICE_PAGES.map((page) => ({ guard: { type: 'mayOpenPage' as const, params: { page } }, target: `.${page}` }))
]

const pages = Object.fromEntries(SERVICE_PAGES.map((page) => [page, pageState(page)])) as Record<ServicePage, ReturnType<typeof pageState>>

/** Service entry from a screen where no customer is served (attract screen, host down, closed by staff). */
export const enterService = {
  'service.entryRequested': [{ guard: 'isPinEntryLocked', target: '#kiosk.service.locked', actions: 'showLockout' }, { target: '#kiosk.service' }]
} as const

/** During a session: entry waits for its end; the customer's screen is unaffected. */
export const serviceWaitsForSession = {
  'service.entryRequested': { actions: 'awaitService' },
  'service.doorClosed': { actions: 'forgetServiceWaiting' }
} as const

export const serviceState = kioskSetup.createStateConfig({
  meta: { requirements: REQ },
  initial: 'enteringPin',
  entry: ['forgetServiceWaiting', 'clearPinPad'],
  // Notes, card taps, rates and the host link are still looked after; customers' intents are not possible.
  on: {
    ...handledEverywhere,
    'customer.language': { actions: 'setLanguage' },
    'service.entryRequested': {}
  },
  states: {
    enteringPin: {
      meta: { screen: 'servicePin', requirements: ['REQ-SERVICE-PIN'] },
      after: { serviceInactivity: '#kiosk.idle' },
      on: {
        'staff.pinChecked': [
          { guard: 'isPinRight', target: 'loggedIn', actions: 'logIn' },
          { guard: 'locksPinEntry', target: 'locked', actions: ['refusePin', 'showLockout'] },
          { target: 'enteringPin', reenter: true, actions: 'refusePin' }
        ],
        'staff.cancel': '#kiosk.idle',
        'service.doorClosed': '#kiosk.idle'
      }
    },
    // Too many wrong PINs: no PIN is taken until the lockout ends (it survives a restart: the journal keeps the failures).
    locked: {
      meta: { screen: 'serviceLocked', requirements: ['REQ-SERVICE-PIN'] },
      after: { pinLockout: '#kiosk.idle' },
      on: { 'staff.cancel': '#kiosk.idle', 'service.doorClosed': '#kiosk.idle' }
    },
    loggedIn: {
      type: 'parallel',
      states: {
        // Staff's handlers are the page region's, not loggedIn's: the presence watcher's `staff.*` would hide an ancestor's.
        page: {
          initial: 'menu',
          on: {
            'staff.open': openPage,
            'staff.logout': { target: '#kiosk.idle', actions: { type: 'logOut', params: { reason: 'staff' } } },
            'service.doorClosed': { target: '#kiosk.idle', actions: { type: 'logOut', params: { reason: 'staff' } } },
            'staff.setOutOfService': { guard: 'maySwitchOutOfService', actions: 'switchOutOfService' },
            'staff.setTraining': { guard: 'maySwitchTraining', actions: 'switchTraining' },
            'staff.changeSettings': { guard: 'mayChangeSettings', actions: 'changeSettings' }
          },
          states: { menu: { meta: { screen: 'serviceMenu', requirements: REQ } }, ...pages }
        },
        // Staff who leave the kiosk alone are logged out (configuration service.inactivitySeconds).
        presence: {
          initial: 'present',
          states: {
            present: {
              after: { serviceInactivity: { target: '#kiosk.idle', actions: { type: 'logOut', params: { reason: 'inactivity' } } } },
              on: { 'staff.*': { target: 'present', reenter: true } }
            }
          }
        }
      }
    }
  }
})
