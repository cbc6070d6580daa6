import { Permission } from '@enclave/contracts';
import { capabilityPolicy } from './policy.js';

/** System administration: settings, SSO, integrations, usage statistics. */
export const systemPolicy = capabilityPolicy('System', {
  [Permission.StatisticsRead]: 'readStatistics',
  [Permission.SsoManage]: 'manageSso',
  [Permission.IntegrationManage]: 'manageIntegrations',
  [Permission.SystemSettingsManage]: 'manageSettings',
});
