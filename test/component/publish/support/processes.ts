// Process inspection through /proc (Linux), to prove that cancelling leaves nothing behind.
import * as fs from 'node:fs';

/** Pids whose process group is `pgid`, from /proc (Linux). */
export function processesInGroup(pgid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // fields after the command name in parentheses: state ppid pgrp ...
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[2]) === pgid && rest[0] !== 'Z') found.push(Number(entry));
    } catch {
      // process ended while reading
    }
  }
  return found;
}

/** True while `pid` runs (a zombie waiting for a reaper counts as ended). */
export function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}
