/**
 * The receipt's words in the kiosk's four languages. Wording follows the receipt screen
 * (src/renderer/src/i18n) where both say the same thing, so paper and screen agree.
 * `{name}` placeholders are filled by the document builder.
 */
import type { Language } from '../protocol'

export interface ReceiptLabels {
  title: string
  /** Printed on a reprint. */
  copy: string
  /** Training mode: the receipt is not a real payment. */
  training: string
  bin: string
  terminal: string
  receiptNo: string
  dateTime: string
  card: string
  /** The card's value when the kiosk could not identify the card (after a power cut). */
  cardUnknown: string
  /** What to do when the card could not be identified: call support with the reference. */
  cardUnknownAdvice: string
  payment: string
  cash: string
  bankCard: string
  notes: string
  /** The tenge notes' share of the amount accepted, next to the converted foreign cash. */
  tenge: string
  rates: string
  quotedAt: string
  /** "Amount accepted" for a bank-card payment. */
  charged: string
  authCode: string
  accepted: string
  fee: string
  bonus: string
  credited: string
  /** "Amount credited" while the credit is pending or being processed. */
  toCredit: string
  balanceBefore: string
  balanceAfter: string
  /** The balance after, while a flagged top-up is being processed. */
  balanceProcessing: string
  /** The balance before, when the card could not be identified. */
  balanceUnknown: string
  completed: string
  flagged: string
  pending: string
  /** Heading of the notes the validator jammed on. */
  inDoubt: string
  /** What happens to a note in doubt. */
  inDoubtAdvice: string
  /** The status when the credit went through but a note is in doubt. */
  checking: string
  /** The status when the validator jammed on the first note: nothing stacked, nothing credited. */
  nothingCredited: string
  reference: string
  advice: string
  noChange: string
  keep: string
  support: string
  eReceipt: string
}

export const RECEIPT_LABELS: Record<Language, ReceiptLabels> = {
  kk: {
    title: 'Түбіртек',
    copy: 'КӨШІРМЕ',
    training: 'ОҚУ РЕЖИМІ — ТӨЛЕМ ЕМЕС',
    bin: 'БСН',
    terminal: 'Терминал',
    receiptNo: 'Түбіртек №',
    dateTime: 'Күні, уақыты (Алматы)',
    card: 'Көлік картасы',
    cardUnknown: 'анықталмады',
    cardUnknownAdvice:
      'Терминал картаңызды анықтай алмады. {phone} нөміріне қоңырау шалып, операция нөмірін айтыңыз: қызметкерлер толтыруды тауып, картаңызға есептейді.',
    payment: 'Төлем',
    cash: 'Қолма-қол ақша',
    bankCard: 'Банк картасы',
    notes: 'Салынған банкноттар',
    tenge: 'Теңге',
    rates: 'Валюта бағамы (бекітілген)',
    quotedAt: 'Бағам уақыты',
    charged: 'Картадан алынды',
    authCode: 'Авторизация коды',
    accepted: 'Төленген сома',
    fee: 'Комиссия',
    bonus: 'Бонус',
    credited: 'Картаға есептелді',
    toCredit: 'Картаға есептеледі',
    balanceBefore: 'Бұрынғы баланс',
    balanceAfter: 'Жаңа баланс',
    balanceProcessing: 'өңделуде',
    balanceUnknown: 'белгісіз',
    completed: 'Карта толтырылды',
    flagged: 'Картаны толтыру өңделуде',
    pending: 'Толтыру белсендіруді күтуде: картаны келесі рет толтыру терминалына тигізгенде есептеледі',
    inDoubt: 'Тексерілетін банкнот (купюра қабылдағыш кептелді)',
    inDoubtAdvice: 'Қызметкерлер банкнотты тексереді; ол кассаға түскен болса, сомасы картаңызға есептеледі.',
    checking: 'Толтыру есептелді, бір банкнот тексерілуде',
    nothingCredited: 'Банкнот қабылданбады, картаға ештеңе есептелмеді',
    reference: 'Операция нөмірі: {reference}',
    advice: 'Егер ақша 3 күн ішінде картаңызға түспесе, {phone} нөміріне қоңырау шалып, операция нөмірін айтыңыз.',
    noChange: 'Қайтарым берілмейді.',
    keep: 'Түбіртекті сақтаңыз: бұл төлемнің дәлелі.',
    support: 'Қолдау қызметі: {phone}',
    eReceipt: 'Электрондық түбіртек: QR-кодты сканерлеңіз'
  },
  ru: {
    title: 'Чек',
    copy: 'КОПИЯ',
    training: 'УЧЕБНЫЙ РЕЖИМ — НЕ ПЛАТЁЖ',
    bin: 'БИН',
    terminal: 'Терминал',
    receiptNo: 'Чек №',
    dateTime: 'Дата, время (Алматы)',
    card: 'Транспортная карта',
    cardUnknown: 'не определена',
    cardUnknownAdvice:
      'Терминал не смог определить вашу карту. Позвоните по номеру {phone} и назовите номер операции: сотрудники найдут пополнение и зачислят его на вашу карту.',
    payment: 'Оплата',
    cash: 'Наличные',
    bankCard: 'Банковская карта',
    notes: 'Внесённые банкноты',
    tenge: 'Тенге',
    rates: 'Курс валюты (зафиксирован)',
    quotedAt: 'Курс на',
    charged: 'Списано с карты',
    authCode: 'Код авторизации',
    accepted: 'Внесено',
    fee: 'Комиссия',
    bonus: 'Бонус',
    credited: 'Зачислено на карту',
    toCredit: 'К зачислению на карту',
    balanceBefore: 'Баланс до',
    balanceAfter: 'Баланс после',
    balanceProcessing: 'обрабатывается',
    balanceUnknown: 'неизвестен',
    completed: 'Пополнение выполнено',
    flagged: 'Пополнение обрабатывается',
    pending: 'Пополнение ожидает активации: оно зачислится, когда вы в следующий раз приложите карту к терминалу пополнения',
    inDoubt: 'Купюра на проверке (замятие купюроприёмника)',
    inDoubtAdvice: 'Сотрудники проверят купюру; если она попала в кассету, её сумма будет зачислена на карту.',
    checking: 'Пополнение зачислено, одна купюра на проверке',
    nothingCredited: 'Купюры не приняты, на карту ничего не зачислено',
    reference: 'Номер операции: {reference}',
    advice: 'Если деньги не поступят на карту в течение 3 дней, позвоните по номеру {phone} и назовите номер операции.',
    noChange: 'Сдача не выдаётся.',
    keep: 'Сохраните чек: это подтверждение оплаты.',
    support: 'Поддержка: {phone}',
    eReceipt: 'Электронный чек: отсканируйте QR-код'
  },
  en: {
    title: 'Receipt',
    copy: 'COPY',
    training: 'TRAINING — NOT A PAYMENT',
    bin: 'BIN',
    terminal: 'Terminal',
    receiptNo: 'Receipt No.',
    dateTime: 'Date, time (Almaty)',
    card: 'Transit card',
    cardUnknown: 'not identified',
    cardUnknownAdvice: 'The kiosk could not identify your card. Call {phone} and give the reference: staff will find the top-up and credit it to your card.',
    payment: 'Payment',
    cash: 'Cash',
    bankCard: 'Bank card',
    notes: 'Notes inserted',
    tenge: 'Tenge',
    rates: 'Exchange rate (locked)',
    quotedAt: 'Rate quoted at',
    charged: 'Charged to bank card',
    authCode: 'Auth code',
    accepted: 'Amount accepted',
    fee: 'Fee',
    bonus: 'Bonus',
    credited: 'Amount credited',
    toCredit: 'Amount to be credited',
    balanceBefore: 'Balance before',
    balanceAfter: 'Balance after',
    balanceProcessing: 'processing',
    balanceUnknown: 'unknown',
    completed: 'Top-up completed',
    flagged: 'Top-up being processed',
    pending: 'Top-up pending: it activates the next time you tap this card on a top-up kiosk',
    inDoubt: 'Note being checked (the note acceptor jammed)',
    inDoubtAdvice: 'Staff will check the note; if it reached the cashbox, its amount is credited to your card.',
    checking: 'Top-up credited; a note is being checked',
    nothingCredited: 'No note taken, nothing credited to your card',
    reference: 'Reference: {reference}',
    advice: 'If the money has not reached your card within 3 days, call {phone} and give the reference.',
    noChange: 'No change given.',
    keep: 'Keep this receipt: it is your proof of payment.',
    support: 'Support: {phone}',
    eReceipt: 'E-receipt: scan the QR code'
  },
  zh: {
    title: '收据',
    copy: '副本',
    training: '培训模式 — 非真实付款',
    bin: '商业识别号',
    terminal: '终端号',
    receiptNo: '收据编号',
    dateTime: '日期时间（阿拉木图）',
    card: '交通卡',
    cardUnknown: '未识别',
    cardUnknownAdvice: '终端无法识别您的卡。请拨打 {phone} 并提供查询编号：工作人员将找到这笔充值并充入您的卡。',
    payment: '支付方式',
    cash: '现金',
    bankCard: '银行卡',
    notes: '放入的纸币',
    tenge: '坚戈',
    rates: '汇率（已锁定）',
    quotedAt: '汇率报价时间',
    charged: '银行卡扣款',
    authCode: '授权码',
    accepted: '已付金额',
    fee: '手续费',
    bonus: '赠送金额',
    credited: '已充入卡内',
    toCredit: '待充入卡内',
    balanceBefore: '充值前余额',
    balanceAfter: '充值后余额',
    balanceProcessing: '处理中',
    balanceUnknown: '未知',
    completed: '充值成功',
    flagged: '您的充值正在处理中',
    pending: '充值待激活：下次在充值终端上刷此卡时生效',
    inDoubt: '待核查的纸币（收钞机卡钞）',
    inDoubtAdvice: '工作人员将核查该纸币；如已进入钱箱，其金额将充入您的卡。',
    checking: '充值已到账，一张纸币正在核查',
    nothingCredited: '未收取纸币，未向您的卡充值',
    reference: '查询编号：{reference}',
    advice: '如果 3 天内款项仍未到账，请拨打 {phone} 并提供此查询编号。',
    noChange: '不找零。',
    keep: '请保留收据：这是您的付款凭证。',
    support: '客服电话：{phone}',
    eReceipt: '电子收据：请扫描二维码'
  }
}
