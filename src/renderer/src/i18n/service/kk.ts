import type service from './en'

/** Қазақша: сервистік режимнің мәтіндері. */
export default {
  outOfService: {
    title: 'Терминал уақытша жұмыс істемейді',
    message: 'Терминалға қызметкерлер қызмет көрсетуде. Басқа терминалды пайдаланыңыз немесе кейінірек келіңіз.'
  },
  staff: 'Сервистік режим',
  role: { collector: 'Инкассатор', technician: 'Техник маман', administrator: 'Әкімші' },
  training: 'ОҚУ РЕЖИМІ',
  menuButton: 'Мәзір',
  logout: 'Шығу',
  loading: 'Бет жүктелуде…',
  confirm: 'Иә, орындау',
  keep: 'Жоқ, артқа',
  pin: {
    title: 'ПИН-кодыңызды енгізіңіз',
    entered: 'Енгізілген цифрлар: {count}',
    wrong: 'ПИН-код қате: бұғатталғанға дейін қалған әрекет саны: {n}',
    submit: 'Кіру',
    cancel: 'Болдырмау'
  },
  locked: {
    title: 'ПИН-код енгізу бұғатталған',
    message: 'Қате ПИН-код тым көп рет енгізілді.',
    until: 'Кіру {time} уақытта қайта ашылады',
    left: 'Қалған уақыт: {time}',
    cancel: 'Жабу'
  },
  menu: {
    title: 'Сервистік мәзір',
    page: { collection: 'Инкассация', reports: 'Есептер мен түбіртектер', journal: 'Журнал', claims: 'Шағымдар', devices: 'Құрылғылар', settings: 'Баптаулар' }
  },
  device: { printer: 'Түбіртек принтері', billValidator: 'Банкнот қабылдағыш', cardReader: 'Карта оқу құрылғысы' },
  section: { rates: 'Валюта бағамдары', limits: 'Шектеулер', fee: 'Комиссиялар', bonus: 'Бонус деңгейлері', pins: 'ПИН-кодтар' },
  notice: {
    recountRecorded: '№ {number} инкассацияның қайта санағы жазылды.',
    shortage: 'Жетіспеушілік: {notes}',
    surplus: 'Артық: {notes}',
    balanced: 'Жетіспеушілік те, артық та жоқ.',
    reportPrinted: '{report} есебі № {number} басып шығарылды.',
    collectionPrinted: '№ {number} инкассация есебі басып шығарылды.',
    receiptReprinted: '{id} түбіртегі қайта басып шығарылды.',
    testPassed: '{device}: тексеруден өтті. {detail}',
    testFailed: '{device}: тексеруден өтпеді. {detail}',
    settingsChanged: '{section}: сақталды, келесі бағам белгілеуден бастап қолданылады.',
    credited: '{id} транзакциясы картаға есептелді.',
    refunded: '{id} транзакциясы бойынша қайтару жазылды.',
    outOfServiceOn: 'Терминал жұмыстан шығарылды: {reason}',
    outOfServiceOff: 'Терминал қайта жұмыс істейді.',
    trainingOn: 'Оқу режимі қосулы.',
    trainingOff: 'Оқу режимі өшірулі.',
    journalExported: 'Жазбалар шығарылды: {records}, файл {file}.'
  },
  counters: {
    note: 'Банкнот',
    sinceCollection: 'Соңғы инкассациядан бері',
    lifetime: 'Барлық уақытта',
    count: 'Саны',
    sum: 'Сомасы',
    none: 'Банкнот жоқ'
  },
  collection: {
    title: 'Инкассация',
    cassetteOut: 'Кассета алынған: инкассацияны аяқтау үшін оны орнына салыңыз.',
    history: 'Инкассациялар',
    number: '№',
    period: 'Алынды – салынды',
    expected: 'Күтілген',
    counted: 'Саналған',
    shortage: 'Жетіспеушілік',
    surplus: 'Артық',
    notCounted: 'Әлі қайта саналмаған',
    none: 'Инкассация әлі болған жоқ.',
    reprint: '№ {number} есепті басып шығару',
    recount: {
      title: '№ {number} инкассацияның қайта санағы',
      hint: 'Санаған банкноттарыңызды номинал бойынша енгізіңіз.',
      less: 'Біреуге кем',
      more: 'Біреуге көп',
      add: 'Номинал қосу',
      submit: 'Қайта санақты жазу'
    }
  },
  reports: {
    title: 'Есептер мен түбіртектер',
    period: '{from} бастап ашық кезең',
    cardPayments: 'Банк картасымен төлемдер',
    topUps: 'Толтырулар',
    flagged: 'Тексерудегі транзакциялар',
    inDoubt: 'Күмәнді банкноттар',
    countAmount: '{count} дана, {amount}',
    print: '{report} есебін басып шығару',
    close: 'Кезеңді жабу: {report} есебі',
    closeConfirm: '{report} есебі кезеңді жауып, жаңасын ашады. Қазір басып шығару керек пе?',
    history: 'Есептер',
    kind: { X: '{report} есебі', Z: '{report} есебі', collection: 'Инкассация' },
    noReports: 'Есеп әлі жоқ.',
    receipts: 'Кезеңнің түбіртектері',
    noReceipts: 'Бұл кезеңде түбіртек жоқ.',
    reprint: 'Қайта басып шығару',
    transaction: 'Транзакция',
    time: 'Уақыты',
    card: 'Карта',
    credited: 'Есептелді'
  },
  journal: {
    title: 'Журнал',
    from: 'Бастап',
    to: 'Дейін',
    kind: 'Түрі',
    allKinds: 'Барлық түрлері',
    transaction: 'Транзакция',
    card: 'Карта (соңғы цифрлары)',
    search: 'Іздеу',
    more: 'Ертерек жазбаларды көрсету',
    export: '{format} түрінде жүктеу',
    shown: '{total} жазбаның {shown}',
    seq: '№',
    time: 'Уақыты',
    summary: 'Жазба',
    none: 'Сәйкес жазба жоқ.'
  },
  claims: {
    title: 'Шағымдар',
    none: 'Тексерудегі транзакция жоқ.',
    reasons: 'Тексеру себебі',
    amount: 'Сомасы',
    card: 'Карта',
    unknown: 'Белгісіз',
    credit: 'Картаға есептеу',
    refund: 'Қайтаруды жазу',
    confirmCredit: '{id} транзакциясы бойынша картаға есептеу керек пе?',
    confirmRefund: '{id} транзакциясының ақшасы клиентке қайтарылды деп жазу керек пе?',
    note: 'Ескертпе (міндетті емес)',
    resolved: { credited: 'Есептелді', refunded: 'Қайтарылды' },
    reason: {
      noteInDoubt: 'Банкнот кептеліп қалды: оның кассетаға түскенін тексеріңіз',
      creditOutcomeUnknown: 'Процессинг есептеуді растамады',
      creditConflict: 'Процессинг сол кілтке басқаша жауап берді',
      interrupted: 'Толтыру кезінде терминал қайта іске қосылды'
    }
  },
  devices: {
    title: 'Құрылғылар',
    working: 'Жұмыс істеп тұр',
    states: {
      billValidator: {
        disabled: 'қазір банкнот қабылдамайды',
        idle: 'банкнот қабылдайды',
        escrowed: 'банкнот ұсталып тұр',
        stacking: 'банкнотты салып жатыр',
        returning: 'банкнотты қайтарып жатыр',
        jammed: 'кептеліп қалды'
      },
      cardReader: { empty: 'дайын, карта жоқ', present: 'карта оқу құрылғысында', writing: 'картаға жазып жатыр', readError: 'карталарды оқи алмайды' }
    },
    test: 'Тексеру',
    fault: { paperLow: 'Қағаз таусылып барады', paperOut: 'Қағаз жоқ', jam: 'Кептеліп қалды', stackerFull: 'Жинағыш толы', cassetteRemoved: 'Кассета алынған' },
    outOfService: 'Жұмыстан шығару',
    inService: 'Терминал жұмыс істеп тұр.',
    closed: 'Жұмыстан шығарылған: {reason}',
    reason: 'Себебі',
    takeOut: 'Жұмыстан шығару',
    backIn: 'Жұмысқа қайтару'
  },
  settings: {
    title: 'Баптаулар',
    save: 'Сақтау',
    rate: '{currency}, бір бірлігі үшін теңге',
    limits: { minTopUpKzt: 'Ең аз толтыру, ₸', maxTopUpKzt: 'Ең көп толтыру, ₸', maxBalanceKzt: 'Картаның ең көп балансы, ₸' },
    fees: { cashKzt: 'Қолма-қол теңге', cashForeign: 'Шетел валютасы', bankCard: 'Банк картасы' },
    percent: 'Пайыз',
    minKzt: 'Кемінде, ₸',
    fromKzt: 'Бастап, ₸',
    maxKzt: 'Бонус ең көбі, ₸',
    addTier: 'Деңгей қосу',
    removeTier: 'Жою',
    pin: 'Жаңа ПИН-код: {role}',
    hasPin: 'ПИН-код орнатылған',
    noPin: 'ПИН-код жоқ',
    wholeNumber: '{field}: теңгенің бүтін саны керек',
    pinDigits: '{field}: 4-тен 8-ге дейін цифр керек',
    training: 'Оқу режимі',
    trainingOn: 'Оқу режимін қосу',
    trainingOff: 'Оқу режимін өшіру'
  }
} satisfies typeof service
