import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunks';
import { contentWords, fold, searchPrefix } from './text';

describe('knowledge text', () => {
  it('packs paragraphs into chunks of about the target size and cuts long paragraphs at sentence ends', () => {
    const text = ['# Envíos', 'Enviamos a todo el país.', `${'Una frase larga. '.repeat(20)}`, 'Fin.'].join('\n\n');
    const chunks = chunkDocument(text, 120);
    expect(chunks[0]).toBe('# Envíos\n\nEnviamos a todo el país.');
    expect(chunks.every((c) => c.length <= 120)).toBe(true);
    expect(chunks.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    expect(chunkDocument('  \n\n ')).toEqual([]);
  });

  it('folds accents and case, drops small words and searches by prefix', () => {
    expect(fold('¿ENVÍOS a Perú? Ñandú')).toBe('¿envios a peru? nandu');
    expect(contentWords('¿Cuál es el horario de atención?')).toEqual(['horario', 'atencion']);
    expect(contentWords('What are your opening hours?')).toEqual(['opening', 'hours']);
    expect(['horarios', 'envio', 'shipping', 'shipped', 'opening'].map(searchPrefix)).toEqual([
      'horari',
      'envi',
      'ship',
      'ship',
      'open',
    ]);
  });
});
