from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

register = template.Library()


@register.filter
def newsroom_datetime(value):
    """“February 6th, 2021 at 16:40 IST”, in the newsroom's time zone."""
    if not value:
        return ""
    return format_date(timezone.localtime(value), r"F jS, Y \a\t H:i T")


@register.filter
def join_names(names):
    """“A”, “A and B”, “A, B and C”."""
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
