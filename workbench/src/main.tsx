import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configureClient } from './api/client';
import { Session } from './auth/session';
import { App } from './app';
import { readBootConfig } from './config';
import './workbench.css';

dayjs.locale('zh-cn');

const config = readBootConfig();
const session = new Session(config);
configureClient({ session, endpoint: config.graphql });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#1f4e9d' } }}>
      <AntApp>
        <App session={session} />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
