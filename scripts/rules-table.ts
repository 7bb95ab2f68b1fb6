// Prints the Markdown table of rules for README.md (`npx tsx scripts/rules-table.ts`).
import { allRules } from '../server/src/core/rules/registry';

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
console.log('| code | default | family | what it means | example |');
console.log('|---|---|---|---|---|');
for (const r of allRules())
  console.log(`| \`${r.code}\` | ${r.severity} | ${r.family} | ${esc(r.description)} | <code>${esc(r.example.replace(/</g, '&lt;'))}</code> |`);
