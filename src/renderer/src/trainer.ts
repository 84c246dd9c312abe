/** The trainer's page (/trainer): the technician's transport and key, the caption player beside the kiosk screen (docs/training.md). */
import './styles/fonts.css'
import './styles/base.css'
import './styles/technician.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { useTechnicianStore } from './stores/kiosk'
import TrainerApp from './trainer/TrainerApp.vue'
import { createTransport, pageTechnicianKey } from './transport'

const app = createApp(TrainerApp)
const pinia = createPinia()
app.use(pinia)
const store = useTechnicianStore(pinia)
// A browser tab needs the printed technician link's key (in this page's address: …/trainer#k=KEY).
const key = window.kiosk ? null : pageTechnicianKey()
if (window.kiosk || key) store.connect(createTransport('technician', key))
else store.keyMissing = true
app.mount('#app')
