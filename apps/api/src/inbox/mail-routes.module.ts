import { Module } from '@nestjs/common';
import { ServicesModule } from '@tracker/services';
import { ActionLinksController } from '../action-links/action-links.controller';
import { CalendarController } from '../calendar/calendar.controller';
import { DeliveriesController } from '../deliveries/deliveries.controller';
import { InboxController } from './inbox.controller';

/** The mail routes: the inbox and preferences, calendar feeds, acknowledge-from-email, failed deliveries. */
@Module({
  imports: [ServicesModule],
  controllers: [InboxController, CalendarController, ActionLinksController, DeliveriesController],
})
export class MailRoutesModule {}
