'use client';

import { RelativeTime } from '@/app/components/relative-time';
import { useEffect, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { DataTable } from '@/app/components/data-table';
import { formatBytes } from '@/lib/format/format-bytes';
import type { ImageLayer, ImageSummary } from '@/lib/images/image-summary';

/** The layers the image was built from, newest first: the command that made each, its size and date. */
export function ImageHistory({ image }: { image: ImageSummary }) {
  const [layers, setLayers] = useState<ImageLayer[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const answer = await api.get<{ host: string; layers: ImageLayer[] }>(apiPath`/api/v1/images/${image.id}/history`, { query: { host: image.host } }).catch(ApiError.from);
      if (cancelled) return;
      if (!(answer instanceof ApiError)) setLayers(answer.layers);
      else setError(answer.code === 'NO_ANSWER' ? 'The console did not answer' : answer.message);
    })();
    return () => {
      cancelled = true;
    };
  }, [image.id, image.host]);

  if (error)
    return (
      <div className="error-box" role="alert" data-testid="history-error">
        {error}
      </div>
    );
  if (!layers) return <p className="muted">Reading the history…</p>;
  return (
    <DataTable className="list history" testId="image-history" columns={['Created by', 'Size', 'Created']} rows={layers}>
      {(layer, index) => (
        <tr key={`${layer.id ?? 'missing'}-${index}`} data-testid="history-layer">
          <td className="created-by">
            {layer.createdBy || <span className="muted">(no command)</span>}
            {layer.comment && <div className="muted">{layer.comment}</div>}
          </td>
          <td>{formatBytes(layer.sizeBytes)}</td>
          <td>
            <RelativeTime iso={layer.created} />
          </td>
        </tr>
      )}
    </DataTable>
  );
}
