import type { Language } from '../../../core/protocol'

/** The speech mode's and display modes' words (issue 18), merged into each language's messages as `speech`. */
export const speechMessages = {
  kk: {
    read: 'Дауыстап оқу',
    stop: 'Оқуды тоқтату',
    repeat: 'Қайталау',
    slower: 'Баяуырақ',
    faster: 'Жылдамырақ',
    quieter: 'Ақырынырақ',
    louder: 'Қаттырақ',
    controls: 'Дауыспен оқу',
    noVoice: 'Бұл киоскіде қазақ тіліндегі дауыс жоқ: экранды дауыстап оқу мүмкін емес.',
    contrast: 'Жоғары контраст',
    largeText: 'Ірі мәтін',
    receipt: 'Түбіртек: картаға {credited} есептелді. Баланс: {balance}.'
  },
  ru: {
    read: 'Читать вслух',
    stop: 'Остановить чтение',
    repeat: 'Повторить',
    slower: 'Медленнее',
    faster: 'Быстрее',
    quieter: 'Тише',
    louder: 'Громче',
    controls: 'Чтение вслух',
    noVoice: 'На этом киоске нет голоса для русского языка: экран нельзя прочитать вслух.',
    contrast: 'Высокий контраст',
    largeText: 'Крупный текст',
    receipt: 'Чек: на карту зачислено {credited}. Баланс: {balance}.'
  },
  en: {
    read: 'Read aloud',
    stop: 'Stop reading',
    repeat: 'Repeat',
    slower: 'Slower',
    faster: 'Faster',
    quieter: 'Quieter',
    louder: 'Louder',
    controls: 'Reading aloud',
    noVoice: 'This kiosk has no English voice: the screen cannot be read aloud.',
    contrast: 'High contrast',
    largeText: 'Large text',
    receipt: 'Receipt: {credited} credited to your card. Balance: {balance}.'
  },
  zh: {
    read: '朗读',
    stop: '停止朗读',
    repeat: '重复',
    slower: '慢一点',
    faster: '快一点',
    quieter: '小声一点',
    louder: '大声一点',
    controls: '朗读',
    noVoice: '本机没有中文语音，无法朗读屏幕。',
    contrast: '高对比度',
    largeText: '大字体',
    receipt: '收据：已充值 {credited}。余额：{balance}。'
  }
} satisfies Record<Language, Record<string, string>>
