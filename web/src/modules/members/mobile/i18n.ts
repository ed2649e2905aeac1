import { addTranslations } from '../../../app/i18n.ts';
import '../i18n.ts';

/** 流动党员: members away (流出), members hosted here (流入), the reminder to transfer. */
const zh = {
  mobile: {
    title: '流动党员',
    record: '外出登记',
    recordTitle: '流动党员外出登记',
    recorded: '已登记外出',
    end: '登记返回',
    endTitle: '登记「{{name}}」返回',
    ended: '已登记返回',
    transfer: '转接组织关系',
    tabs: { away: '本组织外出党员', due: '应转接提醒', host: '在本组织活动的流动党员', back: '已返回' },
    dueSummary: '外出已满规定期限（一般为 6 个月）的 {{n}} 人：地点相对固定的，应将组织关系转到流入地党组织',
    dueTag: '应转接组织关系',
    dueFrom: '{{date}} 起应转接',
    hostHint:
      '以下党员的组织关系在其他党组织，外出期间在本组织参加活动（组织关系一方隶属、参加多重组织生活）。仅供组织活动时查看。',
    empty: '暂无流动党员',
    orgFilter: '党组织（含下级）',
    host: { inside: '本系统内的党支部', outside: '系统外（填写名称）', unknown: '暂未确定' },
    field: {
      member: '党员',
      org: '组织关系所在党支部',
      outOn: '外出日期',
      backOn: '返回日期',
      destination: '外出地点',
      host: '流入地党组织',
      hostOrgId: '流入地党支部',
      hostOrgName: '流入地党组织名称',
      certificateNo: '流动党员活动证编号',
      transferDueOn: '应转接日期',
    },
    placeholder: {
      destination: '如：广东省深圳市宝安区某工业园',
      hostOrgId: '输入名称搜索本系统内的党支部',
      hostOrgName: '如：中共深圳市宝安区某街道某社区委员会',
      certificateNo: '《中国共产党流动党员活动证》上的编号',
    },
    extra: {
      outOn: '外出 6 个月以上且地点相对固定的，应转移组织关系；届时平台会提醒',
    },
  },
};

const en: typeof zh = {
  mobile: {
    title: 'Migrant members',
    record: 'Record going away',
    recordTitle: 'Record a member going away',
    recorded: 'Recorded',
    end: 'Record return',
    endTitle: 'Record the return of “{{name}}”',
    ended: 'Return recorded',
    transfer: 'Transfer membership',
    tabs: { away: 'Away from here', due: 'Due for transfer', host: 'Hosted here', back: 'Returned' },
    dueSummary:
      '{{n}} away for the set period (usually six months): if settled in one place, their membership should move there',
    dueTag: 'Transfer due',
    dueFrom: 'Transfer due from {{date}}',
    hostHint:
      'These members belong to other organizations and take part in this one’s activities while away. Read only.',
    empty: 'No migrant members',
    orgFilter: 'Organization (and below)',
    host: { inside: 'A branch on this platform', outside: 'Outside (by name)', unknown: 'Not known yet' },
    field: {
      member: 'Member',
      org: 'Home branch',
      outOn: 'Left on',
      backOn: 'Back on',
      destination: 'Destination',
      host: 'Host organization',
      hostOrgId: 'Host branch',
      hostOrgName: 'Host organization name',
      certificateNo: 'Migrant member card no.',
      transferDueOn: 'Transfer due',
    },
    placeholder: {
      destination: 'City and workplace',
      hostOrgId: 'Type to search a branch on this platform',
      hostOrgName: 'Full name of the host organization',
      certificateNo: 'Number on the migrant member card',
    },
    extra: {
      outOn:
        'Six months or more in one place: the membership should be transferred; the platform reminds you',
    },
  },
};

addTranslations({ 'zh-CN': zh, en });
