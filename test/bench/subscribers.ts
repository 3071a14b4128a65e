// The benchmark's handle on a subscriber process (subscriber-clients.ts): opening sockets and timing
// rounds, as requests and answers over IPC.
import type { ChildProcess } from 'node:child_process';
import { sharedNow } from './bench-processes.js';
import type { ClientCommand, ClientReport } from './subscriber-clients.js';

// Generous: on a loaded machine 10 000 sockets take a few seconds per round; a minute means lost messages.
const ROUND_TIMEOUT_MS = 60_000;

/** Milliseconds of one round, from just before the message was sent. */
export interface Round {
  /** Until the last subscriber had it. */
  last: number;
  /** Until the first subscriber had it. */
  first: number;
  /** Until the sender was done (the toggle's HTTP response; the IPC send of the broadcast). */
  start: number;
  /** Size of the message as the subscribers received it. */
  bytes: number;
}

/** The subscriber process, as request and answer over IPC. */
export class Subscribers {
  readonly #reports: ClientReport[] = [];
  readonly #waiters = new Set<() => void>();
  #failure: Error | undefined;
  #counter = 0;

  constructor(private readonly child: ChildProcess) {
    child.on('message', (report: ClientReport) => {
      if (report.type === 'progress') console.log(`  ${report.open}/${report.count} sockets open`);
      else if (report.type === 'failed') this.#failure ??= new Error(`subscribers: ${report.reason}`);
      else this.#reports.push(report);
      for (const wake of this.#waiters) wake();
    });
  }

  async open(url: string, count: number, graphql?: Extract<ClientCommand, { type: 'open' }>['graphql']) {
    this.#send({ type: 'open', url, count, ...(graphql ? { graphql } : {}) });
    // Opening takes longer the more sockets; progress lines show it is moving.
    await this.#next('opened', undefined, count * 100);
  }

  /**
   * One round: `start` sends the message (a toggle, a broadcast) and resolves when it has; every socket
   * must receive it once.
   */
  async round(start: () => Promise<unknown>): Promise<Round> {
    const round = ++this.#counter;
    this.#send({ type: 'arm', round });
    await this.#next('armed', round);
    const started = sharedNow();
    const [startMs, received] = await Promise.all([
      start().then(() => sharedNow() - started),
      this.#next('received', round),
    ]);
    return {
      last: received.last - started,
      first: received.first - started,
      start: startMs,
      bytes: received.bytes,
    };
  }

  async close() {
    this.#send({ type: 'close' });
    await this.#next('closed');
  }

  #send(command: ClientCommand) {
    this.child.send(command);
  }

  /** The first report of this type (and round), taken from those already received or waited for. */
  #next<T extends ClientReport['type']>(
    type: T,
    round?: number,
    timeoutMs = ROUND_TIMEOUT_MS,
  ): Promise<Extract<ClientReport, { type: T }>> {
    type Wanted = Extract<ClientReport, { type: T }>;
    const match = (report: ClientReport): report is Wanted =>
      report.type === type && (round === undefined || ('round' in report && report.round === round));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => settle(new Error(`subscribers: no '${type}' report in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const settle = (error?: Error, report?: Wanted) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        if (error) reject(error);
        else resolve(report!);
      };
      const check = () => {
        if (this.#failure) return settle(this.#failure);
        const index = this.#reports.findIndex(match);
        if (index >= 0) settle(undefined, this.#reports.splice(index, 1)[0] as Wanted);
      };
      this.#waiters.add(check);
      check();
    });
  }
}
