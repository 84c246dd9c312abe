import type { Messages } from './en'
import service from './service/zh'

/** 简体中文。 */
export default {
  app: {
    title: '交通卡充值',
    connecting: '正在连接…',
    reconnecting: '连接已中断，正在重新连接…',
    resumed: '充值过程中终端已重新启动。现在正在完成充值：您支付的款项不会丢失。',
    language: '语言'
  },
  actions: {
    cancel: '取消',
    back: '返回',
    continue: '继续',
    confirm: '确认',
    done: '完成',
    retry: '重试',
    payAgain: '重试或换一种支付方式',
    startOver: '重新开始',
    moreTime: '延长时间'
  },
  keypad: {
    backspace: '删除',
    clear: '清空'
  },
  idle: {
    title: '为您的交通卡充值',
    subtitle: '可使用坚戈或外币纸币，也可使用银行卡支付，款项即时到账。',
    chooseLanguage: '请选择语言',
    start: '将卡片贴近读卡器，或轻触屏幕开始',
    terminal: '终端 {id}',
    support: '客服电话：{phone}',
    demo: '演示',
    demoNote: '演示模式：卡片和付款均非真实'
  },
  terminalInfo: {
    terminal: '终端编号',
    location: '地点',
    support: '客服电话'
  },
  outOfService: {
    title: '暂停服务',
    message: '目前无法办理任何付款。',
    advice: '请使用其他终端，或稍后再来。',
    closedByStaff: {
      title: '暂停服务',
      message: '工作人员正在维护本终端。',
      advice: '请使用其他终端，或稍后再来。'
    },
    stopped: {
      title: '终端已停止',
      message: '终端因故障停止运行，工作人员已收到通知。',
      advice: '已投入的款项均有记录，将会充入。请使用其他终端。'
    }
  },
  storageFailed: {
    title: '暂停服务',
    message: '终端目前无法记录付款，因此不收取任何款项。',
    returned: '您的 {note} 纸币已退回，请取走。',
    safe: '您投入的款项安全无虞：终端恢复服务后，将有 {amount} 充入您的卡。',
    credited: '{amount} 的充值已进入您的卡账户。',
    inDoubt: '待核查的纸币：{notes}',
    reference: '查询编号：{reference}',
    keep: '请拍照或记下查询编号和终端编号：如您无法等待，客服可凭此为您充值。',
    nothingTaken: '未收取任何款项。',
    advice: '请使用其他终端，或稍后再来。'
  },
  journalUntrusted: {
    title: '暂停服务',
    message: '工作人员正在检查本终端，暂不接受付款。',
    advice: '请使用其他终端，或稍后再来。'
  },
  card: {
    title: '请输入卡号的后 8 位数字',
    hint: '卡号印在卡片背面。您也可以将卡片贴近读卡器。',
    digits: '卡号后 8 位',
    typed: '已输入 {count}/8 位'
  },
  checkingCard: {
    title: '正在验证您的卡…',
    hint: '这需要几秒钟。'
  },
  cardReadError: {
    title: '无法读取卡片',
    message: '请将卡片平放在读卡器上，并保持片刻不动。',
    advice: '请重新刷卡，或输入卡号的后 8 位数字。',
    typeDigits: '输入卡号'
  },
  cardUnknown: {
    title: '未找到该卡',
    message: '未找到与这些数字匹配的卡。',
    advice: '请核对卡片背面的后 8 位数字后重试，或将卡片贴近读卡器。'
  },
  cardBlocked: {
    title: '此卡已被冻结',
    message: '已冻结的卡无法充值。',
    advice: '请联系发卡机构：{phone}。'
  },
  cardExpired: {
    title: '此卡已过期',
    message: '已过期的卡无法充值。',
    advice: '请到售票处换一张新卡。客服电话：{phone}。'
  },
  serviceUnavailable: {
    title: '服务暂时不可用',
    notCharged: '未收取任何款项。',
    advice: '请过几分钟再试，或使用其他终端。'
  },
  amount: {
    title: '您要充值多少？',
    card: '卡号',
    balance: '当前余额',
    presets: '选择金额',
    custom: '或输入其他金额',
    placeholder: '请输入金额',
    limits: '每次充值金额：{min} 至 {max}',
    cardMax: '此卡目前最多可充值 {max}',
    balanceCap: '卡内余额上限：{max}',
    pendingActivated: '您此前充值的 {amount} 现已在卡上生效',
    pendingWaiting: '此前充值的 {amount} 尚待写入：最后将卡片放在读卡器上时即会写入',
    presetReason: {
      belowMin: '低于最低金额 {min}',
      aboveMax: '超过最高金额 {max}',
      overBalanceCap: '此卡最多可充 {max}'
    },
    refusal: {
      belowMin: '金额太小。最低充值金额为 {min}。',
      aboveMax: '金额太大。最高充值金额为 {max}。',
      overBalanceCap: '此卡无法充值这么多：卡内余额不能超过 {cap}。最多可充值 {max}。'
    }
  },
  paymentMethod: {
    title: '请选择支付方式',
    amount: '充值金额',
    cash: '现金',
    cashHint: '坚戈及 {currencies} 纸币，不找零。',
    tengeHint: '坚戈纸币，不找零。',
    cashPreview: '汇率、手续费和赠送金额将在下一屏显示，放入第一张纸币前即可看到。',
    card: '银行卡',
    cardHint: '在屏幕下方的支付终端上支付',
    cardUnavailable: '此金额不可用：加上赠送金额后，卡内余额将超过 {cap}。',
    unavailable: '暂不可用',
    cashUnavailable: '暂不收取现金——请使用银行卡支付',
    cashUnavailableOnly: '暂不收取现金'
  },
  cashUnavailable: {
    stackerFull: '收钞机已满。',
    cassetteRemoved: '收钞机正在维护。',
    jam: '收钞机内卡有纸币，需由工作人员清除。'
  },
  cash: {
    title: '请放入纸币',
    hint: '请将纸币逐张放入纸币口。',
    amount: '充值金额',
    paid: '已付',
    remaining: '还需投入（含手续费）',
    fee: '手续费',
    bonus: '赠送金额',
    credited: '将充入卡内',
    gross: '折合坚戈',
    stacked: '已收纸币',
    noNotes: '尚未放入纸币',
    checking: '正在验钞…',
    returned: '您的 {note} 纸币已退回，请取回。',
    reason: {
      notAccepted: '此处不接受这种纸币。请使用下方列出的纸币。',
      amountReached: '金额已付足。请按“确认”为卡充值。',
      overMaxTopUp: '放入这张纸币会超过最高充值金额 {max}。请放入面额较小的纸币。',
      overBalanceCap: '放入这张纸币会使卡内余额超过 {cap}。请放入面额较小的纸币。',
      acceptorOff: '目前暂不收取纸币。',
      validatorBusy: '机器仍在验证另一张纸币。请逐张放入纸币。',
      cancelled: '充值已取消，因此纸币已退回。',
      escrowTimeout: '验钞时间过长，请重新放入。',
      counterfeit: '无法识别这张纸币（可能已损坏或为伪钞），请取回。',
      outOfService: '终端已暂停服务，因此纸币已退回。'
    },
    options: {
      start: '充值 {amount}，请按以下任一方式放入纸币',
      rest: '还需支付 {amount}：请按以下任一方式补足',
      done: '汇率',
      currency: '币种',
      notes: '可接受的面额',
      rate: '汇率',
      insert: '需放入',
      fee: '手续费',
      bonus: '赠送金额',
      credited: '将充入卡内'
    },
    quote: {
      time: '{time} 的汇率',
      validFor: '汇率保留 {time}',
      locked: '本次充值的汇率已锁定',
      loading: '正在获取汇率…',
      demo: '演示汇率，并非真实汇率'
    },
    accepts: '可接受的纸币',
    noChange: '不找零：您放入的每张纸币都会全额充入卡内',
    reached: '金额已付足。请按“确认”为卡充值。',
    safe: '您的钱很安全：请按“确认”完成充值',
    stopped: {
      title: '收钞机已停止工作',
      credited: '您已放入的纸币很安全，将全部充入卡内。请按“确认”完成充值。',
      nothingIn: '未收取任何款项。请使用银行卡支付，或使用其他终端。'
    }
  },
  money: {
    charged: '应付金额',
    fee: '手续费',
    bonus: '赠送金额',
    credited: '将充入卡内'
  },
  bankCard: {
    title: '银行卡支付',
    instruction: '请在屏幕下方的支付终端上挥卡、插卡或刷卡',
    follow: '请按照终端上的提示操作，如有要求请输入密码。',
    waiting: '正在等待支付终端响应…',
    cancelHint: '如需取消，请按支付终端上的红色按键。'
  },
  bankCardDeclined: {
    title: '银行卡支付未成功',
    reason: {
      insufficientFunds: '银行拒绝了付款：卡内余额不足。',
      cardNotSupported: '此支付终端不支持这张卡。',
      wrongPin: '密码错误。',
      cancelledByCustomer: '付款已在支付终端上取消。',
      unknown: '银行拒绝了付款。'
    },
    notCharged: '您的银行卡未被扣款。',
    advice: '您可以重试、换一张卡或使用现金支付。'
  },
  bankCardTimeout: {
    title: '支付终端无响应',
    notCharged: '您的银行卡未被扣款。',
    advice: '您可以重试或换一种方式支付。客服电话：{phone}。'
  },
  crediting: {
    title: '正在为您的卡充值…',
    hint: '请勿移开卡片',
    amount: '{amount} 充入卡 {card}'
  },
  billJam: {
    title: '纸币卡在了收钞机中',
    inDoubt: '待核查的纸币',
    staff: '工作人员将核查该纸币。如已进入钱箱，其金额将充入您的卡。',
    stacked: '此前收入的纸币安全无虞：将有 {amount} 充入您的卡。',
    nothingStacked: '未收取其他款项。',
    reference: '查询编号：{reference}',
    keep: '请拍照或记下查询编号和终端编号：联系客服时需要提供。'
  },
  cardWrite: {
    waiting: '请将卡片放在读卡器上，不要移开',
    writing: '正在将 {amount} 写入您的卡片——请勿将卡片移开读卡器',
    written: '{amount} 已写入您的卡片',
    failed: '充值未能写入卡片',
    credited: '{amount} 已充入卡 {card}，现在将写入卡片。',
    wrongCard: '这是另一张卡——请放上您正在充值的卡片',
    readError: '无法读取卡片——请重新放置',
    pulled: '请将卡片放回读卡器以完成写入——您还有 {seconds} 秒',
    later: '稍后',
    laterNote: '卡不在身边？您的钱是安全的：充值已入账，下次在充值机上刷此卡时生效。',
    failedAdvice: '您的钱款安全无虞：下次在充值终端上刷此卡时，充值即会生效。',
    activation: {
      lead: '此前的充值已入账，但尚未写入此卡。',
      waiting: '请将卡片放在读卡器上，以激活此前充值的 {amount}',
      writing: '正在将此前充值的 {amount} 写入您的卡片——请勿将卡片移开读卡器'
    }
  },
  receipt: {
    title: '收据',
    issuer: '发卡机构',
    bin: '商业识别号：{bin}',
    terminal: '终端',
    location: '地点',
    transaction: '交易号',
    time: '日期和时间',
    card: '卡号',
    notes: '放入的纸币',
    rates: '{time} 的汇率',
    noChange: '不找零',
    cardPayment: '银行卡支付 {pan}，授权码 {code}',
    charged: '扣款金额',
    gross: '已付金额',
    fee: '手续费',
    bonus: '赠送金额',
    credited: '已充入卡内',
    balanceBefore: '充值前余额',
    balanceAfter: '充值后余额',
    newBalance: '新余额',
    balanceAtNextTap: '下次刷卡后的余额',
    creditedNow: '已充入您的卡',
    support: '客服电话：{phone}',
    keep: '请保留收据：这是您的付款凭证。',
    processingTitle: '您的充值正在处理中',
    reference: '查询编号：{reference}',
    processingAdvice: '请保留此收据。如果 3 天内款项仍未到账，请拨打 {phone} 并提供此查询编号。',
    processing: '处理中',
    completedTitle: '充值成功',
    pendingTitle: '充值已入账：下次刷卡时生效',
    pendingAdvice: '充值尚未写入卡片。下次在充值终端上刷此卡时即会生效。请保留此收据。',
    inDoubtTitle: '纸币正在核查中',
    inDoubtNotes: '待核查的纸币：{notes}',
    inDoubtAdvice: '工作人员将核查该纸币；如已进入钱箱，其金额将充入您的卡。如有疑问，请拨打 {phone} 并提供查询编号。',
    // A jam on the first note: nothing stacked, so nothing was credited; the note is checked.
    nothingCreditedTitle: '未收取纸币，未充值',
    // After a power cut the kiosk could not tell which card the top-up was for.
    cardUnknown: '无法识别您的卡',
    cardUnknownAdvice: '请保留此收据。请拨打 {phone} 并提供此查询编号：工作人员将找到这笔充值并充入您的卡。',
    printing: '正在打印收据…',
    printed: '请取走收据',
    notPrinted: '打印机无法打印您的收据。',
    scanQr: '扫码保存电子收据',
    reprint: '工作人员可为您补打收据：查询编号 {reference}'
  },
  thankYou: {
    title: '谢谢！',
    message: '您的卡已充值成功。',
    balance: '新余额：{amount}',
    goodbye: '祝您旅途愉快！',
    processing: '您的充值正在处理中。',
    pending: '下次在充值终端上刷卡时，充值即会生效。',
    keep: '请保留收据：客服需要上面的查询编号。'
  },
  cancelQuestion: {
    title: '取消充值？',
    balanceStays: '尚未付款：您的卡余额仍为 {balance}。',
    noteReturned: '入钞口中的纸币（{note}）将退还。',
    keepGoing: '继续',
    cancel: '取消充值'
  },
  warning: {
    title: '您需要更多时间吗？',
    message: '本次操作即将结束，屏幕将返回首页。',
    completeMessage: '您的钱很安全：如不操作，系统将按已放入的金额完成充值并打印收据。',
    timeLeft: '剩余时间',
    seconds: '{n} 秒'
  },
  training: {
    ribbon: '培训：本终端上的付款并非真实付款'
  },
  service
} satisfies Messages
