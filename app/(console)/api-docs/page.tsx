import { DataTable } from '@/app/components/data-table';
import { requirePageUser } from '@/lib/auth/guard';
import { apiRoutes } from '@/lib/openapi/api-routes';
import { openApiDocument } from '@/lib/openapi/openapi-document';

export const dynamic = 'force-dynamic';

interface Operation {
  summary?: string;
  description?: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
}

/** The OpenAPI document, browsable: every route, who may call it, and its body schema. */
export default async function ApiDocsPage() {
  await requirePageUser('viewer', '/api-docs');
  const paths = openApiDocument().paths as Record<string, Record<string, Operation>>;
  const rows = Object.entries(paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ path, method, operation })));
  return (
    <>
      <h1>REST API</h1>
      <p className="muted">
        {apiRoutes.length} operations under /api/v1. The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1,
        generated from the zod schemas the routes validate with).
      </p>
      <DataTable testId="api-operations" columns={['Method', 'Path', 'What', 'Body']} rows={rows}>
        {({ path, method, operation }) => (
          <tr key={`${method} ${path}`}>
            <td>{method.toUpperCase()}</td>
            <td>
              <code>/api/v1{path}</code>
            </td>
            <td>
              {operation.summary}
              <div className="muted">{operation.description}</div>
            </td>
            <td>
              {operation.requestBody && (
                <details>
                  <summary>JSON schema</summary>
                  <pre style={{ fontSize: '0.75rem', maxWidth: 420, overflow: 'auto' }}>
                    {JSON.stringify(operation.requestBody.content['application/json']?.schema, null, 2)}
                  </pre>
                </details>
              )}
            </td>
          </tr>
        )}
      </DataTable>
    </>
  );
}
