import { answerQuestion } from '#core/answer.ts';
import { buildIndex } from '#core/knowledge-index.ts';
import { buildKnowledgeBase } from '../../knowledge/pipeline/build-kb.ts';
import { loadSources } from '../../knowledge/sources.ts';
import { loadEvalSet, toQuestion } from '../eval/evaluate.ts';
const { files, registry } = loadSources();
const kb = buildKnowledgeBase(files, registry);
const qs = loadEvalSet().map(toQuestion);
for (let i = 0; i < 3; i++) { const idx = buildIndex(kb); for (const q of qs) answerQuestion(idx, q); }
const idx = buildIndex(kb);
const t = qs.map((q) => { const t0 = performance.now(); answerQuestion(idx, q); return [performance.now() - t0, q.question] as const; });
t.sort((a, b) => b[0] - a[0]); console.log(t.slice(0, 12).map(([ms, q]) => ms.toFixed(2) + ' ' + q).join('\n'));
const c = qs.map((q) => q.question.toLowerCase().split(/[^a-z]+/).filter(w => w.length >= 4));
const t2 = performance.now(); for (const w of ['wot', 'corses', 'infomation', 'fumin', 'zzzzqq']) { const s = performance.now(); idx.correct(w); idx.correct(w + 'x'); console.log(w, (performance.now() - s).toFixed(2)); }
