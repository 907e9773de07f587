import os from 'node:os';
import { rounded } from './statistics';

/** A whole-number option of at least 1, or an error naming it. */
export function wholeNumber(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${option} must be a whole number of at least 1`);
  return value;
}

/** The machine a run was made on, for its report: figures compare only with runs on the same one. */
export function machineFacts(loadAverageAtStart: number[]) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim(),
    memoryGb: rounded(os.totalmem() / 1024 ** 3),
    node: process.version,
    loadAverageAtStart,
  };
}

/** A progress line on standard error, with the seconds since `started` (from `performance.now()`). */
export function progressFrom(started: number): (message: string) => void {
  return (message) => console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${message}`);
}
