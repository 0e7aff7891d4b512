from .scoping import current_assignments


def user_roles(request):
    """The signed-in user's current roles, for the header of every page."""
    user = getattr(request, "user", None)
    return {"role_assignments": current_assignments(user) if user else []}
