// A partner app that opens the account switcher: Preact must still stay out of its entry chunk, in the
// chunk the bundler makes for the SDK's import() of the UI, fetched on the first openAccountSwitcher().
import { scDK } from 'scdk';

const sdk = new scDK({ gateway: 'demo', smallcaseAuthToken: document.body.dataset.token ?? '' });
document.querySelector('#switch')?.addEventListener('click', () => {
  sdk.openAccountSwitcher().catch(() => undefined);
});
