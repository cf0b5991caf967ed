import { Injectable } from '@angular/core';
import { shanghaiMonth, shanghaiToday } from '@crm/domain';

/**
 * The web app's clock: the API's (GET /api/auth/me answers its time), so "today", this month and
 * this year on every screen are the server's — the same as its figures and checks, also on a
 * staging instance run at a set clock. Until the API has answered, the browser's time.
 */
@Injectable({ providedIn: 'root' })
export class AppClock {
  /** API time − browser time, in ms. */
  private offset = 0;

  /** Takes the API's time from an answer received at `receivedAt` (browser ms). */
  sync(serverTime: string | undefined, receivedAt = Date.now()): void {
    const server = serverTime ? Date.parse(serverTime) : NaN;
    if (!Number.isNaN(server)) this.offset = server - receivedAt;
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  /** YYYY-MM-DD in Asia/Shanghai. */
  today(): string {
    return shanghaiToday(this.now());
  }

  /** YYYY-MM in Asia/Shanghai. */
  month(): string {
    return shanghaiMonth(this.now());
  }

  year(): number {
    return Number(this.today().slice(0, 4));
  }
}
