/** The kiosk screen's entry: fonts, styles, the store bound to the transport, and the app. */
import './styles/fonts.css'
import './styles/base.css'
import './styles/kiosk.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createKioskI18n } from './i18n'
import { useKioskStore } from './stores/kiosk'
import { createTransport } from './transport'

// A kiosk has no context menu (long-press on a touch screen opens it).
window.addEventListener('contextmenu', (event) => event.preventDefault())

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(createKioskI18n())
useKioskStore(pinia).connect(createTransport('kiosk'))
app.mount('#app')
