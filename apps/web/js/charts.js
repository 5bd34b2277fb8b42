// Inline SVG charts drawn here (no chart library, no network): horizontal bars, a meter and a donut.
// Every chart carries its figures as text too (a title, a description and visible labels).

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat())
    if (c !== null && c !== undefined)
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const fmt = (v, percent) =>
  v === null || v === undefined ? '—' : percent ? `${Math.round(v * 100)}%` : String(v);

/**
 * Horizontal bars, one row per item: { label, value, note?, tone? }. With `percent`, values are 0..1;
 * otherwise bars scale to `max` (or the largest value). Labels and figures are HTML text (they keep
 * their size on any screen); each bar is a small SVG.
 */
export function barChart(items, { title, percent = false, max } = {}) {
  const scale = percent ? 1 : max || Math.max(1, ...items.map((i) => i.value || 0));
  const wrap = document.createElement('figure');
  wrap.className = 'chart bars';
  wrap.setAttribute('role', 'img');
  wrap.setAttribute(
    'aria-label',
    `${title || ''}: ${items.map((i) => `${i.label} ${fmt(i.value, percent)}${i.note ? ` (${i.note})` : ''}`).join('; ')}`,
  );
  for (const item of items) {
    const w = Math.max(0, Math.min(1, (item.value || 0) / scale)) * 100;
    const label = document.createElement('span');
    label.className = 'bar-label';
    label.title = item.label;
    label.textContent = item.label;
    const bar = s(
      'svg',
      {
        viewBox: '0 0 100 10',
        preserveAspectRatio: 'none',
        class: 'bar-svg',
        'aria-hidden': 'true',
      },
      s('rect', { x: 0, y: 0, width: 100, height: 10, class: 'track' }),
      percent
        ? [25, 50, 75].map((x) =>
            s('line', {
              x1: x,
              x2: x,
              y1: 0,
              y2: 10,
              class: 'grid',
              'vector-effect': 'non-scaling-stroke',
            }),
          )
        : null,
      s('rect', { x: 0, y: 0, width: w, height: 10, class: `bar tone-${item.tone || 'blue'}` }),
    );
    const value = document.createElement('span');
    value.className = 'bar-value';
    value.textContent = `${fmt(item.value, percent)}${item.note ? ` · ${item.note}` : ''}`;
    wrap.append(label, bar, value);
  }
  return wrap;
}

/** A small progress meter with its figure: value 0..1. */
export function meter(value, note) {
  const v = Math.max(0, Math.min(1, value || 0));
  const tone = v >= 0.999 ? 'green' : v >= 0.5 ? 'amber' : 'red';
  const wrap = document.createElement('span');
  wrap.className = 'meter';
  wrap.append(
    s(
      'svg',
      {
        viewBox: '0 0 100 10',
        class: 'meter-svg',
        'aria-hidden': 'true',
        preserveAspectRatio: 'none',
      },
      s('rect', { x: 0, y: 0, width: 100, height: 10, rx: 2, class: 'track' }),
      s('rect', { x: 0, y: 0, width: v * 100, height: 10, rx: 2, class: `bar tone-${tone}` }),
    ),
    document.createTextNode(` ${Math.round(v * 100)}%${note ? ` (${note})` : ''}`),
  );
  return wrap;
}

/** A donut of parts { label, value, tone } with a legend; the centre shows `centre`. */
export function donut(parts, { title, centre } = {}) {
  const total = parts.reduce((n, p) => n + p.value, 0) || 1;
  const r = 60;
  const c = 2 * Math.PI * r;
  const svg = s(
    'svg',
    { viewBox: '0 0 160 160', class: 'chart donut', role: 'img', 'aria-label': title || '' },
    s('title', {}, title || ''),
    s('desc', {}, parts.map((p) => `${p.label}: ${p.value}`).join('; ')),
    s('circle', { cx: 80, cy: 80, r, class: 'track', fill: 'none', 'stroke-width': 22 }),
  );
  let offset = 0;
  for (const p of parts) {
    if (!p.value) continue;
    const len = (p.value / total) * c;
    svg.append(
      s('circle', {
        cx: 80,
        cy: 80,
        r,
        fill: 'none',
        'stroke-width': 22,
        class: `arc tone-${p.tone}`,
        'stroke-dasharray': `${len} ${c - len}`,
        'stroke-dashoffset': -offset,
        transform: 'rotate(-90 80 80)',
      }),
    );
    offset += len;
  }
  if (centre)
    svg.append(s('text', { x: 80, y: 88, 'text-anchor': 'middle', class: 'centre' }, centre));
  const legend = document.createElement('ul');
  legend.className = 'legend-list';
  for (const p of parts) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = `swatch tone-${p.tone}`;
    sw.setAttribute('aria-hidden', 'true');
    li.append(sw, `${p.label} ${p.value}`);
    legend.append(li);
  }
  const wrap = document.createElement('div');
  wrap.className = 'donut-wrap';
  wrap.append(svg, legend);
  return wrap;
}
