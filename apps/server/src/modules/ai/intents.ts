import type { KnowledgeLanguage } from '@charla/contracts/knowledge';
import { fold } from '../knowledge/text';

/**
 * What a contact's message asks for, recognised without a model so that retrieval-only mode hands over,
 * greets and says goodbye too (and so that "quiero hablar con una persona" never costs a chat API call).
 * Every pattern runs on accent-folded lower case.
 */

const words = (text: string) => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/** "Quiero hablar con un asesor", "agente por favor", "can I talk to a human?", "real person". */
const HUMAN = [
  /\b(humano|humana|persona|asesor|asesora|agente|operador|operadora|representante|ejecutivo|ejecutiva)s?\b/,
  /\bhablar con (alguien|un[ao]?)\b/,
  /\b(human|person|agent|representative|operator|someone real|real person)s?\b/,
  /\b(talk|speak|chat) (to|with) (someone|somebody|a human|a person|an agent)\b/,
];

export function asksForHuman(text: string): boolean {
  const t = fold(text);
  return HUMAN.some((r) => r.test(t));
}

const GREETING = new Set([
  'hola',
  'buenas',
  'buenos',
  'dias',
  'tardes',
  'noches',
  'saludos',
  'que',
  'tal',
  'hi',
  'hello',
  'hey',
  'good',
  'morning',
  'afternoon',
  'evening',
  'there',
]);

/** A message that only greets ("Hola", "buenas tardes", "hi there"). */
export function isGreeting(text: string): boolean {
  const w = words(text);
  return w.length > 0 && w.length <= 4 && w.every((x) => GREETING.has(x)) && !text.includes('?');
}

const THANKS = new Set([
  'gracias',
  'muchas',
  'mil',
  'ok',
  'vale',
  'perfecto',
  'listo',
  'adios',
  'chao',
  'hasta',
  'luego',
  'pronto',
  'eso',
  'es',
  'todo',
  'thanks',
  'thank',
  'you',
  'thx',
  'great',
  'bye',
  'goodbye',
  'that',
  's',
  'all',
  'cheers',
]);
const THANKS_CORE = /\b(gracias|adios|chao|hasta luego|thanks|thank you|thx|bye|goodbye|cheers)\b/;

/** A message that only thanks or says goodbye ("¡Muchas gracias!", "ok thanks, bye"); not "gracias, ¿y el precio?". */
export function isThanks(text: string): boolean {
  const w = words(text);
  return (
    w.length > 0 &&
    w.length <= 6 &&
    w.every((x) => THANKS.has(x)) &&
    THANKS_CORE.test(fold(text)) &&
    !text.includes('?')
  );
}

const SPANISH = new Set(
  'el la los las de del que y en por para con una un es cual cuales como donde cuando cuanto hola gracias tienen hacen puedo quiero mi su no si esta estan hay'.split(
    ' ',
  ),
);
const ENGLISH = new Set(
  'the a an of and in on for with is are what which how where when much hello hi thanks do does can i my your you to it'.split(
    ' ',
  ),
);

/**
 * The language of a message, by its small words and Spanish-only marks (¿ ¡ ñ and accents); `fallback`
 * (the contact's or the workspace's language) when it is too short to tell.
 */
export function detectLanguage(text: string, fallback: KnowledgeLanguage): KnowledgeLanguage {
  let es = /[¿¡ñáéíóú]/i.test(text) ? 2 : 0;
  let en = 0;
  for (const w of words(text)) {
    if (SPANISH.has(w)) es++;
    if (ENGLISH.has(w)) en++;
  }
  if (es === en) return fallback;
  return es > en ? 'es' : 'en';
}
