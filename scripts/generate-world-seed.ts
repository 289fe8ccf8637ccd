import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { worldCountriesJsonl } from '../src/seed/world-countries.js';

/** Regenerates seeds/world-countries.jsonl from the world-countries package (run after upgrading it). */
const target = path.join(PROJECT_ROOT, 'seeds', 'world-countries.jsonl');
writeFileSync(target, worldCountriesJsonl());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
