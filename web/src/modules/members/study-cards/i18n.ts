import { addTranslations } from '../../../app/i18n.ts';
import '../i18n.ts';

/** 学习卡: issuing, printing and resetting study cards. */
const zh = {
  cards: {
    title: '学习卡',
    hint: '学习卡（“红色身份证”）供没有智能手机的党员登录学习：凭卡号和密码登录，学习时长计入本人学时。',
    org: '党组织',
    onlyWithout: '只为还没有学习卡的党员发卡',
    issue: '发放学习卡',
    issueConfirm:
      '将为所选党组织的党员生成学习卡和初始密码。初始密码只显示这一次，生成后请立即打印。确定发放？',
    issued: '已生成 {{count}} 张学习卡',
    noneIssued: '没有需要发卡的党员',
    once: '初始密码只显示这一次。离开或刷新本页后无法再次查看，只能重置密码。请立即打印，并妥善分发到本人。',
    print: '打印学习卡',
    printHint: 'A4 纸，每页 10 张，沿虚线裁开',
    cardTitle: '红云学习卡',
    name: '姓名',
    branch: '党支部',
    cardNo: '卡号',
    password: '初始密码',
    scan: '扫码登录（输入密码）',
    firstLogin: '首次登录后请修改密码',
    resetDone: '学习卡密码已重置',
    close: '我已打印，关闭',
    closeConfirm: '关闭后将无法再次查看这些密码。确定已经打印？',
  },
};

const en: typeof zh = {
  cards: {
    title: 'Study cards',
    hint: 'Study cards let members without a smartphone log in with a card number and password; their study is counted.',
    org: 'Organization',
    onlyWithout: 'Only members without a card',
    issue: 'Issue study cards',
    issueConfirm:
      'Cards and initial passwords will be generated. The passwords are shown only this once: print them right away. Continue?',
    issued: '{{count}} cards issued',
    noneIssued: 'No member needed a card',
    once: 'The initial passwords are shown only this once. After leaving or reloading this page they cannot be seen again, only reset. Print now and hand each card to its member.',
    print: 'Print the cards',
    printHint: 'A4, 10 cards a page; cut along the dashed lines',
    cardTitle: 'Hongyun study card',
    name: 'Name',
    branch: 'Branch',
    cardNo: 'Card no.',
    password: 'Initial password',
    scan: 'Scan to log in (enter the password)',
    firstLogin: 'Change the password at first login',
    resetDone: 'Study-card password reset',
    close: 'Printed; close',
    closeConfirm: 'These passwords cannot be seen again once closed. Printed them?',
  },
};

addTranslations({ 'zh-CN': zh, en });
