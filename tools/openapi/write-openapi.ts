import { writeFileSync } from 'node:fs';
import { generateOpenApiFiles, OPENAPI_FILES } from './openapi-files';

/** `npm run openapi`: rewrites the committed OpenAPI document and the web client's types from the controllers. */
async function main(): Promise<void> {
  const files = await generateOpenApiFiles();
  for (const key of Object.keys(OPENAPI_FILES) as Array<keyof typeof OPENAPI_FILES>) {
    writeFileSync(OPENAPI_FILES[key], files[key]);
    console.log(`wrote ${OPENAPI_FILES[key]}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
