export type PreviewImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
export declare function sniffImage(bytes: Uint8Array): PreviewImageType | null;
