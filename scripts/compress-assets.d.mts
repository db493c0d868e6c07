/** Types of compress-assets.mjs for the tests that use it. */
export function compressAssets(dir: string): { files: number; raw: number; brotli: number; gzip: number };
