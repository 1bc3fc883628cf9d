export type { SecretVault } from './types';
export { createFileVault, VaultFileError } from './file-vault';
export { writeFileAtomic } from './atomic-file';
