/** The notice file format (docs/product.md, "The notices"): a front-matter block, then the notice text as published. */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const FrontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be lower-case letters, digits and hyphens'),
  council: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'council must be a council id such as "kent"'),
  title: z.string().min(1),
  url: z.string().optional(),
  reviewed: z.union([z.string(), z.number()]).transform(String).optional(),
  service: z.string().optional(),
  /** sha256 of the published document's text as kb:import read it: kb:check compares the live page with it. */
  contentHash: z.string().optional(),
});
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

export interface NoticeFile {
  meta: FrontMatter;
  body: string;
  sourceHash: string;
}

export class NoticeFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'NoticeFileError';
  }
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function parseNoticeFile(text: string, fileName: string): NoticeFile {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new NoticeFileError(fileName, 'missing front-matter block (--- id / council / title ---)');
  let raw: unknown;
  try {
    raw = parseYaml(match[1] ?? '', { schema: 'failsafe' });
  } catch (error) {
    throw new NoticeFileError(fileName, `front-matter is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = FrontMatterSchema.safeParse(raw);
  if (!parsed.success) throw new NoticeFileError(fileName, `front-matter: ${z.prettifyError(parsed.error)}`);
  const expectedId = fileName.replace(/^.*[\\/]/, '').replace(/\.txt$/, '');
  if (parsed.data.id !== expectedId) {
    throw new NoticeFileError(fileName, `front-matter id "${parsed.data.id}" does not match the file name`);
  }
  const body = text.slice(match[0].length);
  if (!/[a-z]{3}/i.test(body)) throw new NoticeFileError(fileName, 'the notice text is empty');
  return { meta: parsed.data, body, sourceHash: createHash('sha256').update(text).digest('hex') };
}
