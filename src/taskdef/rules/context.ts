// What every lint rule is and sees: the Rule object of the registry (rules/index.ts), the RuleContext a
// check reads the task definition from and reports to, and the small value helpers the checks share.
// A check reads the task definition as a plain value and reports a path and which part of it (key or
// value) is at fault; lint.ts turns paths into ranges. Pure.
import * as l10n from '@vscode/l10n';
import type { JsonPath, Part } from '../document';
import type { FixSpec } from '../fixes';
import type { Severity } from '../types';

export type { FixSpec };

/** One lint rule: its public id and default severity, its documentation, and its check. */
export interface Rule {
  /** Stable public id (settings, `--severity`, SARIF). */
  id: string;
  /** Default severity, the one users override by id. */
  severity: Severity;
  /** Every severity its findings can have when not overridden (the README's "default" column); [severity] when absent. */
  levels?: Severity[];
  /** One line: SARIF's short description, the CLI's rule list. */
  title: string;
  /** Markdown: what it checks (the README's rule table is generated from it). */
  docs: string;
  /** Markdown: what its quick fixes do, when it has any. */
  fix?: string;
  /** Reports the rule's findings. TD000 (syntax) and TD001 (schema) have none: lint.ts runs them first. */
  check?(ctx: RuleContext): void;
}

export interface RawFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: JsonPath;
  part: Part;
  /** Quick fixes, the preferred one first. */
  fixes?: FixSpec[];
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
export function has(o: Obj, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key) && o[key] !== undefined;
}
export function nonEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  return v !== undefined && v !== false && v !== '';
}
export function quoted(list: (string | number)[]): string {
  return list.map((x) => `"${x}"`).join(', ');
}

/**
 * A value a template engine (or a person) fills in later, anywhere in the value: `<IMAGE>`, `${IMAGE}`,
 * `$IMAGE`, `{{image}}`, `$$$X$$$`, `#{Image}`, `__IMAGE__`, `%IMAGE%`, `X_PLACEHOLDER`, `YOUR_ACCOUNT_ID`,
 * or a bare upper-case token such as `IMAGE`.
 */
export function isPlaceholder(value: string): boolean {
  return (
    /<[^<>]*>|\$\{[^}]*\}|#\{[^}]*\}|\{\{[\s\S]*?\}\}|\$\$\$|PLACEHOLDER|__[A-Za-z0-9_]+__|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|YOUR_[A-Z0-9_]*/.test(value) ||
    /^[A-Z][A-Z0-9_]*$/.test(value)
  );
}

const WINDOWS_IMAGE = /^(mcr\.microsoft\.com\/(windows|dotnet\/framework|powershell:.*(nanoserver|windowsservercore))|microsoft\/(iis|windowsservercore|nanoserver|dotnet-framework|mssql-server-windows))/i;
const WINDOWS_SHELL = /^(powershell(\.exe)?|pwsh(\.exe)?|cmd(\.exe)?|[A-Za-z]:\\)/i;

/** Without runtimePlatform (EC2), a Windows container shows in its image or its shell. */
function looksWindows(c: Container): boolean {
  const image = str(c.def.image);
  if (image && WINDOWS_IMAGE.test(image)) return true;
  const first = (v: unknown) => (Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);
  const shell = first(c.def.entryPoint) ?? first(c.def.command);
  return shell !== undefined && WINDOWS_SHELL.test(shell);
}

export interface Container {
  index: number;
  path: JsonPath;
  def: Obj;
  name: string | undefined;
}

export class RuleContext {
  readonly out: RawFinding[] = [];
  readonly containers: Container[];
  readonly fargate: boolean;
  readonly networkMode: string;
  readonly windows: boolean;

  constructor(
    readonly td: Obj,
    readonly base: JsonPath,
    /** The file wraps the task definition in `{"taskDefinition": …}` (describe output). */
    readonly wrapped = false,
  ) {
    this.containers = arr(td.containerDefinitions).flatMap((def, index) =>
      isObj(def) ? [{ index, path: [...base, 'containerDefinitions', index], def, name: str(def.name) }] : [],
    );
    this.fargate = arr(td.requiresCompatibilities).includes('FARGATE');
    this.networkMode = str(td.networkMode) ?? (this.fargate ? 'awsvpc' : 'bridge');
    const platform = isObj(td.runtimePlatform) ? str(td.runtimePlatform.operatingSystemFamily) : undefined;
    this.windows = platform !== undefined ? platform.startsWith('WINDOWS') : this.containers.some(looksWindows);
  }

  /** Records a finding; `fix` is one quick fix or several (the preferred one first). */
  report(ruleId: string, severity: Severity, message: string, path: JsonPath, part: Part = 'value', fix?: FixSpec | FixSpec[]): void {
    this.out.push({ ruleId, severity, message, path, part, fixes: fix === undefined ? undefined : Array.isArray(fix) ? fix : [fix] });
  }

  /** Path relative to the task definition → path in the file. */
  p(...segments: (string | number)[]): JsonPath {
    return [...this.base, ...segments];
  }

  /** Where to point for a container as a whole: its name, else its opening brace. */
  at(c: Container): [JsonPath, Part] {
    return c.name !== undefined ? [[...c.path, 'name'], 'value'] : [c.path, 'open'];
  }

  /** "Container "Web"" or "Container #2", to start a sentence. */
  label(c: Container): string {
    return c.name !== undefined ? l10n.t`Container "${c.name}"` : l10n.t`Container #${c.index + 1}`;
  }

  /** "container "Web"" or "container #2", inside a sentence: the name keeps the user's casing. */
  noun(c: Container): string {
    return c.name !== undefined ? l10n.t`container "${c.name}"` : l10n.t`container #${c.index + 1}`;
  }

  containerNamed(name: string): Container | undefined {
    return this.containers.find((c) => c.name === name);
  }
}

/** An omitted `essential` counts as true. */
export function essential(c: Container): boolean {
  return c.def.essential !== false;
}
