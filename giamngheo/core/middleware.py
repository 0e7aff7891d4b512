from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .params import InvalidParameter


class LanguageMiddleware:
    """Vietnamese unless the user picked another language (cookie set by ``set_language``).

    Django's LocaleMiddleware would follow the browser's Accept-Language; officials'
    machines often come set to English, and the system is meant to be Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every page and file served to a signed-in user.

    Nearly every page behind the login shows residents' names, citizen IDs, incomes or
    addresses (Decree 13/2023/NĐ-CP): neither the browser (a shared commune computer) nor a
    proxy may keep a copy. Static files are served before this runs and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class RejectNullCharactersMiddleware:
    """A NUL character in the path or the query string is a 400, not a database error.

    PostgreSQL refuses NUL in text ("A string literal cannot contain NUL"), so a URL such as
    ``/ho-gia-dinh/23293-00001%00/`` or ``?q=%00`` would reach a query and end in a 500.
    Form fields already refuse NUL (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            raise InvalidParameter(_("The address contains a NUL character, which is not allowed."))
        return self.get_response(request)
