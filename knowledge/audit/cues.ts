/** The text cues the rules look for in published sentences (contact channels, lawful bases, rights, retention). */
import type { AuditedRight } from './types.ts';

export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
export const PHONE = /(?<![\d.])(?:\+44\s?|0)(?:\d\s?){9,10}(?!\d)/;
export const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;
export const WEB = /\b(?:https?:\/\/\S+|www\.\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov|org|co|nhs|ac)\.uk\b\S*)/i;
export const ONLINE_FORM = /\bonline form\b/i;

/** "This notice will tell you: …", "This privacy notice advises you on: …": a list of what follows, not a statement. */
export const SIGNPOST =
  /\b(?:this|the) (?:privacy )?notice (?:will )?(?:tells?|advises?|explains?|sets? out|covers?|describes?)\b|\badvises you on\b|^(?:table of )?contents$/i;
export const ICO = /information commissioner|\bICO\b|supervisory authority/i;
export const DPO = /data protection officer|\bDPO\b/i;
export const RIGHTS_CONTEXT = /\brights? (?:to|of)\b|\bthe rights\b|\byour rights\b/i;
export const SPECIAL_CONTEXT = /\barticles? 9\b|\bspecial categor|\bsensitive\b|\bschedule 1\b/i;

export const ART6: [string, RegExp][] = [
  ['consent (Art. 6(1)(a))', /\barticle 6 ?\(1\) ?\(a\)|\bconsent\b/i],
  [
    'contract (Art. 6(1)(b))',
    /\barticle 6 ?\(1\) ?\(b\)|\bperformance of a contract\b|\bnecessary for (?:a|the|our) contract\b/i,
  ],
  ['legal obligation (Art. 6(1)(c))', /\barticle 6 ?\(1\) ?\(c\)|\blegal obligations?\b/i],
  ['vital interests (Art. 6(1)(d))', /\barticle 6 ?\(1\) ?\(d\)|\bvital interests?\b/i],
  [
    'public task (Art. 6(1)(e))',
    /\barticle 6 ?\(1\) ?\(e\)|\bpublic task\b|(?<!substantial )\bpublic interest\b|\bofficial authority\b/i,
  ],
  ['legitimate interests (Art. 6(1)(f))', /\barticle 6 ?\(1\) ?\(f\)|\blegitimate interests?\b/i],
];

export const ART9: [string, RegExp][] = [
  ['explicit consent (Art. 9(2)(a))', /\b9 ?\(2\) ?\(a\)|\bexplicit consent\b/i],
  [
    'employment, social security and social protection (Art. 9(2)(b))',
    /\b9 ?\(2\) ?\(b\)|\bemployment, social security\b/i,
  ],
  ['vital interests (Art. 9(2)(c))', /\b9 ?\(2\) ?\(c\)/i],
  ['legal claims (Art. 9(2)(f))', /\b9 ?\(2\) ?\(f\)|\blegal claims\b/i],
  ['substantial public interest (Art. 9(2)(g))', /\b9 ?\(2\) ?\(g\)|\bsubstantial public interest\b/i],
  [
    'health or social care (Art. 9(2)(h))',
    /\b9 ?\(2\) ?\(h\)|\b9 ?\(2\) ?\([a-g]\) and \(h\)|\bhealth (?:and|or) social care\b/i,
  ],
  ['public health (Art. 9(2)(i))', /\b9 ?\(2\) ?\(i\)|\bpublic health\b/i],
  ['archiving, research or statistics (Art. 9(2)(j))', /\b9 ?\(2\) ?\(j\)|\barchiving\b/i],
  ['DPA 2018 Schedule 1 condition', /\bschedule 1\b/i],
];

export const RIGHT_CUES: Record<AuditedRight, RegExp> = {
  access:
    /\bsubject access\b|\bright (?:of|to) (?:request )?access\b|\brequest access\b|\bsee what information\b|\bcopy of (?:the|your)\b|\baccess (?:to )?(?:the )?(?:information|your (?:personal )?data|their personal data)\b|\brequest information about yourself\b/i,
  rectification: /\brectif|\bcorrect any mistakes\b|\binaccurate\b/i,
  erasure: /\beras(?:e|ed|ure)\b|\bforgotten\b|\bdelete (?:the )?(?:information|your|personal)/i,
  restriction: /\brestrict|\bsuppression\b|\bstop us using\b/i,
  portability: /\bportability\b|\btransferred electronically\b/i,
  object: /\bobject\b/i,
};

export const PERIOD =
  /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\s+(?:years?|months?|weeks?|days?)\b/i;
export const RETENTION_CUE =
  /\bretain(?:ed)?\b|\bretention\b|\bheld for\b|\bkept for\b|\bkeep (?:your|it|the|this)\b|\bhow long\b|\b(?:deleted|destroyed|disposed|archived)\b/i;
export const POLICY_REFERENCE = /\bpolic(?:y|ies)\b|\bguidelines?\b|\bschedules?\b|\bguidance\b|\bleaflet\b/i;
