/**
 * What the assistant would answer differently between two knowledge bases, fact by fact: facts added, removed
 * and changed per notice ("retention of adoption records: 100 years → 75 years"). Used by `kb:diff` (before and
 * after a re-import) and `kb:check` (what the live page would change). Pure.
 */
import type { Fact, KnowledgeBase, Notice } from '#core/knowledge-schema.ts';

export interface FactChange {
  topic: string;
  /** One line for a person: "retention of adoption records: 100 years → 75 years". */
  summary: string;
  before?: string;
  after?: string;
}

export interface NoticeDiff {
  notice: string;
  status: 'added' | 'removed' | 'changed';
  added: FactChange[];
  removed: FactChange[];
  changed: FactChange[];
}

const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
/** Facts are compared by their sentence as published: a contact filled in from another notice is no change. */
const factKey = (f: Fact) => key(f.sentence);
const words = (text: string) =>
  new Set(
    key(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2),
  );

function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

/** Whether two facts say the same kind of thing (the same record's retention, or mostly the same words). */
function counterpart(before: Fact, after: Fact): boolean {
  if (before.topic !== after.topic) return false;
  const a = before.retention?.recordType;
  const b = after.retention?.recordType;
  if (a && b) return key(a) === key(b);
  return similarity(before.text, after.text) >= 0.6;
}

function describe(before: Fact | undefined, after: Fact | undefined): string {
  const fact = (after ?? before)!;
  if (before?.retention?.period && after?.retention?.period && before.retention.period !== after.retention.period) {
    const what = after.retention.recordType ?? 'records';
    return `retention of ${what}: ${before.retention.period} → ${after.retention.period}`;
  }
  if (before && after) return `${fact.topic}: “${before.text}” → “${after.text}”`;
  return `${fact.topic}: “${fact.text}”`;
}

function diffNotice(before: Notice, after: Notice): Omit<NoticeDiff, 'notice' | 'status'> {
  const afterKeys = new Set(after.facts.map(factKey));
  const beforeKeys = new Set(before.facts.map(factKey));
  const gone = dedupe(before.facts.filter((f) => !afterKeys.has(factKey(f))));
  const come = dedupe(after.facts.filter((f) => !beforeKeys.has(factKey(f))));
  const changed: FactChange[] = [];
  const matched = new Set<Fact>();
  for (const old of gone) {
    const now = come.find((f) => !matched.has(f) && counterpart(old, f));
    if (!now) continue;
    matched.add(now).add(old);
    changed.push({ topic: now.topic, summary: describe(old, now), before: old.text, after: now.text });
  }
  const change = (f: Fact) => ({ topic: f.topic, summary: describe(f, undefined), text: f.text });
  return {
    added: come
      .filter((f) => !matched.has(f))
      .map((f) => ({ ...change(f), summary: describe(undefined, f), after: f.text })),
    removed: gone.filter((f) => !matched.has(f)).map((f) => ({ ...change(f), before: f.text })),
    changed,
  };
}

/** A sentence filed under two topics is one fact for a person reading the diff. */
function dedupe(facts: Fact[]): Fact[] {
  return [...new Map(facts.map((f) => [factKey(f), f])).values()];
}

export function diffKnowledgeBases(
  before: Pick<KnowledgeBase, 'notices'>,
  after: Pick<KnowledgeBase, 'notices'>,
): NoticeDiff[] {
  const was = new Map(before.notices.map((n) => [n.id, n]));
  const now = new Map(after.notices.map((n) => [n.id, n]));
  const out: NoticeDiff[] = [];
  for (const id of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const a = was.get(id);
    const b = now.get(id);
    if (!a) out.push({ notice: id, status: 'added', ...diffNotice({ ...b!, facts: [] }, b!) });
    else if (!b) out.push({ notice: id, status: 'removed', ...diffNotice(a, { ...a, facts: [] }) });
    else {
      const d = diffNotice(a, b);
      if (d.added.length || d.removed.length || d.changed.length) out.push({ notice: id, status: 'changed', ...d });
    }
  }
  return out;
}

/** The diff as a DPO reads it. */
export function formatDiff(diffs: NoticeDiff[]): string {
  if (!diffs.length) return 'No fact changes: the assistant would answer as before.';
  const lines: string[] = [];
  for (const d of diffs) {
    lines.push(
      `${d.notice} (${d.status}): ${d.changed.length} changed, ${d.added.length} added, ${d.removed.length} removed`,
    );
    for (const c of d.changed) lines.push(`  ~ ${c.summary}`);
    for (const c of d.added) lines.push(`  + ${c.summary}`);
    for (const c of d.removed) lines.push(`  - ${c.summary}`);
  }
  return lines.join('\n');
}
