/** The live statechart's entry: the machines' graph (web host or preload), the technician view for what is active. */
import './styles/fonts.css'
import './styles/base.css'
import './styles/kiosk.css'
import './styles/statechart.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { createKioskI18n } from './i18n'
import { useTechnicianStore } from './stores/kiosk'
import StatechartApp from './statechart/StatechartApp.vue'
import { loadStatechartGraph } from './statechart/graphSource'
import { createTransport, pageTechnicianKey } from './transport'

const app = createApp(StatechartApp, { loadGraph: loadStatechartGraph })
const pinia = createPinia()
app.use(pinia)
app.use(createKioskI18n())
const store = useTechnicianStore(pinia)
// As the technician panel: Electron's window has the preload bridge, a browser tab needs the printed link's key.
const key = window.kiosk ? null : pageTechnicianKey()
if (window.kiosk || key) store.connect(createTransport('technician', key))
else store.keyMissing = true
app.mount('#app')
