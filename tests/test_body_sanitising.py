"""Story bodies are sanitised against an allow-list on every save."""

import pytest

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_script_and_event_handlers_are_removed_on_save():
    story = ArticleFactory(body='<p onclick="steal()">Hello<script>alert(1)</script></p>')
    assert story.body == "<p>Hello</p>"


def test_javascript_links_lose_their_href():
    story = ArticleFactory(body='<p><a href="javascript:alert(1)">click</a></p>')
    assert "javascript" not in story.body


def test_allowed_structure_is_kept():
    html = (
        "<h2>Subheading</h2><h3>Minor</h3><p><strong>bold</strong> <em>italic</em></p>"
        "<blockquote><p>quote</p></blockquote><ul><li>one</li></ul><ol><li>two</li></ol>"
    )
    assert ArticleFactory(body=html).body == html


def test_links_keep_their_address_and_gain_safe_rel():
    story = ArticleFactory(body='<p><a href="https://example.com/">site</a></p>')
    assert 'href="https://example.com/"' in story.body
    assert 'rel="noopener noreferrer"' in story.body
