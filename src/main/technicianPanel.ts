/**
 * When the technician panel is open in kiosk mode. It plays the hardware, so a customer must never
 * get it: on a kiosk with a second display it opens there (and again when a display is plugged in);
 * on a one-screen kiosk it opens only while staff are logged into service mode, above the kiosk
 * screen, and closes when they log out. A display unplugged under it closes it too rather than let
 * the system move it over the kiosk. Closing it never quits the app. Outside kiosk mode it simply opens.
 */
import type { Display, Rectangle } from 'electron'
import type { ServiceRole } from '../core/protocol'
import { technicianPosition } from './windows'

export type PanelDisplay = Pick<Display, 'id' | 'workArea'>

export interface PanelScreen {
  getAllDisplays(): PanelDisplay[]
  getDisplayMatching(rect: Rectangle): PanelDisplay
  on(event: 'display-added' | 'display-removed', listener: () => void): unknown
}

export interface PanelPlacement {
  /** On another display; absent: where the system puts it. */
  position?: { x: number; y: number }
  /** On the kiosk's own display, above the kiosk screen (service mode on a one-screen kiosk). */
  aboveKiosk: boolean
}

export interface PanelDeps {
  kioskMode: boolean
  screen: PanelScreen
  /** The kiosk window's bounds, or null while it is not open. */
  kioskBounds: () => Rectangle | null
  isOpen: () => boolean
  open: (placement: PanelPlacement) => void
  close: () => void
}

export interface TechnicianPanel {
  /** Opens the panel at start when it may be. */
  start(): void
  /** The role logged into service mode now (null: nobody); call after every change of the kiosk's view. */
  serviceRole(role: ServiceRole | null): void
}

/** The panel's rule, over the screen's displays and the kiosk's service mode. */
export function technicianPanel(deps: PanelDeps): TechnicianPanel {
  let role: ServiceRole | null = null
  let openedForService = false

  const otherDisplay = (): { x: number; y: number } | undefined => {
    const bounds = deps.kioskBounds()
    if (!bounds) return undefined
    return technicianPosition(deps.screen.getAllDisplays(), deps.screen.getDisplayMatching(bounds).id)
  }
  const openOnOtherDisplay = (): boolean => {
    const position = otherDisplay()
    if (!position) return false
    openedForService = false
    deps.open({ position, aboveKiosk: false })
    return true
  }

  if (deps.kioskMode) {
    deps.screen.on('display-added', () => {
      if (!deps.isOpen()) openOnOtherDisplay()
    })
    deps.screen.on('display-removed', () => {
      if (deps.isOpen() && !otherDisplay() && role === null) deps.close()
    })
  }

  return {
    start() {
      if (!deps.kioskMode) deps.open({ aboveKiosk: false })
      else openOnOtherDisplay()
    },
    serviceRole(next) {
      const before = role
      role = next
      if (!deps.kioskMode || before === next) return
      if (before === null && !deps.isOpen() && !openOnOtherDisplay()) {
        openedForService = true
        deps.open({ aboveKiosk: true })
      } else if (next === null && openedForService && deps.isOpen()) {
        openedForService = false
        deps.close()
      }
    }
  }
}
