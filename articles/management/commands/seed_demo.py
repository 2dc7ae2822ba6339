"""
Fill an empty database with demo content; running it again changes nothing.

Stories go through the workflow module like any other, with past times, so
the demo shows a realistic spread of publication and update times.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import workflow
from articles.demo.content import HINDI_STORY, PARAGRAPHS, REPORTERS, SECTIONS, STORIES, UPDATE_NOTES
from articles.demo.images import demo_image
from articles.models import Article, Byline, RelatedLink, Section
from authors.models import Reporter

CREDITS = ["Newsroom", "PTI", "self", "Vikram Bose", "Reuters"]


class Command(BaseCommand):
    help = "Load demo sections, reporters, stories and the demo logins (editor, reporter)."

    def handle(self, *args, **options):
        password = getattr(settings, "DEMO_PASSWORD", "newsroom")
        with transaction.atomic():
            editor, reporter_user = self.create_users(password)
            sections = self.create_sections()
            reporters = self.create_reporters(reporter_user)
            created = self.create_stories(editor, reporter_user, sections, reporters)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} new stories)."))
        self.stdout.write(f"Demo logins for {settings.NEWSROOM_SITE_URL.rstrip('/')}/{settings.ADMIN_URL}:")
        self.stdout.write(f"  editor   / {password}   (Editor: publishes, schedules, manages the desk)")
        self.stdout.write(f"  reporter / {password}   (Reporter: drafts and submits stories)")

    def create_users(self, password):
        User = get_user_model()
        users = []
        for username, group_name, full_name in [
            ("editor", "Editor", ("Esha", "Editor")),
            ("reporter", "Reporter", ("Asha", "Menon")),
        ]:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "first_name": full_name[0], "last_name": full_name[1]},
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=group_name))
            users.append(User.objects.get(pk=user.pk))  # fresh permission cache
        return users

    def create_sections(self):
        sections = {}
        for position, (name, slug, description) in enumerate(SECTIONS):
            sections[name], _ = Section.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "position": position}
            )
        return sections

    def create_reporters(self, reporter_user):
        reporters = []
        for name, job_title, bio in REPORTERS:
            reporter, _ = Reporter.objects.get_or_create(name=name, defaults={"job_title": job_title, "bio": bio})
            reporters.append(reporter)
        if reporters[0].user_id is None and not Reporter.objects.filter(user=reporter_user).exists():
            reporters[0].user = reporter_user
            reporters[0].save(update_fields=["user"])
        return reporters

    def create_stories(self, editor, reporter_user, sections, reporters):
        now = timezone.now()
        created = 0
        published = []
        stories = [*STORIES, HINDI_STORY]
        for index, story in enumerate(stories):
            section_name, headline, standfirst, tags, subheading, quote, speaker = story
            if Article.objects.filter(headline=headline).exists():
                continue
            created += 1
            section = sections[section_name]
            article = Article.objects.create(
                headline=headline,
                standfirst=standfirst,
                body=self.body(standfirst, subheading, quote, speaker, index),
                section=section,
                lead_image_alt=f"Illustration for the {section.name} section",
                lead_image_caption=f"{section.name}: {headline}" if index % 3 == 0 else "",
                lead_image_credit=CREDITS[index % len(CREDITS)],
                source="With inputs from PTI" if index % 4 == 1 else "",
                created_by=editor,
            )
            article.lead_image.save(f"demo-{article.slug}.jpg", ContentFile(demo_image(section.slug, section.name)))
            article.tags.set(tags)
            byline = [reporters[index % len(reporters)]]
            if index % 5 == 0:
                byline.append(reporters[(index + 3) % len(reporters)])
            Byline.objects.bulk_create(
                Byline(article=article, reporter=reporter, position=position)
                for position, reporter in enumerate(byline)
            )
            self.place_in_workflow(article, index, len(stories), editor, now)
            if article.status == Article.Status.PUBLISHED:
                self.add_read_links(article, published, index)
                published.append(article)

        if not Article.objects.filter(created_by=reporter_user).exists():
            draft = Article.objects.create(
                headline="Draft: residents ask for a footbridge at the railway crossing",
                standfirst="A petition signed by 2,000 people asks for a safe crossing near the station.",
                body="<p>Work in progress. Waiting for the railway's reply.</p>",
                section=sections["India"],
                created_by=reporter_user,
            )
            Byline.objects.create(article=draft, reporter=reporters[0], position=0)
        return created

    def body(self, standfirst, subheading, quote, speaker, index):
        weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][index % 5]
        paragraphs = [p.format(standfirst=standfirst, weekday=weekday, speaker=speaker) for p in PARAGRAPHS]
        html = [f"<p>{p}</p>" for p in paragraphs[:3]]
        html.append(f"<h2>{subheading}</h2>")
        html.append(f"<blockquote><p>“{quote}”</p></blockquote><p>That was how {speaker} put it.</p>")
        html += [f"<p>{p}</p>" for p in paragraphs[3:]]
        return "\n".join(html)

    def place_in_workflow(self, article, index, total, editor, now):
        if index == total - 2:
            workflow.article_submit(article=article, by=editor, note="Ready for the desk.")
            return
        if index == total - 1:
            # The Hindi story: scheduled for the near future.
            workflow.article_schedule(article=article, by=editor, at=now + timedelta(minutes=15))
            return
        published_at = now - timedelta(hours=7 + index * 11, minutes=index * 7)
        workflow.article_publish(article=article, by=editor, at=published_at)
        if index % 6 == 0:
            kind, note = UPDATE_NOTES[(index // 6) % len(UPDATE_NOTES)]
            workflow.article_record_update(
                article=article, by=editor, note=note, kind=kind, at=published_at + timedelta(hours=3, minutes=20)
            )

    def add_read_links(self, article, published, index):
        """Link each story to up to two earlier ones, one placed by hand."""
        targets = [a for a in reversed(published) if a.section_id == article.section_id][:2]
        for position, target in enumerate(targets):
            RelatedLink.objects.create(
                article=article, target=target, position=position, after_paragraph=2 if position == 0 else None
            )
        if index == 1:
            RelatedLink.objects.create(
                article=article,
                url="https://www.djangoproject.com/",
                title="The web framework this site is built with",
                position=len(targets),
            )
