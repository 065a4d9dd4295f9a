import { loadConfig, mintToken } from '@xingfu/api';
import type { Role } from '@xingfu/domain';

/** A bearer token for a staff member, signed with the default development secret. */
export function tokenFor(role: Role, regionCode: string, subject = `${role}@${regionCode}`): Promise<string> {
  return mintToken({ secret: loadConfig({}).XINGFU_JWT_SECRET }, { subject, role, regionCode });
}
