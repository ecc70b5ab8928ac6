import type { ComponentProps, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadAttach } from '../attach/load';

type Chunk = Awaited<ReturnType<typeof loadAttach>>;
type Part = 'AttachmentView' | 'UploadNotice';

/** A component of the attachments chunk: renders nothing until the chunk has loaded (once per page). */
export function Lazy<K extends Part>(props: { k: K } & ComponentProps<Chunk[K]>) {
  const [chunk, setChunk] = useState<Chunk>();
  useEffect(() => {
    loadAttach().then(setChunk, () => {});
  }, []);
  const Part = chunk?.[props.k] as FunctionComponent<object> | undefined;
  return Part ? <Part {...props} /> : null;
}
