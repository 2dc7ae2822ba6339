"""
Helpers for tests that drive the admin over HTTP the way a browser does:
read a rendered form's fields and values, change some, post them back.
"""

from html.parser import HTMLParser

from django.urls import reverse


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def workflow_url(article, action):
    return reverse("admin:articles_article_workflow", args=[article.pk, action])


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = []
        self._textarea = None
        self._select = None
        self._select_value = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select:
            # Like a browser: the selected option, else the first one.
            if "selected" in attrs or self._select_value is None:
                self._select_value = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop one newline straight after <textarea>.
            name, value = self._textarea
            self.data.append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "select" and self._select:
            if self._select_value is not None:
                self.data.append((self._select, self._select_value))
            self._select = None


def form_fields(response, form_id="article_form"):
    """The fields the rendered form would submit, as a dict (last value wins)."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    return dict(reader.data)


def post_change_form(client, article, **changes):
    """Open the story's change form, change some fields, save it; the response of the save."""
    url = change_url(article)
    data = form_fields(client.get(url))
    data.update(changes)
    return client.post(url, data)


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []
