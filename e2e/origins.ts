// The two sites of the e2e world. The default ports matter: `gateway: 'demo'` resolves to
// http://127.0.0.1:5174 inside the SDK, so the verbatim partner snippet reaches the mock platform.
export const PARTNER_PORT = Number(process.env.PARTNER_PORT ?? 5173);
export const PLATFORM_PORT = Number(process.env.PLATFORM_PORT ?? 5174);
export const PARTNER = `http://localhost:${PARTNER_PORT}`;
export const PLATFORM = `http://127.0.0.1:${PLATFORM_PORT}`;
