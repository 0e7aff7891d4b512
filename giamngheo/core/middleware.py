from django.conf import settings
from django.utils import translation


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
