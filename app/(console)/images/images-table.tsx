'use client';

import { RelativeTime } from '@/app/components/relative-time';
import { useRouter } from 'next/navigation';
import { Fragment, useMemo, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { ErrorBox } from '@/app/components/error-box';
import { TableHead } from '@/app/components/table-head';
import { formatBytes } from '@/lib/format/format-bytes';
import type { ImageSummary } from '@/lib/images/image-summary';
import type { RemovedImage } from '@/lib/images/remove-image';
import { ImageHistory } from './image-history';
import { TagForm } from './tag-form';

async function removeImageApi(image: ImageSummary, force: boolean): Promise<string | null> {
  const failure = await api.delete<{ removed: RemovedImage }>(apiPath`/api/v1/images/${image.id}`, { query: { host: image.host, force } }).then(() => null, ApiError.from);
  return failure?.message ?? null;
}

/** Images per host with their size and the containers using them; history for all, tag and remove for writers, force for admins. */
export function ImagesTable({ images, canWrite, canForce }: { images: ImageSummary[]; canWrite: boolean; canForce: boolean }) {
  const router = useRouter();
  const [search, setSearch] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // One row's panel at a time: its history, or its tag form.
  const [open, setOpen] = useState<{ key: string; panel: 'history' | 'tag' } | null>(null);

  function toggle(key: string, panel: 'history' | 'tag') {
    setOpen((current) => (current?.key === key && current.panel === panel ? null : { key, panel }));
  }

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return images.filter((image) => needle === '' || [image.shortId, image.host, ...image.tags, ...image.containers.map((user) => user.name)].some((field) => field.toLowerCase().includes(needle)));
  }, [images, search]);

  async function remove(image: ImageSummary, force: boolean) {
    const label = image.tags[0] ?? image.shortId;
    const question = force ? `Force-remove ${label} from ${image.host}? Its containers keep running on an untagged image.` : `Remove ${label} from ${image.host}?`;
    if (!window.confirm(question)) return;
    setBusy(`${image.host}/${image.id}`);
    setError(null);
    const problem = await removeImageApi(image, force);
    setBusy(null);
    if (problem) setError(problem);
    else router.refresh();
  }

  return (
    <>
      <div className="filters">
        <input type="search" placeholder="Search tag, id, host, container" aria-label="Search images" value={search} onChange={(event) => setSearch(event.target.value)} />
        <span className="muted">
          {shown.length} of {images.length} images
        </span>
      </div>
      <ErrorBox message={error} testId="image-error" />
      <table data-testid="images-table">
        <TableHead columns={['Tags', 'Id', 'Host', 'Size', 'Created', 'Used by', 'Actions']} />
        <tbody>
          {shown.map((image) => {
            const key = `${image.host}/${image.id}`;
            return (
              <Fragment key={key}>
                <tr data-testid="image-row">
                  <td>{image.tags.length > 0 ? image.tags.join(', ') : <span className="muted">&lt;none&gt;</span>}</td>
                  <td>
                    <code>{image.shortId}</code>
                  </td>
                  <td>{image.host}</td>
                  <td>{formatBytes(image.sizeBytes)}</td>
                  <td>
                    <RelativeTime iso={image.created} />
                  </td>
                  <td>{image.containers.length === 0 ? <span className="muted">none</span> : image.containers.map((user) => `${user.name} (${user.state})`).join(', ')}</td>
                  <td>
                    <button type="button" className="small" aria-expanded={open?.key === key && open.panel === 'history'} onClick={() => toggle(key, 'history')}>
                      History
                    </button>{' '}
                    {canWrite && (
                      <>
                        <button type="button" className="small" aria-expanded={open?.key === key && open.panel === 'tag'} onClick={() => toggle(key, 'tag')}>
                          Tag
                        </button>{' '}
                        <button type="button" className="small" disabled={busy === key} onClick={() => remove(image, false)}>
                          Remove
                        </button>{' '}
                        {canForce && image.containers.length > 0 && (
                          <button type="button" className="small" disabled={busy === key} onClick={() => remove(image, true)}>
                            Force remove
                          </button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
                {open?.key === key && (
                  <tr className="image-panel" data-testid={`image-${open.panel}-panel`}>
                    <td colSpan={7}>{open.panel === 'history' ? <ImageHistory image={image} /> : <TagForm image={image} />}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
