import { onMounted, onUnmounted, ref, type Ref } from 'vue'

/**
 * The current time, refreshed every `intervalMs` while the component is mounted: for countdowns
 * the screen shows between two views from the core (display only; the core keeps its own timers).
 */
export function useNow(intervalMs = 1000): Ref<number> {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), intervalMs)
  })
  onUnmounted(() => clearInterval(timer))
  return now
}
