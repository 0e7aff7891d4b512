from django.urls import reverse


class ClearSiteDataOnLogoutMiddleware:
    """Signing out wipes the phone's offline copy, outbox and cached app (``Clear-Site-Data``),
    even when the page's own script did not run; the field app warns first about waiting
    entries."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.logout_path = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.logout_path is None:
            self.logout_path = reverse("accounts:logout")
        if request.method == "POST" and request.path == self.logout_path:
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response
