/** Regenerates channels/channel.schema.json from the zod definition (npm run schema). */
import { writeFileSync } from 'node:fs';
import { channelJsonSchema } from './json-schema.js';

writeFileSync(new URL('../../channels/channel.schema.json', import.meta.url), JSON.stringify(channelJsonSchema(), null, 2) + '\n');
