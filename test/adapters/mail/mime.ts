/** A small MIME reader for the mail tests: headers (unfolded), multipart parts, base64 / quoted-printable bodies. */

export interface MimePart {
  /** The header block as sent, CRLF line breaks kept (folded lines included). */
  rawHeaders: string;
  /** Unfolded headers in order: [lower-case name, value]. */
  headers: [string, string][];
  header(name: string): string | undefined;
  /** The body after transfer decoding, read as UTF-8. */
  body: string;
  parts: MimePart[];
}

export function parseMime(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const rawHeaders = split === -1 ? raw : raw.slice(0, split);
  const rawBody = split === -1 ? '' : raw.slice(split + 4);
  const headers: [string, string][] = [];
  for (const line of rawHeaders.split('\r\n')) {
    if (/^[ \t]/.test(line) && headers.length > 0) headers[headers.length - 1]![1] += ` ${line.trim()}`;
    else if (line.includes(':')) {
      const colon = line.indexOf(':');
      headers.push([line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]);
    }
  }
  const header = (name: string) => headers.find(([n]) => n === name.toLowerCase())?.[1];
  const contentType = header('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  let parts: MimePart[] = [];
  let body: string;
  if (/^multipart\//i.test(contentType) && boundary) {
    const sections = rawBody.split(`--${boundary}`);
    parts = sections
      .slice(1)
      .filter((s) => !s.startsWith('--'))
      .map((s) => parseMime(s.replace(/^\r\n/, '').replace(/\r\n$/, '')));
    body = '';
  } else {
    body = decodeBody(rawBody, header('content-transfer-encoding') ?? '7bit');
  }
  return { rawHeaders, headers, header, body, parts };
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}

function decodeQuotedPrintable(body: string): string {
  const soft = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Every part that is not a multipart container, depth first. */
export function leafParts(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leafParts);
}
