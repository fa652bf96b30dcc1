/**
 * Work the service does on its own now and then (recording time events, signing audit
 * checkpoints): each run is logged when it did something and when it failed, never thrown,
 * and its timer never keeps the process alive and stops when the app closes.
 */
import type { FastifyInstance } from 'fastify';

export type PeriodicTask = {
  /** What the log calls it when a run fails. */
  name: string;
  /** One run; returns what it did for the log, or null when there was nothing to do. */
  run: () => Record<string, unknown> | null;
  /** Milliseconds between runs; 0 disables the timer. */
  everyMs: number;
  /** Runs once at start too, before the first interval. */
  atStart: boolean;
  /** The log message of a run that did something. */
  done: string;
};

export function runPeriodically(app: FastifyInstance, task: PeriodicTask): void {
  const once = () => {
    try {
      const result = task.run();
      if (result) app.log.info(result, task.done);
    } catch (error) {
      app.log.error({ err: error }, `${task.name} failed`);
    }
  };
  if (task.atStart) once();
  if (task.everyMs > 0) {
    const timer = setInterval(once, task.everyMs).unref();
    app.addHook('onClose', () => clearInterval(timer));
  }
}
