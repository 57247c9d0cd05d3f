import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs; the browser suites drive it through playwright-core. */
const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, and quiet on the network: no update checks, no sync, nothing but the pages a test opens. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A real browser for the suites that look at pages as a person does. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
