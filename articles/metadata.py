"""
What a story page tells search engines and social sites: canonical URL,
OpenGraph and Twitter card values, and a schema.org ``NewsArticle``.
"""

from django.conf import settings


def news_language():
    """
    ``LANGUAGE_CODE`` as Google News wants it: the ISO 639 code alone,
    except ``zh-cn`` and ``zh-tw`` for Simplified and Traditional Chinese.
    """
    code = settings.LANGUAGE_CODE.lower()
    if code in ("zh-cn", "zh-hans", "zh-sg"):
        return "zh-cn"
    if code in ("zh-tw", "zh-hant", "zh-hk"):
        return "zh-tw"
    return code.split("-")[0]


def absolute(path):
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.NEWSROOM_SITE_URL.rstrip("/") + path


def story_metadata(request, article, *, reporters, tags, renditions):
    canonical = absolute(article.get_absolute_url()) if article.slug else ""
    if renditions:
        images = [absolute(r["url"]) for r in renditions]
        share_image = renditions[-1]
    elif article.lead_image:
        images = [absolute(article.lead_image.url)]
        share_image = {
            "url": article.lead_image.url,
            "width": article.lead_image_width,
            "height": article.lead_image_height,
        }
    else:
        images, share_image = [], None
    published = article.first_published_at
    modified = article.updated_at or published
    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "description": article.standfirst,
        "mainEntityOfPage": canonical,
        "url": canonical,
        "datePublished": published.isoformat() if published else None,
        "dateModified": modified.isoformat() if modified else None,
        "author": [
            {"@type": "Person", "name": reporter.name, "url": absolute(reporter.get_absolute_url())}
            for reporter in reporters
        ],
        "image": images,
        "publisher": {"@type": "Organization", "name": settings.NEWSROOM_SITE_NAME, "url": absolute("/")},
        "articleSection": article.section.name if article.section_id else "",
        "inLanguage": settings.LANGUAGE_CODE,
        "keywords": [tag.name for tag in tags],
    }
    return {
        "canonical": canonical,
        "description": article.standfirst,
        "image": absolute(share_image["url"]) if share_image else "",
        "image_width": share_image["width"] if share_image else None,
        "image_height": share_image["height"] if share_image else None,
        "image_alt": article.lead_image_alt,
        "json_ld": {key: value for key, value in json_ld.items() if value not in (None, "", [])},
    }
