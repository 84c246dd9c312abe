/** The technician panel's entry: the same transport, in the technician role. */
import './styles/fonts.css'
import './styles/base.css'
import './styles/technician.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { useTechnicianStore } from './stores/kiosk'
import TechnicianApp from './technician/TechnicianApp.vue'
import { createTransport } from './transport'

const app = createApp(TechnicianApp)
const pinia = createPinia()
app.use(pinia)
useTechnicianStore(pinia).connect(createTransport('technician'))
app.mount('#app')
