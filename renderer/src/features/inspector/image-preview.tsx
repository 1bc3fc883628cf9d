// An image body shown as an image: a blob: URL of the exact bytes in an <img> (CSP img-src allows
// blob:). The type comes from the bytes' signature, and an <img> never runs script; SVG is not
// previewed at all.
import { useEffect, useRef } from 'react';
import type { PreviewImageType } from '../../lib/image-type';

export function ImagePreview({
  bytes,
  type,
  testId,
}: {
  bytes: Uint8Array;
  type: PreviewImageType;
  testId: string;
}) {
  const imageRef = useRef<HTMLImageElement>(null);
  // The URL lives exactly as long as this view of these bytes, then is revoked (frees the copy).
  useEffect(() => {
    const image = imageRef.current;
    if (!image || typeof URL.createObjectURL !== 'function') return;
    const objectUrl = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    image.src = objectUrl;
    return () => URL.revokeObjectURL(objectUrl);
  }, [bytes, type]);
  return (
    <div className="image-preview" data-testid={testId}>
      <img ref={imageRef} alt={`${type} body`} />
      <p className="muted">{type}</p>
    </div>
  );
}
