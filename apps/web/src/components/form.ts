import { BUSINESS_TIME_ZONE } from '../i18n/i18n';
/** Reads a text field from a submitted form, trimmed; undefined when empty (so optional fields are left out). */
export function optionalText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function requiredText(form: FormData, name: string): string {
  return optionalText(form, name) ?? '';
}

export function checkbox(form: FormData, name: string): boolean {
  return form.get(name) === 'on';
}

/** Today in Vietnam (YYYY-MM-DD), the day the server checks effective dates against. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
