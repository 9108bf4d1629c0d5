from django.utils.functional import SimpleLazyObject

from .access import get_access


def navigation(request):
    """Lets the base layout show the menu entries a user's roles open."""
    user = getattr(request, "user", None)
    if user is None:
        return {}

    def count_unread():
        from .notifications import unread_count

        return unread_count(user)

    return {
        "portal_access": get_access(user),
        # Lazy: the COUNT runs only when a template shows the badge, once per request.
        "unread_notifications": SimpleLazyObject(count_unread),
    }
