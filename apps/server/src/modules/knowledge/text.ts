/**
 * Text normalisation shared by indexing and querying the knowledge matrix. Accents are folded here, in
 * application code, because PGlite has no `unaccent` extension: "envío", "ENVIO" and "envio" index and
 * search alike, in Spanish and English, with PostgreSQL's `simple` configuration on both backends.
 */

/** Lower case without accents: "¿Envíos a Perú?" → "¿envios a peru?" (ñ becomes n). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Words that carry no meaning for matching a question, in Spanish and English (already folded). */
const STOPWORDS = new Set(
  `a al algo algun alguna alguno como con cual cuales cuando cuanto cuanta cuantos cuantas de del desde donde el ella
  ellos en entre era es esa ese eso esta estan este esto estos fue ha hay la las le les lo los mas me mi mis muy
  ni no nos o os para pero por porque que se si sin sobre son su sus te tengo tiene tienen tu tus un una unas
  uno unos usted ustedes y ya yo hola buenas buenos dias tardes noches gracias favor quiero quisiera saber puedo
  pueden podria hacen hace tienes estoy
  about an and are as at be been but by can could do does for from had has have hello hi how i if in is it its me
  my of on or please so than that the their them then there these they this to us was we were what when where which
  who why will with would you your yours i'm im want know tell thanks`.split(/\s+/),
);

/** The meaningful words of a text, folded, in order, without repeats. */
export function contentWords(text: string): string[] {
  const words = fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length > 1 && !STOPWORDS.has(w)))];
}

/**
 * A word as a prefix to search for, so that light inflections meet: "horarios" and "horario" both search
 * `horari*`/`horar*` and find each other, "envio" finds "envios", "shipping" finds "shipped". Short words
 * are searched whole (still as a prefix).
 */
export function searchPrefix(word: string): string {
  const stem = englishStem(word);
  if (stem.length <= 4) return stem;
  return stem.slice(0, Math.max(4, Math.min(stem.length - 2, 7)));
}

/** "shipping"/"shipped" → "ship", "opening" → "open": English endings that a prefix alone would not reach. */
function englishStem(word: string): string {
  const m = /^(.{3,}?)(ing|ed)$/.exec(word);
  if (!m) return word;
  const base = m[1]!;
  return /([b-df-hj-np-tv-z])\1$/.test(base) ? base.slice(0, -1) : base;
}
