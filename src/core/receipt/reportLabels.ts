/**
 * The words of the staff reports (X, Z and cash collection) in the kiosk's four languages.
 * `{name}` placeholders are filled by the report builder (./reportDocument).
 */
import type { FlagReason } from '../domain/journalRecords'
import type { Language } from '../protocol'

export interface ReportLabels {
  xTitle: string
  zTitle: string
  collectionTitle: string
  /** The report's number: `{number}`. */
  number: string
  copy: string
  terminal: string
  cassette: string
  periodFrom: string
  periodTo: string
  removedAt: string
  replacedAt: string
  /** An X report: the period goes on; a Z report: it is closed. */
  periodOpen: string
  periodClosed: string
  /** Heading of the notes taken in the period (shift reports). */
  cashTaken: string
  /** Heading of the notes in the cassette (collection report). */
  cashInCassette: string
  /** `{currency}` */
  total: string
  noNotes: string
  cashCredited: string
  /** `{count}` in each. */
  topUps: string
  cardPayments: string
  resolvedCredited: string
  resolvedRefunded: string
  flagged: string
  notesInDoubt: string
  none: string
  reasons: Record<FlagReason, string>
  resolution: { credited: string; refunded: string; open: string }
  amountUnknown: string
  /** `{count}` */
  trainingExcluded: string
  trainingNotes: string
  recount: string
  counted: string
  shortage: string
  surplus: string
  notRecounted: string
  recountAgrees: string
  collector: string
  witness: string
  signature: string
  /** Headings of the archive's history pages. */
  collectionHistory: string
  shiftHistory: string
}

export const REPORT_LABELS: Record<Language, ReportLabels> = {
  kk: {
    xTitle: 'X-есеп',
    zTitle: 'Z-есеп',
    collectionTitle: 'Инкассация есебі',
    number: '№ {number}',
    copy: 'КӨШІРМЕ',
    terminal: 'Терминал',
    cassette: 'Кассета',
    periodFrom: 'Кезең басы',
    periodTo: 'Кезең соңы',
    removedAt: 'Кассета алынды',
    replacedAt: 'Кассета орнатылды',
    periodOpen: 'Кезең жабылмаған',
    periodClosed: 'Кезең жабылды',
    cashTaken: 'Қабылданған банкноттар',
    cashInCassette: 'Кассетадағы банкноттар',
    total: 'Барлығы {currency}',
    noNotes: 'Банкнот жоқ',
    cashCredited: 'Қолма-қол ақшаға есептелді',
    topUps: 'Есептелген толтырулар ({count})',
    cardPayments: 'Банк картасымен төлемдер ({count})',
    resolvedCredited: 'Қызметкер есептеді ({count})',
    resolvedRefunded: 'Қызметкер қайтарды ({count})',
    flagged: 'Белгіленген операциялар ({count})',
    notesInDoubt: 'Тексерілетін банкноттар',
    none: 'жоқ',
    reasons: {
      noteInDoubt: 'банкнот тексерілуде',
      creditOutcomeUnknown: 'есептеу нәтижесі белгісіз',
      creditConflict: 'есептеу қайшылығы',
      interrupted: 'операция үзілді'
    },
    resolution: { credited: 'есептелді', refunded: 'қайтарылды', open: 'шешілмеген' },
    amountUnknown: 'сома белгісіз',
    trainingExcluded: 'Оқу операциялары есепке алынбады: {count}',
    trainingNotes: 'Оның ішінде оқу банкноттары',
    recount: 'Қайта санау',
    counted: 'Саналды',
    shortage: 'Жетіспеушілік',
    surplus: 'Артықшылық',
    notRecounted: 'Қайта санау әлі енгізілмеген',
    recountAgrees: 'Айырмашылық жоқ',
    collector: 'Инкассатор',
    witness: 'Куә',
    signature: 'қолы',
    collectionHistory: 'Инкассациялар тарихы',
    shiftHistory: 'Ауысым есептері'
  },
  ru: {
    xTitle: 'X-отчёт',
    zTitle: 'Z-отчёт',
    collectionTitle: 'Акт инкассации',
    number: '№ {number}',
    copy: 'КОПИЯ',
    terminal: 'Терминал',
    cassette: 'Кассета',
    periodFrom: 'Период с',
    periodTo: 'Период по',
    removedAt: 'Кассета извлечена',
    replacedAt: 'Кассета установлена',
    periodOpen: 'Период не закрыт',
    periodClosed: 'Период закрыт',
    cashTaken: 'Принятые купюры',
    cashInCassette: 'Купюры в кассете',
    total: 'Итого {currency}',
    noNotes: 'Купюр нет',
    cashCredited: 'Зачислено за наличные',
    topUps: 'Зачислено пополнений ({count})',
    cardPayments: 'Оплаты банковской картой ({count})',
    resolvedCredited: 'Зачислено сотрудником ({count})',
    resolvedRefunded: 'Возвращено сотрудником ({count})',
    flagged: 'Отмеченные операции ({count})',
    notesInDoubt: 'Купюры на проверке',
    none: 'нет',
    reasons: {
      noteInDoubt: 'купюра на проверке',
      creditOutcomeUnknown: 'исход зачисления неизвестен',
      creditConflict: 'конфликт зачисления',
      interrupted: 'операция прервана'
    },
    resolution: { credited: 'зачислено', refunded: 'возвращено', open: 'не решено' },
    amountUnknown: 'сумма неизвестна',
    trainingExcluded: 'Учебные операции не учтены: {count}',
    trainingNotes: 'В том числе учебные купюры',
    recount: 'Пересчёт',
    counted: 'Пересчитано',
    shortage: 'Недостача',
    surplus: 'Излишек',
    notRecounted: 'Пересчёт ещё не введён',
    recountAgrees: 'Расхождений нет',
    collector: 'Инкассатор',
    witness: 'Свидетель',
    signature: 'подпись',
    collectionHistory: 'История инкассаций',
    shiftHistory: 'Сменные отчёты'
  },
  en: {
    xTitle: 'X report',
    zTitle: 'Z report',
    collectionTitle: 'Cash collection report',
    number: 'No. {number}',
    copy: 'COPY',
    terminal: 'Terminal',
    cassette: 'Cassette',
    periodFrom: 'Period from',
    periodTo: 'Period to',
    removedAt: 'Cassette removed',
    replacedAt: 'Cassette replaced',
    periodOpen: 'Period still open',
    periodClosed: 'Period closed',
    cashTaken: 'Notes taken',
    cashInCassette: 'Notes in the cassette',
    total: 'Total {currency}',
    noNotes: 'No notes',
    cashCredited: 'Tenge credited for cash',
    topUps: 'Top-ups credited ({count})',
    cardPayments: 'Bank-card payments ({count})',
    resolvedCredited: 'Credited by staff ({count})',
    resolvedRefunded: 'Refunded by staff ({count})',
    flagged: 'Flagged transactions ({count})',
    notesInDoubt: 'Notes in doubt',
    none: 'none',
    reasons: {
      noteInDoubt: 'note in doubt',
      creditOutcomeUnknown: 'credit outcome unknown',
      creditConflict: 'credit conflict',
      interrupted: 'interrupted'
    },
    resolution: { credited: 'credited', refunded: 'refunded', open: 'open' },
    amountUnknown: 'amount unknown',
    trainingExcluded: 'Training transactions left out: {count}',
    trainingNotes: 'Of which training notes',
    recount: 'Recount',
    counted: 'Counted',
    shortage: 'Shortage',
    surplus: 'Surplus',
    notRecounted: 'Recount not entered yet',
    recountAgrees: 'No difference',
    collector: 'Collector',
    witness: 'Witness',
    signature: 'signature',
    collectionHistory: 'Collection history',
    shiftHistory: 'Shift reports'
  },
  zh: {
    xTitle: 'X报表',
    zTitle: 'Z报表',
    collectionTitle: '现金清机报告',
    number: '第 {number} 号',
    copy: '副本',
    terminal: '终端号',
    cassette: '钞箱',
    periodFrom: '期间开始',
    periodTo: '期间结束',
    removedAt: '钞箱取出',
    replacedAt: '钞箱装回',
    periodOpen: '期间未关闭',
    periodClosed: '期间已关闭',
    cashTaken: '收取的纸币',
    cashInCassette: '钞箱内纸币',
    total: '{currency}合计',
    noNotes: '无纸币',
    cashCredited: '现金充值金额',
    topUps: '已到账充值（{count}笔）',
    cardPayments: '银行卡支付（{count}笔）',
    resolvedCredited: '工作人员补充值（{count}笔）',
    resolvedRefunded: '工作人员退款（{count}笔）',
    flagged: '标记的交易（{count}笔）',
    notesInDoubt: '待核查纸币',
    none: '无',
    reasons: {
      noteInDoubt: '纸币待核查',
      creditOutcomeUnknown: '充值结果未知',
      creditConflict: '充值冲突',
      interrupted: '交易中断'
    },
    resolution: { credited: '已充值', refunded: '已退款', open: '未处理' },
    amountUnknown: '金额未知',
    trainingExcluded: '未计入的培训交易：{count}',
    trainingNotes: '其中培训纸币',
    recount: '复点',
    counted: '清点结果',
    shortage: '短款',
    surplus: '长款',
    notRecounted: '尚未录入复点结果',
    recountAgrees: '无差异',
    collector: '清机员',
    witness: '见证人',
    signature: '签名',
    collectionHistory: '清机记录',
    shiftHistory: '班次报表'
  }
}
