// JSON gives a Date as its ISO text; mappers say so in their types, so the DTO is what goes out.
export const iso = (d: Date | string): string => new Date(d).toISOString();
export const isoOrNull = (d: Date | string | null | undefined): string | null =>
  d ? iso(d) : null;
