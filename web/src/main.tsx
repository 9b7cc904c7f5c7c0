import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AuthProvider } from './auth';
import { AppRoutes } from './App';

dayjs.locale('zh-cn');

/**
 * antd's default greys, red and link colours fall below WCAG AA contrast (4.5:1) on white; these keep the look and
 * pass axe-core's check.
 */
const THEME = {
  token: {
    colorPrimary: '#b71c1c',
    colorError: '#c41d1d',
    colorSuccess: '#2f7d0a',
    colorWarning: '#ad6800',
    colorInfo: '#0958d9',
    colorLink: '#a31515',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Empty tables and lists say so in this grey.
    colorTextQuaternary: 'rgba(0, 0, 0, 0.55)',
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
