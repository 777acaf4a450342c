/** Target size of a document chunk: a few paragraphs, small enough to quote several in one prompt. */
const CHUNK_CHARS = 1000;

/**
 * Splits a document (plain text or Markdown) into chunks of about `CHUNK_CHARS` characters along paragraph
 * boundaries; a paragraph longer than that is cut at sentence ends, then at spaces. A heading stays with the
 * paragraph after it because paragraphs are packed together until the chunk is full.
 */
export function chunkDocument(text: string, size = CHUNK_CHARS): string[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => (p.length <= size ? [p] : splitLong(p, size)));
  const chunks: string[] = [];
  let current = '';
  for (const p of paragraphs) {
    if (current && current.length + p.length + 2 > size) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${p}` : p;
  }
  if (current) chunks.push(current);
  return chunks;
}

function splitLong(paragraph: string, size: number): string[] {
  const out: string[] = [];
  let rest = paragraph;
  while (rest.length > size) {
    const window = rest.slice(0, size);
    const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
    const space = window.lastIndexOf(' ');
    const cut = sentence > size / 2 ? sentence + 1 : space > size / 2 ? space : size;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}
