import { createHash } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import {
  analyzePolicyDocument,
  DecodedPolicyText,
  decodePolicyBuffer,
  decodePolicyDocument,
  DocumentInputError,
  DocumentInputErrorCode,
  PolicyAnalysis,
} from '@tracker/documents';
import { renderWorkbook, WorkbookSpec } from '../common/xlsx-table';

// The CPU-heavy work the api must not do on its event loop: reading a document's bytes, extracting
// its tree, writing a workbook. These functions run in the pool's worker threads (OffloadPool) and,
// unchanged, inline where there is no request thread to protect (the command line). Inputs and
// results cross the thread boundary by structured clone: plain data only.

/** The extractor's refusal, as data: an Error subclass loses its class and code across threads. */
export interface InputRefusal {
  refused: { code: DocumentInputErrorCode; message: string };
}

export type Refusable<T> = { value: T } | InputRefusal;

async function refusable<T>(work: () => T | Promise<T>): Promise<Refusable<T>> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof DocumentInputError)
      return { refused: { code: error.code, message: error.message } };
    throw error;
  }
}

/** Normalised text hash: line-ending and trailing-space differences are the same document. */
export function contentHashOf(text: string): string {
  const normalised = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u3000]+$/gm, '')
    .trim();
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}

export interface DecodeTask {
  /** A file's bytes (text, Word or PDF), or UTF-8 text sent as text. */
  bytes: Uint8Array;
  fileName: string;
  kind: 'file' | 'text';
}

export function decode(task: DecodeTask): Promise<Refusable<DecodedPolicyText>> {
  const buf = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  return refusable(() =>
    task.kind === 'file'
      ? decodePolicyDocument(buf, task.fileName)
      : decodePolicyBuffer(buf, task.fileName),
  );
}

export interface AnalyseTask {
  text: string;
  fileName: string;
}

export function analyse(
  task: AnalyseTask,
): Promise<Refusable<{ analysis: PolicyAnalysis; contentHash: string }>> {
  return refusable(() => ({
    analysis: analyzePolicyDocument(task.text, { fileName: task.fileName }),
    contentHash: contentHashOf(task.text),
  }));
}

export async function workbook(spec: WorkbookSpec): Promise<Uint8Array> {
  return new Uint8Array(await renderWorkbook(spec));
}

/** The tasks by name (inline callers use these directly). */
export const OFFLOAD_TASKS = { decode, analyse, workbook };
export type OffloadTaskName = keyof typeof OFFLOAD_TASKS;

/** What the pool hands a thread: the task's input, and a port on which the thread says it began. */
export interface ThreadMessage<I> {
  input: I;
  begun: MessagePort;
}

function inThread<I, R>(task: (input: I) => R): (message: ThreadMessage<I>) => R {
  return ({ input, begun }) => {
    begun.postMessage('begun');
    begun.close();
    return task(input);
  };
}

/**
 * The tasks as a worker thread runs them (scripts/offload-worker.js exports these): each first
 * says it has begun, so the pool's deadline counts the work itself, not a thread's start-up or a
 * wait behind another task.
 */
export const THREAD_TASKS = {
  decode: inThread(decode),
  analyse: inThread(analyse),
  workbook: inThread(workbook),
} satisfies Record<OffloadTaskName, unknown>;
