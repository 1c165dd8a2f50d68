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

export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
