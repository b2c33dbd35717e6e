/** Every text the account switcher and the switch button show. Partners override any of them with `config.texts`. */
export interface SwitcherTexts {
  /** The dialog's heading. */
  title: string;
  checking: string;
  /** Label above the connected broker account. */
  connected: string;
  /** No session at the broker's platform. */
  none: string;
  /** The browser keeps the platform's cookies from this site, so the account cannot be shown. */
  unknown: string;
  switch: string;
  logout: string;
  cancel: string;
  /** Accessible name of the × button. */
  close: string;
  loggingOut: string;
  /** While the user picks an account in the platform window. */
  waiting: string;
  switched: string;
  loggedOut: string;
  done: string;
  error: string;
  /** 5004: the browser blocked the platform window. */
  blocked: string;
  /** 5003: cookies blocked and `config.fallback` is 'none'. */
  noCookies: string;
  retry: string;
}

export type Locale = 'en' | 'hi';

export const LOCALES: Readonly<Record<Locale, SwitcherTexts>> = {
  en: {
    title: 'Broker account',
    checking: 'Checking your broker account…',
    connected: 'Connected account',
    none: 'No broker account is connected.',
    unknown: 'Your browser does not let this site see which account is connected.',
    switch: 'Switch account',
    logout: 'Log out',
    cancel: 'Cancel',
    close: 'Close',
    loggingOut: 'Logging out…',
    waiting: 'Choose the account in the window that opened.',
    switched: 'Now connected',
    loggedOut: 'You are logged out of your broker account.',
    done: 'Done',
    error: 'Something went wrong.',
    blocked: 'Your browser blocked the window. Allow pop-ups for this site, then try again.',
    noCookies: 'Your browser blocks the broker’s sign-in on this site.',
    retry: 'Try again',
  },
  hi: {
    title: 'ब्रोकर खाता',
    checking: 'आपका ब्रोकर खाता जाँचा जा रहा है…',
    connected: 'जुड़ा हुआ खाता',
    none: 'कोई ब्रोकर खाता जुड़ा नहीं है।',
    unknown: 'आपका ब्राउज़र इस साइट को जुड़ा हुआ खाता देखने नहीं देता।',
    switch: 'खाता बदलें',
    logout: 'लॉग आउट करें',
    cancel: 'रद्द करें',
    close: 'बंद करें',
    loggingOut: 'लॉग आउट हो रहा है…',
    waiting: 'खुली हुई विंडो में खाता चुनें।',
    switched: 'अब जुड़ा हुआ खाता',
    loggedOut: 'आप अपने ब्रोकर खाते से लॉग आउट हो गए हैं।',
    done: 'हो गया',
    error: 'कुछ गलत हो गया।',
    blocked: 'ब्राउज़र ने विंडो रोक दी। इस साइट के लिए पॉप-अप की अनुमति दें, फिर से कोशिश करें।',
    noCookies: 'आपका ब्राउज़र इस साइट पर ब्रोकर का साइन-इन रोकता है।',
    retry: 'फिर से कोशिश करें',
  },
};
