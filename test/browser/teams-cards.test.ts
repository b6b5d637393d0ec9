import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../functions/channels/teams/cards.ts';
import { CARDS } from '../channels/teams/card-catalogue.ts';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.ts';

/**
 * Every card the Teams bot sends, rendered by Microsoft's Adaptive Cards renderer under the values of Teams' own
 * published host config that decide layout (microsoft-teams-light.json: font, sizes, spacing, padding, horizontal
 * actions with 8 px between buttons, at most 6), at a desktop chat's card width and at the narrowest mobile
 * width. A button whose title is cut off (ellipsis) or runs past the card's edge fails the test.
 */
const WIDTHS = { desktop: 540, mobile: 320 } as const;
const ARTIFACTS = new URL('../../test-artifacts/teams-cards/', import.meta.url);
const RENDERER = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');

const TEAMS_HOST_CONFIG = {
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#EEEEEE' },
  fontTypes: {
    default: {
      fontFamily: "'Segoe UI', Tahoma, Geneva, Verdana, sans-serif",
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 200, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: "'Courier New', Courier, monospace",
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 200, default: 400, bolder: 600 },
    },
  },
  actions: {
    maxActions: 6,
    spacing: 'Default',
    buttonSpacing: 8,
    showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
    actionsOrientation: 'Horizontal',
    actionAlignment: 'Left',
  },
  adaptiveCard: { allowCustomStyle: false },
};

interface Clipped {
  title: string;
  why: string;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.setContent(
    '<!doctype html><html><body style="margin:0;background:#f5f5f5"><div id="card"></div></body></html>',
  );
  await page.addScriptTag({ path: RENDERER });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

/** Renders a card at a width and lists every button whose title does not fit. */
async function render(card: AdaptiveCard, width: number): Promise<Clipped[]> {
  await page.setViewportSize({ width: width + 40, height: 900 });
  return page.evaluate(
    ({ card, width, hostConfig }) => {
      const AC = (window as unknown as { AdaptiveCards: any }).AdaptiveCards; // eslint-disable-line @typescript-eslint/no-explicit-any
      const host = document.getElementById('card')!;
      host.style.width = `${width}px`;
      host.innerHTML = '';
      const adaptive = new AC.AdaptiveCard();
      adaptive.hostConfig = new AC.HostConfig(hostConfig);
      adaptive.parse(card);
      host.appendChild(adaptive.render());
      const edge = host.getBoundingClientRect().right;
      const clipped: { title: string; why: string }[] = [];
      for (const button of host.querySelectorAll<HTMLElement>('button, [role="button"]')) {
        const title = button.getAttribute('aria-label') ?? button.textContent ?? '';
        const box = button.getBoundingClientRect();
        if (box.right > edge + 0.5)
          clipped.push({ title, why: `runs ${Math.round(box.right - edge)} px past the card` });
        for (const el of [button, ...button.querySelectorAll<HTMLElement>('*')]) {
          if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') {
            clipped.push({ title, why: `cut off (${el.scrollWidth} px of text in ${el.clientWidth} px)` });
            break;
          }
        }
      }
      return clipped;
    },
    { card, width, hostConfig: TEAMS_HOST_CONFIG },
  );
}

describe('Teams cards rendered as Teams renders them', () => {
  it('the check catches titles that do not fit (four long buttons in one row, as the old answer card had)', async () => {
    const crowded: AdaptiveCard = {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'An answer.', wrap: true }],
      actions: [
        "Read the Young Person and Children's Services privacy notice",
        'What information do you hold about me?',
        'Who do you share my information with?',
        'How do I get a copy of my information?',
      ].map((title) => ({ type: 'Action.Submit', title, data: {} })),
    };
    expect((await render(crowded, WIDTHS.mobile)).length).toBeGreaterThan(0);
  });

  for (const [name, card] of CARDS) {
    for (const [device, width] of Object.entries(WIDTHS)) {
      it(`${name} at ${device} width (${width} px): every button readable`, async () => {
        const clipped = await render(card, width);
        await page.locator('#card').screenshot({ path: new URL(`${name}-${device}.png`, ARTIFACTS).pathname });
        expect(clipped).toEqual([]);
      });
    }
  }
});
