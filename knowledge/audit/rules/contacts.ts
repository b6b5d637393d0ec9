/** Who to contact: the controller (13(1)(a)), the DPO (13(1)(b)), the ICO (13(2)(d)) and the subject access route (Art. 15). */
import { DPO, ICO } from '../cues.ts';
import {
  cite,
  hasOwnChannel,
  item,
  knownDpoContact,
  ownChannels,
  recoveredOf,
  recoveredPhrase,
  unique,
  type Ctx,
} from '../helpers.ts';
import type { AuditItem } from '../types.ts';

export function controller(ctx: Ctx): AuditItem {
  const [id, art, label] = ['controller', '13(1)(a)', 'Controller identity and contact details'] as const;
  const named = ctx.facts.filter((f) => /\b(?:data )?controller\b|\baccountable body\b/i.test(f.sentence));
  const channels = ctx.facts.filter((f) => !ICO.test(f.sentence) && hasOwnChannel(f.sentence));
  const add = `State who the controller is and how to reach it, e.g. "${ctx.councilName} is the data controller for the personal information described in this notice", with its postal address and a contact email or phone number.`;
  if (!named.length) {
    return item(id, art, label, 'missing', 'The notice never says who the data controller is.', [], {
      recommendation: add,
    });
  }
  if (!channels.length) {
    return item(
      id,
      art,
      label,
      'vague',
      'The controller is named, but the notice gives no address, email or phone for it.',
      cite(named, 2),
      {
        recommendation: `Give the controller's contact details (postal address and an email or phone number) next to "${named[0]!.sentence}".`,
      },
    );
  }
  return item(id, art, label, 'stated', 'Controller named, with contact details in the notice.', cite(named, 2));
}

export function dpo(ctx: Ctx): AuditItem {
  const [id, art, label] = ['dpo', '13(1)(b)', 'Data Protection Officer contact details'] as const;
  const mentions = ctx.facts.filter((f) => DPO.test(f.sentence) || f.contacts?.some((c) => c.role === 'dpo'));
  const reachable = mentions.filter((f) => {
    const c = ownChannels(f.sentence);
    return DPO.test(f.sentence) && (c.email.length > 0 || c.phone);
  });
  const byPost = mentions.filter((f) => DPO.test(f.sentence) && ownChannels(f.sentence).address);
  const filled = mentions.filter((f) => f.repair?.kind === 'filled' && DPO.test(f.sentence));
  const recovered = filled
    .map((f) => recoveredOf(f, ctx.notice, ctx.kb))
    .find((r) => r && r.relation !== 'this-notice');
  const suggestion = recovered?.value ?? knownDpoContact(ctx);
  const add = `Give the DPO's contact details in this notice, e.g. "You can contact our Data Protection Officer at ${suggestion ?? '<email>'}"${suggestion ? '' : ' (the council has not published one anywhere the pipeline can see)'}.`;

  if (reachable.length) {
    const found = unique(reachable.flatMap((f) => ownChannels(f.sentence).email));
    return item(
      id,
      art,
      label,
      'stated',
      `DPO contact given in this notice${found.length ? `: ${found.join(', ')}` : ''}.`,
      cite(reachable, 2),
      {
        found,
      },
    );
  }
  if (recovered) {
    const post = byPost.length ? 'Only a postal address survives in the published text; ' : '';
    return item(
      id,
      art,
      label,
      'vague',
      `${post}the DPO's email was stripped from the published sentence; ${recovered.value} is ${recoveredPhrase(recovered)}.`,
      cite(filled, 2),
      {
        recommendation: `Restore the DPO's email in the published sentence ("You can contact our Data Protection Officer, …, at ${recovered.value}"), or give it in a separate line.`,
        recoveredFrom: recovered,
      },
    );
  }
  if (byPost.length) {
    return item(id, art, label, 'stated', 'DPO contact given in this notice (postal address only).', cite(byPost, 2), {
      recommendation: `Add an email or phone number for the DPO. ${add}`,
    });
  }
  if (mentions.length) {
    return item(
      id,
      art,
      label,
      'vague',
      'The DPO is mentioned, but no email, phone or address for the DPO is given.',
      cite(mentions, 2),
      {
        recommendation: add,
      },
    );
  }
  return item(id, art, label, 'missing', 'The notice does not mention a Data Protection Officer.', [], {
    recommendation: add,
  });
}

export function complainToIco(ctx: Ctx): AuditItem {
  const [id, art, label] = ['complain-to-ico', '13(2)(d)', 'Right to complain to the ICO'] as const;
  const ico = ctx.facts.filter((f) => ICO.test(`${f.leadIn ?? ''} ${f.sentence}`));
  const complain = ico.filter((f) => /\bcomplain|\bconcerns?\b|\blodge\b/i.test(`${f.leadIn ?? ''} ${f.sentence}`));
  const add =
    'Add: "You have the right to complain to the Information Commissioner\'s Office (ICO): ico.org.uk/make-a-complaint, 0303 123 1113."';
  if (complain.length) return item(id, art, label, 'stated', 'Right to complain to the ICO stated.', cite(complain, 2));
  if (ico.length) {
    return item(id, art, label, 'vague', 'The ICO is mentioned, but not as somewhere to complain.', cite(ico, 1), {
      recommendation: add,
    });
  }
  return item(id, art, label, 'missing', 'The notice does not mention the right to complain to the ICO.', [], {
    recommendation: add,
  });
}

export function sarRoute(ctx: Ctx): AuditItem {
  const [id, art, label] = ['sar-route', 'Art. 15', 'How to ask for a copy (subject access request route)'] as const;
  const cue =
    /\bsubject access\b|\bcopy of (?:the|your)\b|\bexercise (?:a|any|your|these|this|any of (?:your|these)) rights?\b|\brequest access\b|\bmake (?:a|this|the) request\b|\bsee what information\b|\baccess your (?:personal|educational)\b|\brequest information about yourself\b/i;
  const candidates = ctx.facts.filter(
    (f) =>
      !ICO.test(f.sentence) &&
      (f.topic === 'access-request' ||
        f.rights?.includes('access') ||
        cue.test(f.sentence) ||
        cue.test(f.leadIn ?? '')),
  );
  const routed = candidates.filter(
    (f) => (cue.test(f.sentence) || cue.test(f.leadIn ?? '')) && hasOwnChannel(f.sentence),
  );
  const filled = candidates.filter(
    (f) => f.repair?.kind === 'filled' && (cue.test(f.sentence) || cue.test(f.leadIn ?? '')),
  );
  const firstRecovered = filled.length ? recoveredOf(filled[0]!, ctx.notice, ctx.kb) : undefined;
  const contact = firstRecovered?.value ?? knownDpoContact(ctx);
  const add = `Say how to ask for a copy of your information: who to contact and how (e.g. "To make a subject access request, email ${contact ?? '<address>'} or write to <address>"), and that it is free and answered within one month.`;
  if (routed.length)
    return item(id, art, label, 'stated', 'Says how to make a subject access request.', cite(routed, 2));
  if (filled.length) {
    const recovered = firstRecovered;
    return item(
      id,
      art,
      label,
      'vague',
      `The route to make a request lost its contact in the published text${recovered ? `; ${recovered.value} is ${recoveredPhrase(recovered)}` : ''}.`,
      cite(filled, 2),
      { recommendation: `Restore the stripped contact in the published sentence. ${add}`, recoveredFrom: recovered },
    );
  }
  if (candidates.length) {
    return item(
      id,
      art,
      label,
      'vague',
      'Names the right of access but does not say how to make a request.',
      cite(candidates, 2),
      {
        recommendation: add,
      },
    );
  }
  return item(id, art, label, 'missing', 'Does not say how to ask for a copy of your information.', [], {
    recommendation: add,
  });
}
