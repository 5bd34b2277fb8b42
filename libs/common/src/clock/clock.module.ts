import { readFileSync } from 'node:fs';
import { Global, Module } from '@nestjs/common';
import { Clock, CLOCK, SystemClock } from '@tracker/domain';
import { appConfig, AppConfig } from '../config/configuration';
import { BusinessFileClock } from './business-clock';

/**
 * Test only: business time read from a file the test writes (an ISO instant), so a worker spawned
 * as a child process follows the test's TestClock. Never used unless NODE_ENV=test.
 */
export class FileClock implements Clock {
  constructor(private readonly file: string) {}

  now(): Date {
    const text = readFileSync(this.file, 'utf8').trim();
    const at = new Date(text);
    if (Number.isNaN(at.getTime()))
      throw new Error(`Clock file ${this.file} holds no instant: ${text}`);
    return at;
  }
}

/** Provides the Clock. Tests override CLOCK with a TestClock (in process) or set TRACKER_CLOCK_FILE (child processes). */
@Global()
@Module({
  providers: [
    {
      provide: CLOCK,
      inject: [appConfig.KEY],
      useFactory: (app: AppConfig): Clock => {
        if (app.env === 'test' && app.clockFile) return new FileClock(app.clockFile);
        // Development's movable business clock; configuration refuses it in production.
        if (app.businessClock.mode === 'file')
          return new BusinessFileClock(app.businessClock.file, app.businessClock.start);
        return new SystemClock();
      },
    },
  ],
  exports: [CLOCK],
})
export class ClockModule {}
