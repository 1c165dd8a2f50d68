import { DynamicModule, Global, Module } from '@nestjs/common';

/** The server's clock. Tests replace it to move time (lockouts, test windows, deadlines) without waiting. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({})
export class ClockModule {
  static with(clock?: Clock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock ?? new SystemClock() }], exports: [Clock] };
  }
}
