// Translations for the pure modules. VS Code adapter files translate with `vscode.l10n.t`; modules that
// never import `vscode` (linter rules, error presentation, deploy texts) use `@vscode/l10n`, which
// returns the English text with its placeholders filled until it is given a bundle. This hands it the
// bundle VS Code loaded for the display language, once, at activation (the CLI stays in English).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

export function configureTranslations(): void {
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
}
