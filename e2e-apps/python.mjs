// The Python that runs the WebKitGTK host app: Debian's own, where python3-gi is installed. A `python3`
// found first on PATH (pyenv, a virtualenv) usually has no `gi` module. HOST_APP_PYTHON overrides it.
export const HOST_APP_PYTHON = process.env.HOST_APP_PYTHON ?? '/usr/bin/python3';
