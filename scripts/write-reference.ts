/** `npm run docs:reference`: regenerates the scenario reference and JSON Schema in docs/. */
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema, scenarioReferenceMarkdown } from '../src/scenario/reference.js';

writeFileSync('docs/scenario-reference.md', scenarioReferenceMarkdown());
writeFileSync('docs/scenario.schema.json', `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log('wrote docs/scenario-reference.md and docs/scenario.schema.json');
