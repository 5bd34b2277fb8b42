import { HttpStatus } from '@nestjs/common';

/** What a code means to the client: its HTTP status and what a person reads (Chinese first). */
export interface ErrorSpec {
  readonly status: HttpStatus;
  readonly zh: string;
  readonly en: string;
}

/**
 * Every error code the API answers with. The compiler holds each entry to a status, a Chinese and
 * an English message (`satisfies`), and `DomainError` accepts only these codes, so a service
 * cannot throw a code the filter does not know.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: HttpStatus.BAD_REQUEST,
    zh: '提交的内容有误',
    en: 'Some fields are invalid',
  },
  UNAUTHENTICATED: { status: HttpStatus.UNAUTHORIZED, zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: {
    status: HttpStatus.UNAUTHORIZED,
    zh: '用户名或密码错误',
    en: 'Wrong username or password',
  },
  TOKEN_INVALID: {
    status: HttpStatus.UNAUTHORIZED,
    zh: '登录已失效，请重新登录',
    en: 'Your session has ended; please sign in again',
  },
  FORBIDDEN: { status: HttpStatus.FORBIDDEN, zh: '没有权限进行此操作', en: 'You may not do this' },
  NOT_FOUND: { status: HttpStatus.NOT_FOUND, zh: '未找到', en: 'Not found' },
  TASK_NOT_FOUND: { status: HttpStatus.NOT_FOUND, zh: '未找到该任务', en: 'Task not found' },
  ASSIGNMENT_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    zh: '未找到该任务分工',
    en: 'Assignment not found',
  },
  DOCUMENT_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    zh: '未找到该文件',
    en: 'Document not found',
  },
  UNIT_NOT_FOUND: { status: HttpStatus.NOT_FOUND, zh: '未找到该单位', en: 'Unit not found' },
  USER_NOT_FOUND: { status: HttpStatus.NOT_FOUND, zh: '未找到该账号', en: 'Account not found' },
  USERNAME_TAKEN: {
    status: HttpStatus.CONFLICT,
    zh: '用户名已被使用',
    en: 'That username is taken',
  },
  PASSWORD_TOO_WEAK: {
    status: HttpStatus.BAD_REQUEST,
    zh: '密码强度不足',
    en: 'The password is too weak',
  },
  ACCOUNT_UNIT_REQUIRED: {
    status: HttpStatus.BAD_REQUEST,
    zh: '责任单位账号必须指定所属单位',
    en: 'An agency account needs a unit',
  },
  CURRENT_PASSWORD_WRONG: {
    status: HttpStatus.BAD_REQUEST,
    zh: '当前密码不正确',
    en: 'The current password is wrong',
  },
  ACCOUNT_SELF_LOCKOUT: {
    status: HttpStatus.CONFLICT,
    zh: '不能停用或降级自己的管理员账号',
    en: 'You cannot lock yourself out of administration',
  },
  CONFLICT: {
    status: HttpStatus.CONFLICT,
    zh: '操作与当前状态冲突',
    en: 'This conflicts with the current state',
  },
  ASSIGNMENT_STATE_CONFLICT: {
    status: HttpStatus.CONFLICT,
    zh: '该任务分工的状态已变化，不能进行此操作',
    en: 'The assignment is no longer in a state that allows this',
  },
  DOCUMENT_UNREADABLE: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    zh: '无法读取该文件',
    en: 'The document cannot be read',
  },
  DOCUMENT_TOO_LARGE: {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    zh: '文件过大',
    en: 'The document is too large',
  },
  RATE_LIMITED: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    zh: '尝试次数过多，请稍后再试',
    en: 'Too many attempts; try again later',
  },
  DEPENDENCY_UNAVAILABLE: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    zh: '服务暂时不可用，请稍后再试',
    en: 'A service is unavailable; try again shortly',
  },
  CYCLE_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    zh: '未找到该报送周期',
    en: 'Reporting cycle not found',
  },
  PERIOD_INVALID: { status: HttpStatus.BAD_REQUEST, zh: '报送期次无效', en: 'Invalid period' },
  PROFILE_INVALID: {
    status: HttpStatus.BAD_REQUEST,
    zh: '督办规则设置无效',
    en: 'Invalid supervision profile',
  },
  REPORT_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    zh: '未找到该进展报告',
    en: 'Report not found',
  },
  REPORT_STATE_CONFLICT: {
    status: HttpStatus.CONFLICT,
    zh: '该报告的状态已变化，不能进行此操作',
    en: 'The report is no longer in a state that allows this',
  },
  ESCALATION_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    zh: '未找到该督办事项',
    en: 'Escalation not found',
  },
  ESCALATION_ALREADY_RESOLVED: {
    status: HttpStatus.CONFLICT,
    zh: '该督办事项已办结',
    en: 'The escalation is already resolved',
  },
  EXTENSION_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    zh: '未找到该延期申请',
    en: 'Extension request not found',
  },
  EXTENSION_STATE_CONFLICT: {
    status: HttpStatus.CONFLICT,
    zh: '该延期申请已处理',
    en: 'The extension request has already been decided',
  },
  EXTENSION_NOT_LATER: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    zh: '延期后的日期必须晚于原截止日期',
    en: 'The new date must be later than the current one',
  },
  BULLETIN_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    zh: '未找到该通报',
    en: 'Bulletin not found',
  },
  DEMO_ACCOUNTS_REFUSED: {
    status: HttpStatus.FORBIDDEN,
    zh: '生产环境不创建演示账号',
    en: 'Demo accounts are not created in production',
  },
  ACTION_LINK_INVALID: {
    status: HttpStatus.NOT_FOUND,
    zh: '链接无效',
    en: 'This link is not valid',
  },
  ACTION_LINK_EXPIRED: { status: HttpStatus.GONE, zh: '链接已过期', en: 'This link has expired' },
  ACTION_LINK_USED: {
    status: HttpStatus.CONFLICT,
    zh: '链接已使用过',
    en: 'This link has already been used',
  },
  NOTICE_NOT_FOUND: { status: HttpStatus.NOT_FOUND, zh: '未找到该通知', en: 'Notice not found' },
  CALENDAR_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    zh: '未找到该日历',
    en: 'Calendar not found',
  },
  NOTICE_PREFERENCE_LOCKED: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    zh: '督办、催办和提请领导小组的通知必须即时发送',
    en: 'Supervision, urging and leading-group notices are always sent at once',
  },
  DELIVERY_NOT_FOUND: { status: HttpStatus.NOT_FOUND, zh: '未找到该邮件', en: 'Mail not found' },
  DELIVERY_ALREADY_SENT: {
    status: HttpStatus.CONFLICT,
    zh: '该邮件已发送',
    en: 'This mail has already been sent',
  },
  PAYLOAD_TOO_LARGE: {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    zh: '提交的内容过大',
    en: 'The request body is too large',
  },
  BODY_MALFORMED: {
    status: HttpStatus.BAD_REQUEST,
    zh: '请求内容格式有误，无法读取',
    en: 'The request body is malformed',
  },
  BODY_TOO_COMPLEX: {
    status: HttpStatus.BAD_REQUEST,
    zh: '请求内容嵌套过深或条目过多',
    en: 'The request body is nested too deeply or has too many items',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    zh: '不支持的内容类型、字符集或压缩方式',
    en: 'Unsupported content type, charset or encoding',
  },
  SERVER_BUSY: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    zh: '系统繁忙，请稍后再试',
    en: 'The server is busy; try again shortly',
  },
  WORK_TIMED_OUT: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    zh: '处理超时：文件过大或结构过于复杂，请拆分后再试',
    en: 'Processing took too long: the file is too large or too complex; split it and try again',
  },
  REQUEST_TIMEOUT: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    zh: '请求处理超时，请稍后再试',
    en: 'The request took too long; try again shortly',
  },
  CONTRIBUTION_FROZEN: {
    status: HttpStatus.CONFLICT,
    zh: '牵头单位已报送，配合意见不能再修改',
    en: 'The lead unit has submitted the report; contributions can no longer change',
  },
  ROLE_SELF_GRANT: {
    status: HttpStatus.FORBIDDEN,
    zh: '不能给自己的账号授予任务角色',
    en: 'You cannot grant a task role to your own account',
  },
  DOCUMENT_ARCHIVED: {
    status: HttpStatus.CONFLICT,
    zh: '该文件已归档，不再开启报送周期',
    en: 'The document is archived; no more cycles open for it',
  },
  PERIOD_BEYOND_HORIZON: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    zh: '该期次超出文件的实施期限，请先延长实施期限',
    en: "The period is past the plan's last year; extend the plan first",
  },
  PLAN_HORIZON_INVALID: {
    status: HttpStatus.BAD_REQUEST,
    zh: '实施期限年份无效',
    en: 'Invalid last year for the plan',
  },
  TASK_STATE_CONFLICT: {
    status: HttpStatus.CONFLICT,
    zh: '该任务的状态已变化，不能进行此操作',
    en: 'The task is no longer in a state that allows this',
  },
  URGE_LIMITED: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    zh: '今天已催办过该单位的这项任务，请明天再催办',
    en: 'This unit was already urged on this task today; urge again tomorrow',
  },
  URGE_TARGET_INVALID: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    zh: '该单位不承担这项任务，或任务已办结，不能催办',
    en: 'The unit holds no open part of this task, so it cannot be urged',
  },
  EVIDENCE_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    zh: '未找到该佐证材料',
    en: 'Evidence file not found',
  },
  EVIDENCE_TYPE_REFUSED: {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    zh: '佐证材料只能是 PDF、图片（PNG、JPEG、GIF、WebP）、Word（.docx）或 Excel（.xlsx）文件',
    en: 'Evidence must be a PDF, an image (PNG, JPEG, GIF, WebP), a Word (.docx) or an Excel (.xlsx) file',
  },
  EVIDENCE_TOO_LARGE: {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    zh: '佐证材料文件过大',
    en: 'The evidence file is too large',
  },
  INVITATION_INVALID: {
    status: HttpStatus.NOT_FOUND,
    zh: '邀请链接无效，请联系领导小组办公室重新邀请',
    en: 'This invitation link is not valid; ask the office for a new invitation',
  },
  INVITATION_EXPIRED: {
    status: HttpStatus.GONE,
    zh: '邀请链接已过期，请联系领导小组办公室重新邀请',
    en: 'This invitation has expired; ask the office for a new one',
  },
  INVITATION_USED: {
    status: HttpStatus.CONFLICT,
    zh: '该邀请已使用过，请直接登录',
    en: 'This invitation has already been used; please sign in',
  },
  UNIT_NOT_IN_DOCUMENT: {
    status: HttpStatus.BAD_REQUEST,
    zh: '该单位不是本文件的责任单位',
    en: 'The unit holds no task of this document',
  },
  DOCUMENT_REVISION: {
    status: HttpStatus.CONFLICT,
    zh: '该文件已导入（文号、标题、发文机关相同），修订稿请在导入预览中确认为任务调整',
    en: 'This document is already imported (same number, title and issuer); confirm the revised text as amendments',
  },
  DOCUMENT_NOT_A_REVISION: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    zh: '该文本不是此文件的修订稿（文号、标题或发文机关不同）',
    en: 'The text is not a revision of this document (its number, title or issuer differs)',
  },
  AMENDMENT_NO_CHANGE: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    zh: '调整内容与现行版本相同，无需调整',
    en: 'The amendment changes nothing in the version in force',
  },
  AMENDMENT_INVALID: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    zh: '调整后的任务无效（须保留至少一个牵头单位，完成时限须为有效日期）',
    en: 'The amended task is not valid (it keeps at least one lead unit and a valid deadline)',
  },
  SUBTASK_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    zh: '未找到该子任务',
    en: 'Sub-task not found',
  },
  SUBTASK_LEAD_ONLY: {
    status: HttpStatus.FORBIDDEN,
    zh: '只有牵头单位可以分解、修改子任务并记录其进展',
    en: 'Only the lead unit creates, edits and records the progress of sub-tasks',
  },
  SUBTASK_TASK_CLOSED: {
    status: HttpStatus.CONFLICT,
    zh: '任务已办结，子任务不能再修改',
    en: 'The task is closed: its sub-tasks can no longer change',
  },
  BREAKDOWN_INVALID: {
    status: HttpStatus.BAD_REQUEST,
    zh: '分解表有误，请按提示修改后重新提交（未保存任何内容）',
    en: 'The breakdown table has errors; correct them and submit again (nothing was saved)',
  },
  INTERNAL: { status: HttpStatus.INTERNAL_SERVER_ERROR, zh: '系统内部错误', en: 'Internal error' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** The code a bare HTTP status stands for, when the exception carried none of ours. */
export const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'DEPENDENCY_UNAVAILABLE',
};
