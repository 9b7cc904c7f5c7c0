import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApiResponse } from './http';
import { tokenFor } from './test-app';

export interface Upload {
  fileName: string;
  bytes: Buffer;
  fields?: Record<string, string>;
  /** The part name of the file; `file` unless a test sends it under another. */
  fieldName?: string;
}

/**
 * POST /api/plans/:id/import as multipart/form-data, encoded by the platform's own FormData (as a browser or a
 * fetch client sends it), through Fastify's inject, as the test supervisor.
 */
export async function uploadImport(app: NestFastifyApplication, planId: string, upload: Upload): Promise<ApiResponse> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields ?? {})) form.append(name, value);
  form.append(upload.fieldName ?? 'file', new File([new Uint8Array(upload.bytes)], upload.fileName));
  const encoded = new Request('http://localhost/', { method: 'POST', body: form });
  const res = await app.inject({
    method: 'POST',
    url: `/api/plans/${planId}/import`,
    headers: { authorization: `Bearer ${tokenFor(app, 'supervisor')}`, 'content-type': encoded.headers.get('content-type')! },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
  const isJson = String(res.headers['content-type'] ?? '').includes('application/json');
  return { status: res.statusCode, body: isJson ? res.json() : res.body, headers: res.headers };
}
