// Types shared by the linter, its quick fixes, the CLI and the VS Code adapter. Pure.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** 0-based line and character (UTF-16 code units), like VS Code's Position. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}
/** A quick fix as plain text edits against the linted text. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** The preferred quick fix: `fixes[0]`. */
  fix?: Fix;
  /** Every quick fix, the preferred one first (a Fargate size can be fixed in more than one direction). */
  fixes?: Fix[];
}
export interface LintOptions {
  /** Per-rule severity overrides by id ('off' drops the rule's findings). */
  severities?: Record<string, SeveritySetting>;
}
