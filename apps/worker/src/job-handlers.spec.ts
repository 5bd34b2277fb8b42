import { JOB_QUEUE, JobName } from '@tracker/queue';
import { assertEveryJobHandled, HandlingProcessor } from './job-handlers';

const done = async (): Promise<string> => 'done';

/** One fake processor per queue, handling exactly the names JOB_QUEUE sends it. */
function processorsFor(names: JobName[]): HandlingProcessor[] {
  const byQueue = new Map<string, Record<string, unknown>>();
  for (const name of names) {
    const q = JOB_QUEUE[name];
    byQueue.set(q, { ...(byQueue.get(q) ?? {}), [name]: done });
  }
  return [...byQueue].map(([queue, handlers]) => ({
    queue: queue as HandlingProcessor['queue'],
    handlers,
  }));
}

describe('assertEveryJobHandled', () => {
  const all = Object.keys(JOB_QUEUE) as JobName[];

  it('accepts one handler per job name, on the queue the job goes to', () => {
    const map = assertEveryJobHandled(processorsFor(all));
    expect(Object.keys(map).sort()).toEqual([...all].sort());
  });

  it('refuses to start when a job name has no handler, naming it', () => {
    expect(() => assertEveryJobHandled(processorsFor(all.filter((n) => n !== 'ack-step')))).toThrow(
      /ack-step \(queue ladder\) has no handler/,
    );
  });

  it('refuses a handler that sits on another queue than its jobs', () => {
    const processors = processorsFor(all);
    const mail = processors.find((p) => p.queue === 'mail') as {
      handlers: Record<string, unknown>;
    };
    mail.handlers.heartbeat = done;
    expect(() => assertEveryJobHandled(processors)).toThrow(
      /heartbeat is handled on mail, but its jobs go to maintenance/,
    );
  });
});
