/**
 * C0 control characters and DEL, except tab, line feed and carriage return. NUL cannot be stored
 * in PostgreSQL text at all, and the others have no place in a name, a comment or a report.
 */
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Also refuses tab and line breaks: for one-line values (names, usernames, tokens). */
export const LINE_CONTROL_CHARS = /[\u0000-\u001F\u007F]/;

export const CONTROL_CHARS_MESSAGE = 'must not contain control characters';

/**
 * The dotted path of every string under `value` holding a control character (at most `max`),
 * e.g. `targetValues.0.note`. The value has already passed the body's depth and width limits.
 */
export function findControlChars(
  value: unknown,
  prefix = '',
  max = 20,
  out: string[] = [],
): string[] {
  if (out.length >= max) return out;
  if (typeof value === 'string') {
    if (CONTROL_CHARS.test(value)) out.push(prefix || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findControlChars(v, prefix ? `${prefix}.${i}` : String(i), max, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const name = prefix ? `${prefix}.${k}` : k;
      // A key is text the client chose too.
      if (CONTROL_CHARS.test(k)) out.push(name);
      else findControlChars(v, name, max, out);
    }
  }
  return out;
}
