"""PDFs from our own HTML templates, rendered by WeasyPrint as tagged PDF/UA-1.

WeasyPrint fetches what a document links to: stylesheets, images, fonts, and what those
link to in turn. Here it may fetch only two things: the app's own static files, and the
files of this one document (its charts), handed to its `OwnFilesOnly` fetcher. Everything else is
refused without opening it (file://, http(s)://, data:, and any path that climbs out of
the static folders), so no text in a plan can make the server read a file or call out.
User text is escaped by Django's templates before WeasyPrint sees it.
"""

import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The documents' base URL. A .invalid name never resolves (RFC 2606), and the fetcher
# below never goes to the network anyway: it only reads names under this origin.
ORIGIN = "https://samenplan.invalid/"
OWN_FILES = "document/"  # the files of this one document, such as its charts
STATIC_TYPES = {".css", ".svg", ".png", ".woff2", ".woff", ".ttf"}

logger = logging.getLogger(__name__)


class Refused(ValueError):
    """A URL that is not one of our own files. The message leaves the URL out: WeasyPrint
    logs it, and a URL could carry text from the plan."""

    def __init__(self):
        super().__init__("not one of Samenplan's own files")


class OwnFilesOnly(URLFetcher):
    """Serves the app's static files and this document's own files; refuses the rest and
    remembers what it refused (the tests read `refused`)."""

    def __init__(self, files=None):
        super().__init__(allowed_protocols=("https",))
        self.files = files or {}
        self.refused = []

    def fetch(self, url, headers=None):
        try:
            body, content_type = self._find(url)
        except Refused:
            self.refused.append(url)
            logger.warning("PDF: refused to fetch a URL")  # not the URL: it may hold text
            raise
        return URLFetcherResponse(url, body, {"Content-Type": content_type})

    def _find(self, url):
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" != ORIGIN or parts.query or parts.fragment:
            raise Refused
        path = unquote(parts.path).lstrip("/")
        if posixpath.normpath(path) != path or "\\" in path or "\x00" in path:
            raise Refused
        if path.startswith(OWN_FILES) and path.removeprefix(OWN_FILES) in self.files:
            return self.files[path.removeprefix(OWN_FILES)]
        static = settings.STATIC_URL.strip("/") + "/"
        name = path.removeprefix(static)
        extension = posixpath.splitext(name)[1]
        if not path.startswith(static) or extension not in STATIC_TYPES:
            raise Refused
        found = finders.find(name)
        if not found:
            raise Refused
        with open(found, "rb") as file:
            return file.read(), mimetypes.guess_type(name)[0] or "application/octet-stream"


def own_file_url(name):
    """Where a document finds one of its own files (see `OwnFilesOnly`)."""
    return ORIGIN + OWN_FILES + name


def render_pdf(html, fetcher, css=""):
    """A tagged PDF/UA-1 of this HTML, fetching through `fetcher` (an `OwnFilesOnly`);
    `css` is an extra style sheet made by the caller from fixed values, never from user
    text."""
    document = HTML(string=html, base_url=ORIGIN, url_fetcher=fetcher)
    stylesheets = [CSS(string=css, base_url=ORIGIN, url_fetcher=fetcher)] if css else []
    return document.write_pdf(stylesheets=stylesheets, pdf_variant="pdf/ua-1")
