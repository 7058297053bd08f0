// The rule of issue 14: every button that calls the server goes through `useAction` (web/src/ui/useAction.ts), so
// busy state, the error shown and retry behave the same on every page. A page that keeps its own `busy`/`saving`
// state with useState has slipped back into hand-made handling; this scan names it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pages = fileURLToPath(new URL('.', import.meta.url));
// Also the staff shell's own dialogs (web/src/staff), which call the server the same way.
const roots = [pages, fileURLToPath(new URL('../staff', import.meta.url))];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** `const [busy, setBusy] = useState…`, `const [saving, …] = useState…` and the like: an action's own busy flag. */
const OWN_BUSY = /const\s*\[\s*(busy|saving|submitting|sending)\w*\s*,\s*\w+\s*\]\s*=\s*(React\.)?useState\b/g;

export function ownBusyState(source: string): string[] {
  return [...source.matchAll(OWN_BUSY)].map((m) => m[1]!);
}

describe('actions go through useAction', () => {
  it('recognises an own busy/saving state and leaves other state alone', () => {
    expect(ownBusyState('const [busy, setBusy] = useState(false);')).toEqual(['busy']);
    expect(ownBusyState('const [ saving , setSaving ] = useState<boolean>(false)')).toEqual(['saving']);
    expect(ownBusyState('const [busyId, setBusyId] = React.useState<string | null>(null)')).toEqual(['busy']);
    expect(ownBusyState('const [open, setOpen] = useState(false); const save = useAction(async () => 1);')).toEqual([]);
    expect(ownBusyState('const [uploading, setUploading] = useState(new Set<string>());')).toEqual([]);
  });

  it('no page declares its own busy or saving state', () => {
    const offenders = roots
      .flatMap(sources)
      .flatMap((f) => ownBusyState(readFileSync(f, 'utf8')).map((name) => `${relative(pages, f)}: ${name}`));
    expect(offenders, 'use useAction (web/src/ui/useAction.ts) for buttons that call the server').toEqual([]);
  });
});
