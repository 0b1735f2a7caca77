// Opinions and replies in the words of real consultations: they quote the section they are on, propose a change
// with a reason, and cite the other drafts in tests/fixtures. Lengths follow what offices receive: a few words to a
// long letter, most of them one to three sentences (about 40 to 250 characters).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = ['draft-regulation.txt', 'draft-measure.txt', 'draft-measure-revised.txt', 'draft-policy-plan.txt', 'draft-action-plan.md'];

export function loadDrafts(root) {
  const read = (name) => readFileSync(join(root, 'tests', 'fixtures', name), 'utf8');
  return Object.fromEntries(FIXTURES.map((name) => [name, read(name)]));
}

const NOUNS = [
  '科创载体', '孵化器和众创空间', '人才公寓', '沿街载体资源', '楼宇经济', '知识产权质押融资', '科技成果转化', '创业投资', '研发投入',
  '公共服务平台', '街区功能配套', '停车设施', '社区治理', '数据共享', '营商环境', '考核评估', '房租补贴', '运营补贴', '专家评审',
  '信息公开', '青年科技人才', '首台套产品', '概念验证', '应用场景开放', '科技金融', '容错免责', '人才落户', '产业用地',
];
const LAWS = ['《中华人民共和国科学技术进步法》', '《中华人民共和国促进科技成果转化法》', '《上海市促进科技成果转化条例》', '《上海市优化营商环境条例》', '《上海市城市更新条例》', '《上海市推进科技创新中心建设条例》'];
const PLACES = ['徐汇区', '杨浦区', '静安区', '闵行区', '深圳南山区', '北京中关村', '杭州未来科技城'];
const OPENERS = [
  '我单位认真学习了征求意见稿，总体赞同。', '作为在硅巷办公的科技企业，我们对此十分关注。', '经征求辖区企业和居民意见，现提出如下建议：',
  '结合街道工作实际，提出以下意见。', '从企业实际经营情况看，', '本条总体可行，', '我们组织相关科室进行了研究，',
];
const CLOSERS = ['以上意见供参考。', '妥否，请酌。', '建议一并研究。', '请予考虑。'];
const SHORT = ['同意。', '无修改意见。', '赞同本条规定。', '建议保留本条。', '同意，无其他意见。', '本条表述清楚，同意。'];
const ORDINALS = ['一是', '二是', '三是', '四是', '五是'];

const NUMBER_SWAPS = [
  ['三十个工作日', '十五个工作日'], ['七日', '十五日'], ['二千平方米', '一千平方米'], ['二十家', '十家'], ['三名', '二名'], ['五年', '三年'],
  ['每季度', '每半年'], ['每年', '每两年'], ['百分之四', '百分之三点五'], ['一千家', '八百家'],
];

function sentencesOf(text) {
  return text
    .split(/[。\n]/)
    .map((s) => s.replace(/^[#\s]+/, '').trim())
    .filter((s) => s.length >= 8 && s.length <= 80 && !/^第.{1,6}章/.test(s));
}

/** Fragments of a clause worth quoting: between punctuation, 4 to 30 characters. */
function fragmentsOf(text) {
  return text.split(/[，。；：、（）\n]/).map((s) => s.trim()).filter((s) => s.length >= 4 && s.length <= 30);
}

function altered(random, fragment) {
  for (const [from, to] of NUMBER_SWAPS) if (fragment.includes(from)) return fragment.replace(from, to);
  if (fragment.includes('应当')) return fragment.replace('应当', random.pick(['应当及时', '应当依法', '应当主动']));
  if (fragment.includes('可以')) return fragment.replace('可以', '应当');
  return random.pick([`${fragment}，并向社会公布`, `依法${fragment}`, `${fragment}，具体办法由区人民政府另行制定`]);
}

export function createWording(random, drafts) {
  const citable = Object.values(drafts).flatMap((text) => {
    const title = text.split('\n')[0].replace(/^#\s*/, '').replace(/（征求意见稿）.*/, '');
    return sentencesOf(text).map((sentence) => ({ title, sentence }));
  });
  const noun = () => random.pick(NOUNS);

  function reason() {
    const cited = random.pick(citable);
    return random.pick([
      () => `目前${noun()}缺乏统一标准，基层在执行中容易产生理解上的分歧。`,
      () => `从我们了解的情况看，${noun()}的申请流程较长，企业需要准备的材料较多，建议简化。`,
      () => `《${cited.title}》已提出“${cited.sentence}”，两者宜保持一致。`,
      () => `据了解，${random.pick(PLACES)}在${noun()}方面已有较成熟的做法，可以借鉴。`,
      () => `街道在${noun()}工作中承担了大量具体事务，但缺少相应的人员和经费保障。`,
      () => `近年来辖区内${noun()}需求增长较快，现有规定已不能完全适应。`,
      () => `该表述较为原则，实际操作中难以把握。`,
    ])();
  }

  function proposal(section) {
    const fragments = fragmentsOf(`${section.heading}，${section.body}`);
    const fragment = fragments.length ? random.pick(fragments) : section.heading;
    const ref = section.number ? `${section.number}中` : '本部分';
    return random.pick([
      () => `建议将${ref}“${fragment}”修改为“${altered(random, fragment)}”。`,
      () => `${ref}“${fragment}”的表述较为原则，建议进一步明确${noun()}的具体标准和操作程序。`,
      () => `建议在${section.number || '本部分'}增加一款：“区科技主管部门应当会同有关部门建立${noun()}信息共享机制，每年向社会公布${noun()}情况。”`,
      () => `建议删去${ref}“${fragment}”的表述。`,
      () => `建议${section.number || '本部分'}与${random.pick(LAWS)}的相关规定做好衔接，避免重复或者冲突。`,
      () => `对“${fragment}”，建议细化${noun()}的认定条件，并明确责任部门和办理时限。`,
    ])();
  }

  /** One opinion on `section` (null: on the whole draft). */
  function opinion(section) {
    const size = random.weighted({ short: 8, one: 42, few: 35, long: 15 });
    if (size === 'short') return random.pick(SHORT);
    const target = section ?? { number: '', heading: '征求意见稿', body: random.pick(citable).sentence };
    const parts = [];
    if (random.chance(size === 'one' ? 0.1 : 0.4)) parts.push(random.pick(OPENERS));
    if (size === 'long') {
      const points = random.int(2, 5);
      parts.push(`${random.pick(['具体建议如下：', '提出以下几点意见：'])}${Array.from({ length: points }, (_, i) => `${ORDINALS[i]}${proposal(target).replace(/。$/, '')}，${reason().replace(/。$/, '')}`).join('；')}。`);
    } else {
      parts.push(proposal(target));
      if (size === 'few') parts.push(`理由：${reason()}`, ...(random.chance(0.5) ? [reason()] : []));
    }
    if (random.chance(0.2)) parts.push(random.pick(CLOSERS));
    return parts.join('');
  }

  return { opinion };
}

/** Replies by disposition, as reply templates would give them; a group of opinions shares one. */
export const REPLIES = {
  adopted: ['已采纳，已在修改稿相应条款中体现。', '采纳。相关表述已作调整。', '已采纳，已补充相关规定。'],
  partly_adopted: ['部分采纳：原则要求已写入修改稿，具体标准在配套细则中明确。', '部分采纳，已调整相关表述，其余内容留待实施中研究。', '部分采纳：期限调整为二十个工作日。'],
  not_adopted: ['未采纳。上位法已有明确规定，本条例不再重复。', '未采纳：该事项不属于本区立法权限。', '未采纳，考虑到财政承受能力，维持原规定。'],
  noted: ['留作参考，将在配套实施细则中研究。', '留作参考，在年度工作计划中统筹考虑。', '留作参考。'],
};
export const ASSIGNEES = ['区科委', '区规划资源局', '区商务委', '区人力资源社会保障局', '区财政局', '区市场监管局', '区司法局'];
