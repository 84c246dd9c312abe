import type service from './en'

/** 简体中文：维护模式的文字。 */
export default {
  outOfService: {
    title: '暂停服务',
    message: '工作人员正在维护本终端。请使用其他终端，或稍后再来。'
  },
  staff: '维护模式',
  role: { collector: '收款员', technician: '技术员', administrator: '管理员' },
  training: '培训',
  menuButton: '菜单',
  logout: '退出登录',
  loading: '正在加载页面…',
  confirm: '是，执行',
  keep: '否，返回',
  pin: {
    title: '请输入密码',
    entered: '已输入 {count} 位数字',
    wrong: '密码错误：锁定前还可尝试 {n} 次',
    submit: '登录',
    cancel: '取消'
  },
  locked: {
    title: '密码输入已锁定',
    message: '输入错误密码的次数过多。',
    until: '将于 {time} 重新开放登录',
    left: '剩余时间：{time}',
    cancel: '关闭'
  },
  menu: {
    title: '维护菜单',
    page: { collection: '现金清机', reports: '报表与收据', journal: '日志', claims: '客户申诉', devices: '设备', settings: '设置' }
  },
  device: { printer: '收据打印机', billValidator: '纸币识别器', cardReader: '读卡器' },
  section: { rates: '汇率', limits: '限额', fee: '手续费', bonus: '奖励档位', pins: '密码' },
  notice: {
    recountRecorded: '第 {number} 次清机的复点结果已记录。',
    shortage: '短款：{notes}',
    surplus: '长款：{notes}',
    balanced: '无短款，无长款。',
    reportPrinted: '{report} 报表第 {number} 号已打印。',
    collectionPrinted: '第 {number} 号清机报表已打印。',
    receiptReprinted: '收据 {id} 已重新打印。',
    testPassed: '{device}：测试通过。{detail}',
    testFailed: '{device}：测试未通过。{detail}',
    settingsChanged: '{section}已保存，自下一次报价起生效。',
    credited: '交易 {id} 已充入卡内。',
    refunded: '交易 {id} 的退款已记录。',
    outOfServiceOn: '终端已停止服务：{reason}',
    outOfServiceOff: '终端已恢复服务。',
    trainingOn: '培训模式已开启。',
    trainingOff: '培训模式已关闭。',
    journalExported: '已导出 {records} 条记录，文件 {file}。'
  },
  counters: {
    note: '纸币',
    sinceCollection: '自上次清机以来',
    lifetime: '累计',
    count: '张数',
    sum: '金额',
    none: '没有纸币'
  },
  collection: {
    title: '现金清机',
    cassetteOut: '钱箱已取出：请装回钱箱以完成清机。',
    history: '清机记录',
    number: '编号',
    period: '取出 – 装回',
    expected: '应有',
    counted: '实点',
    shortage: '短款',
    surplus: '长款',
    notCounted: '尚未复点',
    none: '尚无清机记录。',
    reprint: '打印第 {number} 号报表',
    recount: {
      title: '第 {number} 次清机复点',
      hint: '请按面额输入您清点的纸币张数。',
      less: '减一张',
      more: '加一张',
      add: '添加面额',
      submit: '记录复点结果'
    }
  },
  reports: {
    title: '报表与收据',
    period: '自 {from} 起的当前周期',
    cardPayments: '银行卡付款',
    topUps: '充值',
    flagged: '待核查交易',
    inDoubt: '存疑纸币',
    countAmount: '{count} 笔：{amount}',
    print: '打印 {report} 报表',
    close: '结束周期：{report} 报表',
    closeConfirm: '{report} 报表将结束当前周期并开始新周期。现在打印吗？',
    history: '报表',
    kind: { X: '{report} 报表', Z: '{report} 报表', collection: '清机' },
    noReports: '尚无报表。',
    receipts: '本周期的收据',
    noReceipts: '本周期没有收据。',
    reprint: '重新打印',
    transaction: '交易',
    time: '时间',
    card: '卡',
    credited: '已充值'
  },
  journal: {
    title: '日志',
    from: '起始',
    to: '截止',
    kind: '类型',
    allKinds: '全部类型',
    transaction: '交易',
    card: '卡号（后几位）',
    search: '查询',
    more: '显示更早的记录',
    export: '导出 {format}',
    shown: '共 {total} 条记录，显示 {shown} 条',
    seq: '序号',
    time: '时间',
    summary: '记录',
    none: '没有符合条件的记录。'
  },
  claims: {
    title: '客户申诉',
    none: '没有待核查的交易。',
    reasons: '核查原因',
    amount: '金额',
    card: '卡',
    unknown: '未知',
    credit: '充入卡内',
    refund: '记录退款',
    confirmCredit: '为交易 {id} 充值到卡内吗？',
    confirmRefund: '记录交易 {id} 的款项已退还给客户吗？',
    note: '备注（可选）',
    resolved: { credited: '已充值', refunded: '已退款' },
    reason: {
      noteInDoubt: '纸币卡住：请检查它是否进入了钱箱',
      creditOutcomeUnknown: '主机未确认充值',
      creditConflict: '主机对同一密钥给出了不同的答复',
      interrupted: '充值过程中终端重新启动'
    }
  },
  devices: {
    title: '设备',
    working: '正常工作',
    states: {
      billValidator: {
        disabled: '当前不收纸币',
        idle: '正在收纸币',
        escrowed: '纸币暂存中',
        stacking: '正在存入纸币',
        returning: '正在退回纸币',
        jammed: '卡币'
      },
      cardReader: { empty: '就绪，无卡', present: '读卡器上有卡', writing: '正在写卡', readError: '无法读卡' }
    },
    test: '测试',
    fault: { paperLow: '纸张将尽', paperOut: '缺纸', jam: '卡纸', stackerFull: '钞箱已满', cassetteRemoved: '钱箱已取出' },
    outOfService: '停止服务',
    inService: '终端正在服务。',
    closed: '已停止服务：{reason}',
    reason: '原因',
    takeOut: '停止服务',
    backIn: '恢复服务'
  },
  settings: {
    title: '设置',
    save: '保存',
    rate: '{currency}，每单位兑坚戈',
    limits: { minTopUpKzt: '最低充值额，₸', maxTopUpKzt: '最高充值额，₸', maxBalanceKzt: '卡内最高余额，₸' },
    fees: { cashKzt: '坚戈现金', cashForeign: '外币现金', bankCard: '银行卡' },
    percent: '百分比',
    minKzt: '最低，₸',
    fromKzt: '起点，₸',
    maxKzt: '奖励上限，₸',
    addTier: '添加档位',
    removeTier: '删除',
    pin: '新密码：{role}',
    hasPin: '已设密码',
    noPin: '未设密码',
    wholeNumber: '{field}：应为整数坚戈',
    pinDigits: '{field}：应为 4 至 8 位数字',
    training: '培训模式',
    trainingOn: '开启培训模式',
    trainingOff: '关闭培训模式'
  }
} satisfies typeof service
