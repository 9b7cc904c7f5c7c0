import { readFileSync } from 'node:fs';
import { generateOpenApiFiles, OPENAPI_FILES } from '../tools/openapi/openapi-files';
import { expectStatus, request } from './support/http';
import { createTestApp, type TestApp } from './support/test-app';

const STALE = 'is out of date with the controllers: run `npm run openapi` and commit the result';

describe('the committed OpenAPI contract', () => {
  let generated: Awaited<ReturnType<typeof generateOpenApiFiles>>;
  beforeAll(async () => {
    generated = await generateOpenApiFiles();
  });

  it.each(Object.entries(OPENAPI_FILES))('%s (%s) is what `npm run openapi` writes now', (key, path) => {
    const committed = readFileSync(path, 'utf8');
    // A plain comparison first, so that a drift fails with the instruction rather than a 5,000-line diff.
    if (committed !== generated[key as keyof typeof OPENAPI_FILES]) throw new Error(`${path} ${STALE}`);
    expect(committed).toBe(generated[key as keyof typeof OPENAPI_FILES]);
  });

  describe('against the running API', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('is the document the API serves at /api/docs-json', async () => {
      const res = await request(t.app, 'GET', '/api/docs-json');
      expectStatus(res, 200);
      expect(res.body).toEqual(JSON.parse(readFileSync(OPENAPI_FILES.document, 'utf8')));
    });
  });
});
