/** How deep and how wide a JSON body may be; checked on the raw bytes before JSON.parse. */
export interface JsonShapeLimits {
  /** Nesting of objects and arrays: `{"a":[1]}` is 2 deep. */
  maxDepth: number;
  /** Elements of one array, or members of one object. */
  maxItems: number;
}

export interface JsonShapeProblem {
  reason: 'depth' | 'items';
  /** Byte offset where the limit was passed. */
  at: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * One linear pass over UTF-8 JSON bytes counting nesting and commas per container, so a body that
 * is too deep or too wide is refused before any parsing, validation or transformation recurses
 * through it. It does not check that the JSON is well formed (JSON.parse does that afterwards);
 * a malformed body can only be counted wrong in ways that JSON.parse then refuses anyway.
 */
export function checkJsonShape(buf: Uint8Array, limits: JsonShapeLimits): JsonShapeProblem | null {
  // Commas seen in each open container: n commas means n + 1 elements.
  const commas: number[] = [];
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      commas.push(0);
      if (commas.length > limits.maxDepth) return { reason: 'depth', at: i };
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      commas.pop();
    } else if (c === COMMA && commas.length && ++commas[commas.length - 1] >= limits.maxItems) {
      return { reason: 'items', at: i };
    }
  }
  return null;
}
