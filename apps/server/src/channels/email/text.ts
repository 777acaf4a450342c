/**
 * Lines that introduce the quoted history of a reply in the common mail clients (Gmail, Apple Mail,
 * Thunderbird, Outlook), in English and Spanish.
 */
const QUOTE_HEADERS = [
  /^On .+ wrote:\s*$/i,
  /^El .+ escribió:\s*$/i,
  /^-{2,}\s*(Original Message|Mensaje original)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(From|De):\s.+$/,
];

/**
 * Removes the quoted history below a reply when it is recognisable: a quote header ("On … wrote:")
 * followed by quoted lines or the end, or a trailing block of `>` lines. When nothing would remain, the
 * text is kept whole. Returns the text and whether something was trimmed.
 */
export function trimQuotedReply(text: string): { text: string; trimmed: boolean } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = quoteStart(lines);
  let end = cut;
  // A trailing run of quoted lines (and blank lines between them).
  while (end > 0 && (lines[end - 1]!.trimStart().startsWith('>') || lines[end - 1]!.trim() === '')) end--;
  const kept = lines.slice(0, end).join('\n').trim();
  if (!kept) return { text: text.trim(), trimmed: false };
  return { text: kept, trimmed: kept !== text.trim() };
}

const isHeader = (line: string) => QUOTE_HEADERS.some((re) => re.test(line));

/** The index of the line that introduces the quoted history, or the line count when there is none. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const next = lines[i + 1]?.trim() ?? '';
    // Gmail wraps a long "On …, Name <address> wrote:" over two lines of its text part.
    const header = isHeader(line) || (/^(On|El)\s/.test(line) && isHeader(`${line} ${next}`));
    if (!header) continue;
    const outlookBlock = /^(From|De):/.test(line);
    // A "From:" line only counts when the next line continues a forwarded/quoted header block.
    if (outlookBlock && !/^(Sent|Enviado|Date|Fecha|To|Para):/i.test(next)) continue;
    const rest = lines.slice(i + 1).filter((l) => l.trim() !== '');
    if (outlookBlock || /^[-_]/.test(line) || rest.length <= 1 || rest.some((l) => l.trimStart().startsWith('>')))
      return i;
  }
  return lines.length;
}
