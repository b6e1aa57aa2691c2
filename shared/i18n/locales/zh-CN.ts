import type { LocaleResources } from '../resources';

/** Simplified Chinese resources: the kiosk's default language. */
export const zhCN = {
  app: {
    title: '自助警务服务站',
    skip: '跳到主要内容',
    notResponding: '终端暂时没有响应，请稍候。如果一直这样，请拨打终端正面的电话。',
    helpLine: '紧急情况请拨打 110',
  },
  lang: {
    label: '语言',
    'zh-CN': '中文',
    en: 'English',
  },
  textSize: {
    larger: '大字模式',
    normal: '标准字号',
  },
  actions: {
    continue: '继续',
    back: '返回',
    startAgain: '重新开始',
    change: '修改',
    submit: '提交申请',
    retry: '重试',
    finish: '完成',
    reprint: '重新打印回执',
  },
  cancel: {
    heading: '要重新开始吗？',
    body: '您在本终端填写的内容将被删除，目前还没有提交任何信息。',
    bodyAfterSubmit: '您的申请已经提交并妥善保存，只会清除本屏幕的内容。',
    confirm: '是，重新开始',
    keep: '否，返回',
  },
  family: {
    household: '户政业务',
    entryExit: '出入境业务',
    vehicles: '车驾管业务',
  },
  welcome: {
    heading: '您要办理什么业务？',
    intro: '请选择业务。办理时需要您的居民身份证。',
    unavailable: '暂停服务',
  },
  services: {
    noCriminalRecord: {
      title: '申请无犯罪记录证明',
      summary: '证明您没有犯罪记录，用于求职、留学或签证。',
    },
  },
  start: {
    whatItIs: '业务说明',
    whatToBring: '需要准备',
    bringIdCard: '本人居民身份证',
    bringPhone: '能接收短信的手机号码',
    fee: '费用',
    feeFree: '免费',
    feeAmount: '￥{{amount}}',
    time: '所需时间',
    minutes: '约 {{count}} 分钟',
    start: '开始办理',
    noCriminalRecord: {
      details: '公安机关将根据您的姓名和身份证号码查询记录并出具证明。您可以在本站领取，也可以领取电子证明。',
    },
  },
  identify: {
    heading: '请放置身份证',
    instruction: '请将居民身份证平放在屏幕下方的读卡区，直到出现下一个页面再取走。',
    waiting: '正在等待读取身份证……',
  },
  identifyFailed: {
    heading: '无法使用此证件',
    unreadable: '无法读取证件。请取下证件，确认是居民身份证后重新平放在读卡区。',
    invalidNumber: '此证件的号码无效。请联系站内工作人员或到公安服务窗口办理。',
    expired: '此身份证已过有效期。您可以先申请换领身份证。您的信息没有被保存。',
  },
  question: {
    progress: '第 {{index}} 题，共 {{total}} 题',
    errorSummary: '请更正以下问题',
  },
  questions: {
    purpose: {
      label: '您申请证明的用途是什么？',
      hint: '请选择一项。',
      options: {
        job: '求职应聘',
        study: '出国留学',
        visa: '签证或移民',
        other: '其他用途',
      },
      otherLabel: '请填写具体用途',
    },
    destination: {
      label: '证明提交给哪个国家或单位？',
      hint: '例如：加拿大，或者用人单位的名称。',
    },
    phone: {
      label: '您的手机号码是多少？',
      hint: '证明办好后我们会发短信通知您。共 11 位数字。',
    },
    delivery: {
      label: '您希望如何领取证明？',
      hint: '请选择一项。',
      options: {
        collect: '到本站领取',
        electronic: '电子证明',
      },
    },
  },
  errors: {
    required: '请填写后再继续',
    requiredChoice: '请选择一项后再继续',
    requiredOther: '请填写具体用途',
    invalidOption: '请选择页面上的一个选项',
    tooLong: '内容太长，请减少字数',
    phoneFormat: '请输入以 1 开头的 11 位手机号码，例如 139 0000 0000',
  },
  keypad: {
    label: '数字键盘',
    delete: '删除最后一位',
    clear: '清空',
  },
  keyboard: {
    label: '屏幕键盘',
    space: '空格',
    delete: '删除',
    shift: '大写',
  },
  check: {
    heading: '请核对您的信息',
    intro: '提交前请确认以下信息无误。',
    applicant: '申请人',
    name: '姓名',
    idNumber: '身份证号码',
    fromCard: '来自您的身份证',
    service: '业务',
    otherAnswer: '{{option}}：{{text}}',
  },
  submitting: {
    heading: '正在提交您的申请……',
  },
  submitFailed: {
    heading: '申请未能提交',
    body: '本终端出现问题。您填写的内容仍然保留，没有发送任何信息。请重试，或请站内工作人员帮助。',
  },
  confirmation: {
    heading: '申请已提交',
    referenceLabel: '您的受理编号',
    printing: '正在打印回执……',
    printed: '请从出纸口取走回执，上面有您的受理编号。',
    printFailed: '回执未能打印。请记下您的受理编号。您的申请已经提交并妥善保存。',
    next: '后续步骤',
    nextBody: '公安机关将审核您的申请。证明办好后，我们会发短信到您的手机。',
  },
  idle: {
    heading: '您需要更多时间吗？',
    body: '为保护您的隐私，本页面将在 {{count}} 秒后清除。',
    moreTime: '我需要更多时间',
  },
  slip: {
    station: '自助警务服务站',
    reference: '受理编号',
    printedAt: '打印时间',
    footer1: '请保留此回执。凭受理编号可在任一自助终端查询办理进度。',
    footer2: '本回执不是证明文件。',
  },
  sim: {
    panel: '模拟器面板',
    close: '关闭模拟器面板',
    residents: '示例居民（虚构）',
    present: '放置证件：{{label}}',
    remove: '取走证件',
    cardPresent: '读卡区证件：{{label}}',
    cardNone: '读卡区无证件',
    receipts: '已打印回执：{{count}} 张',
    paper: '回执纸',
    paperState: {
      full: '充足',
      low: '将尽',
      out: '缺纸',
      jammed: '卡纸',
    },
  },
} as const satisfies LocaleResources;
