// Compiled by `npm run typecheck`, never run: proves that a missing handler does not compile.
import { JobHandlers, QueueHandlers } from './job-handlers';

declare const cycles: QueueHandlers<'cycles'>;
declare const ladder: QueueHandlers<'ladder'>;
declare const mail: QueueHandlers<'mail'>;
declare const digests: QueueHandlers<'digests'>;
declare const maintenance: QueueHandlers<'maintenance'>;

export const complete: JobHandlers = { ...maintenance, ...cycles, ...ladder, ...mail, ...digests };

// @ts-expect-error the heartbeat (maintenance queue) has no handler
export const withoutHeartbeat: JobHandlers = { ...cycles, ...ladder, ...mail, ...digests };

// @ts-expect-error the ladder queue carries 'ack-step' too
export const ladderWithoutAck: QueueHandlers<'ladder'> = { 'ladder-step': async () => 'done' };

export const ladderWithWrongName: QueueHandlers<'ladder'> = {
  'ladder-step': async () => 'done',
  'ack-step': async () => 'done',
  // @ts-expect-error 'mail-deliver' goes to the mail queue, not to the ladder queue
  'mail-deliver': async () => 'done',
};
