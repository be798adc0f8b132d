'use client';

import { useEffect, useState } from 'react';
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
      const response = await fetch(`/api/v1/images/${encodeURIComponent(image.id)}/history?host=${encodeURIComponent(image.host)}`).catch(() => null);
      const payload = (await response?.json().catch(() => null)) as { layers?: ImageLayer[]; error?: { message?: string } } | null;
      if (cancelled) return;
      if (response?.ok && payload?.layers) setLayers(payload.layers);
      else setError(payload?.error?.message ?? (response ? `HTTP ${response.status}` : 'The console did not answer'));
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
          <td>{layer.created.slice(0, 19).replace('T', ' ')}</td>
        </tr>
      )}
    </DataTable>
  );
}
