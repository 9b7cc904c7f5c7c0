/** Demo profile only: printed by `npm start` and in the README; production (`start:api`) never seeds them. */
export const DEMO_PASSWORD = 'Demo@2021!';

/** The office's staff; besides them every unit gets one account named after the unit. */
export const DEMO_STAFF = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'duchashi', displayName: '督查室', role: 'supervisor' },
  { username: 'lingdao', displayName: '市政府领导', role: 'leader' },
] as const;
