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
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const header = QUOTE_HEADERS.some((re) => re.test(line));
    // A "From:" line only counts when the next lines look like a forwarded/quoted header block.
    if (
      header &&
      (!/^(From|De):/.test(line) || /^(Sent|Enviado|Date|Fecha|To|Para):/i.test(lines[i + 1]?.trim() ?? ''))
    ) {
      const rest = lines.slice(i + 1).filter((l) => l.trim() !== '');
      if (rest.length === 0 || rest.some((l) => l.trimStart().startsWith('>')) || /^(From|De|-|_)/.test(line)) {
        cut = i;
        break;
      }
    }
  }
  let end = cut;
  // A trailing run of quoted lines (and blank lines between them).
  while (end > 0 && (lines[end - 1]!.trimStart().startsWith('>') || lines[end - 1]!.trim() === '')) end--;
  const kept = lines.slice(0, end).join('\n').trim();
  if (!kept) return { text: text.trim(), trimmed: false };
  return { text: kept, trimmed: end < lines.length && kept !== text.trim() };
}
