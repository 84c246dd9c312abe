/** The kiosk's actions and guards for service mode: PIN entry and lockout, login and logout, and what staff switch (issue 15). */
import { assign, enqueueActions } from 'xstate'
import { afterPinAttempt, isLocked, mayOpen, type PinAttempts, type ServicePage, type ServiceRole } from '../../service/roles'
import { journal, type KioskContext, type KioskEvent } from '../kioskContext'
import { withCashActions } from './cashActions'

type PinChecked = Extract<KioskEvent, { type: 'staff.pinChecked' }>

const lockoutRule = (context: KioskContext) => ({
  maxPinAttempts: context.config.service.maxPinAttempts,
  lockoutSeconds: context.config.service.lockoutSeconds
})

/**
 * The role a PIN opens. Two roles sharing a PIN (the salted hashes cannot show it when the
 * configuration is loaded) open the less powerful one: a shared PIN never grants more.
 */
const roleOf = (event: PinChecked): ServiceRole | null => event.roles[0] ?? null

/** The attempts after this PIN entry (a PIN entered while locked changes nothing: it is refused unchecked). */
const attemptsAfter = (context: KioskContext, event: PinChecked): PinAttempts =>
  afterPinAttempt(context.pinAttempts, { at: event.at, ok: roleOf(event) !== null }, lockoutRule(context))

/** What each role may switch besides opening pages. */
const RIGHTS = {
  outOfService: ['technician', 'administrator'],
  training: ['administrator'],
  settings: ['administrator']
} as const satisfies Record<string, readonly ServiceRole[]>

const hasRight = (context: KioskContext, right: keyof typeof RIGHTS): boolean =>
  context.staff !== null && (RIGHTS[right] as readonly ServiceRole[]).includes(context.staff.role)

export const withServiceActions = withCashActions.extend({
  guards: {
    isServiceWaiting: ({ context }) => context.serviceWaiting,
    isClosedByStaff: ({ context }) => context.closedReason !== null,
    /** Entry is locked at the moment staff ask for it (wrong PINs before, perhaps before a restart). */
    isPinEntryLocked: ({ context, event }) => 'at' in event && isLocked(context.pinAttempts, event.at),
    isPinRight: ({ context, event }) => event.type === 'staff.pinChecked' && !isLocked(context.pinAttempts, event.at) && roleOf(event) !== null,
    /** This wrong PIN locks entry (or entry was locked already: the PIN was not even checked). */
    locksPinEntry: ({ context, event }) => event.type === 'staff.pinChecked' && isLocked(attemptsAfter(context, event), event.at),
    mayOpenPage: ({ context, event }, params: { page: ServicePage | 'menu' }) =>
      event.type === 'staff.open' &&
      event.page === params.page &&
      context.staff !== null &&
      (params.page === 'menu' || mayOpen(context.staff.role, params.page)),
    maySwitchOutOfService: ({ context }) => hasRight(context, 'outOfService'),
    maySwitchTraining: ({ context }) => hasRight(context, 'training'),
    mayChangeSettings: ({ context }) => hasRight(context, 'settings')
  },
  actions: {
    awaitService: assign({ serviceWaiting: true }),
    forgetServiceWaiting: assign({ serviceWaiting: false }),
    /** The lockout shown from now until it ends. */
    showLockout: assign({
      lockoutMsLeft: ({ context, event }) => ('at' in event ? Math.max(0, (context.pinAttempts.lockedUntil ?? event.at) - event.at) : 0),
      pinWrong: false
    }),
    clearPinPad: assign({ pinWrong: false }),
    logIn: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'staff.pinChecked') return
      const role = roleOf(event)!
      enqueue.assign({ staff: { role }, pinAttempts: attemptsAfter(context, event), pinWrong: false })
      enqueue.emit(journal('serviceLogin', { role }))
    }),
    /** A wrong PIN: counted and journaled (never the PIN); the last allowed one locks entry. */
    refusePin: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'staff.pinChecked' || isLocked(context.pinAttempts, event.at)) return
      const attempts = attemptsAfter(context, event)
      const locked = isLocked(attempts, event.at)
      const attemptsLeft = locked ? 0 : context.config.service.maxPinAttempts - attempts.failures
      enqueue.assign({ pinAttempts: attempts, pinWrong: !locked })
      enqueue.emit(journal('serviceLoginFailed', { attemptsLeft, locked }))
    }),
    logOut: enqueueActions(({ context, enqueue }, params: { reason: 'staff' | 'inactivity' }) => {
      if (!context.staff) return
      enqueue.emit(journal('serviceLogout', { role: context.staff.role, reason: params.reason }))
      enqueue.assign({ staff: null })
    }),
    switchOutOfService: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'staff.setOutOfService' || !context.staff) return
      enqueue.assign({ closedReason: event.reason })
      enqueue.emit(journal('outOfServiceSwitched', { role: context.staff.role, reason: event.reason }))
    }),
    switchTraining: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'staff.setTraining' || !context.staff) return
      enqueue.assign({ training: event.on })
      enqueue.emit(journal('trainingSwitched', { role: context.staff.role, on: event.on }))
    }),
    /** New settings: journaled with before, after and role; quotes taken from now on use them. */
    changeSettings: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'staff.changeSettings' || !context.staff) return
      enqueue.assign({ config: event.config, marketRates: event.marketRates })
      enqueue.emit(journal('settingsChanged', { role: context.staff.role, section: event.section, before: event.before, after: event.after }))
    })
  }
})
