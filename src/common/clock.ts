import { Injectable } from '@nestjs/common';
import { Env } from '../config/env';

/** The office works on Beijing time: "today" and "overdue" are days in Asia/Shanghai, not UTC. */
const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function shanghaiDay(instant: Date): string {
  return SHANGHAI.format(instant);
}

@Injectable()
export class Clock {
  constructor(private readonly env: Env) {}

  /** Today as YYYY-MM-DD in Asia/Shanghai (or CLOCK_TODAY when set). */
  today(): string {
    return this.env.CLOCK_TODAY ?? shanghaiDay(new Date());
  }
}
