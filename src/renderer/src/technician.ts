/** The technician panel's entry: the same transport, in the technician role. */
import './styles/fonts.css'
import './styles/base.css'
import './styles/technician.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { useTechnicianStore } from './stores/kiosk'
import TechnicianApp from './technician/TechnicianApp.vue'
import { createTransport, pageTechnicianKey } from './transport'

const app = createApp(TechnicianApp)
const pinia = createPinia()
app.use(pinia)
const store = useTechnicianStore(pinia)
// Electron's technician window has the preload bridge and needs no key; a browser tab needs the printed link's.
const key = window.kiosk ? null : pageTechnicianKey()
if (window.kiosk || key) store.connect(createTransport('technician', key))
else store.keyMissing = true
app.mount('#app')
