import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import { loadSources } from '../../knowledge/sources.ts';
import { generatedRegistry, generateNotices } from './generate-notices.ts';

const { files: seeds, registry, thesaurus } = loadSources();
const COUNT = 40;
const generated = generateNotices(seeds, COUNT);
const kb = buildKnowledgeBase([...seeds, ...generated], [...registry, ...generatedRegistry(generated)], thesaurus);
const byId = new Map(kb.notices.map((n) => [n.id, n]));
const seedOf = (id: string) => id.replace(/-v\d+$/, '');

describe('generateNotices', () => {
  it('is deterministic: the same arguments give identical notices', () => {
    expect(generateNotices(seeds, COUNT)).toEqual(generated);
    expect(JSON.stringify(generateNotices(seeds, COUNT))).toBe(JSON.stringify(generated));
  });

  it('gives a smaller count as a prefix of a larger one', () => {
    expect(generateNotices(seeds, 7)).toEqual(generated.slice(0, 7));
  });

  it('makes the number of notices asked for, with new ids and councils', () => {
    expect(generated).toHaveLength(COUNT);
    expect(generateNotices(seeds, 0)).toEqual([]);
    const seedIds = new Set(seeds.map((s) => s.meta.id));
    const seedCouncils = new Set(seeds.map((s) => s.meta.council));
    for (const file of generated) {
      expect(file.meta.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(file.meta.id).toMatch(/-v\d+$/);
      expect(seedIds.has(seedOf(file.meta.id))).toBe(true);
      expect(file.meta.council).toMatch(/^council-\d+$/);
      expect(seedCouncils.has(file.meta.council)).toBe(false);
      const seed = seeds.find((s) => s.meta.id === seedOf(file.meta.id))!;
      expect(file.meta.title).not.toBe(seed.meta.title);
      expect(file.meta.title.endsWith(seed.meta.title)).toBe(true);
      expect(file.body).not.toBe(seed.body);
      expect(file.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('gives unique ids and source hashes', () => {
    const ids = [...seeds, ...generated].map((f) => f.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(generated.map((f) => f.sourceHash)).size).toBe(COUNT);
  });

  it('varies the layout: bullet styles, heading styles and section order', () => {
    const bodies = generated.map((f) => f.body);
    for (const bullet of [/^\s*- /m, /^\s*• /m, /^\s*\* /m, /^\s*1\. \S/m])
      expect(bodies.some((b) => bullet.test(b))).toBe(true);
    expect(bodies.some((b) => /^## /m.test(b))).toBe(true);
    expect(bodies.some((b) => /^[A-Z][A-Z ,'?]{15,}$/m.test(b))).toBe(true);
    expect(bodies.some((b) => /^(?:Table of )?Contents$/m.test(b))).toBe(true);
    const sectionOrder = (id: string) => byId.get(id)!.sections.map((s) => s.heading.toLowerCase());
    expect(generated.some((f) => sectionOrder(f.meta.id).join('|') !== sectionOrder(seedOf(f.meta.id)).join('|'))).toBe(
      true,
    );
  });

  it('builds into a knowledge base in which every generated notice has retention and sharing facts', () => {
    expect(kb.notices).toHaveLength(seeds.length + COUNT);
    for (const file of generated) {
      const notice = byId.get(file.meta.id);
      expect(notice, file.meta.id).toBeDefined();
      expect(notice!.council).toBe(file.meta.council);
      const topics = new Set(notice!.facts.map((f) => f.topic));
      expect(topics.has('retention'), `${file.meta.id} has no retention facts`).toBe(true);
      expect(topics.has('sharing'), `${file.meta.id} has no sharing facts`).toBe(true);
    }
  });

  it('varies the retention periods, and the varied periods reach the built facts', () => {
    const periodsOf = (id: string) =>
      new Set(byId.get(id)!.facts.flatMap((f) => (f.retention?.months != null ? [f.retention.months] : [])));
    let varied = 0;
    for (const file of generated) {
      const seedPeriods = periodsOf(seedOf(file.meta.id));
      if (seedPeriods.size === 0) continue;
      const periods = periodsOf(file.meta.id);
      expect(periods.size, `${file.meta.id} lost its retention periods`).toBeGreaterThan(0);
      if ([...periods].some((m) => !seedPeriods.has(m))) varied++;
    }
    // Every seed with a stated period but one (southend-connexions, vague) has its periods changed in every variant.
    expect(varied).toBe(generated.filter((f) => periodsOf(seedOf(f.meta.id)).size > 0).length);
    expect(varied).toBeGreaterThan(0);
  });
});
