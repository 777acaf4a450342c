import type { KnowledgeHit, KnowledgeLanguage } from '@charla/contracts/knowledge';
import type { ChatMessage } from './chat';

/** What the model answers when it must hand over; anything containing it is a handover. */
export const HANDOVER_MARKER = '[[HANDOVER]]';

const LANGUAGE_NAMES: Record<KnowledgeLanguage, string> = { es: 'Spanish', en: 'English' };

/** The texts the assistant says itself (not from the matrix), per language. */
export const ASSISTANT_TEXTS: Record<KnowledgeLanguage, { handover: string; greeting: string; goodbye: string }> = {
  es: {
    handover: 'Te comunico con una persona de nuestro equipo. En breve te responderá.',
    greeting: '¡Hola! ¿En qué puedo ayudarte?',
    goodbye: '¡Con gusto! Si necesitas algo más, escríbenos.',
  },
  en: {
    handover: 'I’m passing you to a person on our team. They will reply shortly.',
    greeting: 'Hi! How can I help you?',
    goodbye: 'You’re welcome! Write to us if you need anything else.',
  },
};

/**
 * The chat for one turn: a system prompt that confines the model to the retrieved knowledge (and to the
 * handover marker when it is not enough), the recent conversation, and the contact's question last.
 */
export function buildChat(input: {
  workspaceName: string;
  instructions: string;
  language: KnowledgeLanguage;
  hits: KnowledgeHit[];
  history: { direction: 'in' | 'out'; text: string }[];
  question: string;
}): ChatMessage[] {
  const knowledge =
    input.hits.length === 0
      ? '(nothing in the knowledge base matches this question)'
      : input.hits
          .map((h, i) =>
            h.kind === 'qa'
              ? `[${i + 1}] Question: ${h.title}\nAnswer: ${h.text}`
              : `[${i + 1}] From the document "${h.title}":\n${h.text}`,
          )
          .join('\n\n');
  const system = [
    `You are the customer-service assistant of ${input.workspaceName}, writing to a customer in a chat.`,
    'Answer ONLY with information from the KNOWLEDGE below. Never invent prices, policies, dates, promises or',
    'anything else that is not written there, and do not use outside knowledge.',
    `Reply in the language of the customer's last message (it looks like ${LANGUAGE_NAMES[input.language]}),`,
    'briefly, in plain text without HTML or Markdown.',
    `If the KNOWLEDGE does not answer the question, or the customer asks for a human, reply with exactly ${HANDOVER_MARKER} and nothing else.`,
    'You may answer greetings politely and ask what they need.',
    ...(input.instructions ? ['', 'Additional instructions from the team:', input.instructions] : []),
    '',
    'KNOWLEDGE:',
    knowledge,
  ].join('\n');
  return [
    { role: 'system', content: system },
    ...input.history.map((m): ChatMessage => ({ role: m.direction === 'in' ? 'user' : 'assistant', content: m.text })),
    { role: 'user', content: input.question },
  ];
}

/** The model's reply: a handover (the marker anywhere in it) or the text to send. */
export function readReply(content: string): { handover: true } | { handover: false; text: string } {
  if (content.includes(HANDOVER_MARKER) || /^\W*HANDOVER\W*$/.test(content)) return { handover: true };
  return { handover: false, text: content };
}
