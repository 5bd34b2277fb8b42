// Mail, digests, the inbox, calendar feeds and acknowledge-from-email links.
// Kept in one list so services.module.ts needs a single line for them.
import { MailTransport } from '@tracker/notify';
import { ActionLinksService } from './action-links/action-links.service';
import { CalendarService } from './calendar/calendar.service';
import { DigestsService } from './digests/digests.service';
import { InboxService } from './inbox/inbox.service';
import { MailDeliveryService } from './mail/mail-delivery.service';
import { MailOutboxService } from './mail/mail-outbox.service';

export const MAIL_SERVICES = [
  MailTransport,
  MailOutboxService,
  MailDeliveryService,
  ActionLinksService,
  DigestsService,
  InboxService,
  CalendarService,
];

export {
  ActionLinksService,
  CalendarService,
  DigestsService,
  InboxService,
  MailDeliveryService,
  MailOutboxService,
};
export * from './action-links/action-links.errors';
export { CalendarError } from './calendar/calendar.service';
export type { CalendarLink } from './calendar/calendar.service';
export { InboxError } from './inbox/inbox.service';
export type {
  InboxFilter,
  InboxItem,
  InboxPage,
  NoticePreferenceView,
} from './inbox/inbox.service';
export type {
  AttemptInfo,
  DeliveryOutcome,
  FailedDeliveryView,
  RetriedDelivery,
} from './mail/mail-delivery.service';
export { DeliveryError, deliveryMessageId } from './mail/mail-delivery.service';
export type { DigestCadence, DigestRunResult } from './digests/digests.service';
export * from './mail/mail-policy';
