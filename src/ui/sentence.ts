// Joining texts into sentences without doubled periods: an AWS message, a reason or an error often
// ends with its own period ("Service not found."), and a template that adds one after it printed
// "publish to.. Not published". Pure (no vscode), for the pure modules and the VS Code adapters.

/** The text without the period it ends with (an ellipsis, "?" or "!" stays), trimmed. */
export function withoutFinalPeriod(text: string): string {
  const t = text.trim();
  return t.endsWith('.') && !t.endsWith('..') ? t.slice(0, -1) : t;
}
