import { HttpStatus } from '@nestjs/common';

// Adding a code without a status fails to compile: the map is a Record over the union.
export const ERROR_STATUS = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  TASK_NOT_FOUND: HttpStatus.NOT_FOUND,
  ASSIGNMENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  DOCUMENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  UNIT_NOT_FOUND: HttpStatus.NOT_FOUND,
  USER_NOT_FOUND: HttpStatus.NOT_FOUND,
  USERNAME_TAKEN: HttpStatus.CONFLICT,
  PASSWORD_TOO_WEAK: HttpStatus.BAD_REQUEST,
  ACCOUNT_UNIT_REQUIRED: HttpStatus.BAD_REQUEST,
  ACCOUNT_SELF_LOCKOUT: HttpStatus.CONFLICT,
  CONFLICT: HttpStatus.CONFLICT,
  ASSIGNMENT_STATE_CONFLICT: HttpStatus.CONFLICT,
  DOCUMENT_UNREADABLE: HttpStatus.UNPROCESSABLE_ENTITY,
  DOCUMENT_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  DEPENDENCY_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  // Reporting cycles, reports, escalations, extensions, bulletins (issue 5)
  CYCLE_NOT_FOUND: HttpStatus.NOT_FOUND,
  PERIOD_INVALID: HttpStatus.BAD_REQUEST,
  PROFILE_INVALID: HttpStatus.BAD_REQUEST,
  REPORT_NOT_FOUND: HttpStatus.NOT_FOUND,
  REPORT_STATE_CONFLICT: HttpStatus.CONFLICT,
  ESCALATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  ESCALATION_ALREADY_RESOLVED: HttpStatus.CONFLICT,
  EXTENSION_NOT_FOUND: HttpStatus.NOT_FOUND,
  EXTENSION_STATE_CONFLICT: HttpStatus.CONFLICT,
  EXTENSION_NOT_LATER: HttpStatus.UNPROCESSABLE_ENTITY,
  BULLETIN_NOT_FOUND: HttpStatus.NOT_FOUND,
  // Accounts (issue 4): seeding demo accounts is refused without a demo password (production)
  DEMO_ACCOUNTS_REFUSED: HttpStatus.FORBIDDEN,
  // Mail, inbox, calendar and acknowledge-from-email links (issue 6)
  ACTION_LINK_INVALID: HttpStatus.NOT_FOUND,
  ACTION_LINK_EXPIRED: HttpStatus.GONE,
  ACTION_LINK_USED: HttpStatus.CONFLICT,
  NOTICE_NOT_FOUND: HttpStatus.NOT_FOUND,
  CALENDAR_NOT_FOUND: HttpStatus.NOT_FOUND,
  NOTICE_PREFERENCE_LOCKED: HttpStatus.UNPROCESSABLE_ENTITY,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
} as const satisfies Record<string, HttpStatus>;

export type ErrorCode = keyof typeof ERROR_STATUS;
