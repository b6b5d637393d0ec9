/**
 * What a question asks about, in residents' words (after language.ts has normalised it).
 * Weighted cues per topic; the caller weighs the result against what the notice actually says.
 */
import type { NoticeTopic } from './answer-contract.ts';
import { stem } from './language.ts';

type Cue = [RegExp, number];

const QUESTION_CUES: Record<NoticeTopic, Cue[]> = {
  retention: [
    [/\bhow long\b|\bretain|\bretention\b|\bretension\b|\bfor how many years\b|\bhow many years\b|\buntil when\b/, 4],
    [
      /\bwhen (?:do|will|does|would) (?:you|they|it|the council|my \w+)\b.*\b(?:delete|destroy|remove|get rid|bin|wipe)/,
      4,
    ],
    [
      /\b(?:delete|destroy|remove)d? (?:it |my \w+ )?after\b|\bforever\b|\bfor ever\b|\bpermanently\b|\bafter i (?:leave|stop|finish)\b|\bonce i (?:leave|stop|finish)\b|\bif i stop\b|\bstop (?:coming|attending)\b|\bdon'?t come back\b|\bnot come back\b/,
      3,
    ],
    [
      /\bstill (?:have|hold|keep|got)\b|\bcase (?:is |gets |was )?closed\b|\bafter (?:that|my case|i leave|the programme)\b|\bso long\b/,
      3,
    ],
    [/\bdelete\b|\bdestroyed\b/, 1.5],
    [/\bkeep\b|\bkept\b|\bhang on\b/, 1.5],
    [/\byears?\b|\bmonths?\b/, 1],
  ],
  sharing: [
    [/\bshar(?:e|ed|es|ing)\b|\bshair\b|\bsahre\b/, 4],
    [
      /\bwho (?:else )?(?:sees|can see|gets|has|will see|could see|else)\b|\bthird part(?:y|ies)\b|\bwho (?:do|will) you (?:give|send)\b/,
      3,
    ],
    [/\bsell|\bsold\b/, 3],
    [/\bcontractors?\b|\bpartner organisations?\b/, 3],
    [
      /\b(?:do|does|will|would|can) (?!i\b|you\b|we\b)(?:the |my |your |an? )?[\w-]+(?: [\w-]+){0,3} (?:(?:get|see|receive|have access to|be given) (?:\w+ )?(?:my|her|his|their|our|your|the|any|this|it|them)\b|be told|get told|find out)/,
      3,
    ],
    [/\bwho (?:in|at) [\w ]{2,30} can (?:see|look at|access)\b/, 2],
    // "who gets to look at my stuff", "who sees my file": who else sees it, asked indirectly.
    [
      /\bwho (?:else )?(?:gets|is allowed|are allowed|can get|has the right) to (?:see|look at|read|access|know)\b|\bwho (?:else )?(?:looks at|sees|reads) (?:my|our|her|his|their)\b/,
      3,
    ],
  ],
  'data-collected': [
    [
      /(?<!why )\b(?:do|does) (?:you|they|the council|we) need (?:my|your|her|his|their)\b(?! (?:consent|permission))|\b(?:calls?|conversations?) (?:are |being |get )?recorded\b|\brecord (?:my|the) calls?\b/,
      4,
    ],
    [
      /\bwhat (?:kind of |sort of |type of |types of |personal )?(?:information|data|details)\b(?! do i\b)(?! can i\b)/,
      2.5,
    ],
    [
      /\bwhat do (?:you|they) (?:know|hold|have|keep|collect|record|store)\b|\b(?:hold|have|keep|know|got|store) (?:on|about) me\b|\babout me\b/,
      3,
    ],
    [/\bcollect|\brecord (?:about|on)\b|\bspecial categor|\bsensitive\b/, 2],
    [
      /\bhold (?:any )?(?:information|data|details|anything|stuff)? ?(?:about|on)\b|\bwrite down\b|\bnotes? (?:of|about|on)\b/,
      3,
    ],
    [
      /\bdo i have to (?:give|provide|tell|fill)\b|\bmandatory\b|\bcompulsory\b|\boptional\b|\bvoluntary\b|(?<!why )\bdo (?:you|they) need my\b(?! (?:consent|permission))/,
      5,
    ],
    [
      /\bdo (?:you|they) (?:hold|have|keep|record|store|collect|know|ask for)\b|\bkeep track of\b|\bdo (?:you|they) (?:check|ask|need to know|find out)\b/,
      2.5,
    ],
    [
      /\b(?:you|they|council) (?:hold|holds|have|has|keep|keeps|store|stores|process|processes) (?:my|her|his|their) (?:data|information|details)\b(?! (?:safe|secure))/,
      3,
    ],
    [
      /\bethnicity\b|\breligion\b|\bnational insurance\b|\bdate of birth\b|\bhealth\b|\bsexual\b|\bnationality\b|\bdisabilit/,
      1,
    ],
    // "is anything on file about me?", "what have you got on me": what is held, asked indirectly.
    [
      /\b(?:anything|something|stuff|much|what) (?:\w+ ){0,2}(?:on file|on record|on your (?:system|files|records|computer))\b|\b(?:have|got|hold|keep) (?:\w+ )?(?:on|about) (?:me|us|my (?:son|daughter|child|mum|dad))\b|\bwhat(?: is| s)? on (?:my )?(?:file|record)\b/,
      3,
    ],
  ],
  sources: [
    [
      /\bwhere (?:do|did|does) (?:you|they|the council) (?:get|find|obtain|receive)\b|\bwho (?:gave|gives|told|tells|sent|passed) (?:you|the council)\b|\bhow did (?:you|they) get\b|\bsources?\b|\bfrom whom\b|\bwhere .* come from\b/,
      5,
    ],
    [/\breferr(?:ed|al)\b|\bget (?:my|the) (?:information|data|details) from\b|\bfrom my school\b/, 3],
    [
      /\bdid (?:my|the|a) [\w ]{1,30}?(?:give|send|sent|tell|told|pass|share)\b|\b(?:give|send|tell|pass)\w* (?:\w+ ){0,3}(?:to|on to) (?:you|the council|social services)\b|\bwhat did (?:they|he|she) (?:give|send|tell)\b/,
      5,
    ],
  ],
  purposes: [
    [
      /\bwhy (?:do|does|are|is|would|did|should|have|has) (?:you|they|the council|it)\b|\bwhat (?:are|is) (?:you|they) using\b|\busing (?:my|it|this) [\w ]{0,20}for\b|\buse (?:my|your|this|the|her|his) (?:\w+ )?for\b|\bwhat (?:do|will|does) (?:you|they|it) (?:do|use)\b.*\b(?:with|for)\b|\bwhat (?:is|are) (?:it|they|my \w+) (?:used )?for\b|\bwhat for\b|\bwhy do i\b|\bis it (?:just )?so (?:that )?you can\b|\bpurpose|\bused for\b|\buse (?:my|it) for\b|\bwhy.*need\b/,
      4,
    ],
  ],
  'lawful-basis': [
    [/\b(?:have|need) to (?:give|get) (?:my |your |her |his )?(?:consent|permission)\b/, 6],
    [
      /\blegal basis\b|\blawful basis\b|\blawful\b|\blegal grounds?\b|\bon what (?:basis|grounds)\b|\bwhat (?:law|legislation|act)\b|\bwhich (?:law|legislation|act)\b|\blegally\b/,
      5,
    ],
    [
      /\b(?:allowed|entitled|permitted|right) to (?:collect|hold|have|use|keep|process|ask|take)\b|\bwho said (?:you|they) can\b|\blegal right\b|\bis it legal\b|\bbasis\b|\barticle \d\b|\bpublic task\b|\blegal obligation\b/,
      4,
    ],
    [/\blaw\b|\blegislation\b|\bact\b/, 1.5],
    [/\bact (?:of )?\d{4}\b|\b\d{4} act\b|\bsection \d+/, 4],
    [/\bneed (?:my |your |her |his |their )?(?:consent|permission)\b|\brel(?:y|ying|ies) on\b/, 6],
    [/\bwithout (?:my )?(?:consent|permission|asking)\b/, 3],
  ],
  security: [
    [/\bkeep (?:it|them|my \w+) (?:safe|secure)\b/, 3],
    [/\b(?:keep a )?record (?:of )?(?:who|when)\b/, 5],
    [
      /\bsecur(?:e|ity)\b|(?<!data )\bprotect(?:ed|ion|ing)?\b|\bbreach\b|\bencrypt|\bconfidential\b|\b(?:you|they|council) (?:lose|lost)\b|\bstolen\b|\bhack\w*|\bleak\w*/,
      4,
    ],
    [
      /\bwhere (?:is|are|do you|does it|will it|will my \w+|do they)\b.*\b(?:kept|stored|store|keep|held|hold|live|go)\b|\bstored\b|\bstore\b|\bsystem\b|\bdatabase\b/,
      3,
    ],
    [
      /\bcan (?!i\b|you\b|we\b)(?:the |a |an )?[\w ]{1,30} (?:read|see|access|look at|view) (?:my|our|the|her|his)\b|\bwho (?:[\w ]{0,30} )?can (?:access|see|look at|read)\b|\bwho (?:has|have) access\b|\bby (?:normal |secure |plain )?(?:email|e-mail)\b|\bpassword\b/,
      3,
    ],
  ],
  international: [
    [
      /\boutside (?:the )?(?:uk|united kingdom|country)\b|\babroad\b|\boverseas\b|\binternational\b|\bforeign\b|\beurope\b|\beu\b|\beea\b|\bamerica\b|\busa\b|\bus servers?\b|\bother countr|\bindia\b|\bchina\b/,
      5,
    ],
  ],
  rights: [
    [/\bmy rights\b|\bwhat rights\b|\bright to\b|\brights\b/, 3],
    [
      /\b(?:can|could|will) (?:you|i|they)\b.*\b(?:delete|erase|remove|correct|change|fix|update|amend)\b|\bforgotten\b|\brectif|\bcorrect(?:ion)?\b|\bwrong\b|\bmistake|\binaccurate\b|\bportab|\bobject\b|\brestrict|\bstop (?:you |them )?using\b|\bautomated\b|\bautomatically\b|\bprofiling\b|\bcomputer (?:make|makes|decide)|\bby (?:a )?computer\b|\breal person (?:looked|look|decided)/,
      4,
    ],
  ],
  'access-request': [
    [/\bsubject access\b|\bsar\b|\bdata subject access\b|\baccess request\b/, 6],
    [
      /\b(?:get|want|request|need|have|see|give me|send me|obtain|ask for|asking for) (?:a )?(?:full )?copy of\b|\b(?:i|we|she|he|they|mum|dad) (?:want|wants|would like|need|needs|asking|asks|asked|is asking) (?:to )?(?:see|get|have|access|read|view|for)\b|\b(?:can|could|may|how (?:do|can|does)) (?:i|she|he|we|they)\b[\w ]{0,12}\b(?:see|get|have|access|read|view|obtain)\b[\w ]{0,20}\b(?:my|her|his|their|the|everything|what)\b|\bwants everything\b|\bask(?:ing|s|ed)? for (?:all )?(?:of )?(?:the |my |her |his |their |a copy of )?(?:records?|file|data|notes|information)\b|\b\w+ (?:wants?|would like|is asking|asks|asked) (?:to )?(?:see|get|have|access|read|view|a copy|all (?:the |my |her |his )?(?:notes|records|files?|data|information))\b|\bask(?:ing)? for (?:my|a copy|her|his|their) (?:own )?(?:records?|file|data|notes|information)\b|\b(?:get|want|request|need|have|ask for|see) (?:a )?copy of (?:it|them|that)\b|\b(?:get|want|request|need|have|ask for) a copy\b/,
      5,
    ],
    [/\b(?:a|full) copy\b|\bmy (?:file|records|social care records)\b/, 2],
    // "give me everything you've got on me", "can I ask for my info?": a request for their data, asked plainly.
    [
      /\b(?:give|send|show|email|post) (?:me|us|him|her) (?:everything|all|what)\b|\b(?:ask|apply|request|get hold of) (?:for )?(?:all )?(?:of )?(?:my|her|his|their|our) (?:own )?(?:info|information|data|details|file|files|records?|notes|stuff)\b|\beverything (?:you|they) (?:have|hold|got|know|keep)\b/,
      5,
    ],
  ],
  consent: [
    [/\b(?:do not|no longer) want (?:that|this|it|them)\b|\bno longer want\b|\btake back\b/, 4],
    [
      /\bconsent\b|\bpermission\b|\bopt out\b|\bopt-out\b|\bchanged? my mind\b|\bunsubscribe\b|\bsay no\b|\bsaid yes\b|\bmarketing\b|\bpromotions?\b|\bspecial offers\b/,
      5,
    ],
    [/\bwithdr[ae]w\b|\brefuse\b|\bagree(?:d)?\b/, 2],
  ],
  complaints: [
    [
      /\bcomplain|\bcomplaint\b|\bunhappy\b|\bnot happy\b|\bico\b|\binformation commissioner\b|\bombudsman\b|\bregulator\b|\breport (?:you|the council|a problem|it)\b|\bmisus|\bconcern(?:ed|s)?\b|\bupset\b|\bangry\b|\bfurious\b|\bfumin\w*\b|\bmoan\b|\bsue\b/,
      5,
    ],
  ],
  contact: [
    [
      /\bdpo\b|\bdata protection officer\b|\bdata protection (?:team|email|contact|people|questions?|quer(?:y|ies)|enquir(?:y|ies)|issues?)\b/,
      4,
    ],
    [
      /\bcontact\b|\bget in touch\b|(?<!my )\bemail\b|\b(?:the|by|on the|a) phone\b|\btelephone\b|\b(?:phone|telephone|contact|tel|mobile) number\b|\bnumber (?:for|to call)\b|(?<!my |email )\baddress\b|\bwrite to\b|\bspeak to\b|\btalk to\b|\bring\b|\bcall\b|\breach\b|\bwho (?:do|should|can) i (?:ask|talk|speak|contact|write)\b/,
      3,
    ],
  ],
  controller: [
    [
      /\bcontroller\b|\bresponsible for\b|\bin charge of\b|\bwho (?:owns|controls|runs|is responsible|looks after|manages)\b|\baccountable\b|\bwho is (?:holding|processing)\b|\bwhich (?:organisation|council|body)\b|\bowns? (?:my|the|your|her|his) (?:data|info|information|details|records?)\b|\bowner\b/,
      5,
    ],
  ],
  about: [
    [
      /\b(?:this|the) (?:privacy )?(?:notice|policy|page) (?:cover|covers|even about|about|for)\b|\bwho is (?:it|this) for\b/,
      6,
    ],
    [/\b(?:read|see|find|view) (?:the |this |your )?(?:full )?(?:privacy )?(?:notice|policy)\b/, 7],
    [
      /\bwhat is (?:this|the) (?:service|programme|notice)\b|\bwhat (?:does|is) (?:this|the) (?:service|programme)\b|\btell me about (?:the|this) (?:service|programme)\b|\bwho are you\b/,
      5,
    ],
  ],
};

export interface Intent {
  /** The question text the cues were read from (normalised, slang and phrases expanded). */
  text: string;
  /** Topics ranked by strength, strongest first. */
  ranked: [NoticeTopic, number][];
  /** The person wants a human (a person, the DPO, to complain): offer the escalation. */
  wantsPerson: boolean;
  /** The person wants a copy of their data: offer the SAR hand-off. */
  wantsCopy: boolean;
}

export function detectIntent(text: string): Intent {
  const ranked: [NoticeTopic, number][] = [];
  for (const [topic, cues] of Object.entries(QUESTION_CUES) as [NoticeTopic, Cue[]][]) {
    let score = 0;
    for (const [pattern, weight] of cues) if (pattern.test(text)) score += weight;
    if (score > 0) ranked.push([topic, score]);
  }
  // "how long do you keep X" is retention even though "keep" is also a data-collected cue.
  const retention = ranked.find(([t]) => t === 'retention');
  const accessRequest = ranked.find(([t]) => t === 'access-request');
  if (accessRequest && accessRequest[1] >= 5)
    for (const entry of ranked) if (entry[0] === 'data-collected' || entry[0] === 'rights') entry[1] -= 2;
  if (retention && retention[1] >= 4) for (const entry of ranked) if (entry[0] === 'data-collected') entry[1] -= 2;
  // "why do you need my X" asks for the purpose, whatever X is.
  if (/^why\b/.test(text) && ranked[0]?.[0] === 'data-collected') bump(ranked, 'purposes', 3);
  // "can you delete my data" is the right to erasure, not a request for a copy.
  if (/\b(?:deleted|erased|removed|wiped|corrected|changed|fixed)\b/.test(text) && accessRequest) {
    bump(ranked, 'access-request', -4);
    bump(ranked, 'rights', 2);
  }
  // "do we need her consent to pass her info on" is a sharing question.
  if (/\bneed (?:\w+ )?(?:consent|permission) to (?:share|pass|give|send)\b/.test(text)) bump(ranked, 'sharing', 3);
  // "is it safe when you send it to the DfE" asks about security of the sharing, not who receives it.
  if (
    ranked.some(([t]) => t === 'sharing') &&
    /\b(?:safe|secure|securely|protected|encrypt\w*|password|by (?:normal |secure |plain )?e-?mail|verbal)\b/.test(text)
  ) {
    bump(ranked, 'security', 2.5);
  }
  ranked.sort((a, b) => b[1] - a[1] || TOPIC_PRIORITY.indexOf(a[0]) - TOPIC_PRIORITY.indexOf(b[0]));
  return {
    text,
    ranked: ranked.filter(([, score]) => score > 0),
    wantsPerson:
      /\b(?:speak|talk|chat) (?:to|with) (?:a |an |someone|somebody|a real|the dpo|a human|a person|an actual)|\b(?:real|actual) (?:person|human)\b|\bhuman\b|\bcall me back\b|\bcan (?:a|someone|somebody) (?:person )?help\b|\bcontact the dpo\b|\bescalate\b/.test(
        text,
      ),
    wantsCopy: (accessRequest?.[1] ?? 0) >= 5,
  };
}

function bump(ranked: [NoticeTopic, number][], topic: NoticeTopic, by: number): void {
  const entry = ranked.find(([t]) => t === topic);
  if (entry) entry[1] += by;
  else ranked.push([topic, by]);
}

/** Tie-break order: the more specific topic wins. */
const TOPIC_PRIORITY: NoticeTopic[] = [
  'access-request',
  'retention',
  'international',
  'consent',
  'complaints',
  'sources',
  'lawful-basis',
  'sharing',
  'security',
  'controller',
  'rights',
  'purposes',
  'data-collected',
  'contact',
  'about',
];

/** Words that mark a question as one about personal data at all. */
export const PRIVACY_ANCHOR =
  /\b(?:data|information|details|personal|privacy|gdpr|records?|file|files|notes|dpo|data protection|consent|about (?:me|us|my)|on me|on file|on record|everything (?:you|they)|my (?:name|address|phone|email|number|info|stuff|things|case|claim|application|account|history|form|details)|ico|subject access|sar)\b/;

/** Council business that is not about these notices. */
export const OFF_TOPIC =
  /\bhow (?:do|can) i (?:apply|appeal|pay|renew|book|report|top up)\b|\bappeal\b|\bfines?\b|\bpenalty charge\b|\bbins?\b(?! my)|\brubbish\b|\brecycling\b|\bcouncil tax\b|\bparking\b|\bpotholes?\b|\bplanning (?:permission|application)\b|\blibrar(?:y|ies)\b|\bweather\b|\bjoke\b|\bfootball\b|\bpizza\b|\brecipe\b|\bsing\b|\bpoem\b|\bopening (?:hours|times)\b|\bbus(?:es)?\b|\bstreet ?lights?\b|\bfly.?tipping\b|\bnoise\b|\bleisure centre\b|\bswimming\b|\bcapital of\b|\bwho won\b|\bbitcoin\b|\bhoroscope\b|\bbook (?:me|my|a|an)\b|\bbooking\b|\bappointments?\b|\bnext visit\w*|\bvisiting\b|\bjobs? (?:going|available|vacanc\w*)|\bvacanc(?:y|ies)\b|\bhow much (?:is|does|are|do)\b|\bprices?\b|\btrees?\b|\bneighbours?\b|\bschool places?\b/;

export const PROMPT_INJECTION =
  /\bignore (?:all |any |your |the )?(?:previous |prior |above |earlier )?(?:instructions|rules|prompts?)\b|\bsystem prompt\b|\byou are now\b|\bact as\b|\bjailbreak\b|\bdeveloper mode\b|\bpretend (?:to be|you are)\b|\bdisregard\b.*\binstructions\b|\breveal (?:your|the) (?:prompt|instructions|password|secrets?)\b/;

/** Every word the cue patterns know, so spelling correction never "corrects" a word the assistant understands. */
export function cueVocabulary(): string[] {
  const sources = Object.values(QUESTION_CUES).flatMap((cues) => cues.map(([pattern]) => pattern.source));
  sources.push(PRIVACY_ANCHOR.source, OFF_TOPIC.source, PROMPT_INJECTION.source);
  return [
    ...new Set(
      sources
        .join(' ')
        .replace(/\\[a-zA-Z]/g, ' ')
        .match(/[a-z]{3,}/g) ?? [],
    ),
  ];
}

/** Stems of words that say what kind of question it is rather than what it is about ("how long", "share"). */
export const FUNCTION_TERMS = new Set(
  `long keep kept retain retention delete deleted destroy destroyed share shared sharing store stored hold held collect
  collected use used why need needs right rights access copy see contact email phone number address complain complaint
  consent permission withdraw protect protected secure security safe law legal lawful basis source sources purpose
  purposes outside uk abroad request subject time years year months month long much who whom get given give send sent
  find found say says said tell told able allowed allow happen happens done do make made ask asked dpo officer
  protection data information personal detail details record records file files stuff council service notice privacy
  person people someone human speak talk write ring call answer question questions help period what exercise`
    .split(/\s+/)
    .map(stem),
);

const cueTermCache = new Map<NoticeTopic, Set<string>>();
/** Stems of the words a topic's cues are made of ("store", "secure" for security). */
export function cueTermsOf(topic: NoticeTopic): Set<string> {
  let terms = cueTermCache.get(topic);
  if (!terms) {
    const source = QUESTION_CUES[topic].map(([pattern]) => pattern.source).join(' ');
    terms = new Set((source.replace(/\\[a-zA-Z]/g, ' ').match(/[a-z]{3,}/g) ?? []).map(stem));
    cueTermCache.set(topic, terms);
  }
  return terms;
}

/** Stems of every word any topic cue is made of: words that say what is asked, never which service. */
export const CUE_TERMS: Set<string> = new Set(
  (Object.keys(QUESTION_CUES) as NoticeTopic[]).flatMap((topic) => [...cueTermsOf(topic)]),
);
