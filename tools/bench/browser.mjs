/**
 * The cockpit in headless Chromium (Debian's), CPU slowed 4× through the DevTools protocol: the time
 * from navigation until the cockpit's figures are on screen ([data-figures-ready] appears).
 */
import { chromium } from 'playwright-core';

export async function timeCockpitInChromium(base, cookieHeader) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const url = new URL(base);
    await context.addCookies(
      cookieHeader.split('; ').map((pair) => {
        const [name, ...rest] = pair.split('=');
        return { name, value: rest.join('='), domain: url.hostname, path: '/' };
      }),
    );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const started = Date.now();
    await page.goto(`${base}/cockpit`);
    await page.waitForSelector('[data-figures-ready]', { timeout: 60_000 });
    return { figuresShownMs: Date.now() - started, cpuSlowdown: 4 };
  } finally {
    await browser.close();
  }
}
