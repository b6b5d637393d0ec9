/**
 * The answering path's word lists, as data: what a question's words say about what it asks (one list of
 * weighted cues per topic), what marks it as a privacy question at all, council business the notices do not
 * cover, and prompt-injection attempts. Each phrase is a regular-expression fragment matched against the
 * normalised question (lower case, slang expanded, spelling repaired); any phrase of a cue fires it once.
 * intent.ts compiles them once at load. Change a list only with `npm run eval` before and after.
 */
import type { NoticeTopic } from './answer-contract.ts';

const r = String.raw;

export interface Cue {
  /** What the cue adds to its topic's score when any of its phrases is in the question. */
  weight: number;
  phrases: string[];
}

/**
 * Not the person's own detail: "my phone number and email", "her home address" are personal data the question asks
 * about, not a request for the council's contact details.
 */
const NOT_THE_PERSONS = r`(?<!\b(?:my|me|her|his|their|our|son's|daughter's|child's)(?: \w+){0,3} (?:and|or|,) (?:\w+ )?)(?<!\b(?:my|her|his|their|our)(?: \w+)? )`;

/** Nor a detail the person gave: "the email address I gave you", "the phone number we used". */
const NOT_GIVEN = r`(?!(?: \w+){0,2} (?:i|we|she|he|they) (?:gave|give|sent|provided|put|used|registered|left)\b)`;

/**
 * The words for complaining itself. A complaints cue, unless complaints and reports are what the service deals
 * with (topic-choice.ts `complaintsAreItsBusiness`) and nothing else in the question is a complaint about the council.
 */
export const COMPLAINT_WORD_PHRASES: string[] = [
  // Not a complaint the service handles ("my noise complaint", "a food complaint"): that is its business.
  // Nor reporting someone to the service ("it was me who complained", "the person I complained about").
  r`(?<!\b(?:noise|food|nuisance|neighbour|planning|licensing|hygiene|parking|housing|asb|service|who|person) )(?<!\bperson (?:i|we|you|she|he) )\bcomplain(?!ant)(?!ed about (?:the|my|a|an|next|them|him|her|their|someone|somebody|us)\b)(?!ed about$)`,
  r`(?<!\b(?:noise|food|nuisance|neighbour|planning|licensing|hygiene|parking|housing|asb|service) )\bcomplaint\b`,
  r`\breport (?:you|the council|a problem|it)\b`,
];

/** Per topic, the cues that a question asks about it ("how long" → retention). */
export const QUESTION_CUES: Record<NoticeTopic, Cue[]> = {
  retention: [
    // "what happens to my photo after", "what happens to it once my case is closed".
    {
      weight: 4,
      phrases: [
        r`\bwhat happens to (?:my|the|your|it|her|his|their)\b[\w ]{0,30}\b(?:after|afterwards|once|at the end)\b`,
        // "what happens to my health questionnaire when I leave", "he's moved into a care home, what happens to his info".
        r`\bwhat happens to (?:my|the|your|it|her|his|their)\b[\w ]{0,30}\b(?:when|if) (?:i|we|he|she|they|you)\b`,
        // "are my details still on your system", "do you still have my file".
        r`\bstill (?:on|in) (?:your|the|their|my|his|her) (?:system|records?|file|files|database|computer)\b`,
        // "is that still on my record", "never picked up my certificate, is it still there".
        r`\b(?:is|are) (?:it|they|that|this|those|these|my \w+(?: \w+)?) still (?:there|here|kept|held|around|about|on file|on record)\b`,
        r`\b(?:do|does|would|will) (?:you|they|the council) still (?:have|hold|keep|got)\b`,
        r`\b(?:moved|left|died|passed away|stopped)\b.*\bwhat happens to (?:my|his|her|their|our) (?:info|information|data|details|file|records?)\b`,
      ],
    },
    {
      weight: 4,
      phrases: [
        r`\bhow long\b`,
        r`\bretain`,
        r`\bretention\b`,
        r`\bretension\b`,
        r`\bfor how many years\b`,
        r`\bhow many years\b`,
        r`\buntil when\b`,
      ],
    },
    {
      weight: 4,
      phrases: [
        r`\bwhen (?:do|will|does|would) (?:you|they|it|the council|my \w+)\b.*\b(?:delete|destroy|remove|get rid|bin|wipe)`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\b(?:delete|destroy|remove)d? (?:it |my \w+ )?after\b`,
        r`\bforever\b`,
        r`\bfor ever\b`,
        r`\bpermanently\b`,
        r`\bafter i (?:leave|stop|finish|die|move|close)\b`,
        r`\b(?:throw|chuck) (?:\w+ ){0,3}away\b`,
        r`\bonce i (?:leave|stop|finish)\b`,
        r`\bif i stop\b`,
        r`\bstop (?:coming|attending)\b`,
        r`\bdon'?t come back\b`,
        r`\bnot come back\b`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\bstill (?:have|hold|keep|got)\b`,
        r`\bstill (?:on|in) (?:your|the) (?:system|files?|records?|database)\b`,
        r`\bcase (?:is |gets |was )?closed\b`,
        r`\bafter (?:that|my case|i leave|the programme)\b`,
        r`\bso long\b`,
      ],
    },
    { weight: 1.5, phrases: [r`\bdelete\b`, r`\bdestroyed\b`] },
    { weight: 1.5, phrases: [r`\bkeep\b`, r`\bkept\b`, r`\bhang on\b`] },
    { weight: 1, phrases: [r`\byears?\b`, r`\bmonths?\b`] },
  ],
  sharing: [
    {
      weight: 4,
      phrases: [
        r`\bshar(?:e|ed|es|ing)\b`,
        r`\bshair\b`,
        r`\bsahre\b`,
        // "will you tell the police", not "tell me what you hold", "what I tell you" or "did my school tell you".
        r`(?<!\b(?:i|we|did|who|what|they|he|she) )\btell(?:s|ing)? (?!(?:me|us|you|him|her)\b)`,
      ],
    },
    // Publication is disclosure: "will my objection be public?", "is my phone number shown online?"
    {
      weight: 3,
      phrases: [
        r`\b(?:be|is|are|get|gets|go|goes|put|made|shown|appear|appears) (?:\w+ ){0,2}(?:public|published|online|on (?:the|your) website)\b`,
        // "will my name end up in the paper", "will our address be up on that board", "did you put it on there".
        r`\b(?:end up|be|go|goes|get|gets|appear|appears|put|shown|be up) (?:\w+ ){0,2}(?:in|on) (?:the |that |a |your )?(?:local |national |daily )?(?:paper|papers|newspaper|local news|news|website|board|noticeboard|notice board|internet|web)\b`,
        r`\b(?:put|posted|uploaded) (?:it|them|this|that|my \w+|his \w+|her \w+) (?:up )?on (?:there|that site|that website|the internet)\b`,
        r`\b(?:put|post|posted|share|shared|show|shown|upload|uploaded) (?:\w+ ){0,2}on (?:facebook|social media|twitter|x|instagram|tiktok|youtube|the internet|the news)\b`,
        r`\bpublish(?:ed|es)?\b`,
        r`\b(?:register|list) (?:\w+ )?public\b`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\bwho (?:else )?(?:sees|can see|gets|has|will see|could see|else)\b`,
        // "can people look up my home address on your online list", "will our file follow us when we move".
        r`\b(?:look up|look me up|find|search|see)\b[\w ]{0,40}\b(?:online|on (?:the|your) (?:website|register|list|online list)|public register)\b`,
        r`\b(?:file|records?|information|info|details) (?:\w+ )?(?:follow|go with|move with|be passed on|be sent on) (?:me|us|him|her|them)\b`,
        // "will my new neighbours be able to look up online that it went to me".
        r`\b(?:will|would|can|could) (?:my |the |other |any |people |anyone |\w+ ){1,3}be able to (?:see|look up|find out|read|access|view)\b`,
        r`\bthird part(?:y|ies)\b`,
        r`\bwho (?:do|will) you (?:give|send)\b`,
        // "who does it actually tell", "who will you inform".
        r`\bwho (?:do|does|will|would|did) (?:you|they|it|the council|we) (?:\w+ )?(?:tell|inform|notify)\b`,
        r`\bwhich (?:\w+ ){0,2}(?:gets?|receives?|sees?|is given|are given)\b`,
      ],
    },
    { weight: 3, phrases: [r`\bsell`, r`\bsold\b`] },
    { weight: 3, phrases: [r`\bcontractors?\b`, r`\bpartner organisations?\b`] },
    // "who runs the ebook app", "which company looks after the cameras": a supplier the notice names.
    {
      weight: 4,
      phrases: [
        r`\bwho (?:runs|looks after|manages|supplies|provides|maintains|operates|hosts) (?:the|your|ur|this|that) (?!(?:data|info|information|details|records?|service|programme|scheme|notice)\b)\w+`,
        // "who collects my direct debit", "who sends the bin day texts", "who prints the cards": a company doing it.
        r`\bwho (?:actually |even )?(?:collects|takes|processes|handles|sends|prints|makes|delivers|does|runs|carries out) (?:my|the|your|ur|these|those|our) \w+`,
        // "which company even does that", "what firm runs the app".
        r`\b(?:which|what) (?:company|firm|supplier|organisation|business|contractor)\b`,
        // "will this get reported to anyone outside the centre".
        r`\b(?:will|would|does|do) (?:this|it|that|they) (?:get |be )?(?:reported|passed on|passed|sent|shared|told|given) to\b`,
        r`\bwhich (?:company|companies|firm|firms|supplier|contractor)\b`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\b(?:do|does|will|would|can) (?!i\b|you\b|we\b)(?:the |my |your |an? )?[\w-]+(?: [\w-]+){0,5} (?:(?:get to )?(?:get|see|read|receive|have access to|be given) (?:\w+ )?(?:my|her|his|their|our|your|the|any|this|it|them|what|how|that|if|whether)\b|be told|get told|be informed|be notified|find out|know(?: about (?:my|me|it|this|that))?\b)`,
      ],
    },
    // "can the police access my records", "who can view my application": who else sees it. A notice that says
    // who may access it inside the council answers from its security facts (their words match).
    {
      weight: 3,
      phrases: [
        r`\bcan (?!i\b|you\b|we\b)(?:the |a |an )?[\w ]{1,30} (?:read|see|access|look at|view) (?:my|our|the|her|his|this|that|it)\b`,
        r`\bwho (?:[\w ]{0,30} )?can (?:access|see|look at|read|view)\b`,
      ],
    },
    // "does my info go to anyone outside the council", "are my details given to the jobcentre".
    {
      weight: 4,
      phrases: [
        r`\b(?:go|goes|get|gets|sent|passed|given|handed|shown|forwarded) (?:on |over |out )?to (?!(?:you|us|me|the council)\b)(?:anyone|anybody|other|others|outside|third|the|a|an|my|any)\b`,
        r`\bpassed (?:around|round|about)\b`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\bwho (?:else )?(?:gets|is allowed|are allowed|can get|has the right) to (?:see|look at|read|access|know)\b`,
        r`\bwho (?:else )?(?:looks at|sees|reads) (?:my|our|her|his|their)\b`,
      ],
    },
  ],
  'data-collected': [
    // "asking whether we store her signature": whether something is held, not where.
    {
      weight: 4,
      phrases: [
        r`\b(?:whether|if) (?:we|you|they|the council) (?:store|keep|hold|have|record) (?:her|his|my|their|your|our)\b`,
      ],
    },
    {
      weight: 4,
      phrases: [
        r`(?<!why )\b(?:do|does) (?:you|they|the council|we) need (?:my|your|her|his|their)\b(?! (?:consent|permission))`,
        r`\b(?:calls?|conversations?) (?:are |being |get )?recorded\b`,
        r`\brecord (?:my|the) calls?\b`,
      ],
    },
    {
      weight: 2.5,
      phrases: [
        r`\bwhat (?:kind of |sort of |type of |types of |categories of |personal |contact |other |extra )?(?:information|data|details|info)\b(?! do i\b)(?! can i\b)`,
        r`\bwhat (?:kind of|sort of|type of|types of) (?:stuff|things)\b`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\bwhat do (?:you|they) (?:know|hold|have|keep|collect|record|store)\b`,
        r`\bwhat do (?:your|ur|the) (?:\w+ ){1,4}(?:know|hold|keep|collect|record|store|capture|film|log|see)\b`,
        r`\bwhat (?:do|does|will) (?:you|they|the council) (?:get|take|need|want) (?:from|off) (?:me|us)\b`,
        r`\b(?:need|want|get|take) (?:from|off) (?:me|us)\b`,
        r`\bwhat (?:documents|evidence|proof|paperwork|id|identification)\b`,
        r`\bwhat (?:do|does|will) (?:you|they|the council|we) (?:need|want|ask for) (?:for|from|to know|when|about)\b`,
        r`\bdo (?:i|we) need (?:a|an|to (?:give|provide|send|show|bring)|my)\b`,
        r`\b(?:info|information|data|details|stuff|records?) (?:that )?(?:you|they|the council|we) (?:hold|have|keep|store|collect|record)\b`,
        r`\bwhat (?:bits|parts) of (?:me|my \w+)\b`,
        r`\b(?:hold|have|keep|know|got|store) (?:on|about) me\b`,
        r`\babout me\b`,
      ],
    },
    { weight: 2, phrases: [r`\bcollect`, r`\brecord (?:about|on)\b`, r`\bspecial categor`, r`\bsensitive\b`] },
    // "why do you ask about my ethnicity", "why did the social worker ask me…": whether and why it is collected.
    {
      weight: 5,
      phrases: [
        r`\bwhy (?:do|does|did|are|is|would) (?:you|they|u|the council|the \w+(?: \w+)?) (?:ask|asking|want to know)\b`,
      ],
    },
    // "do your cameras record sound", "do you track where I go", "are you filming me".
    {
      weight: 2.5,
      phrases: [
        r`\bdo (?!i\b|we\b)(?:the |your |ur |you |they )?(?:\w+ ){0,3}(?:record|capture|pick up|film|read|log|track|note|take)\b(?! (?:it|them) (?:for|to)\b)`,
        r`\b(?:are|r) (?:you|u|they) (?:\w+ )?(?:filming|recording|watching|tracking|monitoring|logging) (?:me|us|my)\b`,
      ],
    },
    // "what does the planning department know about me": what the council holds, not whom it tells.
    {
      weight: 4,
      phrases: [
        r`\bwhat (?:does|do) (?:the|your|this) (?:\w+ ){1,3}(?:know|hold|have|keep|get|receive|collect|learn|find out) (?:about|on) (?:me|us|my)\b`,
        r`\bwhat(?: is| s|'s| gets| goes)? (?:printed|shown|written|displayed|put) on (?:my|the|your) \w+`,
        // "what does my library account show", "is my address on my record", "what gets recorded when…"
        r`\b(?:my|her|his|the) (?:\w+ )?(?:account|file|record|records|profile) (?:show|shows|say|says|contain|contains|have in it|has in it|hold|holds|include|includes)\b`,
        r`\b(?:is|are) (?:my|her|his|their) [\w ]{1,20} (?:on|in) (?:my|your|the|their) (?:\w+ )?(?:records?|files?|system|account|database)\b`,
        r`\b(?:what|anything|everything) (?:gets|is|are|will be|would be) (?:recorded|logged|noted|kept|stored|written down|saved)\b(?! for\b)`,
      ],
    },
    // "do you see my browsing", "do you get to know my income".
    {
      weight: 2.5,
      phrases: [
        r`\bdo (?:you|they) (?:get to )?(?:see|know|monitor|watch|look at|check|find out) (?:my|what i|where i|if i|who i|how much)\b`,
      ],
    },
    // "housing register info stored", "is my info kept": whether it is held (where, how and how long ask more).
    {
      weight: 2.5,
      phrases: [r`\b(?:info|information|data|details|records?|stuff) (?:\w+ )?(?:stored|kept|held|recorded)\b`],
    },
    {
      weight: 3,
      phrases: [
        r`\bhold (?:any )?(?:information|data|details|anything|stuff)? ?(?:about|on)\b`,
        r`\b(?:write|writes|wrote|put|note|jot|take) (?:it |that |this |anything |something |everything )?down\b`,
        r`\bwill (?:we|you|they) (?:note|record|log|write down|put down) (?:that|this|it)\b`,
        r`\bnotes? (?:of|about|on)\b`,
      ],
    },
    {
      weight: 5,
      phrases: [
        r`\bdo i have to (?:give|provide|tell|fill)\b`,
        r`\bmandatory\b`,
        r`\bcompulsory\b`,
        r`\boptional\b`,
        r`\bvoluntary\b`,
        r`(?<!why )\bdo (?:you|they) need my\b(?! (?:consent|permission))`,
      ],
    },
    {
      weight: 2.5,
      phrases: [
        r`\bdo (?:you|they) (?:hold|have|keep|record|store|collect|know|ask for)\b`,
        r`\b(?:have|has) (?:you|they|the council) got (?:my|her|his|their|any)\b`,
        r`\b(?:will|would|do|does) (?:you|they|the council) (?:ask (?:me )?(?:for|about)|want (?:to see|to know)?|need to see)\b`,
        r`\bcategor(?:y|ies) of (?:personal )?(?:data|information)\b`,
        r`\b(?:is|are|kept|held|stored|put|recorded|logged) (?:\w+ )?(?:on|in) (?:the|your|their|a) (?:system|computer|database|files?|records?)\b`,
        r`\bkeep track of\b`,
        r`\bdo (?:you|they) (?:check|ask|need to know|find out)\b`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\b(?:you|they|council) (?:hold|holds|have|has|keep|keeps|store|stores|process|processes) (?:my|her|his|their) (?:data|information|details)\b(?! (?:safe|secure))`,
      ],
    },
    {
      weight: 1,
      phrases: [
        r`\bethnicity\b`,
        r`\breligion\b`,
        r`\bnational insurance\b`,
        r`\bdate of birth\b`,
        r`\bhealth\b`,
        r`\bsexual\b`,
        r`\bnationality\b`,
        r`\bdisabilit`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\b(?:anything|something|stuff|much|what) (?:\w+ ){0,2}(?:on file|on record|on your (?:system|files|records|computer))\b`,
        r`\b(?:have|got|hold|keep) (?:\w+ )?(?:on|about) (?:me|us|my (?:son|daughter|child|mum|dad))\b`,
        r`\bwhat(?: is| s)? on (?:my )?(?:file|record)\b`,
        r`\b(?:put|held|hold|store|stored|goes|go|written|write) (?:\w+ )?on (?:my )?(?:file|record)\b`,
        // "carer asking what we keep on her", "does tapping my pass log anything about me".
        r`\bwhat (?:we|you|they|the council) (?:keep|hold|have|record|store|know) (?:on|about)\b`,
        r`\b(?:log|logs|record|records|store|stores|keep|keeps|track|tracks) (?:anything|something|stuff|info\w*|data|details) (?:about|on) (?:me|us|my|him|her|them)\b`,
        // "is that kept on my file now", "will it be put in my records".
        r`\b(?:kept|held|stored|recorded|logged|put|noted) (?:\w+ )?(?:on|in) (?:my|her|his|their|the|your) (?:\w+ )?(?:file|record|records|account|system|notes)\b`,
      ],
    },
  ],
  sources: [
    {
      weight: 5,
      phrases: [
        r`\bwhere (?:else )?(?:do|did|does|would|will) (?:you|they|the council) (?:\w+ )?(?:get|find|obtain|receive)\b`,
        // "how has the gym got my medical details", "how have you got my number".
        r`\bhow (?:has|have) (?:you|they|the council|the \w+|my \w+) (?:got|gotten|found out|heard)\b`,
        r`\bwhere (?:we|you|they) (?:got|get|found|obtained|received)\b`,
        r`\bhow come (?:you|they|the council) (?:have|has|got|know)\b`,
        r`\bhow did (?:you|they|the council) (?:find|track down|get hold of) (?:me|us|my)\b`,
        r`\bwho (?:reported|referred|complained about|grassed on) (?:me|us|my)\b`,
        // "will you ring my gp behind my back", "do you contact my old boss": asking others about the person.
        r`\b(?:will|would|do|did|does|can|could|(?:are|r) (?:you|u) (?:going to|gonna)) (?:(?:you|u|they|the council) )?(?:\w+ )?(?:ring|call|phone|contact|ask|check with|speak to|talk to|write to) (?:my|her|his|their|our|mum|dad|nan|son|daughter|wife|husband|partner) (?!(?:\w+ )?(?:dpo|data protection)\b)\w+`,
        r`\bhow (?:did|do|does|would) (?:you|u|they|the council|we) (?:\w+ )?(?:know|find out|hear|learn|get to know)\b`,
        r`\bhow (?:you|they|we) (?:found out|knew|heard|learned|learnt|got to know)\b`,
        // "do you check my benefits with the DWP", "do you check our credit file with Experian".
        r`\b(?:check|checks|checking|checked|verify|verifies|confirm|confirms) (?:\w+ ){0,4}(?:with|against) (?:the |my |your |our |a |an )?\w+`,
        r`\bwho (?:else )?(?:gave|gives|give|told|tells|sent|sends|passed|passes) (?:you|the council|us)\b`,
        r`\bhow did (?:you|they) get\b`,
        // "how did you know I moved?", "how do you check where we live", "did you get it from her nursery"
        r`\bhow (?:did|do|does|would) (?!i\b|we\b)(?:the )?\w+(?: \w+)? (?:know|find out|hear|check|learn)\b`,
        r`\b(?:did|do|does) (?:you|they|the council) (?:get|receive|obtain) (?:\w+ ){0,4}from\b(?! (?:me|us)\b)`,
        r`\b(?:checked|matched|compared) (?:\w+ ){0,3}(?:against|with) (?:\w+ ){0,3}records\b`,
        r`\bsources?\b`,
        r`\bfrom whom\b`,
        // "who do you get references off", "who will you ask about me".
        r`\bwho (?:do|did|will|would) (?:you|they) (?:get|ask|take) (?:\w+ ){0,2}(?:from|off|for|about)\b`,
        // "do you look at my facebook", "will you check my social media".
        r`\b(?:look|looking|check|checking|search|searching|google) (?:at |on |through )?(?:my|our|her|his) (?:\w+ )?(?:facebook|instagram|tiktok|twitter|social media|online)\b`,
        r`\bwhere .* come from\b`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\breferr(?:ed|al)\b`,
        r`\bget (?:my|the) (?:information|data|details) from\b`,
        r`\bfrom my school\b`,
        // "will you contact my ex husband", "will you speak to my old agency": asked about someone, not told.
        r`\bwill (?:you|they) (?:contact|speak to|talk to|ask|get in touch with|write to) (?:my|our|them|her|him)\b`,
      ],
    },
    {
      weight: 5,
      phrases: [
        // "does the school tell you", "did her nursery send you" (not "will the job centre find out what I told you").
        r`\b(?:did|does|do|will|would) (?:my|the|a|his|her|their) (?:(?!\b(?:i|we)\b)[\w ]){1,30}?(?:give|send|sent|tell|told|pass|share|inform|let) (?:you|the council|us)\b`,
        r`\bdid (?:my|the|a) [\w ]{1,30}?(?:give|send|sent|tell|told|pass|share)\b`,
        r`\b(?:give|send|tell|pass)\w* (?:\w+ ){0,3}(?:to|on to) (?:you|the council|social services)\b`,
        r`\bwhat did (?:they|he|she) (?:give|send|tell)\b`,
      ],
    },
  ],
  purposes: [
    {
      weight: 4,
      phrases: [
        r`\bwhy (?:do|does|are|is|would|did|should|have|has) (?:you|they|the council|it)\b`,
        r`\bwhat (?:are|is) (?:you|they) using\b`,
        r`\busing (?:my|it|this) [\w ]{0,20}for\b`,
        r`\buse (?:my|your|this|the|her|his) (?:\w+ )?for\b`,
        r`\bwhat (?:do|will|does) (?:you|they|it) (?:do|use)\b.*\b(?:with|for)\b`,
        r`\bwhat (?:is|are) (?:it|they|my \w+) (?:used )?for\b`,
        r`\bwhat for\b`,
        r`\bwhat (?:are|is) (?:you|they|the council) (?:going to|gonna|planning to) do with\b`,
        r`\b(?:what is|whats|what s) the reason\b`,
        r`\bhow (?:will|does|would|is) (?:this|it|my \w+|that|the \w+) (?:\w+ )?(?:help|helping)\b`,
        r`\bwhy do i\b`,
        r`\bis it (?:just )?so (?:that )?you can\b`,
        r`\bpurpose`,
        r`\bused for\b`,
        r`\buse (?:my|it) for\b`,
        r`\bwhy.*need\b`,
        // "how do you use my data", "how is my information used", "why is this info needed", "what's it for".
        r`\bhow (?:do|does|will|is|are|would|can) (?:you |they |the council |it |my \w+ |this |that |our \w+ )?(?:use|used|using)\b`,
        r`\bwhy (?:is|are) (?:this|that|the|my|it|these|those) (?:\w+ )?(?:info|information|data|details)? ?(?:needed|required|collected|wanted|asked for)\b`,
        r`\bwhat(?:'s| is| s)? (?:it|this|that) for\b`,
        r`\bwhat(?:'s| is| s)? the point of\b`,
        // "are you checking if our marriage is fake": what the information is checked for.
        r`\b(?:are|r|do|will|would) (?:you|u|they) (?:\w+ )?(?:check|checking|investigat\w*) (?:if|whether|that|up on)\b`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\bwhat happens (?:to|with) (?:my|the|your|this|our|her|his) (?:info|information|data|details|stuff|records?|file)\b`,
      ],
    },
  ],
  'lawful-basis': [
    {
      weight: 6,
      phrases: [
        r`\bwhat right (?:do|does) (?:you|they|the council) have\b`,
        // "wot right have u got to look at my passport", "what's your legal reason for holding our details".
        r`\bwhat right (?:have|has) (?:you|they|the council)(?: got)?\b`,
        r`\b(?:legal|lawful) (?:reason|reasons|right|power|powers)\b`,
        r`\bwhat (?:lets|allows|entitles|permits) (?:you|us|them|the council)\b`,
        r`\bwhat gives (?:you|us|them|the council) the right\b`,
      ],
    },
    {
      weight: 5,
      phrases: [
        r`\blegal basis\b`,
        r`\blawful basis\b`,
        r`\blawful\b`,
        r`\blegal grounds?\b`,
        r`\bon what (?:basis|grounds)\b`,
        r`\bwhat (?:law|legislation|act)\b`,
        // "what section of the law do you prosecute under", "under which act".
        r`\b(?:what|which) (?:section|part|bit|article) (?:of )?(?:the )?(?:law|act|legislation)\b|\bunder (?:what|which) (?:law|act|section|legislation)\b`,
        r`\bwhich (?:law|legislation|act)\b`,
        r`\blegally\b`,
      ],
    },
    {
      weight: 4,
      phrases: [
        r`\b(?:allowed|entitled|permitted|right) to (?:collect|hold|have|use|keep|process|ask|take)\b`,
        r`\bwho said (?:you|they) can\b`,
        r`\blegal right\b`,
        r`\bis (?:it|that|this) (?:even |actually )?legal\b`,
        r`\bbasis\b`,
        r`\barticle \d\b`,
        r`\bpublic task\b`,
        r`\blegal obligation\b`,
      ],
    },
    { weight: 1.5, phrases: [r`\blaw\b`, r`\blegislation\b`, r`\bact\b`] },
    { weight: 4, phrases: [r`\bact (?:of )?\d{4}\b`, r`\b\d{4} act\b`, r`\bsection \d+`] },
    // "Do you need my consent?", "do I have to give my consent?": asked about consent, answered from what the
    // notice says about it (the lawful basis is its neighbour).
    {
      weight: 4,
      phrases: [
        r`\bneed (?:my |your |her |his |their )?(?:consent|permission)\b`,
        r`\b(?:have|need) to (?:give|get) (?:my |your |her |his )?(?:consent|permission)\b`,
      ],
    },
    { weight: 6, phrases: [r`\brel(?:y|ying|ies) on\b`] },
    { weight: 3, phrases: [r`\bwithout (?:my )?(?:consent|permission|asking)\b`] },
  ],
  security: [
    { weight: 3, phrases: [r`\bkeep (?:it|them|my \w+) (?:safe|secure)\b(?! code)`] },
    // "what happens to the paper form I posted in", "what do you do with the paper copies": how paper is handled.
    {
      weight: 5,
      phrases: [
        r`\b(?:what happens to|what do you do with|where do(?:es)? (?:\w+ ){0,2}go)\b[\w ]{0,20}\b(?:paper|original|hard copy|hard copies|printed)\b`,
        r`\b(?:paper|posted) (?:copy|copies|copys|forms?|documents?|evidence|records?|files?|application)\b[\w ]{0,30}\b(?:shred\w*|destroy\w*|kept|stored|scanned|thrown)\b`,
        r`\bsat on a shelf\b|\b(?:locked|lying|left) (?:\w+ )?(?:away|around|about|in a drawer|in a cabinet)\b`,
      ],
    },
    // "a record of who looked at my file"; not "what do you put on record when I apply".
    {
      weight: 5,
      phrases: [r`\b(?:record|log) of (?:who|when)\b`, r`\bwho (?:has )?(?:looked at|accessed|opened|viewed)\b`],
    },
    {
      weight: 4,
      phrases: [
        r`\bsecur(?:e|ity)\b`,
        r`(?<!data )\bprotect(?:ed|ion|ing)?\b`,
        r`\bbreach\b`,
        r`\bencrypt`,
        r`\bconfidential\b`,
        // "is it private", "is what I say kept secret", "will it stay between us".
        r`\b(?:is it|is this|is that|will it be|will this be|be|kept|stay|stays|keep it|keep this|keep that) (?:\w+ )?(?:private|secret|between us)\b`,
        r`\b(?:you|they|council) (?:lose|lost)\b`,
        r`\bstolen\b`,
        r`\bhack\w*`,
        r`\b(?:data|information|details|records?|files?|it|they) (?:\w+ ){0,2}(?:leak|leaks|leaked|leaking)\b|\bleak(?:ed|s|ing)? (?:my|our|the|your|her|his) (?:data|information|details|records?|files?|address)\b|\b(?:data )?leaks?\b(?= of\b)`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\bwhere(?: is| are| it| do you| does it| will it| will my \w+| do they)\b.*\b(?:kept|stored|store|keep|held|hold|live|go)\b`,
        r`\b(?:stored|kept|held|store|keep) (?:\w+ ){0,2}(?:securely|safely)\b`,
        r`(?<!\b(?:on|in) (?:the|your|their|our|a) )\b(?:system|database)\b`,
      ],
    },
    {
      weight: 5,
      phrases: [
        r`\bhow (?:is|are|do you|does the council|will you|will it|will my \w+) (?:\w+ ){0,3}(?:stored|kept|held|store|keep|looked after)\b(?! for\b)`,
        r`\bin the cloud\b`,
        // "where are the servers", "who hosts it", "which data centre".
        r`\bservers?\b`,
        r`\bdata cent(?:re|er)s?\b`,
        r`\bwho hosts\b|\bhosted\b`,
      ],
    },
    // "what is stored about me", "is it on your system" ask whether something is held (data-collected).
    { weight: 1.5, phrases: [r`\bstored\b(?! (?:about|on) (?:me|us|my|her|him|them)\b)`, r`\bstore\b`] },
    {
      weight: 3,
      phrases: [
        r`\bwho (?:has|have) access\b`,
        r`\b(?:anyone|anybody|someone|everyone|any (?:staff|officer|worker)) (?:in|at|from) (?:the |your )?(?:council|office|team|centre|department)\b.*\b(?:see|look at|access|view|read|pull up|look up|open)\b`,
        r`\b(?:staff|employees|officers) (?:\w+ ){0,3}(?:access|see|look at|view)\b`,
        r`\bwhat (?:stops|prevents) (?:\w+ ){0,3}(?:looking|seeing|getting|accessing|reading)\b`,
        r`\bby (?:normal |secure |plain )?(?:email|e-mail)\b`,
        r`\bpassword\b`,
      ],
    },
    // "who at Connexions can see my file": who inside the service may access it, not whom it is shared with.
    {
      weight: 4,
      phrases: [r`\bwho (?:in|at|within) (?:the |your |this )?[\w ]{2,30} can (?:see|look at|access|view|read)\b`],
    },
  ],
  international: [
    {
      weight: 5,
      phrases: [
        r`\boutside (?:the )?(?:uk|united kingdom|country)\b`,
        r`\b(?:leave|leaves|leaving|left) (?:the )?(?:uk|united kingdom|country|britain|england)\b`,
        r`\b(?:kept|stored|held|stay|stays) (?:\w+ )?in (?:the )?(?:uk|united kingdom|britain|england)\b`,
        r`\bservers? (?:\w+ )?(?:abroad|overseas|outside)\b`,
        r`\b(?:go|goes|sent|send|stored|kept|held) (?:\w+ )?(?:to|in) (?:the )?(?:us|usa|united states|america|eu|europe|india|ireland|cloud abroad|other countries)\b`,
        r`\babroad\b`,
        r`\boverseas\b`,
        r`\binternational\b`,
        r`\bforeign\b`,
        r`\beurope\b`,
        r`\beu\b`,
        r`\beea\b`,
        r`\bamerica\b`,
        r`\busa\b`,
        r`\bus servers?\b`,
        r`\bother countr`,
        r`\bindia\b`,
        r`\bchina\b`,
        // "is ireland allowed then": a country named is a question about transfers.
        r`\b(?:ireland|dublin|united states|canada|australia|philippines|south africa|switzerland|norway|poland|spain|france|germany|netherlands|belgium|italy|portugal)\b`,
      ],
    },
  ],
  rights: [
    { weight: 3, phrases: [r`\bmy rights\b`, r`\bwhat rights\b`, r`\bright to\b`, r`\brights\b`] },
    // "can you take my name off the register", "how do I get off the open register": erasure or objection.
    {
      weight: 5,
      phrases: [
        r`\btake (?:my|our|her|his|their) (?:name|names|details|address|info\w*) (?:off|out of|down)\b`,
        r`\b(?:my|her|his|their) (?:\w+ )?(?:details|data|info|information|records?|name) (?:removed|deleted|erased|wiped|taken off)\b`,
        r`\b(?:move|transfer|take) (?:my|our) (?:\w+ )?(?:data|info|information|records?) to (?:another|a different|a new)\b`,
        r`\b(?:is a |does a )?(?:computer|algorithm|machine|ai) (?:\w+ )?(?:decid\w*|making decisions|decide)\b`,
        // "does a computer work out how much I pay", "does a bot decide my complaint", "was it marked by a computer".
        r`\b(?:computer|algorithm|machine|ai|bot|software)s? (?:\w+ ){0,2}(?:work(?:s|ed)? out|calculat\w*|mark(?:s|ed)?|score[sd]?|assess\w*|choose|chooses|chose|pick(?:s|ed)?|put|decid\w*)\b`,
        r`\b(?:decided|worked out|calculated|marked|done|chosen|picked) by (?:a |the )?(?:computer|bot|machine|algorithm|ai|software)\b`,
        r`\bask (?:you|them|the council) to stop\b`,
        r`\bget (?:me |my \w+ )?(?:off|out of) (?:the|a|your) [\w ]{0,30}(?:register|list|website|system|database)\b`,
        r`\bremove (?:me|my \w+) from\b`,
        // "i want you to delete everything about me", "can i get my marriage taken out of the register".
        r`\b(?:want|like|need|asking) (?:you |u |the council |them )?to (?:delete|erase|wipe|destroy|get rid of)\b`,
        r`\b(?:taken|take|get) (?:\w+ ){1,3}(?:out of|off) (?:the|your|my|our) (?:\w+ )?(?:register|records?|system|file|database|list)\b`,
      ],
    },
    {
      weight: 4,
      phrases: [
        r`\b(?:can|could|will) (?:you|i|they)\b.*\b(?:delete|erase|remove|correct|change|fix|update|amend)\b`,
        r`\bforgotten\b`,
        r`\brectif`,
        r`\bcorrect(?:ion)?\b`,
        r`\bwrong\b`,
        r`\bmistake`,
        r`\binaccurate\b`,
        r`\bportab`,
        r`\bobject\b`,
        r`\brestrict`,
        r`\bstop (?:you |them )?using\b`,
        r`\bautomated\b`,
        r`\bautomatically\b`,
        r`\bprofiling\b`,
        r`\bcomputer (?:make|makes|decide)`,
        r`\bby (?:a )?computer\b`,
        r`\breal person (?:looked|look|decided)`,
      ],
    },
  ],
  'access-request': [
    {
      weight: 8,
      phrases: [
        r`\bsubject access\b`,
        r`\bsar\b`,
        r`\bdata subject access\b`,
        r`\baccess request\b`,
        // "an FOI request for all the personal information you hold about me" is a subject access request.
        r`\b(?:freedom of information|foi) request for (?:all |my )?(?:of )?(?:the )?(?:personal )?(?:information|data)\b`,
      ],
    },
    // "how long does it take to get my info": the reply time of a request, not how long anything is kept.
    {
      weight: 6,
      phrases: [
        r`\bhow long (?:does|will|would|do) (?:it|a request|the request|they|you) (?:\w+ )?take\b(?=.*\b(?:get|see|copy|have|receive|send|reply|respond|request|info|information|data|file|records?)\b)`,
      ],
    },
    {
      weight: 5,
      phrases: [
        r`\b(?:get|want|request|need|have|see|give me|send me|obtain|ask for|asking for) (?:a )?(?:full )?copy of\b`,
        r`\b(?:i|we|she|he|they|mum|dad) (?:want|wants|would like|need|needs|asking|asks|asked|is asking) (?:to )?(?:see|get|have|access|read|view|for)\b`,
        r`\b(?:can|could|may|how (?:do|can|does)) (?:i|she|he|we|they)\b[\w ]{0,12}\b(?:see|get|have|access|read|view|obtain)\b[\w ]{0,20}\b(?:my|her|his|their|the|everything|what)\b`,
        r`\bwants everything\b`,
        r`\bwho do i (?:ask|write to|contact) to (?:see|get|have) (?:my|her|his|the|a copy)\b`,
        r`\b(?:can|could|may) (?:my|her|his|a|the) (?:solicitor|lawyer|advocate|representative|attorney|carer|mum|dad|parent) (?:get|see|have|ask for|request) (?:my|her|his|their|the) (?:file|records?|data|information)\b`,
        r`\b(?:is it|is there a) (?:free|charge|fee|cost) (?:to|for) (?:get|see|ask for|request)\b`,
        r`\b(?:want|get|have|see|request|ask for|asking for)\b(?: \w+){0,3} (?:footage|recordings?|video|vid|images?|pictures?|pics?) of (?:me|us|my)\b`,
        r`\bask(?:ing)? for (?:the |my |a copy of )?(?:footage|recordings?|video|cctv)\b`,
        r`\bask(?:ing|s|ed)? for (?:all )?(?:of )?(?:the |my |her |his |their |a copy of )?(?:records?|file|data|notes|information)\b`,
        r`\b\w+ (?:wants?|would like|is asking|asks|asked) (?:to )?(?:see|get|have|access|read|view|a copy|all (?:the |my |her |his )?(?:notes|records|files?|data|information))\b`,
        r`\bask(?:ing)? for (?:my|a copy|her|his|their) (?:own )?(?:records?|file|data|notes|information)\b`,
        r`\b(?:get|want|request|need|have|ask for|see) (?:a )?copy of (?:it|them|that)\b`,
        r`\b(?:get|want|request|need|have|ask for) a copy\b`,
        // "I want copies of everything you hold on me", "asking for copies of the OT report we hold on her",
        // "demanding all the evidence we hold about him", "an FOI request for all the personal information about me".
        r`\b(?:get|want|wants|request|requests|requesting|need|needs|have|see|send me|ask for|asking for|asks for|demanding|demands) (?:\w+ )?copies\b`,
        r`\b(?:demand\w*|requests?|requesting|asking for|wants?)\b[\w ]{0,30}\b(?:you|we|the council) (?:hold|have|keep|has) (?:on|about) (?:me|him|her|them|us)\b`,
      ],
    },
    { weight: 2, phrases: [r`\b(?:a|full) copy\b`, r`\bmy (?:file|records|social care records)\b`] },
    {
      weight: 5,
      phrases: [
        r`\b(?:give|send|show|email|post) (?:me|us|him|her) (?:everything|all|what)\b`,
        r`\b(?:ask|apply|request|get hold of) (?:for )?(?:all )?(?:of )?(?:my|her|his|their|our) (?:own )?(?:info|information|data|details|file|files|records?|notes|stuff)\b`,
        r`\beverything (?:you|they) (?:have|hold|got|know|keep)\b`,
      ],
    },
  ],
  consent: [
    {
      weight: 4,
      phrases: [
        // "I don't want that any more", "…want them to contact me"; not a worry ("don't want it held against me").
        r`\b(?:do not|no longer) want (?:that|this|it|them)(?:$| (?:any ?more|shared|used|kept|sent|stored|passed|to (?:be|contact|use|share|send|keep|have|pass|go))\b)`,
        r`\bno longer want\b`,
        r`\btake back\b`,
        r`\b(?:don t|dont|do not|don't) want (?:you|them|the council|anyone) to (?:share|use|keep|send|pass|have)\b`,
        // "I don't want you talking to my GP any more", "can I stop you contacting my school".
        r`\b(?:do not|don t|dont|no longer) want (?:you|u|them|the council) (?:to )?(?:talk(?:ing)? to|contact(?:ing)?|ring(?:ing)?|call(?:ing)?|speak(?:ing)? to|writ(?:e|ing) to)\b`,
        r`\bstop (?:you|u|them|the council) (?:from )?(?:talking to|contacting|ringing|calling|speaking to|writing to)\b`,
        r`\bwhat if i (?:don t|dont|do not|don't) want to\b`,
        r`\b(?:don t|dont|do not|don't) want (?:to be|my \w+ to be) (?:in|on)\b`,
        r`\b(?:never|did not|didn t|didnt) (?:said|say|agreed?|gave|give) (?:you could|you can|yes|permission|my permission|consent)\b`,
        r`\bstop (?:the|your|getting|sending me|sending) (?:emails|e-mails|texts|newsletters?|messages|marketing|letters)\b`,
        r`\bstop (?:the|your|these|those|all the|getting) (?:\w+ ){1,3}(?:emails|e-mails|texts|newsletters?|messages|marketing|letters|reminders)\b`,
        r`\b(?:decide|choose) not to\b`,
        // "my son wants to make the complaint for me, do I need to sign anything": someone's authority to act.
        r`\b(?:need|needs|have|has) to sign\b|\bsign (?:a|any|the|something|anything) (?:\w+ )?(?:form|permission|consent|authority)\b`,
        r`\bpull out\b`,
      ],
    },
    {
      weight: 5,
      phrases: [
        r`\bconsent\b`,
        r`\bpermission\b`,
        r`\bopt out\b`,
        r`\bopt-out\b`,
        r`\bchanged? (?:my|our|her|his|their) minds?\b`,
        // "did I sign up for these emails?", "I never signed up": whether they agreed.
        r`\b(?:did (?:i|we)|never|didn t|did not) sign(?:ed)? (?:up|me up)\b.*\b(?:e-?mails?|newsletters?|texts?|messages|marketing|reminders|updates)\b`,
        r`\b(?:e-?mails?|newsletters?|texts?|messages|marketing|reminders|updates)\b.*\b(?:did (?:i|we)|never|didn t|did not) sign(?:ed)? (?:up|me up)\b`,
        r`\bunsubscribe\b`,
        r`\bsay no\b`,
        r`\bsaid yes\b`,
        r`\bmarketing\b`,
        r`\bpromotions?\b`,
        r`\bspecial offers\b`,
      ],
    },
    { weight: 2, phrases: [r`\bwithdr[ae]w(?:al|n|ing)?\b`, r`\brefuse\b`, r`\bagree(?:d)?\b`] },
  ],
  complaints: [
    {
      weight: 5,
      phrases: [
        ...COMPLAINT_WORD_PHRASES,
        // "about how you handled my information": the council's handling is what is complained of.
        r`\b(?:how|the way) (?:you|they|the council|staff|your staff) (?:have |has )?(?:handled|used|dealt with|treated|looked after|managed)\b`,
        // "you told my neighbour it was me", "you sent my bill to my old address": something already went wrong.
        r`(?<!\b(?:did|have|had|if|when|will|would|do) )\byou (?:told|gave|sent|showed|passed|leaked|disclosed|posted)\b`,
        // "reception gave my address to my ex", "the nursery told other parents", "told my sister about my
        // history": someone at the service already let it out (not "did the school tell you", a source).
        r`(?<!\b(?:did|does|do|have|has|had|if|when|will|would|can|could|should)(?: \w+){0,4} )\b(?:told|gave|showed|passed|leaked|posted|blabbed|gossiped)\b(?: \w+){0,5} (?:to|with) (?:my|our|other|another|someone|somebody|everyone|his|her|their)\b`,
        r`(?<!\b(?:did|does|do|have|has|had|if|when|will|would|can|could|should)(?: \w+){0,4} )\btold (?:my|other|another|someone|somebody|everyone|all the) (?:\w+ )?(?:about|that|what|we|i|you|they|my|our)\b`,
        r`\bunhappy\b`,
        // "I'm not happy", "not happy with how…"; not someone else's mood ("he's not happy I'm leaving").
        r`\b(?:i|we|am|are|was|were|really|very) not happy\b|\bnot happy (?:with|about)\b`,
        r`\bico\b`,
        r`\binformation commissioner\b`,
        r`\bombudsman\b`,
        r`\bregulator\b`,
        r`\bmisus`,
        r`\bconcern(?:ed|s)?\b`,
        r`\bupset\b`,
        r`\breport (?:a )?(?:data )?breach\b`,
        r`\b(?:a |an )?(?:disgrace|disgraceful|outrageous|shocking|appalling)\b`,
        r`\bangry\b`,
        r`\bfurious\b`,
        r`\bfumin\w*\b`,
        r`\bmoan\b`,
        r`\bsue\b`,
      ],
    },
  ],
  contact: [
    {
      weight: 4,
      phrases: [
        r`\bdpo\b`,
        r`\bdata protection officer\b`,
        r`\bdata protection (?:team|email|contact|people|person|lady|man|questions?|quer(?:y|ies)|enquir(?:y|ies)|issues?)\b`,
      ],
    },
    {
      weight: 3,
      phrases: [
        r`\bcontact\b(?! details)`,
        r`${NOT_THE_PERSONS}\bcontact details\b${NOT_GIVEN}`,
        r`\bget in touch\b`,
        r`${NOT_THE_PERSONS}\be-?mail\b(?! address)${NOT_GIVEN}`,
        r`(?<!\bon )\b(?:the|by|a) phone\b(?! number)`,
        r`${NOT_THE_PERSONS}\btelephone\b(?! number)${NOT_GIVEN}`,
        r`${NOT_THE_PERSONS}\b(?:phone|telephone|contact|tel|mobile) number\b${NOT_GIVEN}`,
        r`\bnumber (?:for|to call)\b`,
        r`${NOT_THE_PERSONS}(?<!email )\baddress\b${NOT_GIVEN}`,
        r`${NOT_THE_PERSONS}\bemail address\b${NOT_GIVEN}`,
        r`\bwrite to\b`,
        r`\bspeak to\b`,
        r`\btalk to\b`,
        // "when I ring you, do you record it" describes a call; "can I ring someone" asks for a number.
        r`(?<!\b(?:when|if|whenever|after) (?:i|we) )\bring\b`,
        r`(?<!\b(?:when|if|whenever|after) (?:i|we) )\bcall\b`,
        r`\breach\b`,
        r`\bwho (?:do|should|can) i (?:ask|talk|speak|contact|write|message|text|email|e-mail)\b`,
      ],
    },
  ],
  controller: [
    {
      weight: 5,
      phrases: [
        r`\bcontroller\b`,
        r`\bresponsible for\b`,
        r`\bin charge of\b`,
        r`\bwho (?:owns|controls|runs|is responsible|looks after|manages)(?! (?:the|your|ur|this|that) (?!(?:data|info|information|details|records?|service|programme|scheme|notice)\b)\w+)`,
        r`\b(?:run|operated|managed|provided) by (?:the council|us|you|a (?:private )?(?:firm|company|contractor))\b`,
        r`\b(?:council|you) or (?:a |some )?(?:private )?(?:firm|company|contractor)\b`,
        r`\bwho is behind (?:this|the|it)\b`,
        r`\baccountable\b`,
        r`\bwho is (?:holding|processing)\b`,
        r`\bwhich (?:organisation|council|body)\b(?! (?:do|does|will|would|gets?|sees?)\b)`,
        r`\bowns? (?:my|the|your|her|his) (?:\w+ )?(?:data|info|information|details|records?)\b`,
        r`\b(?:data|information) owner\b|\bowner of (?:my|the|your) (?:data|information|records?)\b`,
      ],
    },
  ],
  about: [
    {
      weight: 6,
      phrases: [
        r`\b(?:this|the) (?:privacy )?(?:notice|policy|page|thing|statement) (?:cover|covers|even about|about|for|apply to|include)\b`,
        r`\bwho is (?:it|this) for\b`,
        r`\bdoes (?:this|it) (?:notice |page )?(?:cover|include|apply to)\b`,
        r`\bcovered (?:by|in|under) (?:this|the) (?:privacy )?(?:notice|page|policy)\b`,
        // "is this the right privacy page for me", "is this the right page for my dad's burial".
        r`\b(?:right|correct|wrong) (?:privacy )?(?:page|notice)\b`,
      ],
    },
    // Who the service is for: "can I still get help from Connexions or am I too old".
    {
      weight: 3,
      phrases: [
        r`\bcan i (?:still )?(?:get help|use|join|be helped|sign up)\b`,
        r`\bam i (?:too old|too young|eligible|allowed to (?:use|join))\b`,
        r`\bwho can (?:use|join|get help from|get an?|apply for an?)\b`,
        r`^(?:so )?what(?: is| s|'s) (?:this|that|it)\??$`,
        // "is live well the same thing as the stop smoking people".
        r`\bis (?:this|it|[\w ]{1,40}?) the same (?:thing |service |people |team )?as\b`,
      ],
    },
    {
      weight: 7,
      phrases: [r`\b(?:read|see|find|view) (?:the |this |your )?(?:full )?(?:privacy )?(?:notice|policy)\b`],
    },
    {
      weight: 5,
      phrases: [
        r`\bwhat is (?:this|the) (?:service|programme|notice)\b`,
        r`\bwhat (?:does|is) (?:this|the) (?:service|programme)\b`,
        r`\btell me about (?:the|this) (?:service|programme)\b`,
        r`\bwho are you\b`,
      ],
    },
  ],
};

/** Words that mark a question as one about personal data at all (whole words). */
export const PRIVACY_WORDS: string[] = [
  r`data`,
  r`information`,
  r`details`,
  r`personal`,
  r`privacy`,
  r`gdpr`,
  r`records?`,
  r`file`,
  r`files`,
  r`notes`,
  r`dpo`,
  r`data protection`,
  r`consent`,
  r`about (?:me|us|my|him|her|his|them|their)`,
  // Processing the person would notice: being recorded, filmed, logged, written down; cameras on them.
  r`(?:recorded|recordings?|filmed|filming|logged|monitored|tracked|written down|noted down|wrote down)`,
  r`(?:cctv|cameras?|footage|body ?cams?|dashcams?)`,
  r`on me`,
  r`on file`,
  r`on record`,
  r`everything (?:you|they)`,
  r`(?:my|her|his|their) (?:\w+ )?(?:name|address|phone|email|number|info|stuff|things|case|claim|application|account|history|form|details|date of birth|photo|photograph|signature|face|voice|image|footage|picture|passport|licence|certificate|documents?|paperwork|results|messages|letters?)`,
  r`ico`,
  r`subject access`,
  r`sar`,
];

/**
 * Things done with data that a notice may or may not say it does: quoted when it does not ("does not mention
 * 'sell'"), though they are verbs, where other verbs ("hang on to", "applied") never are.
 */
export const DATA_ACTIONS: string[] =
  `sell sold selling encrypt encrypted encryption record recorded recording film filmed
  filming track tracked tracking monitor monitored publish published leak leaked hack hacked steal stolen scan scanned
  profile profiled photograph photographed fingerprint fingerprinted livestream livestreamed stream streamed webcast
  transfer transferred delete deleted erase erased destroy destroyed shred shredded archive archived`.split(/\s+/);

/** Nouns that name nothing a notice could mention ("everyone", "the rest", "ages ago"): never quoted. */
export const VAGUE_NOUNS: string[] =
  `everyone everybody anybody somebody nobody everything nothing rest bit ages lot lots
  kind sort type way time times thing things`.split(/\s+/);

/**
 * Council business that is not about these notices, in two kinds. A task ("how do I pay", "book me a visit",
 * "what's happening with my appeal") is out of scope whatever the notice; a subject ("parking", "noise",
 * "council tax") is out of scope unless a notice covers it (answer.ts `offTopic`).
 */
export const OFF_TOPIC_TASK_PHRASES: string[] = [
  r`\bcan (?:you|u|someone) (?:send someone|come round|come out|fix|repair|unblock)\b`,
  r`\bhow (?:do|can) i (?:apply|appeal|pay|renew|book|report|top up)\b`,
  r`\bbook (?:me|my|a|an)\b`,
  r`\bcan i (?:renew|pay|book|top up|reserve|order)\b`,
  // A booking made is a task; "how long will you keep the booking" asks about the record of it.
  r`(?<!\b(?:keep|kept|hold|held|store|stored|delete|deleted|share|shared|see)(?: the| my| your| our| her| his| their)? )\bbooking\b`,
  r`\bappointments?\b`,
  r`\bnext visit\w*`,
  r`\bhow much (?:is|does|are|do)\b`,
  r`\bprices?\b`,
  r`\bopening (?:hours|times)\b`,
  r`\bcan you (?:register|sign|book|renew|pay|apply|cancel) (?:me|us|my|for)\b`,
  r`\bwhat(?: is| s)? happening with\b`,
  r`\bhas (?:the|my) [\w ]{1,30} (?:decided|made a decision)\b`,
  r`\bwhen will (?:i|we) (?:hear|get a decision|find out)\b`,
  // Opening times, a service that failed, what a resident is entitled to: the service's business, not privacy.
  r`\bwhat time (?:does|do|is|are|will)\b[\w ]{0,50}\b(?:open|opens|close|closes|shut|shuts)\b`,
  r`\bwhen (?:is |are )?the next\b`,
  // Getting someone to do something: "can you make my neighbour turn their music down".
  r`\bcan (?:you|u|someone) (?:make|get) (?:my|the|them|him|her|next door)\b[\w ]{0,40}\b(?:stop|turn|move|leave|pay|fix)\b`,
  r`\b(?:not|never|werent|wasnt) (?:been )?(?:collected|emptied|picked up)\b`,
  r`\bsend (?:the|a) (?:lorry|crew|truck|van|bin men)\b`,
  r`\bhow many (?:free |funded )?hours\b`,
  r`\b(?:entitled|eligible) (?:to|for) (?:free|funded|a place|a space|help with|transport|a bus pass|the \d+|\d+)\b`,
];

export const OFF_TOPIC_SUBJECT_PHRASES: string[] = [
  r`\bappeal\b`,
  r`\bfines?\b`,
  r`\bpenalty charge\b`,
  r`\bbins?\b(?! my)`,
  // Not the slang for junk ("never signed up for that rubbish").
  r`(?<!\b(?:was|is|are|were|so|really|absolutely|bit|total|pretty|been|that|this|such|of|the same) )\brubbish\b`,
  r`\brecycling\b`,
  r`\bcouncil tax\b`,
  r`\bparking\b`,
  r`\bpotholes?\b`,
  r`\bplanning (?:permission|application)\b`,
  r`\blibrar(?:y|ies)\b`,
  r`\bweather\b`,
  r`\bjoke\b`,
  r`\bfootball\b`,
  r`\bpizza\b`,
  r`\brecipe\b`,
  r`\bsing\b`,
  r`\bpoem\b`,
  r`\bbus(?:es)?\b`,
  r`\bstreet ?lights?\b`,
  r`\bfly.?tipping\b`,
  r`\bnoise\b`,
  r`\bleisure centre\b`,
  r`\bswimming\b`,
  r`\bcapital of\b`,
  r`\bwho won\b`,
  r`\bbitcoin\b`,
  r`\bhoroscope\b`,
  r`\bvisiting\b`,
  r`\bjobs? (?:going|available|vacanc\w*)`,
  r`\bvacanc(?:y|ies)\b`,
  r`\btrees?\b`,
  r`\bneighbours?\b`,
  r`\bschool places?\b`,
];

/**
 * Who may look at it ("who can look at my case", "can any council worker see my file", "who is allowed to watch
 * the cameras"): answered from how access is controlled when the notice says so and names no recipient asked about.
 */
export const ACCESS_QUESTION_PHRASES: string[] = [
  // "whether anyone in the council can pull up her account".
  r`\b(?:anyone|anybody|someone|everyone|any (?:staff|officer|worker)) (?:in|at|from) (?:the |your )?(?:council|office|team|centre|department)\b.*\b(?:see|look at|access|view|read|pull up|look up|open)\b`,
  r`\bwho (?:[\w ]{0,30} )?(?:can|is allowed to|are allowed to|gets to)(?: actually| really| even| else)? (?:access|see|look at|read|view|watch)\b`,
  r`\bcan (?:any|the next|other|another|every) (?:\w+ ){0,2}(?:person|people|worker|workers|staff|one|officer|user)\b.*\b(?:see|look at|access|view|read)\b`,
  r`\ballowed to (?:watch|see|view|access|look at)\b`,
  r`\bcan (?:ur|your|the) (?:\w+ )?(?:cameras?|system|staff) see\b`,
  // "can every bin man see all my details", "can anyone see my info", "can the other tutors see my stuff".
  r`\bcan (?:anyone|anybody|everyone|every \w+(?: \w+)?|any \w+(?: \w+)?|other \w+|the other \w+|another \w+|all the \w+) (?:\w+ ){0,3}(?:see|look at|access|view|read|watch|pull up|look up)\b`,
  r`\b(?:other|another|every|any) \w+(?: \w+)? (?:can|could) (?:\w+ )?(?:see|look at|access|view|read)\b`,
];

/** Attempts to instruct the assistant rather than ask it something. */
export const PROMPT_INJECTION_PHRASES: string[] = [
  r`\bignore (?:all |any |your |the )?(?:previous |prior |above |earlier )?(?:instructions|rules|prompts?)\b`,
  r`\bsystem prompt\b`,
  r`\byou are now\b`,
  r`\bact as\b`,
  r`\bjailbreak\b`,
  r`\bdeveloper mode\b`,
  r`\bpretend (?:to be|you are)\b`,
  r`\bdisregard\b.*\binstructions\b`,
  r`\breveal (?:your|the) (?:prompt|instructions|password|secrets?)\b`,
];

/** The person wants a human: offer the escalation to the DPO whatever else the answer says. */
/**
 * Something that went wrong, told alongside a request for a person: "the bailiff knew about my health", "she showed
 * me a letter with my name on it", "one of the crew was taking photos". The person wants to complain.
 */
export const INCIDENT_PHRASES: string[] = [
  r`\b(?:knew|gave|given|showed|shown|told|sent|leaked|passed on|read out|posted|handed)\b`,
  r`\b(?:was|were|is|are|keeps?) (?:\w+ )?(?:taking|pointing|filming|sharing|messaging|ringing|watching|following)\b`,
  r`\bsaid (?:the council|you|your \w+) (?:gave|told|sent|passed)\b`,
  // "a passenger turned up at my house and said she got my address from the council".
  r`\bturned up at\b|\bgot (?:my|our|her|his) (?:\w+ )?(?:address|number|name|details|info\w*) (?:from|off)\b`,
];

export const WANTS_PERSON_PHRASES: string[] = [
  r`\b(?:speak|talk|chat) (?:to|with) (?:a |an |someone|somebody|a real|the dpo|a human|a person|an actual)`,
  r`\b(?:real|actual) (?:person|human)\b`,
  r`\bhuman\b`,
  r`\bcall me back\b`,
  r`\bcan (?:a|someone|somebody) (?:person )?help\b`,
  r`\bcontact the dpo\b`,
  r`\bescalate\b`,
];
