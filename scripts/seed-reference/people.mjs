// 5,000 stakeholders of a district: committee members, sub-district offices, departments, enterprises, young
// entrepreneurs, experts and residents, with the tags that rounds and meetings select them by. Fictional people at
// example.com/org/net addresses; a few have only a phone.

const SURNAMES = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'],
  ['高', 'gao'], ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'],
  ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'],
  ['田', 'tian'], ['董', 'dong'], ['袁', 'yuan'], ['潘', 'pan'], ['蒋', 'jiang'], ['蔡', 'cai'], ['余', 'yu'], ['杜', 'du'],
  ['叶', 'ye'], ['程', 'cheng'], ['苏', 'su'], ['魏', 'wei'], ['吕', 'lv'], ['丁', 'ding'], ['沈', 'shen'], ['姚', 'yao'],
  ['陆', 'lu'], ['顾', 'gu'], ['钱', 'qian'], ['严', 'yan'], ['金', 'jin'], ['范', 'fan'], ['邵', 'shao'], ['汤', 'tang'],
];
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华建文辉力婷雪晨宇浩然欣怡子涵思远佳琪俊杰晓雯立群海燕建国嘉懿一鸣慧琳志明雅文';
const INITIALS = 'abcdfghjklmnpqrstwxyz';

const STREETS = ['华阳路街道办事处', '江苏路街道办事处', '新华路街道办事处', '周家桥街道办事处', '天山路街道办事处', '仙霞新村街道办事处', '虹桥街道办事处', '程家桥街道办事处', '北新泾街道办事处', '新泾镇人民政府'];
const DEPARTMENTS = [
  '区发展改革委', '区科委', '区商务委', '区财政局', '区人力资源社会保障局', '区规划资源局', '区建设管理委', '区市场监管局', '区教育局',
  '区卫生健康委', '区民政局', '区司法局', '区文化旅游局', '区生态环境局', '区房屋管理局', '区投资促进办', '区国资委', '区数据局',
  '区统计局', '区税务局', '区审计局', '区应急管理局', '区绿化市容局', '区体育局', '区退役军人事务局', '区医保局', '区信访办',
  '区政府办公室', '区科协', '区工商联', '区总工会', '团区委', '区妇联', '区残联', '区融媒体中心',
];
const COMPANY_WORDS = ['新微', '黑湖', '云启', '华策', '智元', '极光', '中科', '启迪', '数衡', '星河', '蓝海', '明德', '睿思', '安远', '光合', '鲸准', '知行', '格物', '远景', '合见'];
const INDUSTRIES = ['科技', '智造', '信息技术', '人工智能', '生物医药', '数据服务', '网络科技', '检测技术', '新材料', '文化传媒', '智能装备', '软件'];
const SUFFIXES = ['有限公司', '股份有限公司', '（上海）有限公司', '集团有限公司'];
const INSTITUTES = ['华东政法大学', '东华大学', '上海交通大学安泰经济与管理学院', '同济大学建筑与城市规划学院', '上海社会科学院', '上海市科学学研究所', '复旦大学公共管理系', '上海市律师协会', '上海财经大学', '华东师范大学城市发展研究院'];
const TITLES = {
  proposer: ['委员', '委员', '常委', '代表'],
  street: ['主任', '副主任', '党工委书记', '党工委副书记', '科长', '科员', '社区工作者'],
  department: ['局长', '副局长', '科长', '副科长', '科员', '主任科员', '四级调研员'],
  enterprise: ['总经理', '副总经理', '董事长', '研发总监', '行政主管', '政府事务经理', '财务总监'],
  young_entrepreneur: ['创始人', '联合创始人', '首席执行官', '合伙人'],
  expert: ['教授', '副教授', '研究员', '副研究员', '律师', '高级工程师'],
  other: ['居民代表', '社区居民', '楼组长', '志愿者'],
};
const CATEGORY_SIZES = { proposer: 600, street: 400, department: 700, enterprise: 2300, young_entrepreneur: 450, expert: 350, other: 200 };

/** Tags that smaller rounds and the meetings select by, with how many people carry each. */
export const TAG_SIZES = { 硅巷: 160, 沪港青年: 90, 人才公寓: 80, 楼宇经济: 140, 提案051: 40, 人工智能: 150, 数字经济: 120, 城市更新: 110, 早餐会: 300 };
/** The district-scale round's audience: exactly this many mailable stakeholders carry it. */
export const BIG_ROUND_TAG = '科创街区';
export const BIG_ROUND_AUDIENCE = 2000;

function organizationOf(random, category, i) {
  switch (category) {
    case 'proposer': return random.chance(0.8) ? '区政协' : '区人大常委会';
    case 'street': return STREETS[i % STREETS.length];
    case 'department': return DEPARTMENTS[i % DEPARTMENTS.length];
    case 'enterprise': return `上海${COMPANY_WORDS[i % COMPANY_WORDS.length]}${INDUSTRIES[Math.floor(i / 20) % INDUSTRIES.length]}${SUFFIXES[Math.floor(i / 240) % SUFFIXES.length]}`;
    case 'young_entrepreneur': return `${random.pick(COMPANY_WORDS)}${random.pick(['工作室', '创新', '实验室', '科技'])}（示例）`;
    case 'expert': return random.pick(INSTITUTES);
    default: return random.chance(0.5) ? `${random.pick(STREETS).replace(/办事处|人民政府/, '')}居民` : '';
  }
}

/** The stakeholders, in import order; each knows its tags and whether it has an email (and so can be invited). */
export function makeStakeholders(random) {
  const people = [];
  for (const [category, size] of Object.entries(CATEGORY_SIZES)) {
    for (let i = 0; i < size; i++) {
      const [surname, pinyin] = random.pick(SURNAMES);
      const given = random.chance(0.7) ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
      const n = people.length + 1;
      const hasEmail = category === 'other' ? random.chance(0.6) : random.chance(0.97);
      const domain = category === 'department' || category === 'street' ? 'example.gov.cn' : random.pick(['example.com', 'example.org', 'example.net']);
      people.push({
        name: surname + given,
        organization: organizationOf(random, category, i),
        title: random.pick(TITLES[category]),
        category,
        email: hasEmail ? `${pinyin}.${random.pick(INITIALS)}${random.pick(INITIALS)}${String(n).padStart(4, '0')}@${domain}` : '',
        phone: category === 'department' ? `021-5238${String(n % 10000).padStart(4, '0')}` : `13${random.int(5, 9)}${String(random.int(0, 99999999)).padStart(8, '0')}`,
        tags: [],
      });
    }
  }
  const mailable = people.filter((p) => p.email);
  for (const p of random.shuffle(mailable).slice(0, BIG_ROUND_AUDIENCE)) p.tags.push(BIG_ROUND_TAG);
  for (const [tag, size] of Object.entries(TAG_SIZES)) {
    for (const p of random.shuffle(people).slice(0, size)) p.tags.push(tag);
  }
  return people;
}

const csvCell = (value) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The import file an office would upload (English headers, UTF-8), cut into files of `rowsPerFile`. */
export function stakeholderCsvFiles(people, rowsPerFile) {
  const files = [];
  for (let i = 0; i < people.length; i += rowsPerFile) {
    const rows = people.slice(i, i + rowsPerFile).map((p) => [p.name, p.organization, p.title, p.category, p.email, p.phone, p.tags.join(';')].map(csvCell).join(','));
    files.push(['name,organization,title,category,email,phone,tags', ...rows].join('\r\n'));
  }
  return files;
}
