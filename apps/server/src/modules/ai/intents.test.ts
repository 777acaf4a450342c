import { describe, expect, it } from 'vitest';
import { asksForHuman, detectLanguage, isGreeting, isThanks } from './intents';
import { readReply } from './prompt';

describe('what a contact’s message asks for', () => {
  it('recognises requests for a person in Spanish and English, not look-alike words', () => {
    for (const t of [
      'Quiero hablar con un asesor',
      'AGENTE por favor',
      '¿Me pasas con una persona?',
      'Humano!',
      'can I talk to a human?',
      'I need a real person',
    ])
      expect(asksForHuman(t), t).toBe(true);
    for (const t of ['¿Cuál es su horario?', 'Mis datos personales', 'What are your opening hours?'])
      expect(asksForHuman(t), t).toBe(false);
  });

  it('tells greetings and thanks from questions', () => {
    expect(['Hola', 'buenas tardes', 'Hi there', 'hello!'].every(isGreeting)).toBe(true);
    expect(isGreeting('Hola, ¿cuánto cuesta el envío?')).toBe(false);
    expect(['¡Muchas gracias!', 'ok thanks, bye', 'Gracias, eso es todo', 'Adiós'].every(isThanks)).toBe(true);
    expect(isThanks('gracias, ¿y el precio?')).toBe(false);
    expect(isThanks('ok')).toBe(false);
  });

  it('detects the language of a message, falling back when it cannot tell', () => {
    expect(detectLanguage('¿Cuál es el horario?', 'en')).toBe('es');
    expect(detectLanguage('What are your opening hours?', 'es')).toBe('en');
    expect(detectLanguage('Ok', 'en')).toBe('en');
    expect(detectLanguage('Ok', 'es')).toBe('es');
  });

  it('reads the model’s handover marker anywhere in its reply', () => {
    expect(readReply('[[HANDOVER]]')).toEqual({ handover: true });
    expect(readReply('Lo siento. [[HANDOVER]]')).toEqual({ handover: true });
    expect(readReply('Abrimos a las 9.')).toEqual({ handover: false, text: 'Abrimos a las 9.' });
  });
});
