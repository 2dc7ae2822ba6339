"""`manage.py import_story`: files become stories through the workflow; re-importing updates; bad files fail alone."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleTransition
from authors.models import Reporter

from ._import_helpers import sample_path, story_text
from .factories import ReporterFactory, SectionFactory


def run_import(*args):
    """Run the command; returns (exit status, stdout, stderr)."""
    import io

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_story", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def story_file(tmp_path):
    def write(name="story.txt", text=None, data=None):
        path = tmp_path / name
        path.write_bytes(data if data is not None else (text or story_text()).encode())
        return str(path)

    return write


def test_without_publish_a_new_story_lands_in_review(editor, story_file):
    status, out, _ = run_import("--user", editor.username, story_file())
    story = Article.objects.get()
    assert status == 0 and "created" in out
    assert story.status == Article.Status.IN_REVIEW
    assert story.first_published_at is None
    assert ArticleTransition.objects.filter(article=story, to_status="in_review").exists()


def test_publish_uses_the_files_published_and_updated_times(editor, story_file):
    text = story_text(updated="Updated June 2nd, 2024 at 10:00 IST")
    run_import("--user", editor.username, "--publish", story_file(text=text))
    story = Article.objects.get()
    assert story.status == Article.Status.PUBLISHED
    assert story.first_published_at == datetime(2024, 6, 1, 3, 0, tzinfo=UTC)
    assert story.updated_at == datetime(2024, 6, 2, 4, 30, tzinfo=UTC)
    assert story.is_visible()


def test_reimporting_the_same_file_updates_the_story_instead_of_duplicating(editor, story_file):
    path = story_file()
    run_import("--user", editor.username, "--publish", path)
    first = Article.objects.get()
    changed = story_text(body=("A corrected first paragraph, with the right figures this time.",))
    story_file(text=changed)
    status, out, _ = run_import("--user", editor.username, "--publish", path)
    assert status == 0 and "updated" in out
    story = Article.objects.get()
    assert story.pk == first.pk and story.slug == first.slug
    assert "corrected first paragraph" in story.body
    assert story.bylines.count() == 1


def test_byline_reporters_are_created_once_and_reused_in_order(editor, story_file):
    existing = ReporterFactory(name="Ravi Kumar")
    run_import("--user", editor.username, story_file(text=story_text(byline="Reported by: Asha Menon and Ravi Kumar")))
    story = Article.objects.with_byline().get()
    assert [r.name for r in story.reporters] == ["Asha Menon", "Ravi Kumar"]
    assert story.reporters[1] == existing
    assert Reporter.objects.get(name="Asha Menon").slug == "asha-menon"


def test_section_and_tags_from_options(editor, story_file):
    section = SectionFactory(name="World")
    run_import("--user", editor.username, "--section", "world", "--tag", "Turkey", "--tag", "NATO", story_file())
    story = Article.objects.get()
    assert story.section == section
    assert sorted(story.tags.names()) == ["NATO", "Turkey"]


def test_a_bad_file_is_reported_by_name_and_line_while_the_rest_import(editor, story_file):
    good = story_file("good.txt")
    bad = story_file("bad.txt", text=story_text(published="Published February 30th, 2021 at 10:00 IST"))
    empty = story_file("empty.txt", data=b"")
    binary = story_file("binary.txt", data=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    status, out, err = run_import("--user", editor.username, bad, good, empty, binary)
    assert status == 1
    assert f"{bad}, line 14: impossible date or time" in err
    assert f"{empty}: the file is empty." in err
    assert f"{binary}, line 3: binary data" in err
    assert "3 of 4 file(s) failed" in err
    assert f"{good}: created" in out
    assert Article.objects.count() == 1


def test_a_file_refused_by_the_workflow_leaves_nothing_behind(reporter_user, story_file):
    status, _, err = run_import("--user", reporter_user.username, "--publish", story_file())
    assert status == 1
    assert "Only editors can publish stories." in err
    assert not Article.objects.exists()
    assert not Reporter.objects.exists()


def test_reporters_may_import_into_review_but_not_change_a_submitted_story(reporter_user, story_file):
    path = story_file()
    assert run_import("--user", reporter_user.username, path)[0] == 0
    status, _, err = run_import("--user", reporter_user.username, path)
    assert status == 1 and "no longer your draft" in err
    assert Article.objects.get().created_by == reporter_user


def test_missing_files_and_unknown_users_are_clear_errors(editor, tmp_path):
    status, _, err = run_import("--user", editor.username, str(tmp_path / "nope.txt"))
    assert status == 1 and "nope.txt: cannot read the file" in err
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no active user"):
        call_command("import_story", "--user", "ghost", str(tmp_path / "nope.txt"))


def test_the_sample_imports_with_its_byline_credit_and_times(editor):
    status, _, err = run_import("--user", editor.username, "--publish", str(sample_path()))
    assert status == 0, err
    story = Article.objects.with_byline().get()
    assert story.headline == "US maintains firm stance on Turkey's purchase of S-400 Russian missile system"
    assert [r.name for r in story.reporters] == ["Bhavya Sukheja"]
    assert story.lead_image_credit == "self"
    assert story.first_published_at == datetime(2021, 2, 6, 11, 10, tzinfo=UTC)
    assert story.read_links.count() == 4


def test_reimporting_a_live_story_tells_page_caches(editor, story_file, django_capture_on_commit_callbacks):
    from articles.signals import public_content_changed

    path = story_file()
    run_import("--user", editor.username, "--publish", path)
    heard = []

    def listener(sender, article, **kwargs):
        heard.append(article.pk)

    public_content_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run_import("--user", editor.username, "--publish", path)
    finally:
        public_content_changed.disconnect(listener)
    assert heard == [Article.objects.get().pk]


def test_publish_with_a_published_time_still_ahead_schedules_the_story(editor, story_file):
    text = story_text(updated=None, published="Published December 31st, 2099 at 10:00 IST")
    status, _, err = run_import("--user", editor.username, "--publish", story_file(text=text))
    assert status == 0, err
    story = Article.objects.get()
    assert story.status == Article.Status.SCHEDULED
    assert story.first_published_at == datetime(2099, 12, 31, 4, 30, tzinfo=UTC)
    assert not story.is_visible()


def test_a_file_in_windows_1252_imports_with_its_curly_quotes(editor, story_file):
    text = story_text(body=("Kirby said, “Our position has not changed.” It’s firm.",))
    run_import("--user", editor.username, story_file(data=text.encode("cp1252")))
    assert "“Our position has not changed.” It’s firm." in Article.objects.get().body


def test_a_story_in_the_trash_is_not_revived_by_importing_it_again(editor, story_file):
    from django.utils import timezone

    path = story_file()
    run_import("--user", editor.username, path)
    Article.objects.update(trashed_at=timezone.now())
    status, _, err = run_import("--user", editor.username, path)
    assert status == 1 and "restore it there" in err
    assert Article.objects.in_trash().count() == 1 and Article.objects.count() == 1
