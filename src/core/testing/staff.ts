/**
 * Staff in generated paths (issue 15, docs/service.md): the service actions a walk or the
 * exploration takes, which the kiosk machine's events each causes, and where a staff step is
 * possible. The runtime's service desk checks a PIN against the configured scrypt hashes; here the
 * roles a PIN opens are known without checking it (the profiles' PINs are these), so a walk can ask
 * the machine which transition a step would take before taking it.
 */
import type { KioskConfig } from '../config'
import type { KioskEvent } from '../machines/kioskContext'
import type { ScreenName } from '../protocol'
import type { ActionStep } from '../scenario/schema'
import { DEMO_SERVICE_PINS } from '../service/demoPins'
import { attemptsLeft, isLocked, mayOpen, SERVICE_PAGES, SERVICE_ROLES, type ServicePage, type ServiceRole } from '../service/roles'
import { screenOf, servicePageOf, type KioskSnapshot } from '../view'

/** The staff of the demo kiosk and of the staffOnDuty drill: collector 1111, technician 2222, administrator 3333 (docs/config.md). */
export const STAFF_PINS: Readonly<Record<ServiceRole, string>> = { collector: '1111', technician: '2222', administrator: '3333' }

/** A PIN no role has. */
export const WRONG_PIN = '0000'

/**
 * The same PINs hashed at the least scrypt cost a configuration takes (N = 2^14, r = 8, p = 1):
 * every login of a generated path, and of each of its replays, checks all three hashes, and at
 * the demo hashes' cost (N = 2^15) that is half a second per login on the development VM.
 */
export const WALK_PIN_HASHES: Readonly<Record<ServiceRole, string>> = {
  collector: 'scrypt$16384$8$1$d2FsayBjb2xsZWN0b3ItLQ$wlo4ribalo4Xc6rPCocJbD63rSE1HGZa-Scyn30yQZM',
  technician: 'scrypt$16384$8$1$d2FsayB0ZWNobmljaWFuLQ$G86najYWUP4bRr0s_Oscs405-lTvvWnET6Q5G_8lDaw',
  administrator: 'scrypt$16384$8$1$d2FsayBhZG1pbmlzdHJhdG9y$XDjdzBd69qK_t17HwnCZslbTvEuEE2fPMmWdIcZ_1oo'
}

/** A valid rate change an administrator makes on the settings page. */
const RATE_CHANGE = { USD: '472.10' }

/**
 * What staff do in generated paths: a login with each role's PIN and a wrong one, the hidden
 * gesture, the door, cancel and logout, every page, and the switches that matter to the kiosk
 * machine (out of service with a reason and back, training on and off, a rate change).
 */
export const STAFF_ACTIONS: readonly ActionStep[] = [
  ...SERVICE_ROLES.map((role): ActionStep => ({ do: 'serviceLogin', pin: STAFF_PINS[role] })),
  { do: 'serviceLogin', pin: WRONG_PIN },
  { do: 'serviceEntry' },
  { do: 'serviceCancel' },
  { do: 'serviceLogout' },
  { do: 'serviceDoor', open: true },
  { do: 'serviceDoor', open: false },
  ...(['menu', ...SERVICE_PAGES] as const).map((page): ActionStep => ({ do: 'serviceOpen', page })),
  { do: 'setOutOfService', reason: 'cash collection' },
  { do: 'setOutOfService', reason: null },
  { do: 'setTraining', on: true },
  { do: 'setTraining', on: false },
  { do: 'changeSettings', section: 'rates', value: RATE_CHANGE }
]

const STAFF_VERBS: ReadonlySet<string> = new Set(STAFF_ACTIONS.map((a) => a.do))

/** Whether a step is one of staff's (STAFF_ACTIONS' verbs). */
export const isStaffStep = (step: ActionStep): boolean => STAFF_VERBS.has(step.do)

/** Whether staff can log in on a kiosk with this configuration: some role has a PIN. */
export const hasStaff = (config: KioskConfig): boolean => Object.keys(config.service.pins).length > 0

/**
 * The roles `pin` opens under the configured `pins`, known without checking a hash: a role whose configured hash
 * is one of those made from its PIN in STAFF_PINS (tests/core/servicePins.test.ts checks they are). Null when the
 * configuration has a hash of another PIN (only scrypt could tell).
 */
export function rolesOfPin(pin: string, pins: KioskConfig['service']['pins']): ServiceRole[] | null {
  const roles: ServiceRole[] = []
  for (const role of SERVICE_ROLES) {
    const stored = pins[role]
    if (stored === undefined) continue
    if (stored !== WALK_PIN_HASHES[role] && stored !== DEMO_SERVICE_PINS[role]) return null
    if (pin === STAFF_PINS[role]) roles.push(role)
  }
  return roles
}

/** The page each staff switch is on (staff press it there): the role must be allowed to open it (serviceDesk.ts). */
const PAGE_OF_SWITCH: Partial<Record<ActionStep['do'], ServicePage>> = { setOutOfService: 'devices', setTraining: 'settings', changeSettings: 'settings' }

/**
 * The kiosk-machine events a staff step makes the service desk send on this snapshot at `now`, in
 * order; null when the desk refuses the step (no role that may, service open already, a PIN whose
 * roles are not known). A login from outside the PIN pad is the gesture and then the PIN: its PIN
 * event is the one the pad would get if the gesture opens it.
 */
export function staffEvents(step: ActionStep, snapshot: KioskSnapshot, now: number): KioskEvent[] | null {
  const { context } = snapshot
  const inService = screenOf(snapshot).startsWith('service')
  const role = context.staff?.role ?? null
  switch (step.do) {
    case 'serviceEntry':
      return inService ? null : [{ type: 'service.entryRequested', via: 'gesture', at: now }]
    case 'serviceDoor':
      return [step.open ? { type: 'service.entryRequested', via: 'door', at: now } : { type: 'service.doorClosed' }]
    case 'serviceCancel':
      return [{ type: 'staff.cancel' }]
    case 'serviceLogout':
      return [{ type: 'staff.logout' }]
    case 'serviceLogin': {
      const roles = rolesOfPin(step.pin, context.config.service.pins)
      if (roles === null) return null
      const pin: KioskEvent = { type: 'staff.pinChecked', roles: isLocked(context.pinAttempts, now) ? [] : roles, at: now }
      return screenOf(snapshot) === 'servicePin' ? [pin] : inService ? null : [{ type: 'service.entryRequested', via: 'gesture', at: now }, pin]
    }
    case 'serviceOpen':
      if (role === null || (step.page !== 'menu' && !mayOpen(role, step.page))) return null
      return [{ type: 'staff.open', page: step.page }]
    case 'setOutOfService':
    case 'setTraining':
    case 'changeSettings': {
      if (role === null || !mayOpen(role, PAGE_OF_SWITCH[step.do]!)) return null
      const activity: KioskEvent = { type: 'staff.activity' }
      if (step.do === 'setOutOfService') return [{ type: 'staff.setOutOfService', reason: step.reason }, activity]
      if (step.do === 'setTraining') return [{ type: 'staff.setTraining', on: step.on }, activity]
      // The guards read the role only; the new configuration is the desk's to work out.
      const { config, marketRates } = context
      return [{ type: 'staff.changeSettings', section: step.section, config, marketRates, before: null, after: null }, activity]
    }
    default:
      return null
  }
}

/**
 * Whether a generated path takes a staff step here: the desk would carry it out, and it matters on
 * this screen — entry where no customer is served or at the end of a session (the receipt: entry
 * then waits), the door also on the PIN pad (ignored there), a login on the pad,
 * a page from the menu and the menu from a page, each switch on its page and only to change it.
 */
export function staffStepPossible(step: ActionStep, snapshot: KioskSnapshot, now: number): boolean {
  if (!hasStaff(snapshot.context.config)) return false
  const events = staffEvents(step, snapshot, now)
  if (events === null) return false
  const screen: ScreenName = screenOf(snapshot)
  const page = servicePageOf(snapshot)
  const { context } = snapshot
  switch (step.do) {
    case 'serviceEntry':
      return ENTRY_SCREENS.includes(screen)
    case 'serviceDoor':
      if (step.open) return ENTRY_SCREENS.includes(screen) || screen === 'servicePin'
      return screen === 'servicePin' || screen === 'serviceLocked' || page !== null || (snapshot.matches('session') && context.serviceWaiting)
    // On the PIN pad (the gesture or the door opens it): each PIN check costs a replay about 0.2 s, so a
    // walk is not to try a login from every situation the attract screen is in.
    case 'serviceLogin':
      return screen === 'servicePin'
    case 'serviceOpen':
      return (page === 'menu') !== (step.page === 'menu') && snapshot.can(events[0]!)
    case 'setOutOfService':
      return page === 'devices' && (step.reason === null) === (context.closedReason !== null)
    case 'setTraining':
      return page === 'settings' && step.on !== context.training
    case 'changeSettings':
      return page === 'settings'
    default:
      return snapshot.can(events[0]!)
  }
}

/** Where staff open service mode in generated paths: between customers, out of service, and on the receipt (entry then waits for the session's end). */
const ENTRY_SCREENS: readonly ScreenName[] = ['idle', 'outOfService', 'receipt']

/** Service mode's PIN state in a state key: locked, or the wrong PINs left before it locks. */
export function pinState(snapshot: KioskSnapshot, now: number): number | 'locked' {
  const { pinAttempts, config } = snapshot.context
  return isLocked(pinAttempts, now) ? 'locked' : attemptsLeft(pinAttempts, now, config.service)
}
