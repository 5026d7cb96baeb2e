// Converts the HTML documentation of the AWS API model (a small, regular subset of HTML: p, code, a,
// i, b, ul/ol/li, dl/dt/dd, note, important) to Markdown for hover text. Pure.

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e);
}

/** Inline formatting of one block's content. */
function inline(html: string): string {
  let s = html;
  const spans: string[] = [];
  // <code> <i>repository-url</i>/<i>image</i> </code>: code spans cannot hold emphasis; keep the text.
  s = s.replace(/<code>([\s\S]*?)<\/code>/g, (_m, inner: string) => {
    const text = decodeEntities(inner.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
    if (!text) return '';
    spans.push(text.includes('`') ? '`` ' + text + ' ``' : '`' + text + '`');
    return `\uE000${spans.length - 1}\uE001`;
  });
  s = s.replace(/<a\s+href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_m, href: string, text: string) => `[${text.replace(/<[^>]+>/g, '').trim()}](${href})`);
  s = s.replace(/<(i|em)>([\s\S]*?)<\/\1>/g, (_m, _t, text: string) => (text.trim() ? `*${text.trim()}*` : ''));
  s = s.replace(/<(b|strong)>([\s\S]*?)<\/\1>/g, (_m, _t, text: string) => (text.trim() ? `**${text.trim()}**` : ''));
  s = s.replace(/<br\s*\/?>/g, '  \n');
  s = s.replace(/<[^>]+>/g, '');
  // Entities last; code spans (already decoded, may contain "<region>") are put back after that.
  s = decodeEntities(s).replace(/\uE000(\d+)\uE001/g, (_m, i: string) => spans[Number(i)]);
  return s.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
}

/** Converts one documentation string from the model to Markdown. */
export function htmlToMarkdown(html: string | undefined): string {
  if (!html) return '';
  let s = html.replace(/<zonbook>[\s\S]*?<\/zonbook>|<xhtml>[\s\S]*?<\/xhtml>/g, '');
  s = s
    .replace(/<note>/g, '\n\n@@NOTE@@\n\n').replace(/<\/note>/g, '\n\n@@ENDQUOTE@@\n\n')
    .replace(/<important>/g, '\n\n@@IMPORTANT@@\n\n').replace(/<\/important>/g, '\n\n@@ENDQUOTE@@\n\n')
    .replace(/<li>/g, '\n\n@@ITEM@@').replace(/<dt>/g, '\n\n@@TERM@@').replace(/<dd>/g, '\n\n@@DEF@@')
    .replace(/<\/(ul|ol|dl)>/g, '\n\n@@ENDLIST@@\n\n')
    .replace(/<\/?(p|ul|ol|dl|li|dt|dd)>/g, '\n\n');
  const blocks: string[] = [];
  let quote = '';
  let label = '';
  let inItem = false;
  let pending = '';
  for (const raw of s.split(/\n\s*\n/)) {
    let piece = raw.trim();
    if (!piece) continue;
    if (piece === '@@NOTE@@' || piece === '@@IMPORTANT@@') {
      quote = '> ';
      label = piece === '@@NOTE@@' ? '**Note:** ' : '**Important:** ';
      continue;
    }
    if (piece === '@@ENDQUOTE@@') {
      quote = '';
      label = '';
      continue;
    }
    if (piece === '@@ENDLIST@@') {
      inItem = false;
      continue;
    }
    let bullet = '';
    let bold = false;
    if (/^@@(ITEM|TERM|DEF)@@$/.test(piece)) {
      pending = piece;
      continue;
    }
    if (pending) {
      piece = pending + piece;
      pending = '';
    }
    const m = /^@@(ITEM|TERM|DEF)@@/.exec(piece);
    if (m) {
      piece = piece.slice(m[0].length).trim();
      inItem = true;
      if (m[1] === 'DEF') bullet = '  ';
      else bullet = '- ';
      bold = m[1] === 'TERM';
    } else if (inItem) {
      bullet = '  ';
    }
    const text = inline(piece).replace(/\n/g, ' ');
    if (!text) continue;
    blocks.push(quote + bullet + label + (bold ? '**' + text + '**' : text));
    label = '';
  }
  return blocks.join('\n\n').trim();
}
