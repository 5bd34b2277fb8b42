import { DomainError } from '@tracker/common';

export type BulletinErrorCode = 'BULLETIN_NOT_FOUND' | 'CYCLE_NOT_FOUND';
export class BulletinError extends DomainError<BulletinErrorCode> {}
