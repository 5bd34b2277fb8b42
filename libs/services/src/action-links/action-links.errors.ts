import { DomainError } from '@tracker/common';

export type ActionLinkErrorCode =
  'ACTION_LINK_INVALID' | 'ACTION_LINK_EXPIRED' | 'ACTION_LINK_USED';

export class ActionLinkError extends DomainError<ActionLinkErrorCode> {}
