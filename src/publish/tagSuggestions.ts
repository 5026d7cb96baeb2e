// Tag suggestions for a publish: git commit, git tag, package.json version, a timestamp, `latest`.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { runProgram, type RunOptions, type RunResult } from './childProcess';
import { checkTag } from '../domain/names';

export interface TagSuggestion {
  readonly tag: string;
  /** Why it is suggested: `git commit`, `git tag`, `package.json version`, `timestamp`, `latest`. */
  readonly source: string;
}

type Runner = (program: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

/** `20261127-161530` in UTC. */
export function timestampTag(now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
}

/** Makes any string a valid tag (`v1.0/rc+1` → `v1.0-rc-1`), or undefined when nothing is left. */
export function sanitizeTag(raw: string): string | undefined {
  const cleaned = raw.trim().replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 128);
  return cleaned !== '' && checkTag(cleaned) === undefined ? cleaned : undefined;
}

async function git(cwd: string, args: string[], run: Runner): Promise<string | undefined> {
  try {
    const result = await run('git', args, { cwd, timeoutMs: 5000 });
    return result.code === 0 ? result.stdout.trim() || undefined : undefined;
  } catch {
    return undefined; // git not installed
  }
}

/** Suggestions in order of usefulness; duplicates removed. `folder` is where git and package.json are looked up. */
export async function suggestTags(folder: string, options: { now?: Date; runner?: Runner; includeLatest?: boolean } = {}): Promise<TagSuggestion[]> {
  const run = options.runner ?? runProgram;
  const found: TagSuggestion[] = [];
  const [commit, dirty, exactTag, version] = await Promise.all([
    git(folder, ['rev-parse', '--short=12', 'HEAD'], run),
    git(folder, ['status', '--porcelain', '--untracked-files=no'], run),
    git(folder, ['describe', '--tags', '--exact-match', 'HEAD'], run),
    readPackageVersion(folder),
  ]);
  if (exactTag) {
    const tag = sanitizeTag(exactTag);
    if (tag) found.push({ tag, source: 'git tag' });
  }
  if (version) {
    const tag = sanitizeTag(version);
    if (tag) found.push({ tag, source: 'package.json version' });
  }
  if (commit) {
    const tag = sanitizeTag(dirty ? `${commit}-dirty` : commit);
    if (tag) found.push({ tag, source: dirty ? 'git commit (uncommitted changes)' : 'git commit' });
  }
  found.push({ tag: timestampTag(options.now ?? new Date()), source: 'timestamp' });
  if (options.includeLatest !== false) found.push({ tag: 'latest', source: 'latest' });
  const seen = new Set<string>();
  return found.filter((s) => (seen.has(s.tag) ? false : (seen.add(s.tag), true)));
}

async function readPackageVersion(folder: string): Promise<string | undefined> {
  try {
    const json = JSON.parse(await fs.readFile(path.join(folder, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof json.version === 'string' ? json.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tag a release uses when none is given: the exact git tag, else the commit (unique per change),
 * else the timestamp. Never the package.json version, which an earlier release may already have taken.
 */
export function defaultReleaseTag(suggestions: readonly TagSuggestion[]): string | undefined {
  return (
    suggestions.find((s) => s.source === 'git tag' || s.source.startsWith('git commit')) ??
    suggestions.find((s) => s.source === 'timestamp') ??
    suggestions[0]
  )?.tag;
}
