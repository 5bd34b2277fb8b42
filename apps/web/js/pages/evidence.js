// 佐证材料: a report's evidence files, downloadable by whoever may read the report; the lead and
// supporting units attach files (the server checks the type by content and the size).
import * as api from '../api.js';
import { t, tf } from '../i18n.js';
import { badge, dateTime, empty, errorBox, errorText, h, section, table, toast } from '../ui.js';

const size = (n) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(n / 1024))} KB`;

export async function evidenceSection(reportId, { canAttach, ctx }) {
  const files = await api.get(`/api/reports/${reportId}/evidence`);
  const list = files.length
    ? table(
        [
          t('evidence.col.file'),
          t('evidence.col.unit'),
          t('evidence.col.size'),
          t('evidence.col.at'),
          '',
        ],
        files.map((f) =>
          h(
            'tr',
            {},
            h('td', {}, f.filename, h('div', { class: 'muted small' }, f.contentType)),
            h('td', {}, f.unit.name, ' ', badge('evidence', f.role)),
            h('td', {}, size(f.sizeBytes)),
            h('td', {}, dateTime(f.createdAt)),
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn small',
                  'aria-label': tf('evidence.downloadFor', { name: f.filename }),
                  onclick: async () => {
                    try {
                      const name = await api.download(`/api/evidence/${f.id}/download`, f.filename);
                      toast(`${t('docs.downloaded')} ${name}`);
                    } catch (err) {
                      toast(errorText(err), 'error');
                    }
                  },
                },
                t('evidence.download'),
              ),
            ),
          ),
        ),
      )
    : empty(t('evidence.none'));
  if (!canAttach) return section(t('evidence.title'), list);
  const input = h('input', {
    id: `evidence-${reportId}`,
    type: 'file',
    required: true,
    accept: '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx',
  });
  const status$ = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (e) => {
        e.preventDefault();
        status$.replaceChildren();
        const file = input.files && input.files[0];
        if (!file) return;
        try {
          await api.upload(
            `/api/reports/${reportId}/evidence${api.qs({ filename: file.name })}`,
            file,
          );
          toast(tf('evidence.attached', { name: file.name }));
          await ctx.refresh();
        } catch (err) {
          status$.append(errorBox(err));
        }
      },
    },
    h('label', { for: input.id }, t('evidence.choose')),
    input,
    h('button', { type: 'submit', class: 'btn' }, t('evidence.attach')),
  );
  return section(
    t('evidence.title'),
    list,
    h('p', { class: 'muted small' }, t('evidence.hint')),
    form,
    status$,
  );
}
