import { CursorQuery, LimitQuery } from '@tracker/common';

/** A page of the failed-mail list: newest first, `limit` at a time. */
export class FailedDeliveriesQuery {
  @LimitQuery()
  limit?: number;
  @CursorQuery()
  cursor?: string;
}
