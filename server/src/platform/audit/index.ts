import type { ModuleManifest } from '../module.ts';
import { auditRoutes } from './routes.ts';

export const auditModule: ModuleManifest = {
  name: 'audit',
  policies: [
    { action: 'audit.view', roles: ['dept_admin'], description: '查看审计日志 / browse the audit log' },
  ],
  routes: auditRoutes,
  matrix: async () => (await import('./matrix.ts')).auditMatrix,
};
