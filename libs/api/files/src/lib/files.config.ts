import { validateEnvironment } from '@crm/api/core';
import { registerAs } from '@nestjs/config';

/** 附件 settings: the largest upload (FILES_MAX_UPLOAD_MB, validated at boot with the rest of the environment). */
export const filesConfig = registerAs('files', () => {
  const env = validateEnvironment(process.env);
  return { maxUploadBytes: env.FILES_MAX_UPLOAD_MB * 1024 * 1024 };
});
export type FilesConfig = ReturnType<typeof filesConfig>;
