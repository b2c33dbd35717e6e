#!/usr/bin/python3
"""A small WebKitGTK app that shows a partner page the way a mobile app's web view does.

WebKitGTK is the engine of WKWebView, so this host stands in for an app, not for a browser: it has no
tabs, no popup UI and only the window behaviour its code gives it. The Node runner (e2e-apps/run.mjs)
starts it under xvfb-run, clicks it with real X input (xdotool) and talks to it in JSON lines:

  stdout (events):  {"event": "window", "xid": N}            the X window to click in
                    {"event": "load", "view": "main"|"child", "uri": U}   a page finished loading
                    {"event": "create", "uri": U, "handling": H}         the page called window.open
                    {"event": "close", "view": "child"}      a child view was closed by its page
                    {"event": "bridge", "method": M}         the page posted to the `scdk` handler
                    {"event": "answer", "id": I, "value": V} the answer to a command
  stdin (commands): {"cmd": "rect", "id": I, "css": S}       the element's rect in window pixels, or null
                    {"cmd": "text", "id": I}                 the main view's body text and URL
                    {"cmd": "session", "id": I, "url": U}    U's body, loaded in a view that shares the
                                                             app's cookie jar (the platform's own view)
                    {"cmd": "load", "url": U}                navigate the main view
                    {"cmd": "quit"}

Options: --windows none|in-place|child   what window.open does (see WINDOW_HANDLING)
         --itp                            Intelligent Tracking Prevention on, as in Safari and WKWebView
         --bridge none|answer|silent      register a `scdk` script message handler that answers a
                                          logout, or never answers. Answering, it stands in for the
                                          gateway's native SDK: it ends the platform session in the app's
                                          own cookie jar (the platform's first-party logout form, in an
                                          unseen view), then answers hadSession (whether there was one)
         --platform ORIGIN                the platform whose session the answering handler ends
Run it with Debian's /usr/bin/python3 (python3-gi, gir1.2-webkit2-4.1).
"""
import argparse
import json
import sys

import gi

gi.require_version('Gtk', '3.0')
gi.require_version('GdkX11', '3.0')
gi.require_version('JavaScriptCore', '4.1')
gi.require_version('WebKit2', '4.1')
from gi.repository import GdkX11, GLib, Gtk, JavaScriptCore, WebKit2  # noqa: E402,F401  (GdkX11 gives windows their XID)

# What the view's `create` signal does when the page calls window.open:
WINDOW_HANDLING = {
    # No handler: window.open returns null (a bare WKWebView without createWebViewWith).
    'none': 'returns null',
    # The URL replaces the current page and open returns null (Android WebView's default with
    # setSupportMultipleWindows(false); some iOS apps and in-app browsers do the same).
    'in-place': 'loads the URL in place',
    # A related view in a window of its own, opener kept (what both platforms recommend).
    'child': 'opens a child view',
}
WINDOW_SIZE = (800, 600)
BRIDGE_HANDLER = 'scdk'
NATIVE_NAMESPACE = 'scdk-native'

RECT_SCRIPT = """
(function () {
  var element = document.querySelector(%s);
  if (!element) return 'null';
  var rect = element.getBoundingClientRect();
  return JSON.stringify({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, width: rect.width, height: rect.height });
})()
"""
TEXT_SCRIPT = "JSON.stringify({ url: location.href, text: document.body ? document.body.innerText : '' })"


def emit(event, **fields):
    print(json.dumps({'event': event, **fields}), flush=True)


class HostApp:
    def __init__(self, options):
        self.options = options
        data_manager = WebKit2.WebsiteDataManager.new_ephemeral()
        data_manager.set_tls_errors_policy(WebKit2.TLSErrorsPolicy.IGNORE)  # the run's own test CA
        data_manager.set_itp_enabled(options.itp)
        data_manager.get_cookie_manager().set_accept_policy(WebKit2.CookieAcceptPolicy.NO_THIRD_PARTY)
        self.context = WebKit2.WebContext.new_with_website_data_manager(data_manager)
        self.content = WebKit2.UserContentManager()
        self.pending_replies = []  # a silent host keeps its replies, so the page's promise stays open
        if options.bridge != 'none':
            self.content.connect('script-message-with-reply-received::' + BRIDGE_HANDLER, self.on_bridge_message)
            self.content.register_script_message_handler_with_reply(BRIDGE_HANDLER, None)
        self.view = WebKit2.WebView(web_context=self.context, user_content_manager=self.content)
        self.view.connect('load-changed', self.on_load, 'main')
        self.view.connect('create', self.on_create)
        self.window = Gtk.Window(title='scdk host app')
        self.window.set_default_size(*WINDOW_SIZE)
        self.window.move(0, 0)
        self.window.add(self.view)
        self.window.connect('destroy', lambda *_: Gtk.main_quit())
        self.window.show_all()
        self.children = []
        self.reader_view = None
        GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, self.on_command)
        emit('window', xid=self.window.get_window().get_xid())
        self.view.load_uri(options.url)

    def on_load(self, view, load_event, which):
        if load_event == WebKit2.LoadEvent.FINISHED:
            emit('load', view=which, uri=view.get_uri())

    def on_create(self, view, action):
        uri = action.get_request().get_uri()
        handling = self.options.windows
        emit('create', uri=uri, handling=WINDOW_HANDLING[handling])
        if handling == 'in-place':
            view.load_uri(uri)
            return None
        if handling == 'child':
            child = WebKit2.WebView(related_view=view, user_content_manager=self.content)
            child.connect('load-changed', self.on_load, 'child')
            holder = Gtk.Window(title='scdk child view')
            holder.set_default_size(*WINDOW_SIZE)
            holder.add(child)
            child.connect('ready-to-show', lambda *_: holder.show_all())
            child.connect('close', lambda *_: self.close_child(holder))
            self.children.append(holder)
            return child
        return None

    def close_child(self, holder):
        emit('close', view='child')
        self.children.remove(holder)
        holder.destroy()

    def on_bridge_message(self, _manager, value, reply):
        raw = value.to_json(0) if value.is_object() else value.to_string()
        try:
            request = json.loads(raw)
            if isinstance(request, str):
                request = json.loads(request)
        except (TypeError, ValueError):
            request = {}
        method = request.get('method') if isinstance(request, dict) else None
        emit('bridge', method=method)
        if self.options.bridge == 'silent':
            self.pending_replies.append(reply)
            return True
        answer = {'ns': NATIVE_NAMESPACE, 'v': request.get('v'), 'id': request.get('id')}
        context = value.get_context()

        def send():
            # A JSON string, as Android's WebMessage carries: the page parses both hosts' answers alike.
            reply.return_value(JavaScriptCore.Value.new_string(context, json.dumps(answer)))

        if method != 'logout':
            answer.update(ok=False, error={'code': 'unsupported', 'detail': 'This host app answers logout only.'})
            send()
            return True

        def ended(had_session):
            answer.update(ok=True, result={'hadSession': had_session})
            send()

        self.end_platform_session(ended)
        return True

    def end_platform_session(self, then):
        """Submits the platform home's logout form (shown only to a signed-in user) in the unseen view."""
        submit = "(function () { var form = document.querySelector('form[action=\"/logout\"]');" \
                 " if (!form) return 'false'; form.submit(); return 'true'; })()"
        view = self.unseen_view()
        state = {'submitted': False, 'finished': False}

        def finish(had_session):
            if not state['finished']:
                state['finished'] = True
                view.disconnect(handler)
                then(had_session)

        def loaded(v, load_event):
            if load_event != WebKit2.LoadEvent.FINISHED or state['finished']:
                return
            if state['submitted']:
                finish(True)  # the platform's answer to the logout form has loaded
                return

            def done(v2, result):
                state['submitted'] = v2.evaluate_javascript_finish(result).to_string() == 'true'
                if not state['submitted']:
                    finish(False)  # no logout form: nobody was signed in

            v.evaluate_javascript(submit, -1, None, None, None, done)

        handler = view.connect('load-changed', loaded)
        view.load_uri(self.options.platform + '/')

    def on_command(self, source, condition):
        line = source.readline()
        if not line:
            Gtk.main_quit()
            return False
        command = json.loads(line)
        name = command.get('cmd')
        if name == 'rect':
            self.answer_script(command['id'], RECT_SCRIPT % json.dumps(command['css']))
        elif name == 'text':
            self.answer_script(command['id'], TEXT_SCRIPT)
        elif name == 'session':
            self.read_session(command['id'], command['url'])
        elif name == 'load':
            self.view.load_uri(command['url'])
        elif name == 'quit':
            Gtk.main_quit()
            return False
        return True

    def answer_script(self, command_id, script):
        def done(view, result):
            try:
                value = json.loads(view.evaluate_javascript_finish(result).to_string())
            except Exception as error:  # the page navigated away mid-script, or the script threw
                value = {'error': str(error)}
            emit('answer', id=command_id, value=value)

        self.view.evaluate_javascript(script, -1, None, None, None, done)

    def read_session(self, command_id, url):
        """Loads `url` in an unseen view of the same web context: the same cookie jar as the app's view."""
        view = self.unseen_view()

        def loaded(view, load_event):
            if load_event != WebKit2.LoadEvent.FINISHED:
                return
            view.disconnect(handler)

            def done(v, result):
                try:
                    value = v.evaluate_javascript_finish(result).to_string()
                except Exception as error:
                    value = json.dumps({'error': str(error)})
                emit('answer', id=command_id, value=value)

            view.evaluate_javascript('document.body.innerText', -1, None, None, None, done)

        handler = view.connect('load-changed', loaded)
        view.load_uri(url)

    def unseen_view(self):
        """A view nobody sees, in the same web context as the app's: the same cookie jar."""
        if self.reader_view is None:
            self.reader_view = WebKit2.WebView(related_view=self.view)
            holder = Gtk.OffscreenWindow()
            holder.add(self.reader_view)
            holder.show_all()
        return self.reader_view


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('url')
    parser.add_argument('--windows', choices=sorted(WINDOW_HANDLING), default='none')
    parser.add_argument('--itp', action='store_true')
    parser.add_argument('--bridge', choices=['none', 'answer', 'silent'], default='none')
    parser.add_argument('--platform', default='')
    HostApp(parser.parse_args())
    Gtk.main()


if __name__ == '__main__':
    main()
