// Office: import a policy document. Paste the text or upload a file (text, Word or PDF: the server
// reads Word and PDF), preview the extracted tree, the assignments and the warnings, map unit names the registry does not know to registered units
// (the text stays as issued, so importing the same file again is recognised), confirm.
import * as api from '../api.js';
import { t, tf, cadenceText } from '../i18n.js';
import {
  badge,
  empty,
  errorBox,
  errorText,
  field,
  h,
  mount,
  section,
  table,
  toast,
} from '../ui.js';
import { unitAccountsCard } from './unit-accounts.js';

/** A file's text: UTF-8 when it decodes cleanly, otherwise GB18030 (what Chinese offices save). */
async function readText(file) {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** A file's bytes in base64 (what the API takes as contentBase64). */
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

const extensionOf = (name) => {
  const m = /\.[^.]+$/.exec(name.toLowerCase());
  return m ? m[0] : '';
};
const megabytes = (n) => (n / 1024 / 1024).toFixed(1);

export async function importPage(main, _params, ctx) {
  const [units, vocabulary] = await Promise.all([
    api.get('/api/units').catch(() => []),
    api.get('/api/web/vocabulary'),
  ]);
  // What the server reads, from the server: the file types and the size limit.
  const upload = vocabulary.documentUpload;
  const unitNames = [...new Set(units.filter((u) => !u.successorId).map((u) => u.name))].sort(
    (a, b) => a.localeCompare(b, 'zh'),
  );
  const text = h('textarea', {
    id: 'doc-text',
    name: 'text',
    rows: 14,
    spellcheck: 'false',
    placeholder: t('import.placeholder'),
  });
  const fileName = h('input', {
    id: 'doc-file-name',
    name: 'fileName',
    value: 'document.txt',
    maxlength: 255,
    required: true,
  });
  const fileStatus = h('div', { 'aria-live': 'polite' });
  // A Word or PDF file goes to the server as it is (contentBase64); text files are read here.
  let binary = null;
  const textField = field(t('import.text'), text);
  const useText = () => {
    binary = null;
    textField.style.display = '';
    text.required = true;
    fileStatus.replaceChildren();
  };
  const file = h('input', {
    id: 'doc-file',
    type: 'file',
    accept: upload.extensions.join(','),
    onchange: async () => {
      const f = file.files && file.files[0];
      if (!f) return;
      const ext = extensionOf(f.name);
      const refuse = (message) => {
        file.value = '';
        useText();
        fileStatus.replaceChildren(errorBox({ message }));
      };
      if (!upload.extensions.includes(ext)) {
        refuse(tf('import.wrongType', { name: f.name, types: upload.extensions.join('、') }));
        return;
      }
      if (f.size > upload.maxBytes) {
        refuse(
          tf('import.tooLarge', {
            name: f.name,
            size: megabytes(f.size),
            max: megabytes(upload.maxBytes),
          }),
        );
        return;
      }
      if (f.size === 0) {
        refuse(tf('import.emptyFile', { name: f.name }));
        return;
      }
      fileName.value = f.name;
      if (ext === '.txt') {
        useText();
        text.value = await readText(f);
      } else {
        binary = await readBase64(f);
        text.value = '';
        text.required = false;
        textField.style.display = 'none';
        fileStatus.replaceChildren(
          h(
            'p',
            { class: 'alert info' },
            tf('import.binaryLoaded', { name: f.name, kb: Math.ceil(f.size / 1024) }),
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'btn small',
                onclick: () => {
                  file.value = '';
                  useText();
                },
              },
              t('import.pasteInstead'),
            ),
          ),
        );
      }
      toast(tf('import.loaded', { name: f.name }));
    },
  });
  text.required = true;
  const out = h('div', { 'aria-live': 'polite' });
  // Name in the text → registered unit it stands for; sent with preview and import, never written into the text.
  const unitMap = {};
  const body = () => ({
    fileName: fileName.value.trim() || 'document.txt',
    ...(binary ? { contentBase64: binary } : { text: text.value }),
    ...(Object.keys(unitMap).length ? { unitMap } : {}),
  });
  const datalist = h(
    'datalist',
    { id: 'unit-names' },
    unitNames.map((n) => h('option', { value: n })),
  );

  const preview = async () => {
    out.replaceChildren(h('p', { class: 'loading' }, t('common.loading')));
    try {
      const p = await api.post('/api/documents/preview', body());
      out.replaceChildren(renderPreview(p));
      out.querySelector('h2')?.focus();
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  };

  const confirmImport = async (btn) => {
    btn.disabled = true;
    try {
      const r = await api.post('/api/documents', body());
      out.replaceChildren(
        h(
          'div',
          { class: 'card' },
          h('h2', { tabindex: '-1' }, r.created ? t('import.done') : t('import.already')),
          h('p', {}, tf('import.result', { tasks: r.tasks, assignments: r.assignments })),
          h(
            'p',
            {},
            h(
              'a',
              { href: `/office/documents/${r.documentId}`, class: 'btn primary' },
              t('import.openDocument'),
            ),
            ' ',
            h('a', { href: '/office/documents', class: 'btn' }, t('nav.documents')),
          ),
        ),
        // Units of the new document without an account can get one (or an invitation) right here.
        unitAccountsCard(r.documentId),
      );
      out.querySelector('h2').focus();
      toast(r.created ? t('import.done') : t('import.already'));
    } catch (err) {
      out.prepend(errorBox(err));
      btn.disabled = false;
    }
  };

  function renderPreview(p) {
    const doc = p.document;
    const byName = new Map();
    for (const a of p.assignments) {
      const x = byName.get(a.name) || {
        name: a.name,
        mappedTo: a.mappedTo,
        units: a.units,
        registered: a.registered,
        lead: 0,
        support: 0,
      };
      x[a.role] += 1;
      byName.set(a.name, x);
    }
    const names = [...byName.values()].sort(
      (a, b) =>
        Number(a.registered) - Number(b.registered) || b.lead + b.support - a.lead - a.support,
    );
    const fixes = new Map();
    const fixRows = names.map((n, i) => {
      const input = n.registered
        ? null
        : h('input', {
            id: `fix-${i}`,
            list: 'unit-names',
            placeholder: t('import.fixPlaceholder'),
            'aria-label': tf('import.fixFor', { name: n.name }),
          });
      if (input) fixes.set(n.name, input);
      return h(
        'tr',
        { class: n.registered ? '' : 'rag-row-amber' },
        h('td', {}, n.name),
        h(
          'td',
          {},
          n.registered ? n.units.map((u) => u.name).join('、') : badge('unit', 'new'),
          n.mappedTo ? h('div', { class: 'muted small' }, `→ ${n.mappedTo}`) : null,
        ),
        h('td', {}, `${n.lead} / ${n.support}`),
        h('td', {}, input || '—'),
      );
    });
    const applyFixes = () => {
      let changed = 0;
      for (const [from, input] of fixes) {
        const to = input.value.trim();
        if (!to || to === from) continue;
        unitMap[from] = to;
        changed += 1;
      }
      if (!changed) {
        toast(t('import.noFixes'), 'error');
        return;
      }
      toast(tf('import.fixed', { n: changed }));
      preview();
    };
    const tree = (items) =>
      h(
        'ul',
        { class: 'tree' },
        items.map((item) =>
          h(
            'li',
            { class: item.isTask ? 'is-task' : item.excluded ? 'excluded' : '' },
            h(
              'div',
              { class: 'node' },
              h('span', { class: 'num' }, item.path.join('')),
              ' ',
              h('span', { class: 'node-heading' }, item.heading),
              item.isTask
                ? h(
                    'span',
                    { class: 'node-meta' },
                    item.leadUnits.length
                      ? h(
                          'span',
                          { class: 'chip' },
                          `${t('task.leadShort')}：${item.leadUnits.join('、')}`,
                        )
                      : h('span', { class: 'chip colour-orange' }, t('import.noUnits')),
                    item.supportingUnits.length
                      ? h(
                          'span',
                          { class: 'chip' },
                          `${t('task.supportShort')}：${item.supportingUnits.join('、')}`,
                        )
                      : null,
                    item.deadline || item.deadlineText
                      ? h(
                          'span',
                          { class: 'chip' },
                          `${t('task.deadline')}：${item.deadlineText || item.deadline}`,
                        )
                      : null,
                    item.targets.map((x) =>
                      h('span', { class: 'chip colour-blue' }, `${x.value}${x.unit}`),
                    ),
                  )
                : item.excluded
                  ? h('span', { class: 'muted small' }, ` ${t('import.excluded')}`)
                  : null,
            ),
            item.children && item.children.length ? tree(item.children) : null,
          ),
        ),
      );
    const taskCount = doc.tasks.length;
    return h(
      'div',
      {},
      p.alreadyImported
        ? h(
            'p',
            { class: 'alert info' },
            tf('import.alreadyImported', { title: p.alreadyImported.title || '' }),
          )
        : null,
      section(
        t('import.extracted'),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, t('docs.col.title')),
          h('dd', {}, doc.title || '—'),
          h('dt', {}, t('import.issuer')),
          h('dd', {}, doc.issuer || '—'),
          h('dt', {}, t('import.docNumber')),
          h('dd', {}, doc.docNumber || '—'),
          h('dt', {}, t('docs.col.issued')),
          h('dd', {}, doc.issuedOn || '—'),
          h('dt', {}, t('import.cadence')),
          h('dd', {}, cadenceText(doc.supervision.cadence)),
          h('dt', {}, t('docs.col.tasks')),
          h('dd', {}, tf('import.counts', { tasks: taskCount, assignments: p.assignments.length })),
        ),
      ),
      section(
        tf('import.warnings', { n: p.warnings.length }),
        p.warnings.length
          ? h(
              'ul',
              { class: 'warnings' },
              p.warnings.map((w) =>
                h(
                  'li',
                  {},
                  h('span', { class: 'chip colour-yellow' }, t(`warn.${w.code}`, w.code)),
                  ' ',
                  w.path ? h('span', { class: 'num' }, w.path.join('')) : null,
                  ' ',
                  w.message,
                ),
              ),
            )
          : empty(t('import.noWarnings')),
      ),
      section(
        t('import.units'),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  t('import.nameInText'),
                  t('import.resolvesTo'),
                  t('import.leadSupport'),
                  t('import.fixTo'),
                ].map((x) => h('th', { scope: 'col' }, x)),
              ),
            ),
            h('tbody', {}, fixRows),
          ),
        ),
        fixes.size
          ? h(
              'div',
              { class: 'actions' },
              h(
                'button',
                { type: 'button', class: 'btn', onclick: applyFixes },
                t('import.applyFixes'),
              ),
            )
          : null,
      ),
      p.revisionOf ? revisionCard(p.revisionOf, body) : null,
      section(t('import.tree'), tree(p.outline)),
      p.revisionOf
        ? null
        : h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'btn primary',
                onclick: (e) => confirmImport(e.currentTarget),
              },
              p.alreadyImported ? t('import.confirmAgain') : t('import.confirm'),
            ),
          ),
    );
  }

  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('import.title')),
      h('p', { class: 'muted' }, t('import.lead')),
    ),
    h(
      'form',
      {
        class: 'card',
        onsubmit: (e) => {
          e.preventDefault();
          if (e.target.reportValidity()) preview();
        },
      },
      h(
        'div',
        { class: 'two' },
        field(t('import.file'), file, tf('import.fileHint', { max: megabytes(upload.maxBytes) })),
        field(t('import.fileName'), fileName),
      ),
      fileStatus,
      textField,
      datalist,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'btn primary' }, t('import.preview')),
      ),
    ),
    out,
  );
}

/**
 * A revised text of a document already imported: the differences per task, confirmed with one
 * reason as amendments (POST /api/documents/:id/revisions), never imported as a second document.
 */
function revisionCard(rev, body) {
  const rows = rev.differences.flatMap((d) =>
    (d.changes.length ? d.changes : [null]).map((c) =>
      h(
        'tr',
        { class: `revision-${d.kind}` },
        h('td', {}, t(`revision.kind.${d.kind}`)),
        h('td', {}, `${d.path.join('')} ${d.heading}`),
        h('td', {}, c ? t(`amend.field.${c.field}`, c.field) : '—'),
        h('td', {}, c ? (c.before ?? '—') : '—'),
        h('td', {}, c ? (c.after ?? '—') : '—'),
      ),
    ),
  );
  const reason = h('textarea', {
    name: 'revisionReason',
    rows: 2,
    required: true,
    maxlength: 2000,
  });
  const form = h(
    'form',
    { class: 'revision-form' },
    field(t('revision.reason'), reason),
    h('button', { type: 'submit', class: 'btn primary' }, t('revision.confirm')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    try {
      const r = await api.post(`/api/documents/${rev.documentId}/revisions`, {
        ...body(),
        reason: reason.value.trim(),
      });
      toast(tf('revision.done', r));
      location.assign(`/office/documents/${r.documentId}`);
    } catch (err) {
      toast(errorText(err), 'error');
    }
  });
  return section(
    t('revision.title'),
    h('p', { class: 'alert info' }, t('revision.hint'), rev.title ? ` 《${rev.title}》` : ''),
    table(
      [
        t('revision.col.kind'),
        t('revision.col.task'),
        t('revision.col.field'),
        t('revision.col.before'),
        t('revision.col.after'),
      ],
      rows,
    ),
    form,
  );
}
