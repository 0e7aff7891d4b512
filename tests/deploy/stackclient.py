"""Drive the production stack (deploy/stack.py) over HTTPS like a browser: cookies, CSRF, login."""

import importlib.util
import re
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_stack_module():
    spec = importlib.util.spec_from_file_location("deploy_stack", ROOT / "deploy" / "stack.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, stack, follow_redirects=True):
        self.stack = stack
        self.cookies = CookieJar()
        handlers = [
            urllib.request.HTTPSHandler(context=stack.ssl_context()),
            urllib.request.HTTPCookieProcessor(self.cookies),
        ]
        if not follow_redirects:
            handlers.append(NoRedirect())
        self.opener = urllib.request.build_opener(*handlers)

    def get(self, path):
        return self.opener.open(self.stack.url + path, timeout=30)

    def post(self, path, data, referer_path=None):
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
        request = urllib.request.Request(
            self.stack.url + path,
            data=body,
            headers={"Referer": self.stack.url + (referer_path or path)},
        )
        return self.opener.open(request, timeout=60)

    def login(self, username, password):
        with self.get("/tai-khoan/dang-nhap/") as page:
            assert page.status == 200
        with self.post(
            "/tai-khoan/dang-nhap/", {"username": username, "password": password}
        ) as page:
            html = page.read().decode()
            assert page.url.rstrip("/") == self.stack.url, page.url
            return html


def csrf_from(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
