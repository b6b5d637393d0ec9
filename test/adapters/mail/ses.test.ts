import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailAddressError } from '#adapters/mail/address.ts';
import { MailRelayError } from '#adapters/mail/relay-error.ts';
import { SesMailSender } from '#adapters/mail/ses-sender.ts';
import type { SesMailSenderConfig } from '#adapters/mail/ses-sender.ts';
import { leafParts, parseMime } from './mime.ts';

interface Captured {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A local stand-in for the SESv2 API: records each request and answers with the next queued reply (or success). */
async function startSes(): Promise<{ url: string; requests: Captured[]; replies: Reply[]; server: Server }> {
  const requests: Captured[] = [];
  const replies: Reply[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      const reply = replies.shift() ?? { status: 200, body: { MessageId: 'local-1' } };
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, replies, server };
}

const IDENTITY = 'privacy-assistant@council.example';
const DPO = 'dpo@council.example';

describe('SesMailSender against a local SESv2 endpoint', () => {
  let ses: Awaited<ReturnType<typeof startSes>>;
  let client: SESv2Client;

  const sender = (config: Partial<SesMailSenderConfig> = {}) =>
    new SesMailSender(client, { from: IDENTITY, ...config });

  beforeEach(async () => {
    ses = await startSes();
    client = new SESv2Client({
      region: 'eu-west-2',
      endpoint: ses.url,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });

  afterEach(async () => {
    client.destroy();
    await new Promise<void>((resolve) => ses.server.close(() => resolve()));
  });

  it('sends a signed SendEmail request with the identity, recipient, reply-to, subject and text', async () => {
    await sender({ configurationSetName: 'privacy-assistant' }).send({
      to: DPO,
      replyTo: 'resident@example.org',
      subject: 'Privacy question escalated\r\nBcc: evil@example.com',
      text: 'A resident asked about £ charges and café CCTV.',
    });

    expect(ses.requests).toHaveLength(1);
    const [request] = ses.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/v2/email/outbound-emails');
    expect(request!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDLOCAL\/\d{8}\/eu-west-2\/ses\/aws4_request, /,
    );
    expect(JSON.parse(request!.body)).toEqual({
      FromEmailAddress: IDENTITY,
      ConfigurationSetName: 'privacy-assistant',
      Destination: { ToAddresses: [DPO] },
      ReplyToAddresses: ['resident@example.org'],
      Content: {
        Simple: {
          Subject: { Data: 'Privacy question escalated Bcc: evil@example.com', Charset: 'UTF-8' },
          Body: { Text: { Data: 'A resident asked about £ charges and café CCTV.', Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('sends attachments as SES simple attachments, base64 in the JSON body', async () => {
    const transcript = 'Q: Who sees my data?\nA: I could not find this — £0 fee.\n';
    await sender({
      fromIdentityArn: 'arn:aws:ses:eu-west-2:123456789012:identity/council.example',
    }).send({
      to: DPO,
      subject: 'Escalation',
      text: 'See the transcript.',
      attachments: [{ filename: 'transcript.txt', content: transcript }],
    });

    const body = JSON.parse(ses.requests[0]!.body);
    expect(body.FromEmailAddressIdentityArn).toBe('arn:aws:ses:eu-west-2:123456789012:identity/council.example');
    expect(body.Content.Simple.Subject).toEqual({ Data: 'Escalation', Charset: 'UTF-8' });
    expect(body.Content.Simple.Body.Text).toEqual({ Data: 'See the transcript.', Charset: 'UTF-8' });
    expect(body.Content.Simple.Attachments).toEqual([
      {
        FileName: 'transcript.txt',
        ContentType: 'text/plain',
        ContentDisposition: 'ATTACHMENT',
        ContentTransferEncoding: 'BASE64',
        RawContent: Buffer.from(transcript).toString('base64'),
      },
    ]);
  });

  it("with attachments: 'raw', sends a MIME message built by MailComposer", async () => {
    const transcript = 'Q: Who sees my data?\nA: £0 fee.\n';
    await sender({ attachments: 'raw' }).send({
      to: DPO,
      replyTo: 'resident@example.org',
      subject: 'Escalation',
      text: 'See the transcript — thanks.',
      attachments: [{ filename: 'transcript.txt', content: transcript }],
    });

    const body = JSON.parse(ses.requests[0]!.body);
    expect(body.FromEmailAddress).toBe(IDENTITY);
    expect(body.Destination).toEqual({ ToAddresses: [DPO] });
    expect(body.Content.Simple).toBeUndefined();
    const mime = parseMime(Buffer.from(body.Content.Raw.Data, 'base64').toString('utf8'));
    expect(mime.header('from')).toBe(IDENTITY);
    expect(mime.header('to')).toBe(DPO);
    expect(mime.header('reply-to')).toBe('resident@example.org');
    expect(mime.header('subject')).toBe('Escalation');
    const [text, attachment] = leafParts(mime);
    expect(text!.body).toBe('See the transcript — thanks.');
    expect(attachment!.header('content-disposition')).toMatch(/filename="?transcript\.txt"?/);
    expect(attachment!.header('content-type')).toMatch(/^text\/plain; charset=utf-8/);
    expect(attachment!.body.replace(/\r\n/g, '\n')).toBe(transcript);
  });

  it('turns an SES error response into MailRelayError', async () => {
    ses.replies.push({
      status: 400,
      headers: { 'x-amzn-errortype': 'MessageRejected' },
      body: { __type: 'MessageRejected', message: 'Email address is not verified.' },
    });
    const error = await sender()
      .send({ to: DPO, subject: 'Escalation', text: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailRelayError);
    expect(error).toMatchObject({ relay: 'ses', code: 'MessageRejected', responseCode: 400, permanent: true });
    expect((error as Error).message).toBe('Amazon SES refused the message (MessageRejected). The email was not sent.');
  });

  it('treats throttling and server errors as temporary', async () => {
    ses.replies.push({
      status: 503,
      headers: { 'x-amzn-errortype': 'InternalFailure' },
      body: { message: 'try later' },
    });
    await expect(sender().send({ to: DPO, subject: 'Escalation', text: 'x' })).rejects.toMatchObject({
      name: 'MailRelayError',
      responseCode: 503,
      permanent: false,
    });
  });

  it('rejects with MailRelayError when the endpoint cannot be reached', async () => {
    const down = new SESv2Client({
      region: 'eu-west-2',
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const error = await new SesMailSender(down, { from: IDENTITY })
      .send({ to: DPO, subject: 'Escalation', text: 'x' })
      .catch((e: unknown) => e);
    down.destroy();
    expect(error).toBeInstanceOf(MailRelayError);
    expect(error).toMatchObject({ relay: 'ses', responseCode: undefined, permanent: false });
  });

  it('refuses an invalid address before making any request', async () => {
    for (const mail of [
      { to: 'dpo@council.example\r\nBcc: evil@example.com', subject: 'x', text: 'x' },
      { to: DPO, replyTo: 'resident@example.org\nBcc: evil@example.com', subject: 'x', text: 'x' },
      { to: 'dpo@council', subject: 'x', text: 'x' },
    ]) {
      await expect(sender().send(mail)).rejects.toBeInstanceOf(MailAddressError);
    }
    expect(() => sender({ from: 'Council <privacy@council.example>' })).toThrow(MailAddressError);
    expect(ses.requests).toHaveLength(0);
  });
});
