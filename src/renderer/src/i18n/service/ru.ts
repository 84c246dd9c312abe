import type service from './en'

/** Русский: тексты сервисного режима. */
export default {
  outOfService: {
    title: 'Терминал временно не работает',
    message: 'Сотрудники обслуживают терминал. Пожалуйста, воспользуйтесь другим терминалом или зайдите позже.'
  },
  staff: 'Сервисный режим',
  role: { collector: 'Инкассатор', technician: 'Техник', administrator: 'Администратор' },
  training: 'ОБУЧЕНИЕ',
  menuButton: 'Меню',
  logout: 'Выйти',
  loading: 'Страница загружается…',
  confirm: 'Да, выполнить',
  keep: 'Нет, назад',
  pin: {
    title: 'Введите ПИН-код',
    entered: 'Введено цифр: {count}',
    wrong: 'Неверный ПИН-код: осталось попыток до блокировки: {n}',
    submit: 'Войти',
    cancel: 'Отмена'
  },
  locked: {
    title: 'Ввод ПИН-кода заблокирован',
    message: 'Слишком много неверных ПИН-кодов.',
    until: 'Вход снова откроется в {time}',
    left: 'Осталось: {time}',
    cancel: 'Закрыть'
  },
  menu: {
    title: 'Сервисное меню',
    page: { collection: 'Инкассация', reports: 'Отчёты и чеки', journal: 'Журнал', claims: 'Претензии', devices: 'Устройства', settings: 'Настройки' }
  },
  device: { printer: 'Чековый принтер', billValidator: 'Купюроприёмник', cardReader: 'Считыватель карт' },
  section: { rates: 'Курсы валют', limits: 'Лимиты', fee: 'Комиссии', bonus: 'Бонусные уровни', pins: 'ПИН-коды' },
  notice: {
    recountRecorded: 'Пересчёт инкассации № {number} записан.',
    shortage: 'Недостача: {notes}',
    surplus: 'Излишек: {notes}',
    balanced: 'Ни недостачи, ни излишка.',
    reportPrinted: 'Отчёт {report} № {number} напечатан.',
    collectionPrinted: 'Отчёт об инкассации № {number} напечатан.',
    receiptReprinted: 'Чек {id} напечатан повторно.',
    testPassed: '{device}: проверка пройдена. {detail}',
    testFailed: '{device}: проверка не пройдена. {detail}',
    settingsChanged: '{section}: сохранено, действует со следующей котировки.',
    credited: 'Транзакция {id} зачислена на карту.',
    refunded: 'Возврат по транзакции {id} записан.',
    outOfServiceOn: 'Терминал выведен из работы: {reason}',
    outOfServiceOff: 'Терминал снова работает.',
    trainingOn: 'Режим обучения включён.',
    trainingOff: 'Режим обучения выключен.',
    journalExported: 'Выгружено записей: {records}, файл {file}.'
  },
  counters: {
    note: 'Купюра',
    sinceCollection: 'С последней инкассации',
    lifetime: 'За всё время',
    count: 'Кол-во',
    sum: 'Сумма',
    none: 'Купюр нет'
  },
  collection: {
    title: 'Инкассация',
    cassetteOut: 'Кассета извлечена: вставьте её, чтобы завершить инкассацию.',
    history: 'Инкассации',
    number: '№',
    period: 'Извлечена – вставлена',
    expected: 'Ожидалось',
    counted: 'Пересчитано',
    shortage: 'Недостача',
    surplus: 'Излишек',
    notCounted: 'Ещё не пересчитана',
    none: 'Инкассаций ещё не было.',
    reprint: 'Печать отчёта № {number}',
    recount: {
      title: 'Пересчёт инкассации № {number}',
      hint: 'Введите пересчитанные купюры по номиналам.',
      less: 'На одну меньше',
      more: 'На одну больше',
      add: 'Добавить номинал',
      submit: 'Записать пересчёт'
    }
  },
  reports: {
    title: 'Отчёты и чеки',
    period: 'Открытый период с {from}',
    cardPayments: 'Оплаты банковской картой',
    topUps: 'Пополнения',
    flagged: 'Транзакции на проверке',
    inDoubt: 'Спорные купюры',
    countAmount: '{count} шт. на {amount}',
    print: 'Печать отчёта {report}',
    close: 'Закрыть период: отчёт {report}',
    closeConfirm: 'Отчёт {report} закрывает период и открывает новый. Напечатать его сейчас?',
    history: 'Отчёты',
    kind: { X: 'Отчёт {report}', Z: 'Отчёт {report}', collection: 'Инкассация' },
    noReports: 'Отчётов ещё нет.',
    receipts: 'Чеки за период',
    noReceipts: 'За этот период чеков нет.',
    reprint: 'Напечатать снова',
    transaction: 'Транзакция',
    time: 'Время',
    card: 'Карта',
    credited: 'Зачислено'
  },
  journal: {
    title: 'Журнал',
    from: 'С',
    to: 'По',
    kind: 'Тип',
    allKinds: 'Все типы',
    transaction: 'Транзакция',
    card: 'Карта (последние цифры)',
    search: 'Найти',
    more: 'Показать более ранние',
    export: 'Выгрузить {format}',
    shown: '{shown} из {total} записей',
    seq: '№',
    time: 'Время',
    summary: 'Запись',
    none: 'Подходящих записей нет.'
  },
  claims: {
    title: 'Претензии',
    none: 'Транзакций на проверке нет.',
    reasons: 'Причина проверки',
    amount: 'Сумма',
    card: 'Карта',
    unknown: 'Неизвестно',
    credit: 'Зачислить на карту',
    refund: 'Записать возврат',
    confirmCredit: 'Зачислить на карту по транзакции {id}?',
    confirmRefund: 'Записать, что деньги по транзакции {id} возвращены клиенту?',
    note: 'Примечание (необязательно)',
    resolved: { credited: 'Зачислено', refunded: 'Возвращено' },
    reason: {
      noteInDoubt: 'Купюра застряла: проверьте, попала ли она в кассету',
      creditOutcomeUnknown: 'Процессинг не подтвердил зачисление',
      creditConflict: 'Процессинг ответил иначе на тот же ключ',
      interrupted: 'Терминал перезапустился во время пополнения'
    }
  },
  devices: {
    title: 'Устройства',
    working: 'Работает',
    states: {
      billValidator: {
        disabled: 'сейчас не принимает купюры',
        idle: 'принимает купюры',
        escrowed: 'купюра на удержании',
        stacking: 'укладывает купюру',
        returning: 'возвращает купюру',
        jammed: 'замятие'
      },
      cardReader: { empty: 'готов, карты нет', present: 'карта на считывателе', writing: 'запись на карту', readError: 'не читает карты' }
    },
    test: 'Проверить',
    fault: { paperLow: 'Бумага заканчивается', paperOut: 'Нет бумаги', jam: 'Замятие', stackerFull: 'Накопитель полон', cassetteRemoved: 'Кассета извлечена' },
    outOfService: 'Вывод из работы',
    inService: 'Терминал работает.',
    closed: 'Выведен из работы: {reason}',
    reason: 'Причина',
    takeOut: 'Вывести из работы',
    backIn: 'Вернуть в работу'
  },
  settings: {
    title: 'Настройки',
    save: 'Сохранить',
    rate: '{currency}, тенге за единицу',
    limits: { minTopUpKzt: 'Наименьшее пополнение, ₸', maxTopUpKzt: 'Наибольшее пополнение, ₸', maxBalanceKzt: 'Наибольший баланс карты, ₸' },
    fees: { cashKzt: 'Наличные тенге', cashForeign: 'Иностранная валюта', bankCard: 'Банковская карта' },
    percent: 'Процент',
    minKzt: 'Не менее, ₸',
    fromKzt: 'От, ₸',
    maxKzt: 'Бонус не более, ₸',
    addTier: 'Добавить уровень',
    removeTier: 'Удалить',
    pin: 'Новый ПИН-код: {role}',
    hasPin: 'ПИН-код задан',
    noPin: 'ПИН-кода нет',
    wholeNumber: '{field}: нужно целое число тенге',
    pinDigits: '{field}: нужно от 4 до 8 цифр',
    training: 'Режим обучения',
    trainingOn: 'Включить обучение',
    trainingOff: 'Выключить обучение'
  }
} satisfies typeof service
