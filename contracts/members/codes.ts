// The national code lists a member record uses, without zod (the member app imports them too):
// 民族 (GB 3304), 工作岗位 (the national member-information system's post list), 困难党员 kinds,
// and the province-level regions that begin a resident ID number (GB/T 2260). Codes are what
// other systems exchange; names are what people read and what the record stores for 民族.

/**
 * 中国各民族名称的罗马字母拼写和代码 (GB/T 3304-1991): the 56 ethnic groups, in the standard's
 * order, with its two-digit numeric code, its two-letter code and its romanization. (The standard
 * also has 97 其他 and 98 外国血统中国籍人士; a Party record names one of the 56.)
 */
export const ETHNIC_GROUPS = [
  { code: '01', abbr: 'HA', name: '汉族', en: 'Han' },
  { code: '02', abbr: 'MG', name: '蒙古族', en: 'Mongol' },
  { code: '03', abbr: 'HU', name: '回族', en: 'Hui' },
  { code: '04', abbr: 'ZA', name: '藏族', en: 'Zang' },
  { code: '05', abbr: 'UG', name: '维吾尔族', en: 'Uygur' },
  { code: '06', abbr: 'MH', name: '苗族', en: 'Miao' },
  { code: '07', abbr: 'YI', name: '彝族', en: 'Yi' },
  { code: '08', abbr: 'ZH', name: '壮族', en: 'Zhuang' },
  { code: '09', abbr: 'BY', name: '布依族', en: 'Buyei' },
  { code: '10', abbr: 'CS', name: '朝鲜族', en: 'Chosen' },
  { code: '11', abbr: 'MA', name: '满族', en: 'Man' },
  { code: '12', abbr: 'DO', name: '侗族', en: 'Dong' },
  { code: '13', abbr: 'YA', name: '瑶族', en: 'Yao' },
  { code: '14', abbr: 'BA', name: '白族', en: 'Bai' },
  { code: '15', abbr: 'TJ', name: '土家族', en: 'Tujia' },
  { code: '16', abbr: 'HN', name: '哈尼族', en: 'Hani' },
  { code: '17', abbr: 'KZ', name: '哈萨克族', en: 'Kazak' },
  { code: '18', abbr: 'DA', name: '傣族', en: 'Dai' },
  { code: '19', abbr: 'LI', name: '黎族', en: 'Li' },
  { code: '20', abbr: 'LS', name: '傈僳族', en: 'Lisu' },
  { code: '21', abbr: 'VA', name: '佤族', en: 'Va' },
  { code: '22', abbr: 'SH', name: '畲族', en: 'She' },
  { code: '23', abbr: 'GS', name: '高山族', en: 'Gaoshan' },
  { code: '24', abbr: 'LH', name: '拉祜族', en: 'Lahu' },
  { code: '25', abbr: 'SU', name: '水族', en: 'Sui' },
  { code: '26', abbr: 'DX', name: '东乡族', en: 'Dongxiang' },
  { code: '27', abbr: 'NX', name: '纳西族', en: 'Naxi' },
  { code: '28', abbr: 'JP', name: '景颇族', en: 'Jingpo' },
  { code: '29', abbr: 'KG', name: '柯尔克孜族', en: 'Kirgiz' },
  { code: '30', abbr: 'TU', name: '土族', en: 'Tu' },
  { code: '31', abbr: 'DU', name: '达斡尔族', en: 'Daur' },
  { code: '32', abbr: 'ML', name: '仫佬族', en: 'Mulam' },
  { code: '33', abbr: 'QI', name: '羌族', en: 'Qiang' },
  { code: '34', abbr: 'BL', name: '布朗族', en: 'Blang' },
  { code: '35', abbr: 'SL', name: '撒拉族', en: 'Salar' },
  { code: '36', abbr: 'MN', name: '毛南族', en: 'Maonan' },
  { code: '37', abbr: 'GL', name: '仡佬族', en: 'Gelao' },
  { code: '38', abbr: 'XB', name: '锡伯族', en: 'Xibe' },
  { code: '39', abbr: 'AC', name: '阿昌族', en: 'Achang' },
  { code: '40', abbr: 'PM', name: '普米族', en: 'Pumi' },
  { code: '41', abbr: 'TA', name: '塔吉克族', en: 'Tajik' },
  { code: '42', abbr: 'NU', name: '怒族', en: 'Nu' },
  { code: '43', abbr: 'UZ', name: '乌孜别克族', en: 'Uzbek' },
  { code: '44', abbr: 'RS', name: '俄罗斯族', en: 'Russ' },
  { code: '45', abbr: 'EW', name: '鄂温克族', en: 'Ewenki' },
  { code: '46', abbr: 'DE', name: '德昂族', en: 'Deang' },
  { code: '47', abbr: 'BN', name: '保安族', en: 'Bonan' },
  { code: '48', abbr: 'YG', name: '裕固族', en: 'Yugur' },
  { code: '49', abbr: 'GI', name: '京族', en: 'Gin' },
  { code: '50', abbr: 'TT', name: '塔塔尔族', en: 'Tatar' },
  { code: '51', abbr: 'DR', name: '独龙族', en: 'Derung' },
  { code: '52', abbr: 'OR', name: '鄂伦春族', en: 'Oroqen' },
  { code: '53', abbr: 'HZ', name: '赫哲族', en: 'Hezhen' },
  { code: '54', abbr: 'MB', name: '门巴族', en: 'Monba' },
  { code: '55', abbr: 'LB', name: '珞巴族', en: 'Lhoba' },
  { code: '56', abbr: 'JN', name: '基诺族', en: 'Jino' },
] as const;

/** The 56 names as the record stores them (members.ethnicity): 汉族, 蒙古族, … 基诺族. */
export const ETHNICITIES = ETHNIC_GROUPS.map((g) => g.name) as unknown as readonly [
  (typeof ETHNIC_GROUPS)[number]['name'],
  ...(typeof ETHNIC_GROUPS)[number]['name'][],
];
export type EthnicityName = (typeof ETHNIC_GROUPS)[number]['name'];

const ETHNICITY_SET: ReadonlySet<string> = new Set(ETHNICITIES);
export const isEthnicity = (v: string): v is EthnicityName => ETHNICITY_SET.has(v);

/**
 * 工作岗位, the post list of the national member-information system (全国党员管理信息系统,
 * 党员基本信息采集 "工作岗位"), grouped as 党内统计 counts members by occupation: 在岗职工 (0…:
 * 公有制单位 01…, 非公有制单位 02…), 农牧渔民 (1…), 军人、武警 (2…), 学生 (3…), 离退休人员 (4…),
 * 其他 (5…). The group prefixes (011 党政机关, 012/013 事业单位, 014/015 企业, 016 工勤技能;
 * 021–025; 113 外出务工经商人员) are those of the statistics; the leaf codes below them are
 * numbered in the order the system lists the posts. Check them against the department's own code
 * table before exchanging files with the national system: the names are what the import reads.
 */
export const POSTS = [
  { code: '0111', group: 'public', name: '公务员', en: 'Civil servant' },
  {
    code: '0112',
    group: 'public',
    name: '参照公务员法管理的工作人员',
    en: 'Staff managed as civil servants',
  },
  { code: '0121', group: 'public', name: '事业单位管理岗位', en: 'Public institution: management' },
  {
    code: '0131',
    group: 'public',
    name: '事业单位专业技术岗位',
    en: 'Public institution: professional and technical',
  },
  {
    code: '0141',
    group: 'public',
    name: '公有经济控制企业管理岗位',
    en: 'State-controlled enterprise: management',
  },
  {
    code: '0151',
    group: 'public',
    name: '公有经济控制企业专业技术岗位',
    en: 'State-controlled enterprise: professional and technical',
  },
  { code: '0161', group: 'public', name: '机关单位工勤岗位', en: 'Government body: skilled worker' },
  { code: '0162', group: 'public', name: '事业单位工勤岗位', en: 'Public institution: skilled worker' },
  {
    code: '0163',
    group: 'public',
    name: '公有经济控制单位工勤岗位',
    en: 'State-controlled unit: skilled worker',
  },
  {
    code: '0211',
    group: 'non_public',
    name: '非公有经济控制企业管理岗位',
    en: 'Private enterprise: management',
  },
  {
    code: '0221',
    group: 'non_public',
    name: '非公有经济控制企业专业技术岗位',
    en: 'Private enterprise: professional and technical',
  },
  { code: '0231', group: 'non_public', name: '民办非企业管理岗位', en: 'Private non-profit: management' },
  {
    code: '0241',
    group: 'non_public',
    name: '民办非企业专业技术岗位',
    en: 'Private non-profit: professional and technical',
  },
  { code: '0251', group: 'non_public', name: '非公有企业工勤岗位', en: 'Private enterprise: skilled worker' },
  { code: '0252', group: 'non_public', name: '民办非企业工勤岗位', en: 'Private non-profit: skilled worker' },
  { code: '111', group: 'farmer', name: '农牧渔业生产人员', en: 'Farming, herding or fishing' },
  { code: '112', group: 'farmer', name: '乡村医生', en: 'Village doctor' },
  { code: '113', group: 'farmer', name: '外出务工经商人员', en: 'Working or trading away from home' },
  { code: '119', group: 'farmer', name: '其他农牧渔民', en: 'Other farmers, herders, fishers' },
  { code: '201', group: 'military', name: '解放军、武警', en: 'PLA or armed police' },
  { code: '311', group: 'student', name: '研究生毕业年级学生', en: 'Postgraduate, final year' },
  { code: '312', group: 'student', name: '研究生一年级学生', en: 'Postgraduate, first year' },
  { code: '313', group: 'student', name: '研究生其他年级学生', en: 'Postgraduate, other years' },
  { code: '321', group: 'student', name: '大学本科毕业年级学生', en: 'Undergraduate, final year' },
  { code: '322', group: 'student', name: '大学本科一年级学生', en: 'Undergraduate, first year' },
  { code: '323', group: 'student', name: '大学本科其他年级学生', en: 'Undergraduate, other years' },
  { code: '331', group: 'student', name: '大学专科毕业年级学生', en: 'Junior college, final year' },
  { code: '332', group: 'student', name: '大学专科一年级学生', en: 'Junior college, first year' },
  { code: '333', group: 'student', name: '大学专科其他年级学生', en: 'Junior college, other years' },
  { code: '341', group: 'student', name: '中等专业学校学生', en: 'Secondary vocational school' },
  { code: '351', group: 'student', name: '高中学生', en: 'Senior high school' },
  { code: '361', group: 'student', name: '技工学校学生', en: 'Technical school' },
  { code: '401', group: 'retired', name: '离休干部', en: 'Retired cadre (lixiu)' },
  { code: '402', group: 'retired', name: '退休人员', en: 'Retired' },
  { code: '403', group: 'retired', name: '退职人员', en: 'Resigned with allowance' },
  { code: '404', group: 'retired', name: '内部退养职工', en: 'Early internal retirement' },
  { code: '501', group: 'other', name: '大学生村官', en: 'College-graduate village official' },
  { code: '502', group: 'other', name: '社区工作人员', en: 'Community worker' },
  { code: '503', group: 'other', name: '停薪留职人员', en: 'On unpaid leave keeping the post' },
  { code: '504', group: 'other', name: '个体工商户中的从业人员', en: 'Self-employed business' },
  { code: '505', group: 'other', name: '自由职业人员', en: 'Freelance' },
  {
    code: '506',
    group: 'other',
    name: '（转业）待安置、学生毕业未就业的人员',
    en: 'Awaiting placement, or graduate not yet employed',
  },
  {
    code: '507',
    group: 'other',
    name: '公派或因私出国、出境逾期未归的人员',
    en: 'Abroad past the permitted stay',
  },
  {
    code: '508',
    group: 'other',
    name: '改革后不再保留原机关干部身份，党组织关系仍保留在原单位的人员',
    en: 'Former government cadre, membership kept at the old unit',
  },
  {
    code: '509',
    group: 'other',
    name: '企业破产后，领取保险金或被辞退的职工中未重新就业的人员',
    en: 'Not re-employed after the enterprise went bankrupt',
  },
  {
    code: '510',
    group: 'other',
    name: '离开生产、工作岗位但仍与单位保留劳动关系的职工（不包括内部退养职工）',
    en: 'Off the job but still employed by the unit',
  },
  {
    code: '511',
    group: 'other',
    name: '党组织关系在人才（劳动）服务中心，不明职业的人员',
    en: 'Membership at a talent service centre, occupation unknown',
  },
  { code: '512', group: 'other', name: '其他从业人员', en: 'Other occupations' },
  { code: '513', group: 'other', name: '其他无业人员', en: 'Other, without occupation' },
] as const;

type PostCodeValue = (typeof POSTS)[number]['code'];
export const POST_CODES = POSTS.map((p) => p.code) as unknown as readonly [PostCodeValue, ...PostCodeValue[]];
export type PostGroup = (typeof POSTS)[number]['group'];
/** The groups of the post list, as 党内统计 counts them. */
export const POST_GROUPS = [
  'public',
  'non_public',
  'farmer',
  'military',
  'student',
  'retired',
  'other',
] as const;

const POST_BY_CODE: ReadonlyMap<string, (typeof POSTS)[number]> = new Map(POSTS.map((p) => [p.code, p]));
export const postNamed = (code: string | null | undefined) => (code ? POST_BY_CODE.get(code) : undefined);

/**
 * 困难党员 (生活困难党员), by the cause of the hardship, as 《中国共产党党内关怀帮扶办法》 (中共中央
 * 组织部, 2017) names those the Party looks after: living on the minimum allowance, or in hardship
 * through illness, disability, a disaster, schooling, unemployment, or another cause.
 */
export const HARDSHIP_KINDS = [
  'subsistence',
  'illness',
  'disability',
  'disaster',
  'schooling',
  'unemployment',
  'other',
] as const;

/**
 * 中华人民共和国行政区划代码 (GB/T 2260), the province-level regions as issued today: the first
 * two digits of a resident ID number (GB 11643). 71 台湾省 is in the code list but issues no
 * resident ID cards. The residence permits of Hong Kong, Macao and Taiwan residents
 * (港澳台居民居住证, 2018) carry ID numbers of the same form beginning 81, 82 and 83.
 */
export const PROVINCES = [
  { code: '11', name: '北京市' },
  { code: '12', name: '天津市' },
  { code: '13', name: '河北省' },
  { code: '14', name: '山西省' },
  { code: '15', name: '内蒙古自治区' },
  { code: '21', name: '辽宁省' },
  { code: '22', name: '吉林省' },
  { code: '23', name: '黑龙江省' },
  { code: '31', name: '上海市' },
  { code: '32', name: '江苏省' },
  { code: '33', name: '浙江省' },
  { code: '34', name: '安徽省' },
  { code: '35', name: '福建省' },
  { code: '36', name: '江西省' },
  { code: '37', name: '山东省' },
  { code: '41', name: '河南省' },
  { code: '42', name: '湖北省' },
  { code: '43', name: '湖南省' },
  { code: '44', name: '广东省' },
  { code: '45', name: '广西壮族自治区' },
  { code: '46', name: '海南省' },
  { code: '50', name: '重庆市' },
  { code: '51', name: '四川省' },
  { code: '52', name: '贵州省' },
  { code: '53', name: '云南省' },
  { code: '54', name: '西藏自治区' },
  { code: '61', name: '陕西省' },
  { code: '62', name: '甘肃省' },
  { code: '63', name: '青海省' },
  { code: '64', name: '宁夏回族自治区' },
  { code: '65', name: '新疆维吾尔自治区' },
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
] as const;

/** Where an ID number may begin: the provinces that issue resident ID cards, and 81/82/83 permits. */
export const ID_NUMBER_REGIONS: ReadonlySet<string> = new Set([
  ...PROVINCES.map((p) => p.code).filter((c) => c !== '71'),
  '83',
]);
