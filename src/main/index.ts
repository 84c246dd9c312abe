/** Electron main-process entry: everything happens in `startKioskApp`. */
import { startKioskApp } from './app'

startKioskApp()
