import { Global, Module } from '@nestjs/common';
import { CLOCK, SystemClock } from '@tracker/domain';

/** Provides the Clock. Tests override CLOCK with a TestClock. */
@Global()
@Module({
  providers: [{ provide: CLOCK, useClass: SystemClock }],
  exports: [CLOCK],
})
export class ClockModule {}
