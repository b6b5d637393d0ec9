/**
 * Website clutter pasted with a notice: cookie banners, "Skip to main content", breadcrumbs, "Print this page",
 * feedback prompts, footers, PDF page furniture. Dropped line by line before segmentation, so it never becomes a
 * fact or an answer; what was dropped is reported by `kb:build`. E-mail addresses a site hid behind
 * "[email protected]" become holes, which the repair step fills from the council's known contacts or cuts.
 *
 * Each rule is a whole-line pattern (after trimming): a line is clutter only when all of it is furniture, so a
 * sentence that mentions cookies or printing is kept.
 */

const CLUTTER_LINES: RegExp[] = [
  // Cookie banners and consent buttons.
  /^(?=.*\bcookies\b)(?=.*\b(?:site|website|browser|browsing|accept|settings|preferences|analytics|experience)\b).{0,500}$/i,
  /^(?:accept|reject|allow|decline|manage|set|change|save) (?:all |additional |optional |analytics )?(?:cookies?|cookie (?:settings|preferences))(?: and close)?\.?$/i,
  /^(?:cookie (?:settings|preferences|policy|notice)|hide (?:this )?message|i(?:'m| am) ok with (?:analytics )?cookies)\.?$/i,
  /^cookies on (?:this (?:site|website)|[\w.-]+\.(?:uk|com|org|gov))$/i,
  // Skip links, JavaScript notices, site navigation.
  /^skip to (?:main )?(?:content|navigation|search)\.?$/i,
  /^(?:.{0,60}\bjavascript (?:is|has been) (?:disabled|turned off|not enabled)\b.{0,200}|(?:please )?enable javascript.{0,120})$/i,
  /^(?:menu|search(?: this site)?|sign in|log in|my account|close|open|back|back to top|top of page|go to top|home|show all sections|hide all sections|show|hide)\.?$/i,
  /^(?:you are here|breadcrumbs?)\s*:.*$/i,
  /^you are here$/i,
  // Breadcrumbs: "Home > Council and democracy > Privacy" (two or more separators between short items).
  /^(?![-*•·]\s)(?:[^>›»|\n]{1,60}\s(?:>|›|»)\s){2,}[^>›»|\n]{1,80}$/,
  // Page tools and feedback: "Share this page: Facebook X LinkedIn Email".
  /^share (?:this )?(?:page|article)\s*:?\s*(?:(?:facebook|x|twitter|linkedin|email|whatsapp|bluesky)\s*)*$/i,
  /^(?:print|share|download|email|bookmark)(?: (?:this )?(?:page|article|notice)(?: as (?:a )?pdf)?)?\.?$/i,
  // Several page tools on one line: "Print this page   Share this page", "Search this site   Search".
  /^(?:(?:print|share|download|email|bookmark|search)(?: this)?(?: page| site| article| notice)?\s*){2,4}$/i,
  /^(?:view|manage|change) (?:cookies|cookie settings)\.?$/i,
  /^(?:was this (?:page|information) (?:useful|helpful)\??|is this page useful\??|did you find what you were looking for\??)(?:\s*(?:yes|no)){0,2}\.?$/i,
  /^(?:yes|no|yes no|maybe)$/i,
  /^(?:report a problem with this page|is there anything wrong with this page\??|give (?:us )?feedback(?: (?:on|about) this page)?|tell us what you think(?: of this page)?|thank you for your feedback)\.?$/i,
  /^(?:this page was (?:last )?(?:updated|reviewed)|page last updated|last modified):? .{0,40}$/i,
  /^(?:opens in (?:a )?new (?:window|tab))\.?$/i,
  /^\(?opens in (?:a )?new (?:window|tab)\)?$/i,
  // Footers.
  /^(?:©|\(c\)|copyright)\s.{0,80}$/i,
  /^(?:accessibility(?: statement)?|cookies|privacy|terms(?: and conditions| of use)?|sitemap|site map|contact us|jobs|news|a to z|a-z of services|follow us|connect with us|social media)(?:\s*(?:\||·|•)\s*\w[\w ]{0,30}){0,8}$/i,
  /^(?:follow|find|like) us on (?:facebook|twitter|x|instagram|linkedin|youtube).{0,60}$/i,
  // PDF page furniture.
  /^page \d+ (?:of \d+)?$/i,
  // A running footer: a few words beside the page number ("Wrenfield District Council      Page 1 of 2").
  /^(?:\S+\s+){0,6}page \d+ of \d+(?:\s+\S+){0,6}(?<![.!?;:,])$/i,
  /^-?\s*\d{1,3}\s*-?$/,
];

/** A block of links: "Related pages" and the short page titles under it, down to the next blank line. */
const LINK_BLOCK_HEADING =
  /^(?:related (?:pages|links|content|information|topics|services)|see also|more (?:on|in) this (?:topic|section)|in this section|popular pages|you may also be interested in|quick links)\s*:?$/i;
/** A link's text: a few words with no sentence punctuation. */
const LINK_TEXT = /^[^.!?;:]{1,60}$/;

/** An accordion's instructions inside a sentence-bearing line: "Select a heading to open each section." */
const ACCORDION_HINT =
  /\s*\b(?:select|click|tap|choose|use) (?:on )?(?:a|each|any|the) (?:heading|section|title|question)s? (?:below )?to (?:open|expand|show|read)[^.]*\.?/gi;

/** An accordion's toggle pasted after its heading: "Who we are  Show", "Your rights Hide", "Who we share it with +". */
const ACCORDION_TOGGLE =
  /^([^.!?]{2,80}?)\s+(?:(?:Show|Hide|Expand|Collapse|Open|Close)(?: (?:section|all))?|\+|−)\s*$/;

/** "[email protected]" (Cloudflare's e-mail obfuscation) and other placeholders where an address was hidden. */
const HIDDEN_EMAIL = /\[\s*email(?:&#160;|\s)*protected\s*\]|\(?\s*email address hidden\s*\)?|\[at\]\s*\[dot\]/gi;

export interface Decluttered {
  text: string;
  /** The lines dropped as website furniture, as they were. */
  dropped: string[];
  /** How many hidden e-mail addresses became holes. */
  hiddenEmails: number;
}

/**
 * Drops clutter lines and turns hidden addresses into holes. Headings like "Contact us" survive when they
 * introduce something: a footer-like line is only dropped when it is not followed by text under it.
 */
export function removeClutter(noticeText: string): Decluttered {
  const dropped: string[] = [];
  let hiddenEmails = 0;
  const lines = noticeText.split('\n');
  const kept: string[] = [];
  let inLinkBlock = false;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    inLinkBlock = LINK_BLOCK_HEADING.test(trimmed) || (inLinkBlock && LINK_TEXT.test(trimmed));
    const furniture = CLUTTER_LINES.some((rule) => rule.test(trimmed)) && !introducesContent(trimmed, lines, i);
    if (trimmed && (inLinkBlock || furniture)) {
      dropped.push(trimmed);
      return;
    }
    for (const hint of line.match(ACCORDION_HINT) ?? []) dropped.push(hint.trim());
    const toggle = ACCORDION_TOGGLE.exec(trimmed);
    if (toggle) dropped.push(trimmed.slice(toggle[1]!.length).trim());
    kept.push(
      (toggle ? toggle[1]! : line).replace(ACCORDION_HINT, '').replace(HIDDEN_EMAIL, () => {
        hiddenEmails++;
        return '';
      }),
    );
  });
  return { text: kept.join('\n'), dropped, hiddenEmails };
}

/** "Contact us" followed by an address is a heading, not a footer link. */
function introducesContent(line: string, lines: string[], at: number): boolean {
  if (!/^contact us$/i.test(line)) return false;
  const next = lines.slice(at + 1).find((l) => l.trim());
  return next !== undefined && next.trim().split(/\s+/).length >= 4;
}
