import { describe, expect, it } from 'vitest';
import { trimQuotedReply } from './text';

describe('trimQuotedReply', () => {
  it('cuts Gmail’s “On … wrote:” and the quote below it, also when the line is wrapped', () => {
    expect(trimQuotedReply('Still nothing.\n\nOn Mon, 3 Feb 2025 at 17:02, Acme <a@b.test> wrote:\n> Sent.\n')).toEqual(
      {
        text: 'Still nothing.',
        trimmed: true,
      },
    );
    const wrapped =
      'Gracias\n\nOn Mon, 3 Feb 2025 at 17:02, Acme Support <\nsupport@our-domain.test> wrote:\n\n> Hola\n> Adiós';
    expect(trimQuotedReply(wrapped).text).toBe('Gracias');
  });

  it('cuts Spanish and Outlook quote headers', () => {
    expect(trimQuotedReply('Listo.\n\nEl lun, 3 feb 2025 a las 17:02, Acme (<a@b.test>) escribió:\n> Hola').text).toBe(
      'Listo.',
    );
    const outlook =
      'Ok.\n\nFrom: Acme Support <support@our-domain.test>\nSent: Monday, February 3, 2025 5:02 PM\nTo: Ana\nSubject: Re: x\n\nOld text';
    expect(trimQuotedReply(outlook).text).toBe('Ok.');
  });

  it('keeps what is not clearly a quote: inline answers, a “From:” line in prose, a message that is all quote', () => {
    const inline = '> Can you come Monday?\nYes, at 10.\n> And bring the invoice?\nSure.';
    expect(trimQuotedReply(inline)).toEqual({ text: inline, trimmed: false });
    const prose = 'From: the warehouse, nothing yet.\nPlease check.';
    expect(trimQuotedReply(prose).text).toBe(prose);
    expect(trimQuotedReply('> only a quote').text).toBe('> only a quote');
  });
});
