/**
 * Splits the body of a reply by the sections it names at the start of a line ("第七条：…", "关于五（一）…",
 * "对第三章的意见"): each part goes to that section until the next one is named; what comes before any is on the
 * whole draft.
 */
import type { InboundOpinion } from '../../db/schema';
import { catalog } from '../../i18n/catalog';
import type { SectionRow } from '../feedback/sections';
import { sectionDisplayName } from '../rounds/section-name';
import { createTranslator } from '../../lib/i18n';

const leadRe = /^\s*(?:关于|对于|对|针对)?\s*/;
/** After a label: a separator, the heading, or 的意见 — not more of a word ("一是…" names no section 一). */
const afterLabelRe = /^(?:$|[\s:：、，,。.（(的条款项])/;

function namedSection(line: string, sections: readonly SectionRow[]): SectionRow | null {
  const rest = line.replace(leadRe, '');
  const candidates = sections.filter((s) => s.number).sort((a, b) => b.number.length - a.number.length);
  for (const s of candidates) {
    if (rest.startsWith(s.number) && afterLabelRe.test(rest.slice(s.number.length))) return s;
  }
  return null;
}

export function attributeBody(body: string, sections: readonly SectionRow[]): InboundOpinion[] {
  const t = createTranslator('zh-CN');
  const parts: InboundOpinion[] = [];
  let current: InboundOpinion = { sectionId: null, label: catalog['zh-CN']['rounds.section.whole'], text: '' };
  const flush = () => {
    current.text = current.text.trim();
    if (!current.text) return;
    const same = parts.find((p) => p.sectionId === current.sectionId);
    if (same) same.text = `${same.text}\n${current.text}`;
    else parts.push(current);
  };
  for (const line of body.split('\n')) {
    const section = namedSection(line, sections);
    if (section) {
      flush();
      current = { sectionId: section.id, label: sectionDisplayName(t, section), text: '' };
    }
    current.text += `${line}\n`;
  }
  flush();
  return parts;
}
