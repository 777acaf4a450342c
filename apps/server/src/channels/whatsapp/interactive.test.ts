import { describe, expect, it } from 'vitest';
import { interactivePart, whatsappButtonsFit } from './interactive';

const buttons = (labels: string[]) => labels.map((text) => ({ text, data: text }));

describe('WhatsApp interactive options', () => {
  it('sends up to 3 short options as reply buttons', () => {
    expect(whatsappButtonsFit('¿Qué necesitas?', ['Ventas', 'Soporte', 'Facturación'])).toBe(true);
    expect(interactivePart('¿Qué necesitas?', buttons(['Ventas', 'Soporte']), 'Ver opciones')).toEqual({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: '¿Qué necesitas?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'Ventas', title: 'Ventas' } },
            { type: 'reply', reply: { id: 'Soporte', title: 'Soporte' } },
          ],
        },
      },
    });
  });

  it('sends more options, or titles of 21 to 24 characters, as a list opened by the menu label', () => {
    const long = 'Atención personalizada!'; // 23 characters: too long for a button, fine for a row
    expect(whatsappButtonsFit('?', ['a', long])).toBe(true);
    const part = interactivePart('?', buttons(['a', long]), 'Ver opciones');
    expect(part.interactive).toMatchObject({
      type: 'list',
      action: {
        button: 'Ver opciones',
        sections: [
          {
            rows: [
              { id: 'a', title: 'a' },
              { id: long, title: long },
            ],
          },
        ],
      },
    });
  });

  it('falls back to numbered text beyond 10 options, titles over 24 characters, duplicates or a long body', () => {
    expect(
      whatsappButtonsFit(
        '?',
        Array.from({ length: 11 }, (_, i) => `Opción ${i + 1}`),
      ),
    ).toBe(false);
    expect(whatsappButtonsFit('?', ['Una opción con un título larguísimo'])).toBe(false);
    expect(whatsappButtonsFit('?', ['Sí', 'Sí'])).toBe(false);
    expect(whatsappButtonsFit('x'.repeat(1025), ['Sí', 'No'])).toBe(false);
    expect(whatsappButtonsFit('  ', ['Sí', 'No'])).toBe(false);
  });
});
