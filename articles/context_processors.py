from django.conf import settings

from .models import Section


def site(request):
    """The site's name, language and sections, for the header of every page."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_language": settings.LANGUAGE_CODE,
        "nav_sections": Section.objects.all(),
    }
