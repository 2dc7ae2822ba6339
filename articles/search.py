"""
Reader search over headline, standfirst, body, tags and byline.

On PostgreSQL each story carries a weighted ``search_vector`` (headline A,
standfirst B, body C, tags and byline D) behind a GIN index; it is rebuilt by
``update_search_vectors`` whenever a story, its tags or its byline is saved,
and results are ranked with highlighted snippets. On SQLite a plain substring
match keeps search working for development.
"""

import html
import re

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, Q, Value
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Article, Byline, TaggedArticle

MAX_QUERY_LENGTH = 200


def ranked_matches():
    """
    How many of the newest matches are ranked (``SEARCH_RANKED_MATCHES``).

    Finding and ranking them reads each one's search vector; on a large
    archive a common word matches a fifth of the stories, so only the newest
    are ranked. At a million stories 1,000 took up to 36 ms, 500 up to 22.
    """
    return getattr(settings, "NEWSROOM_SEARCH_RANKED_MATCHES", 500)


# Sentinels that cannot occur in sanitised text; replaced by <mark> after escaping.
_START, _STOP = "\x02", "\x03"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]+")

_UPDATE_SQL = """
UPDATE articles_article AS a SET search_vector =
    setweight(to_tsvector(%(config)s, coalesce(a.headline, '')), 'A')
    || setweight(to_tsvector(%(config)s, coalesce(a.standfirst, '')), 'B')
    || setweight(to_tsvector(%(config)s, regexp_replace(coalesce(a.body, ''), '<[^>]+>', ' ', 'g')), 'C')
    || setweight(to_tsvector(%(config)s,
        coalesce((SELECT string_agg(t.name, ' ' ORDER BY ta.id) FROM articles_taggedarticle ta
                  JOIN taggit_tag t ON t.id = ta.tag_id WHERE ta.content_object_id = a.id), '')
        || ' ' ||
        coalesce((SELECT string_agg(r.name, ' ' ORDER BY b.position, b.id) FROM articles_byline b
                  JOIN authors_reporter r ON r.id = b.reporter_id WHERE b.article_id = a.id), '')
    ), 'D')
"""


def search_config():
    return getattr(settings, "NEWSROOM_SEARCH_CONFIG", "english")


def update_search_vectors(article_ids=None, *, using=None):
    """
    Rebuild the search vector of the given stories (all when ``None``).

    Plain SQL on purpose: the data migration that fills the vectors for
    existing stories calls this too. Does nothing outside PostgreSQL.
    """
    from django.db import connections

    conn = connections[using or "default"]
    if conn.vendor != "postgresql":
        return
    params = {"config": search_config()}
    sql = _UPDATE_SQL
    if article_ids is not None:
        ids = [int(pk) for pk in article_ids if pk is not None]
        if not ids:
            return
        sql += " WHERE a.id = ANY(%(ids)s)"
        params["ids"] = ids
    with conn.cursor() as cursor:
        cursor.execute(sql, params)


@receiver(post_save, sender=Article, dispatch_uid="search_vector_article")
def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        update_search_vectors([instance.pk])


@receiver(post_save, sender=Byline, dispatch_uid="search_vector_byline_saved")
@receiver(post_delete, sender=Byline, dispatch_uid="search_vector_byline_deleted")
def _byline_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        update_search_vectors([instance.article_id])


@receiver(post_save, sender=TaggedArticle, dispatch_uid="search_vector_tag_saved")
@receiver(post_delete, sender=TaggedArticle, dispatch_uid="search_vector_tag_deleted")
def _tagging_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        update_search_vectors([instance.content_object_id])


@receiver(m2m_changed, sender=TaggedArticle, dispatch_uid="search_vector_tags_changed")
def _tags_changed(sender, instance, action, **kwargs):
    # taggit's set()/add()/clear() bypass post_save and announce through m2m_changed.
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Article):
        update_search_vectors([instance.pk])


def clean_query(raw):
    """The reader's query made safe to search for: no control characters, trimmed, capped."""
    text = _CONTROL_CHARACTERS.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_articles(query):
    """
    Visible stories matching ``query``, best first, each with a ``snippet``
    (safe HTML with the matching words in ``<mark>``) when the database can
    make one. ``query`` must already have been through ``clean_query``.
    """
    stories = Article.objects.published().select_related("section")
    if connection.vendor != "postgresql":
        return stories.filter(
            Q(headline__icontains=query)
            | Q(standfirst__icontains=query)
            | Q(body__icontains=query)
            | Q(pk__in=TaggedArticle.objects.filter(tag__name__icontains=query).values("content_object_id"))
            | Q(pk__in=Byline.objects.filter(reporter__name__icontains=query).values("article_id"))
        ).order_by("-first_published_at", "-pk")
    search_query = SearchQuery(query, search_type="websearch", config=search_config())
    plain_body = Func(F("body"), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace")
    # Ranked as they are found: each match's vector is read once, and the
    # few hundred (rank, time, id) rows are ordered in Python.
    newest_matches = (
        Article.objects.published()
        .filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query))
        .order_by("-first_published_at", "-pk")
        .values_list("rank", "first_published_at", "pk")[: ranked_matches()]
    )
    with_snippets = stories.defer("body", "search_vector").annotate(
        snippet_text=SearchHeadline(
            plain_body,
            search_query,
            config=search_config(),
            start_sel=_START,
            stop_sel=_STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    )
    return RankedResults(newest_matches, with_snippets)


class RankedResults:
    """
    Search results, best first, for ``Paginator``: the matches' (rank, time,
    id) in one query, ordered best first (ties: newest, then highest id),
    then each page's stories (with snippets) by id.

    Given a queryset, the paginator ran the whole search a second time as a
    COUNT; the count here is the number of ids.
    """

    def __init__(self, matches, stories):
        self.matches = matches
        self.stories = stories

    @property
    def capped(self):
        """True when the ranking stopped at ``ranked_matches()``: there are likely more matches."""
        return len(self.ids) >= ranked_matches()

    @cached_property
    def ids(self):
        return [pk for _rank, _time, pk in sorted(self.matches, reverse=True)]

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            one = self[index : index + 1 or None]
            if not one:
                raise IndexError(index)
            return one[0]
        wanted = self.ids[index]
        # Fetched again through ``published()``: a story hidden since the
        # ranking is left out rather than shown.
        found = {story.pk: story for story in self.stories.filter(pk__in=wanted)}
        return [found[pk] for pk in wanted if pk in found]

    def __iter__(self):
        return iter(self[:])


def snippet_html(snippet_text):
    """Escape a database snippet and turn its sentinels into ``<mark>`` elements."""
    if not snippet_text:
        return ""
    # Bodies are stored as HTML, so their entities (&amp;) come through as text.
    text = escape(html.unescape(snippet_text))
    # Escaped above; only our own sentinels become markup.
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308 # nosec B308, B703
