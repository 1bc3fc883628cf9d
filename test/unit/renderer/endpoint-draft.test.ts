import { describe, expect, it } from 'vitest';
import {
  draftFromView,
  emptyDraft,
  endpointsWith,
  inputFromDraft,
  secretsLabel,
} from '../../../renderer/src/features/endpoints/endpoint-draft';

const views = [
  { path: '/gh', provider: 'github', secretCount: 2 },
  {
    path: '/pres',
    provider: 'preservica',
    handshake: true,
    secretCount: 1,
    response: { status: 202, headers: { 'X-A': 'b' }, body: 'ok', delayMs: 10 },
    options: { tolerance: 300 },
  },
];

describe('endpoint draft', () => {
  it('round-trips a view through the draft, keeping secrets by omitting them', () => {
    const draft = draftFromView(views[1] as (typeof views)[1]);
    expect(draft).toMatchObject({
      headers: 'X-A: b',
      status: '202',
      delayMs: '10',
      secrets: { mode: 'keep' },
    });
    expect(inputFromDraft(draft)).toEqual({
      path: '/pres',
      provider: 'preservica',
      handshake: true,
      response: { status: 202, headers: { 'X-A': 'b' }, body: 'ok', delayMs: 10 },
      options: { tolerance: 300 },
    });
  });

  it('round-trips forward rules: events as a comma list, proxy, blank rows dropped', () => {
    const draft = draftFromView({
      path: '/kb',
      secretCount: 0,
      forward: [
        { url: 'http://localhost:3000/kb', events: ['task.*', 'comment.create'], proxy: true },
      ],
    });
    expect(draft.forward).toEqual([
      { url: 'http://localhost:3000/kb', events: 'task.*, comment.create', proxy: true },
    ]);
    draft.forward.push(
      { url: '  ', events: '', proxy: false },
      { url: 'http://127.0.0.1:4000/all', events: '', proxy: false },
    );
    expect(inputFromDraft(draft).forward).toEqual([
      { url: 'http://localhost:3000/kb', events: ['task.*', 'comment.create'], proxy: true },
      { url: 'http://127.0.0.1:4000/all' },
    ]);
    draft.forward.push({ url: 'ftp://nope', events: '', proxy: false });
    expect(() => inputFromDraft(draft)).toThrow(/must be an http\(s\) URL/);
  });

  it('replaces secrets (rotation keeps their order) or clears them', () => {
    const draft = { ...draftFromView(views[0] as (typeof views)[0]) };
    expect(
      inputFromDraft({ ...draft, secrets: { mode: 'replace', values: ['new', '', 'old'] } })
        .secrets,
    ).toEqual(['new', 'old']);
    expect(inputFromDraft({ ...draft, secrets: { mode: 'clear' } }).secrets).toEqual([]);
    expect(() => inputFromDraft({ ...draft, secrets: { mode: 'replace', values: [''] } })).toThrow(
      /at least one secret/,
    );
  });

  it('names the field that cannot be converted', () => {
    const draft = emptyDraft();
    expect(() => inputFromDraft({ ...draft, status: 'abc' })).toThrow(/answer status/);
    expect(() => inputFromDraft({ ...draft, headers: 'no colon here' })).toThrow(/header line 1/);
    expect(() => inputFromDraft({ ...draft, options: '[1]' })).toThrow(
      /options must be a JSON object/,
    );
    expect(() => inputFromDraft({ ...draft, options: '{' })).toThrow(
      /options must be a JSON object/,
    );
  });

  it('builds the whole list: others untouched (no secrets sent), the edited one replaced or added', () => {
    const added = endpointsWith(views, { ...emptyDraft(), path: '/new', provider: 'stripe' });
    expect(added.map((e) => e.path)).toEqual(['/gh', '/pres', '/new']);
    expect(added.some((e) => 'secretCount' in e || 'secrets' in e)).toBe(false);
    const edited = endpointsWith(views, {
      ...draftFromView(views[0] as (typeof views)[0]),
      handshake: true,
    });
    expect(edited.map((e) => e.path)).toEqual(['/pres', '/gh']);
    expect(edited[1]).toEqual({ path: '/gh', provider: 'github', handshake: true });
  });

  it('says only whether secrets are set', () => {
    expect(secretsLabel(0)).toBe('not set');
    expect(secretsLabel(1)).toBe('set');
    expect(secretsLabel(2)).toBe('set (2, rotation)');
  });
});
