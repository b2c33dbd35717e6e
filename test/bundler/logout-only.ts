// A partner app that only logs out: what `import { scDK } from 'scdk'` costs a bundler user who never opens
// the switcher. scripts/bundle-fixture.mjs bundles it; its entry chunk must hold no Preact.
import { scDK } from 'scdk';

const sdk = new scDK({ gateway: 'demo', smallcaseAuthToken: document.body.dataset.token ?? '' });
document.querySelector('#logout')?.addEventListener('click', () => {
  sdk.brokerLogout().catch(() => undefined);
});
