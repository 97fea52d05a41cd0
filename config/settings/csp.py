"""Content-Security-Policy (django-csp): scripts and styles only from our own origin.

No inline script may run anywhere, so injected markup cannot execute (the React app, the
learn pages and the admin load every script from /static/). Images may be data: or blob:
URIs (the two-factor QR code, previews of a photo being uploaded); videos in articles play
from the two embed hosts the Markdown sanitiser allows (metskin/education/embeds.py).
"""

from csp.constants import NONE, SELF

from config.env import env

_DEV_SERVER = f"http://localhost:{env.int('VITE_DEV_SERVER_PORT', default=5173)}"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

if env.bool("VITE_DEV_MODE", default=False):
    # `npm run dev` serves modules from its own port, injects <style> tags for hot reload and
    # talks to the page over a WebSocket: loosened for development only.
    _directives = CONTENT_SECURITY_POLICY["DIRECTIVES"]
    _directives["script-src"] = [SELF, _DEV_SERVER]
    _directives["style-src"] = [SELF, _DEV_SERVER, "'unsafe-inline'"]
    _directives["connect-src"] = [SELF, _DEV_SERVER, _DEV_SERVER.replace("http", "ws")]
