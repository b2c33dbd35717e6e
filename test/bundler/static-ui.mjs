// The control: the SDK with its UI imported statically, as if the SDK's import() had become a static
// import. Preact then lands in the entry chunk, and test/unit/bundle-split.spec.ts must find it there, or
// its check could not tell a split build from a broken one. Plain JS: the built UI chunk has no types.
import { scDK } from 'scdk';

export { openSwitcher } from '../../dist/scdk-ui.esm.js';

const sdk = new scDK({ gateway: 'demo', smallcaseAuthToken: document.body.dataset.token ?? '' });
document.querySelector('#logout')?.addEventListener('click', () => {
  sdk.brokerLogout().catch(() => undefined);
});
