import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { say, type Text } from '@/i18n/message';
import { fieldErrors, firstIssue, issuesText, jsonPath } from './zod-issues';

const said = (errors: Record<string, Text>) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, say(v)]));

describe('jsonPath', () => {
  it('writes names with dots, indexes in brackets, odd names quoted', () => {
    expect(jsonPath([])).toBe('$');
    expect(jsonPath(['dashboards', 0, 'pages', 1, 'title'])).toBe('$.dashboards[0].pages[1].title');
    expect(jsonPath(['a b', 'ok'])).toBe('$["a b"].ok');
  });
});

describe('zod issues for people', () => {
  const schema = z.object({
    name: z.string().min(1, 'Give it a name'),
    rows: z.array(z.object({ topic: z.string().min(1, 'Enter a topic') })),
  });
  const error = schema.safeParse({ name: '', rows: [{ topic: '' }] }).error!;

  it('gives the first message per field, optionally saying where inside it', () => {
    expect(said(fieldErrors(error))).toEqual({ name: 'Give it a name', rows: 'Enter a topic' });
    expect(said(fieldErrors(error, true))).toEqual({
      name: 'Give it a name',
      rows: 'Enter a topic (0.topic)',
    });
  });

  it('says every issue on one line, or the first with its place', () => {
    expect(issuesText(error)).toBe('name: Give it a name; rows.0.topic: Enter a topic');
    expect(firstIssue(error)).toBe('Give it a name at name');
  });
});
