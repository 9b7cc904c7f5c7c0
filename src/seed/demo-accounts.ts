/** Demo profile only: printed by `npm start` and in the README; production (`start:api`) never seeds them. */
export const DEMO_PASSWORD = 'Demo@2021!';

/** The office's staff; besides them every unit gets one account named after the unit. */
export const DEMO_STAFF = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'duchashi', displayName: '督查室', role: 'supervisor' },
  { username: 'lingdao', displayName: '市政府领导', role: 'leader' },
] as const;

export type DemoOrganization = 'province' | 'luoyang' | 'mengjin';

/** The demo province's accounts (demo-province.service.ts): its office and leader, 洛阳's and 孟津's offices, a 洛阳 unit. */
export const DEMO_PROVINCE_STAFF = [
  { organization: 'province', user: { username: 'sheng-admin', displayName: '河南省系统管理员', role: 'admin' } },
  { organization: 'province', user: { username: 'sheng-duchashi', displayName: '河南省督查室', role: 'supervisor' } },
  { organization: 'province', user: { username: 'sheng-lingdao', displayName: '河南省政府领导', role: 'leader' } },
  { organization: 'luoyang', user: { username: 'luoyang-duchashi', displayName: '洛阳市督查室', role: 'supervisor' } },
  { organization: 'luoyang', user: { username: '洛阳市财政局', displayName: '洛阳市财政局', role: 'unit_user' }, unit: '财政局' },
  { organization: 'mengjin', user: { username: 'mengjin-duchashi', displayName: '孟津区督查室', role: 'supervisor' } },
] as const satisfies ReadonlyArray<{ organization: DemoOrganization; user: { username: string; displayName: string; role: string }; unit?: string }>;
