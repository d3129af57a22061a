// Helpers for tests that drive the Request Tester's webview the way a person does.
import { ui, waitFor } from './util';

/** The text of the elements matching `selector` inside the webview. */
export const text = async (selector: string): Promise<string> => (await ui.texts(selector, true)).join('\n');
export const webviewHtml = async (): Promise<string> => (await ui.call<{ html: string[] }>('html', { selector: 'html:has(#tester-root)', frame: true })).html.join('\n');
export const waitText = (what: string, selector: string, re: RegExp, ms = 20_000): Promise<true> =>
  waitFor(`${what} (${selector} ~ ${re})`, async () => re.test(await text(selector)), ms);

/** Types in the endpoint filter and picks `optionId` with Enter, as a keyboard user does. */
export async function chooseEndpoint(filter: string, optionId: string): Promise<void> {
  const listedFirst = async () => (await webviewHtml()).includes(`aria-activedescendant="opt-${optionId}"`);
  // On a loaded machine the first keys typed into the webview can be lost while its frame takes focus (seen:
  // the filter read "d call"); a person who sees that types the filter again, and so does this helper.
  for (let attempt = 1; ; attempt++) {
    await ui.click('#filter', true);
    await ui.press('Control+A');
    await ui.type(filter);
    try {
      await waitFor(`${optionId} listed first`, listedFirst, attempt < 3 ? 8_000 : 30_000);
      break;
    } catch (err) {
      if (attempt >= 3) { throw err; }
    }
  }
  await ui.press('Enter');
  await waitFor(`${optionId} selected`, async () => /aria-selected="true"/.test((await ui.call<{ html: string[] }>('html', { selector: `#opt-${optionId}`, frame: true })).html.join()));
}
