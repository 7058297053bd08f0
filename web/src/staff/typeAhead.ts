// Keys typed at the counter before the intake form is on screen (the app or the page still loading) are kept,
// in order, and handed to the form when it appears — instead of being lost, or landing in whatever had the
// focus (a link, the unit selector). Only keys aimed at nothing in particular are taken: never those typed into
// a field, and never shortcuts.
export const INTAKE_PATH = '/can-bo/tiep-nhan';

let buffer: string[] = [];
let formReady = false;
let installed = false;

function editable(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLElement && el.isContentEditable;
}

function onKeyDown(e: KeyboardEvent): void {
  if (formReady || window.location.pathname !== INTAKE_PATH) return;
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  if (editable(document.activeElement)) return;
  const printable = e.key.length === 1;
  if (!printable && e.key !== 'Enter' && e.key !== 'Backspace') return;
  // Kept for the form; Enter on a focused link must not navigate away meanwhile.
  e.preventDefault();
  e.stopPropagation();
  if (e.key === 'Backspace') {
    if (buffer.length && buffer[buffer.length - 1] !== 'Enter') buffer.pop();
  } else buffer.push(e.key);
}

/** Starts keeping early keys (once, at the app's start). */
export function installTypeAhead(): void {
  if (installed) return;
  installed = true;
  window.addEventListener('keydown', onKeyDown, true);
}

/** The intake form is on screen: returns what was typed before it, in order, and stops keeping keys. */
export function takeTypeAhead(): string[] {
  formReady = true;
  const keys = buffer;
  buffer = [];
  return keys;
}

/** The form left the screen: keys typed before it comes back are kept again. */
export function releaseTypeAhead(): void {
  formReady = false;
  buffer = [];
}

/** Typed-ahead keys as the form reads them: the ID number (before the first Enter), whether Enter followed, and the rest. */
export function splitTypeAhead(keys: readonly string[]): { id: string; enter: boolean; rest: string } {
  const i = keys.indexOf('Enter');
  const before = i < 0 ? keys : keys.slice(0, i);
  const after = i < 0 ? [] : keys.slice(i + 1).filter((k) => k !== 'Enter');
  return { id: before.join('').replace(/\D/g, '').slice(0, 12), enter: i >= 0, rest: after.join('') };
}
