from .access import get_access


def navigation(request):
    """Lets the base layout show the menu entries a user's roles open."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"portal_access": get_access(user)}
