import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildWidget } from '../../functions/channels/web-chat/widget/build.ts';

describe('the widget bundle', () => {
  it('stays within 30 KB gzipped (script and stylesheet together) and uses no eval or HTML insertion', async () => {
    const { js, css } = await buildWidget();
    expect(gzipSync(js).length + gzipSync(css).length).toBeLessThanOrEqual(30 * 1024);
    // Strict CSP and text-only rendering: none of these may appear in what ships.
    expect(js).not.toMatch(/\beval\(|new Function\(|innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(js).not.toMatch(/document\.cookie|localStorage/);
  });
});
