import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { webDistDir } from '../../src/web/web-static';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/** Flags that work on these machines: no sandbox as root, no GPU, no calls home on a closed network. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium and a CJK font; installed with apt-get when missing and we are root (as for redis). */
export function ensureChromium(): void {
  const hasFont = (() => {
    try {
      return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
    } catch {
      return false;
    }
  })();
  if (existsSync(CHROMIUM) && hasFont) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium (${CHROMIUM}) or a CJK font is missing: sudo apt-get install chromium fonts-noto-cjk`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env });
}

export interface TestBrowser {
  browser: Browser;
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  ensureChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  // playwright's launch() gives Chromium a new empty --user-data-dir of its own and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 30_000,
  });
  return {
    browser,
    newContext: () => browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true }),
    close: () => browser.close(),
  };
}

const appBuilt = existsSync(join(webDistDir(), 'index.html'));
if (!appBuilt) console.warn('web/dist is missing: run `npm run build:web` (npm test does) to test the web app');

/** describe for browser suites: they need the built app (npm test runs `npm run build:web` first). */
export const describeWithBuiltApp: jest.Describe = appBuilt ? describe : describe.skip;
