import { isClauseContent } from '../clauses/clause.parser';
import { findBracketSpans, trimText } from '../text/text.util';
import type { OutlineKind } from '../document.types';

/** Longest heading kept whole; longer first sentences are items without a title phrase. */
export const HEADING_MAX = 40;

const TRAILING_PUNCTUATION = /[\s\u3000。，、；：,.;:！!？?]+$/;
const SENTENCE_END = /[。！？!?；;：:]/;
const TIME_LIMIT_PAREN = /\d{4}年.*(前|内|底)|完成|之日起|长期坚持|持续推进|年内/;

/** Removes responsibility clauses and time-limit notes in parentheses from a heading line. */
function withoutNotes(line: string): string {
  let out = line;
  const spans = findBracketSpans(line, ['（', '(']);
  for (const span of [...spans].reverse()) {
    const atEnd = /^[\s\u3000。.；;]*$/.test(line.slice(span.end));
    if (isClauseContent(span.inner, atEnd) || TIME_LIMIT_PAREN.test(span.inner)) {
      out = out.slice(0, span.start) + out.slice(span.end);
    }
  }
  return out;
}

/**
 * The item's title phrase: the text after its label up to the first sentence end (。！？；：),
 * without trailing punctuation. When that runs past HEADING_MAX characters the item has no
 * title phrase: its first clause (up to ，) is used if short enough, else the first
 * HEADING_MAX characters followed by `…`. A box's heading is the rest of its `专栏N` line.
 */
export function headingOf(kind: OutlineKind, rest: string): string {
  const line = trimText(withoutNotes(rest));
  if (kind === 'box') return line.replace(TRAILING_PUNCTUATION, '');
  const end = line.search(SENTENCE_END);
  const sentence = (end < 0 ? line : line.slice(0, end)).replace(TRAILING_PUNCTUATION, '');
  if (sentence.length <= HEADING_MAX) return sentence;
  const comma = sentence.search(/[，,]/);
  if (comma > 0 && comma <= HEADING_MAX) return sentence.slice(0, comma);
  return `${sentence.slice(0, HEADING_MAX)}…`;
}
