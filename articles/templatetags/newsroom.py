from django import template
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def newsroom_datetime(value):
    """
    “February 6th, 2021 at 16:40 IST”, in the newsroom's time zone.

    The same text as ``date:"F jS, Y \\a\\t H:i T"``, put together directly: a
    home page shows some ninety of these, and Django's general formatter took
    a tenth of its time.
    """
    if not value:
        return ""
    local = timezone.localtime(value)
    day = local.day
    suffix = "th" if day in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{MONTHS[local.month]} {day}{suffix}, {local.year} at {local:%H:%M} {local.tzname() or ''}".rstrip()


@register.filter
def join_names(names):
    """“A”, “A and B”, “A, B and C”."""
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# --- Public site (site branch) ----------------------------------------------

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(value):
    """A ``<script type="application/ld+json">`` data block, safe inside HTML."""
    import json

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)
    # <, > and & are JSON-escaped above, so the data cannot close the script element.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 # nosec B308, B703


@register.filter
def iso(value):
    """A machine-readable time for ``<time datetime>`` (in the newsroom's zone)."""
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


@register.filter
def srcset(renditions):
    return ", ".join(f"{r['url']} {r['width']}w" for r in renditions)


@register.simple_tag
def cursor_url(request, name, value):
    """The current URL with only the pagination cursor changed."""
    params = request.GET.copy()
    for key in ("before", "after", "page"):
        params.pop(key, None)
    params[name] = value
    return f"?{params.urlencode()}"


# --- Story cards ---------------------------------------------------------------

_CARD_SIZES = {True: "(min-width: 48rem) 46rem, 100vw", False: "(min-width: 48rem) 12rem, 33vw"}
_LAZY = mark_safe(' loading="lazy"')  # noqa: S308 # nosec B308, B703  (constant markup)


@register.simple_tag
def story_card(article, heading_level=2, lead=False, hide_section=False):
    """
    One story in a list: image, section, headline, standfirst, byline, time.

    Built here rather than in an included template because it is the most
    repeated markup on the site (85 cards on the home page): through the
    template engine each card cost about 0.15 ms, a third of the page.
    ``lead`` marks the first card of the top stories, shown wide and loaded
    at once; ``article.renditions`` and ``article.byline_names`` come from
    ``attach_card_parts``.
    """
    url = article.get_absolute_url()
    renditions = getattr(article, "renditions", None)
    image = ""
    if renditions:
        thumbnail = renditions[0]
        image = format_html(
            '<a class="story-card__image" href="{}" tabindex="-1" aria-hidden="true"><img src="{}" srcset="{}"'
            ' sizes="{}" width="{}" height="{}" alt=""{}></a>',
            url,
            thumbnail["url"],
            srcset(renditions),
            _CARD_SIZES[bool(lead)],
            thumbnail["width"],
            thumbnail["height"],
            "" if lead else _LAZY,
        )
    section = "" if hide_section else format_html('<p class="story-card__section">{}</p>', article.section.name)
    standfirst = (
        format_html('<p class="story-card__standfirst">{}</p>', article.standfirst) if article.standfirst else ""
    )
    reporters = join_names(article.byline_names)
    return format_html(
        '<li class="story-card{}">\n    {}\n    <div class="story-card__text">\n    {}\n'
        '    <h{} class="story-card__headline"><a href="{}">{}</a></h{}>\n    {}\n'
        '    <p class="story-card__meta">{}<time datetime="{}">{}</time></p>\n    </div>\n  </li>',
        " story-card--image" if renditions else "",
        image,
        section,
        heading_level,
        url,
        article.headline,
        heading_level,
        standfirst,
        format_html("{} · ", reporters) if reporters else "",
        iso(article.first_published_at),
        newsroom_datetime(article.first_published_at),
    )
