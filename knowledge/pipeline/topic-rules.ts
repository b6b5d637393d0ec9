/**
 * How notice text signals each topic (UK GDPR Art. 13/14 items). Weighted cues over lower-cased text;
 * a section's heading sets a prior that the sentences inside it can override with stronger cues.
 */
import type { NoticeTopic } from '#core/answer-contract.ts';

type Cue = [RegExp, number];

export const TOPIC_CUES: Record<NoticeTopic, Cue[]> = {
  about: [
    [
      /^(?:\d+(?:\.\d+)*\.?\s*)?(?:persons?|people|individuals) (?:to whom|covered by|this notice (?:applies|covers))/,
      3,
    ],
    [/\b(?:this|the) (?:privacy )?(?:notice|page) (?:explains|tells|advises|sets out|describes|will tell)\b/, 2],
    // A sentence that lists what the notice covers ("This notice explains what we collect, … how long we keep
    // it") is about the notice, whatever topics it names.
    [
      /^(?:this|our|the) (?:privacy )?(?:notice|policy|statement|page) (?:explains|tells you|sets out|describes|covers|will tell you)\b/,
      8,
    ],
    // "About us"; not a list's "About your finances: your income…", which says what is held about you.
    [
      /\babout (?:us|the service|this service|connexions)\b|^about\b(?! (?:you|your|the (?:child|person|deceased)|him|her|them|each)\b)/,
      2,
    ],
    // "1. Introduction"; "It covers mainstream school transport …", "It also covers drivers …".
    [/^(?:\d+\.?\s*)?(?:introduction|overview)$|^(?:this notice|it|this) (?:also )?(?:covers|applies to)\b/, 3],
    [
      /\b(?:provides|offers|offering|delivers?|work in partnership|support(?:s|ed)? (?:young people|individuals|adults|clients))\b/,
      1,
    ],
    [/\b(?:author|version|review\/revision|last updated)\b/, 2],
  ],
  controller: [
    [/\bdata controller\b|\bcontroller\b/, 3],
    [/\baccountable body\b|\bresponsible (?:for processing|as|for (?:certain|your) personal)\b/, 3],
    [/\bwho (?:we are|are we)\b/, 2],
    [/\bregulated under\b/, 1],
  ],
  contact: [
    [/\bdata protection officer\b|\bdpo\b/, 2],
    [/\bcontact(?:ed)?\b/, 1],
    [/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/, 2],
    [/\b(?:tel|telephone|phone)\b[.:]?\s*\d|\b0\d{3,4} ?\d{3}/, 1],
    [/\bwrite to\b|\bfurther information\b|\bwho to contact\b|\bwebsite\b|\bwww\.|https?:\/\//, 1],
    [/\bcontact us\b|\bcontact details\b|\bhow to contact\b|^(?:\d+\.?\s*)?contacts?$/, 3],
    // "Our address is Council Offices, Abbey Road…": the council's address, not an address it collects.
    [/^our (?:postal )?address is\b/, 4],
    // "Questions about an application go to the Education Travel Team at …".
    [
      /\b(?:questions|queries|enquiries) (?:about|on|regarding)\b(?![^.]*\brather than\b)[^.]{0,80}\b(?:go to|to|contact|email)\b/,
      3,
    ],
  ],
  'data-collected': [
    [/\b(?:is|are) (?:voluntary|mandatory|optional)\b|\bvoluntary basis\b|\brequired to provide\b/, 4],
    [
      /\b(?:information|data) (?:we|that we) (?:collect|hold|process)|\bwhat information (?:do )?we collect\b|\bcategories of (?:this )?(?:personal )?(?:information|data)\b/,
      3,
    ],
    [/\btypes? of (?:personal )?(?:data|information)\b|\bpersonal information \(such as\b|\(such as name\b/, 3],
    [
      /\b(?:name|date of birth|address|postcode|phone number|email address|national insurance|ethnicity|religion|gender|nationality|health information|characteristics)\b/,
      1,
    ],
    [/\bspecial categor(?:y|ies)\b|\bsensitive\b/, 1],
    [
      /\b(?:we )?collect(?:ed)? (?:and hold|the following|by us)\b|\binformation collected\b|\bwe (?:will )?collect\b/,
      2,
    ],
    [/\bdetails (?:of|about|such as)\b/, 1],
    // "What we hold about you", "we record the items you borrow", "we ask for your name", "our filter logs …".
    [
      /\bwhat (?:information |data |details )?(?:do )?we (?:hold|collect|keep|record)\b(?! (?:\w+ )?(?:comes?|came)\b)|\b(?:hold|keep) about you\b/,
      3,
    ],
    [
      /\bwe (?:also )?(?:record|hold|ask (?:you )?for|log|note down|write down)\b|\blogs (?:attempts|when|your|every)\b/,
      2,
    ],
    // Documents and evidence a person brings or the service records: what is collected, whatever the heading.
    [
      /\b(?:passports?|driving licen[cs]es?|birth certificates?|payslips?|pay slips?|bank statements?|utility bills?|tenancy agreements?|proof of (?:identity|id|income|address|residence|earnings)|medical (?:evidence|reports?|records?)|criminal (?:records?|convictions?|offences?)|unspent convictions|immigration status|national insurance numbers?|nhs numbers?|vehicle registration|photographs?|signatures?|household (?:members|composition)|income and savings|benefits? (?:you|they) receive)\b/,
      2.5,
    ],
  ],
  sources: [
    // Headings that are only a name, as legal layouts have them: "4. Sources of personal data".
    [/^(?:\d+(?:\.\d+)*\.?\s*)?sources?(?: of (?:the )?(?:personal |your )?(?:data|information))?$/, 4],
    // What information comes from, not "where the noise comes from".
    [
      /\b(?:it|information|data|details|this|they|which|records?)\b(?: \w+){0,3} (?:comes?|came) from\b|\bwhere (?:your|the|this) information\b/,
      3,
    ],
    [
      /\b(?:receive|obtain|get|collect)(?:s|ed)? (?:personal )?(?:your )?information from\b|\bfrom other sources\b|\bother sources\b/,
      4,
    ],
    [/\breferrals? (?:from|partners?)\b/, 2],
    // "We also hear about you from other people", "GP practices give us the names of…", "referred by someone else".
    [/\b(?:hear|learn|find out) about you from\b|\b(?:from|by) (?:other people|someone else|other organisations)\b/, 3],
    [/\b(?:gives?|sends?|passe?s?|tells?|shares?) us\b|\brefers? (?:you|people|patients|every|them|residents)\b/, 2],
    // "Most of what we hold comes straight from you".
    [
      /\b(?:comes?|came) (?:straight |directly |mainly |mostly )?from you\b|\bwhat we hold (?:\w+ )?(?:comes?|came)\b/,
      4,
    ],
    [/\bprovided? (?:it )?to us\b|\bwhen you provide it\b/, 3],
    [/\byou provide\b/, 1],
    [
      /\bfrom your school\b|\bschools? or colleges? (?:that )?you (?:previously )?attended\b|\bwe collect your information from\b/,
      4,
    ],
    [/\bwhere we get\b|\bhow we collect\b|\bcollecting (?:this|your) information\b/, 2],
    [
      /\bwhere (?:else )?(?:do|does|did) (?:we|you|the council) (?:get|obtain|receive)\b|\bwhere (?:\w+ ){0,3}(?:information|data|details|it|this|they)\b.*\b(?:comes?|came) from\b/,
      4,
    ],
    [/\b(?:check|compare|match)(?:es|ed)? (?:\w+ ){0,6}(?:against|with) (?:\w+ ){0,4}records\b/, 3],
    [/\b(?:people|professionals|agencies|partners)\b[^.]{0,80}\btell us\b/, 4],
  ],
  purposes: [
    [/^(?:\d+(?:\.\d+)*\.?\s*)?purposes?(?: (?:of|for) (?:the )?(?:processing|use|collection)| we use it for)?$/, 4],
    // A table cell under its column's name: "Group 2 medical — Purpose: To make sure…".
    [/ — (?:purposes?|why we (?:use|need|collect) it|what we use it for):/, 5],
    [/\bhow we use\b|\bwhat we use (?:it|your information) for\b|\bwe (?:only )?use (?:it|them|this) (?:to|for)\b/, 3],
    [
      /\b(?:we )?use (?:your|client|this|the) (?:personal )?(?:information|data)(?: to)?\b|\bwhy we (?:collect|need|use)\b|\bwhy do we need\b/,
      3,
    ],
    [/\bpurposes?\b|\bin order to\b|\bso that\b|\bto help\b|\benable us\b|\bhelp us\b/, 1],
    [/\b(?:assess|monitor|evaluate|support|plan|provide|deliver|improve|register|process|derive|report)\b/, 0.5],
    [/\bresearch or planning\b|\bstatistics?\b/, 1],
  ],
  'lawful-basis': [
    [/ — (?:lawful|legal) (?:basis|grounds?)(?: for processing)?:/, 5],
    [/\b(?:lawful|legal) bas[ie]s\b|\blegal grounds\b|\bthe law allows\b|\breasons we can collect\b/, 4],
    [
      /\blegal obligation\b|\bpublic (?:task|interest)\b|\bvital interests\b|\bsubstantial public interest\b|\blegitimate interests?\b/,
      3,
    ],
    [/\barticle \d+ ?\(\d\)|\barticles? [69]\b/, 3],
    [/\b(?:act|regulations?) (?:\d{4}|of \d{4})\b|\bsection \d+\w*\b|\bschedule \d\b/, 2],
    // A list item that is just the name of an Act ("Adoption and Children Act 2002") is a legal basis.
    [/^[^.]{0,90}\b(?:act|regulations?)\b[^.]{0,40}\d{4}[^.]{0,30}\.?$/, 6],
    [/\bunder the provisions\b|\bobligations imposed\b|\brequired by law\b|\blaw requires\b/, 1],
  ],
  sharing: [
    // A recipient described by what it is told or does for us: "the Jobcentre Plus, which we tell if you start",
    // "We send it your information", "Lumen Ltd, which hosts our platform", "exam boards, which need your name".
    [
      /\bwhich we (?:tell|inform|notify|send|give|pass)\b|\bwe (?:send|give|pass|tell) (?:it|them|him|her) (?:your|the|about)\b|\b(?:which|who) needs? your\b/,
      3,
    ],
    [
      /\b(?:ltd|limited|plc|inc|llp|cic)\b,? (?:which|who) (?:hosts?|runs?|provides?|supplies|manages?|maintains?|operates?)\b/,
      3,
    ],
    [
      /^(?:\d+(?:\.\d+)*\.?\s*)?(?:recipients?(?: of (?:the )?(?:personal |your )?(?:data|information))?|disclosures?|data sharing)$/,
      4,
    ],
    [/ — (?:who (?:we share it with|gets it|receives it)|shared with|recipients?):/, 5],
    [/\bshar(?:e|ed|es|ing)\b/, 3],
    [
      /\bdisclos(?:e|ed|ure)\b|\bpass(?:ed|es)? (?:(?:it|them|this|your \w+|information|details) )?(?:on|to)\b|\bsend (?:information|data)\b|\bsent to\b|\breport to\b|\bprovide information about our learners\b/,
      2,
    ],
    [/\bthird part(?:y|ies)\b|\bpartners?\b|\bother organisations?\b|\brecipients?\b/, 1],
    [/\bsold\b|\bsell\b/, 3],
    [/\binvoice sent to\b/, 2],
    // Whom a name is given to, or not: "we do not give your name to the dog's owner", "we will not tell the person".
    [
      /\b(?:give|pass|disclose|reveal|tell|release)\b[^.]{0,30}\b(?:your name|your details|your identity|who you are|who made the complaint)\b|\bwill not tell\b/,
      4,
    ],
    [/\bpublish(?:ed|es)?\b|\bpublic register\b|\bon (?:our|the) website\b|\bmade public\b/, 2],
  ],
  retention: [
    [/ — (?:how long (?:we keep it|it is kept)|retention(?: period)?|kept for):/, 5],
    [/^keeping (?:your )?(?:personal )?(?:information|data|records)$/, 3],
    [
      /\bretain(?:ed)?\b|\bretention\b|\bkept\b(?! (?:safe|safely|secure|securely|confidential|private|on|in|at|within)\b)|\bhow long\b|\bheld for\b|\bhold your information for\b|\bkeep your information\b/,
      4,
    ],
    [
      /\b\d+ (?:years?|months?)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen) (?:years?|months?)\b/,
      2,
    ],
    [
      /\bdelet(?:e|ed|ion)\b|\bdestroy(?:ed)?\b|\bdisposed?\b|\barchived\b|\bremove (?:your )?details\b|\banonymised\b/,
      2,
    ],
  ],
  security: [
    [/\bsecur(?:e|ely|ity)\b|\bprotect(?:ed|ion|s)?\b|\bconfidential(?:ity)?\b|\bsafe(?:ly)?\b|\bsafeguards?\b/, 2],
    [/\bstor(?:e|ed|ing)\b|\bdatabase\b|\bsystem\b|\bplatform\b|\bcrm\b|\bfiling\b/, 1.5],
    [
      /\baccess (?:to|is) (?:this|your)?\s*(?:secure )?(?:database|personal information)?\s*(?:is )?limited\b|\blimit access\b|\bpassword\b|\bencrypt/,
      2,
    ],
    [/\bbreach\b|\bunauthori[sz]ed\b/, 2],
    [
      /\b(?:kept|held|stored) (?:secure|securely|safe|safely)\b(?! from)|\bhow (?:is|do we keep) (?:it|your \w+) (?:kept )?(?:secure|safe)\b/,
      4,
    ],
    // Who may look: "only authorised operators can enter", "access is restricted to staff who…".
    [
      /\bauthori[sz]ed (?:staff|operators|officers|people|users|personnel)\b|\bonly (?:\w+ ){0,3}(?:staff|operators|officers|employees) (?:who|can|have|are)\b|\brestricted to\b|\baccess is (?:restricted|limited)\b|\bcan only see\b/,
      3,
    ],
    [/\blocked\b|\baudit (?:log|trail)\b|\bencrypted\b|\bmask(?:ing|ed)\b|\blog-?ins?\b/, 2],
    // Where it is kept is security as well as (abroad or not) international: "kept on Mosaic, hosted in the UK".
    [
      /\b(?:hosted|stored|held|kept)\b[^.]{0,60}\bin (?:the )?(?:uk|united kingdom|republic of ireland|ireland|united states|usa|eu|eea)\b/,
      3,
    ],
  ],
  international: [
    [/\boutside (?:of )?the (?:uk|united kingdom|eea|eu)\b|\babroad\b|\boverseas\b|\binternational\b/, 5],
    [
      /\btransfer(?:red|s)? (?:of )?(?:personal )?(?:information|data)? ?(?:outside|abroad)\b|\bappropriate safeguards\b|\badequacy\b|\badequate (?:protection|level)\b/,
      3,
    ],
    // Where it is held, in a country: "We keep your information in the UK", "hosted … in the Republic of Ireland".
    [
      /\b(?:held|kept|stored|hosted|keep|store|hold|host|process(?:ed)?)\b[^.]{0,60}\bin (?:the )?(?:uk|united kingdom|republic of ireland|ireland|united states|usa|eu|eea|european economic area|india|canada|australia)\b/,
      5,
    ],
  ],
  rights: [
    [/\bright to\b|\byour rights\b|\brights\b|\bentitled to\b/, 2],
    [
      /\brectif|\berase|\berasure\b|\bforgotten\b|\brestrict(?:ion)? (?:of )?(?:processing|how|the use|its use|our use)\b|\bright to restrict|\bportability\b|\bobject to\b|\bautomated decision|\bautomated means\b|\bdecisions? (?:made )?automatically\b|\bprofiling\b|\bcorrect any mistakes\b|\bdelete information\b/,
      3,
    ],
  ],
  'access-request': [
    // "How do I ask for footage of myself?", "Fill in the request form…", "we will reply within one month".
    [
      /\bask for (?:footage|recordings?|images?)\b|\bfootage (?:of|request)\b|\brequest form\b|\b(?:footage|recordings?|information) (?:of|about) (?:yourself|myself)\b/,
      4,
    ],
    [/\b(?:reply|respond|response)\b[^.]{0,20}\bwithin (?:one|a|1|\d+) (?:calendar )?(?:months?|days?)\b/, 4],
    [/\bno charge\b|\bfree of charge\b|\bno fee\b|\bcharge a fee\b/, 2],
    [
      /\bright to see\b|\bsee the information we hold\b|\bcopy of (?:your|the) (?:records|information|data|file)\b|\bgetting a copy\b/,
      4,
    ],
    [
      /\bsubject access\b|\brequest(?:ing)? access\b|\baccess (?:to )?(?:the )?information (?:we hold|about)|\bright of access\b|\bright to access\b/,
      5,
    ],
    [
      /\bsee what information we hold\b|\bcopy of the information\b|\bmake (?:a|this) request\b|\bsocial care records\b|\baccess your personal\b/,
      4,
    ],
  ],
  consent: [
    [/\byour choices\b|\bmarketing preferences\b|\btick the box\b|\bif you agree\b|\bto agree\b/, 3],
    [/\bconsent\b|\bpermission\b/, 3],
    [/\byour agreement\b|\bagreed? (?:to|that)\b/, 3],
    [/\bwithdraw(?:s|ing|n|al)?\b|\bchange your mind\b|\bunsubscribe\b|\bsay 'no\b|\bopt out\b|\bno longer wish\b/, 3],
    // A choice the person has: "you can tell us to stop at any time", "if you do not want to appear, sit at the back".
    [/\b(?:tell|let) us to stop\b|\bif you (?:do not|don't|would rather not) want (?:to|us to|your)\b/, 3],
  ],
  complaints: [
    [/\bnot happy\b|\bdissatisfied\b/, 3],
    // "If you are unhappy with how we have used your information, contact the Data Protection Officer first."
    [/\b(?:unhappy|not happy|dissatisfied|concerned) (?:with|about) (?:how|the way) we\b/, 4],
    // A complaint about how personal data was handled; "noise complaints" or "food complaints" are a service.
    [
      /\bcomplain(?:t|ts|ing)?\b(?=[^.]*\b(?:ico|information commissioner|how we (?:have )?(?:handled|used|process)|(?:about|with) (?:the use of |how we use )?(?:your|personal) (?:data|information)|data protection|privacy)\b)|\b(?:make|raise|have) a complaint\b(?! about (?:noise|food|a business))|^complaints?$/,
      4,
    ],
    [/\bcomplain(?:t|ts|ing)?\b/, 1],
    [/\binformation commissioner|\bico\b|\bsupervisory authority\b/, 3],
    [/\bconcern\b|\bunhappy\b|\bnot satisfied\b|\bthings go wrong\b/, 2],
    [/\bif you have a concern\b|\braise (?:your|this|a) concern\b/, 3],
  ],
};

/** Scores every topic for a piece of text. */
export function scoreTopics(text: string): Map<NoticeTopic, number> {
  const lower = text.toLowerCase();
  const scores = new Map<NoticeTopic, number>();
  for (const [topic, cues] of Object.entries(TOPIC_CUES) as [NoticeTopic, Cue[]][]) {
    let score = 0;
    for (const [pattern, weight] of cues) if (pattern.test(lower)) score += weight;
    if (score > 0) scores.set(topic, score);
  }
  return scores;
}

export function bestTopic(scores: Map<NoticeTopic, number>): [NoticeTopic, number] | undefined {
  let best: [NoticeTopic, number] | undefined;
  for (const entry of scores) if (!best || entry[1] > best[1]) best = entry;
  return best;
}

/** A list item that is the name of an organisation or a kind of one ("HM Revenue and Customs", "Credit reference agencies"). */
const ORGANISATION =
  /\b(?:agenc(?:y|ies)|services?|department|ministry|council|police|constabulary|nhs|trusts?|board|commission(?:er)?|office|ltd|limited|plc|providers?|partners?|organisations?|authorit(?:y|ies)|courts?|tribunals?|centre|hmrc|dwp|dvla|ofsted|schools?|colleges?|universit(?:y|ies)|charit(?:y|ies)|compan(?:y|ies)|suppliers?|contractors?|auditors?|ombudsman|landlords?|housing associations?|enforcement agents?|bailiffs?|solicitors?|insurers?|banks?|employers?|gps?|hospitals?|registrars?|probation)\b/i;
/** A name in capitals ("HM Revenue and Customs", "Seawall Parking Services Ltd"): two or more capitalised words. */
const PROPER_NAME = /^(?:the )?[A-Z][\w&'-]*(?:\s+(?:[A-Z][\w&'-]*|and|of|for|the|in|on|&))*\s+[A-Z][\w&'-]*\.?$/;
/** A list item that is a kind of personal detail ("Date of birth", "Your income and savings"). */
const PERSONAL_DETAIL =
  /\b(?:names?|address(?:es)?|date of birth|age|email|e-mail|(?:tele)?phone|contact details|gender|sex|ethnicity|ethnic origin|religion|nationality|income|savings|earnings|benefits|bank details|account (?:number|details)|health|disabilit(?:y|ies)|medical|criminal|convictions?|photographs?|signatures?|vehicle|registration|national insurance|nhs number|household|family|relationships?|employment|occupation|qualifications?|language|sexual orientation|marital status|tenancy|rent)\b/i;

/**
 * What a list item's own shape says, whatever its heading: a name of an organisation is a recipient, a kind
 * of personal detail is data collected. For lists whose heading was lost or says nothing ("We may also:").
 */
export function listItemTopics(item: string): Map<NoticeTopic, number> {
  const scores = new Map<NoticeTopic, number>();
  const words = item.trim().split(/\s+/).length;
  // A purpose or a statement ("to assess your application", "we will check…") is not a name.
  if (words > 14 || /^(?:to|we|you|if|when|where|for|in order|so that|our|this)\b/i.test(item.trim())) return scores;
  const organisation = ORGANISATION.test(item) || PROPER_NAME.test(item.trim());
  if (PERSONAL_DETAIL.test(item) && !ORGANISATION.test(item)) scores.set('data-collected', 2.5);
  else if (organisation) scores.set('sharing', 2.5);
  return scores;
}
