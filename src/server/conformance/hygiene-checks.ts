// Runs last: looks through every answer the other checks got.
import { fail, pass, type Check } from './check';

export const hygieneChecks: readonly Check[] = [
  {
    id: 'tokens.never-echoed',
    title: 'No answer carries a token it was sent: not in a body, a header or a Location',
    cites: 'README "Security" (the token never appears in a URL or a log); SECURITY.md "What is worth protecting"',
    async run({ probe }) {
      // The signature alone identifies a token too; a body may carry it split or re-encoded around it.
      const needles = [...new Set(probe.tokens.flatMap((token) => [token, token.split('.')[2] ?? ''].filter((part) => part.length >= 16)))];
      for (const answer of probe.answers) {
        const headers = [...answer.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
        let decoded = '';
        try {
          decoded = decodeURIComponent(`${headers}\n${answer.body}`);
        } catch {
          decoded = '';
        }
        const where = [headers, answer.body, decoded].some((text) => needles.some((needle) => text.includes(needle)));
        if (where) return fail(`The answer to ${new URL(answer.url).pathname} (${answer.status}) carries a token it was sent. Never echo the token.`);
      }
      return pass(`${probe.answers.length} answers, ${probe.tokens.length} tokens: none echoed`);
    },
  },
];
