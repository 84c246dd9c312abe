/**
 * `kiosk-sim online --url URL`: every action of the walk is played on a running kiosk too, over
 * the technician WebSocket, by the live player's rules (src/cli/live.ts: the same intents, the same
 * settling), and the step fails when the running kiosk's screen is not the model's.
 */
import type { ScreenName } from '../core/protocol'
import { cardEntryIntents, stepIntent } from '../core/scenario/runRules'
import type { ActionStep, Step } from '../core/scenario/schema'
import { whyNotLive } from '../core/testing/liveSafe'
import type { OnlineFollower } from '../core/testing/online'
import type { DrillProfile } from '../core/testing/profiles'
import { KioskLink, kioskSocketUrl, LinkClosed, settleLink } from './kioskLink'

/** After a step, the kiosk must also have been quiet (no new view) this long (as live.ts). */

/** A running kiosk that follows an online walk. */
export class LiveFollower implements OnlineFollower {
  readonly restartable = false
  private started = false

  private constructor(
    private readonly link: KioskLink,
    private readonly expectTimeoutMs: number
  ) {}

  /** Connects to the technician URL the web host printed; throws LiveError when it cannot. */
  static async open(url: string, expectTimeoutMs: number): Promise<LiveFollower> {
    const { url: socket, key } = kioskSocketUrl(url)
    return new LiveFollower(await KioskLink.open(socket, key), expectTimeoutMs)
  }

  /** The screen the running kiosk shows now. */
  get screen(): ScreenName {
    return this.link.view.kiosk.screen
  }

  close(): void {
    this.link.close()
  }

  async freshKiosk(replayed: readonly Step[], profile: DrillProfile): Promise<string | null> {
    if (this.started || replayed.length > 0)
      return `the running kiosk cannot start afresh for the ${profile.name} profile: give one profile (a single-profile walk is one leg and never goes back)`
    this.started = true
    return this.expectScreen('idle', 'a fresh kiosk')
  }

  async action(action: ActionStep, screen: ScreenName, pullFollows: boolean): Promise<string | null> {
    const refused = whyNotLive(action)
    if (refused) return `${action.do} cannot be played on a running kiosk: ${refused}`
    try {
      const error = await this.perform(action)
      if (error) return `${action.do}: the running kiosk refused it: ${error}`
      await this.settle(!pullFollows)
      return await this.expectScreen(screen, action.do)
    } catch (err) {
      if (err instanceof LinkClosed) return `the connection to the running kiosk closed: ${err.message}`
      throw err
    }
  }

  /** Waits up to the expect timeout for `screen`; names both screens when it does not come. */
  private async expectScreen(screen: ScreenName, after: string): Promise<string | null> {
    const deadline = Date.now() + this.expectTimeoutMs
    while (this.link.view.kiosk.screen !== screen && Date.now() < deadline) await this.link.changed(deadline)
    const actual = this.link.view.kiosk.screen
    return actual === screen ? null : `after ${after} the running kiosk shows ${actual}, the model expected ${screen}`
  }

  /** Sends the step's intents as the live player does; the host's error, or null. */
  private async perform(step: ActionStep): Promise<string | null> {
    if (step.do === 'wait') {
      await this.link.sleep(step.seconds * 1000)
      return null
    }
    if (step.do === 'enterCard') {
      if (this.screen === 'idle') {
        const error = await this.link.send({ type: 'start' })
        if (error) return error
      }
      if (this.screen !== 'card') return `"enterCard" is not possible on the ${this.screen} screen`
      for (const intent of cardEntryIntents(step.digits)) {
        const error = await this.link.send(intent)
        if (error) return error
      }
      return null
    }
    if (step.do === 'serviceLogin') {
      if (this.screen !== 'servicePin') {
        const error = await this.link.send({ type: 'serviceEntry' })
        if (error) return error
      }
      if (this.screen !== 'servicePin') return `service entry waits: the ${this.screen} screen is a customer's (or entry is locked)`
      return this.link.send({ type: 'servicePin', pin: step.pin })
    }
    if (step.do === 'restoreJournal' || step.do === 'powerCut') return `"${step.do}" can only be played headless`
    const intent = stepIntent(step, null)
    if (!intent) return 'a tap without a number needs a card identified earlier'
    return this.link.send(intent)
  }

  /** Waits in real time until the kiosk finished what the step started (the runner's rule: settleLink). */
  private async settle(throughCardWrite: boolean): Promise<void> {
    await settleLink(this.link, throughCardWrite)
  }
}
