// The webhook form on the API clients page: which field a refusal of a new subscription is about, so the page puts
// the server's text beside it. Pure, tested without a browser.
export type WebhookField = 'url' | 'events' | 'unitIds';

/** Which field a refusal of a new subscription is about (null: the form as a whole). */
export function refusedField(code: string, summary: unknown): WebhookField | null {
  if (code === 'webhook-url-not-https' || code === 'webhook-url-private' || code === 'webhook-url-unresolvable') return 'url';
  if (code === 'webhook-event-not-allowed') return 'events';
  if (code === 'webhook-unit-out-of-reach') return 'unitIds';
  if (code === 'validation-failed' && typeof summary === 'string') {
    const m = /^(url|events|unitIds)\b/.exec(summary);
    if (m) return m[1] as WebhookField;
  }
  return null;
}
