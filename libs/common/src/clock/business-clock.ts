import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import * as path from 'node:path';
import { Clock } from '@tracker/domain';

interface Anchor {
  /** Business time at the anchor. */
  at: string;
  /** Wall time when it was set: business time runs on from `at` at the wall clock's pace. */
  setAt: string;
}

/**
 * Development only (BUSINESS_CLOCK=file, refused in production): business time kept in a small
 * JSON file that the api and the worker both read, so they agree. It runs at the wall clock's pace
 * from the instant last set, and the office moves it through POST /api/dev/clock.
 */
export class BusinessFileClock implements Clock {
  private cached?: { mtimeMs: number; atMs: number; setAtMs: number };

  constructor(
    readonly file: string,
    start: Date | null,
    private readonly wall: () => number = () => Date.now(),
  ) {
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      const now = this.wall();
      const anchor: Anchor = {
        at: new Date(start ? start.getTime() : now).toISOString(),
        setAt: new Date(now).toISOString(),
      };
      try {
        // Exclusive create: the api and the worker start together; the first one writes the start.
        const fd = openSync(file, 'wx');
        writeSync(fd, JSON.stringify(anchor));
        closeSync(fd);
      } catch (error: unknown) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  now(): Date {
    const a = this.read();
    return new Date(a.atMs + (this.wall() - a.setAtMs));
  }

  /** Moves business time to `at`; it runs on from there. */
  set(at: Date): Date {
    const anchor: Anchor = { at: at.toISOString(), setAt: new Date(this.wall()).toISOString() };
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(anchor));
    renameSync(tmp, this.file);
    this.cached = undefined;
    return this.now();
  }

  private read(): { atMs: number; setAtMs: number } {
    const mtimeMs = statSync(this.file).mtimeMs;
    if (this.cached && this.cached.mtimeMs === mtimeMs) return this.cached;
    const anchor = JSON.parse(readFileSync(this.file, 'utf8')) as Anchor;
    const atMs = Date.parse(anchor.at);
    const setAtMs = Date.parse(anchor.setAt);
    if (Number.isNaN(atMs) || Number.isNaN(setAtMs))
      throw new Error(`Business clock file ${this.file} holds no instant`);
    this.cached = { mtimeMs, atMs, setAtMs };
    return this.cached;
  }
}
