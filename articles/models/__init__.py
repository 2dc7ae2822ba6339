"""
Stories and what hangs off them, one module per part, all importable from
``articles.models``.
"""

from .bylines_and_tags import Byline, TaggedArticle
from .history import ArticleRevision, ArticleTransition, ArticleUpdate, SlugRedirect
from .read_links import RelatedLink, RelatedLinkQuerySet
from .sections import Section
from .stories import LAST_CHANGED, SITEMAP_MONTH, Article, ArticleQuerySet, TrashedArticle

__all__ = [
    "LAST_CHANGED",
    "SITEMAP_MONTH",
    "Article",
    "ArticleQuerySet",
    "ArticleRevision",
    "ArticleTransition",
    "ArticleUpdate",
    "Byline",
    "RelatedLink",
    "RelatedLinkQuerySet",
    "Section",
    "SlugRedirect",
    "TaggedArticle",
    "TrashedArticle",
]
