"""A READ link's outside address is a web address (http or https) or nothing: never javascript:, data: or ftp:."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from articles.models import RelatedLink

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

REFUSED = [
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,x",
    "ftp://example.com/",
]


@pytest.mark.parametrize("url", REFUSED)
def test_the_database_refuses_other_schemes(url):
    story = ArticleFactory(published=True)
    with pytest.raises(IntegrityError):
        RelatedLink.objects.create(article=story, title="Elsewhere", url=url)


@pytest.mark.parametrize("url", REFUSED)
def test_forms_refuse_other_schemes_with_a_message(url):
    link = RelatedLink(article=ArticleFactory(published=True), title="Elsewhere", url=url)
    with pytest.raises(ValidationError) as refused:
        link.full_clean()
    assert "url" in refused.value.message_dict


@pytest.mark.parametrize("url", ["https://example.com/report", "http://example.com/", "HTTPS://EXAMPLE.COM/"])
def test_web_addresses_are_kept(url):
    link = RelatedLink(article=ArticleFactory(published=True), title="Elsewhere", url=url)
    link.full_clean()
    link.save()
    assert RelatedLink.objects.get(pk=link.pk).url == url
