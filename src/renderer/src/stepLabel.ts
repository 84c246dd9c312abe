/** A scenario step as a trainer reads it in a list ("Insert 5000 KZT note", "Expect screen cash"); never a PIN. */
type AnyStep = Record<string, unknown>

const PLAIN: Record<string, string> = {
  start: 'Touch the attract screen',
  removeCard: 'Take the card off the reader',
  submitCard: 'Submit the card number',
  submitAmount: 'Submit the amount',
  payCash: 'Pay in cash',
  payCard: 'Pay by bank card',
  confirm: 'Confirm',
  cancel: 'Cancel',
  back: 'Back',
  moreTime: 'More time',
  keepGoing: 'Keep going',
  done: 'Done',
  powerCut: 'Power cut',
  acceptJournal: 'Accept the journal as it is',
  collectCash: 'Collect the cassette (service door)',
  serviceLogout: 'Log out of service mode',
  collectCassette: 'Collect the cassette (service menu)',
  serviceEntry: 'Service gesture: open the PIN pad',
  serviceCancel: 'Close the PIN pad',
  xReport: 'Print an X report',
  zReport: 'Print a Z report (close the period)',
  disarm: 'Disarm every armed fault'
}

const fields = (step: AnyStep, skip: string[]): string =>
  Object.entries(step)
    .filter(([key]) => !skip.includes(key))
    .map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ')

export function stepLabel(step: AnyStep): string {
  if ('expect' in step) {
    const expect = step.expect as Record<string, unknown>
    return `Expect ${Object.entries(expect)
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(', ')}`
  }
  const verb = String(step.do)
  if (PLAIN[verb]) return PLAIN[verb]
  switch (verb) {
    case 'language':
      return `Language ${String(step.code)}`
    case 'tapCard':
      return step.number ? `Tap card •••• ${String(step.number).slice(-4)}` : 'Tap the card again'
    case 'enterCard':
      return `Type the card's last digits …${String(step.digits).slice(-4)}`
    case 'keypad':
      return `Keypad ${String(step.key)}`
    case 'chooseAmount':
      return `Choose ${String(step.kzt)} ₸`
    case 'insertBill':
      return `Insert ${String(step.value)} ${String(step.currency)} note`
    case 'wait':
      return `Wait ${String(step.seconds)} s`
    case 'fault':
      return `Fault: ${String(step.device)} ${String(step.fault)}${step.reason ? ` (${String(step.reason)})` : ''}`
    case 'clearFault':
      return `Clear the ${String(step.device)} fault`
    case 'arm': {
      const then = step.then as AnyStep
      const action = then.do === 'removeCard' ? 'pull the card' : `${String(then.device)} ${String(then.fault)}`
      return `Arm: ${action} at ${step.nth && step.nth !== 1 ? `the ${String(step.nth)}th` : 'the next'} ${String(step.when)}`
    }
    case 'serviceLogin':
      return 'Service login (PIN)'
    case 'serviceDoor':
      return step.open ? 'Open the service door' : 'Close the service door'
    case 'recount':
      return 'Enter the recount'
    default:
      return `${verb}${fields(step, ['do', 'caption']) ? `: ${fields(step, ['do', 'caption'])}` : ''}`
  }
}
