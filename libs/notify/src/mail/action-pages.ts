import { escapeHtml } from './mail-message';

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;

/**
 * The page an acknowledge link opens: a button that POSTs, so mail scanners that prefetch links
 * do not spend the link or acknowledge anything.
 */
export function renderAcknowledgeConfirmPage(
  action: string,
  assignmentId: string,
  token: string,
): string {
  return page(
    '签收任务 Acknowledge',
    `<h1>签收配合任务</h1><p>点击下方按钮确认签收。Click the button to acknowledge the task.</p>` +
      `<form method="post" action="${escapeHtml(action)}">` +
      `<input type="hidden" name="assignment" value="${escapeHtml(assignmentId)}">` +
      `<input type="hidden" name="token" value="${escapeHtml(token)}">` +
      `<button type="submit">确认签收 Acknowledge</button></form>`,
  );
}

export function renderAcknowledgeResultPage(ok: boolean, zh: string, en: string): string {
  return page(
    ok ? '已签收 Acknowledged' : '无法签收 Not acknowledged',
    `<h1>${escapeHtml(zh)}</h1><p>${escapeHtml(en)}</p>`,
  );
}
