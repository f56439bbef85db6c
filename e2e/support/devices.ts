import type { BrowserContext, Page } from 'playwright-core';

/**
 * The person's microphone is blocked for real, the way a browser's "Block" leaves it, while the
 * camera is allowed: getUserMedia with audio rejects with NotAllowedError, video alone works.
 * Needs a browser launched with `permissionPrompts: true` (otherwise the fake prompt says yes to
 * everything) and must run before the page first asks for a device.
 */
export async function blockMicrophone(context: BrowserContext, page: Page, origin: string): Promise<void> {
  await context.clearPermissions();
  await context.grantPermissions(['camera', 'notifications'], { origin });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Browser.setPermission', { origin, permission: { name: 'microphone' }, setting: 'denied' });
}
