from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, ArticleUpdate, Byline, RelatedLink, Section
from authors.models import Reporter


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Section {n}")


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    name = factory.Faker("name")
    job_title = "Correspondent"


class ArticleFactory(factory.django.DjangoModelFactory):
    """A story; ``draft`` by default, with ``in_review``, ``scheduled``, ``published`` traits."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Story number {n} makes the news")
    standfirst = "A summary of the story."
    body = "<p>First paragraph.</p><p>Second paragraph.</p><p>Third paragraph.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.DRAFT

    class Params:
        in_review = factory.Trait(status=Article.Status.IN_REVIEW)
        scheduled = factory.Trait(
            status=Article.Status.SCHEDULED,
            first_published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1)),
            updated_at=factory.SelfAttribute("first_published_at"),
        )
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            first_published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1)),
            updated_at=factory.SelfAttribute("first_published_at"),
        )
        unpublished = factory.Trait(
            status=Article.Status.UNPUBLISHED,
            first_published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )

    @factory.post_generation
    def reporters(self, create, extracted, **kwargs):
        if create and extracted:
            for position, reporter in enumerate(extracted):
                Byline.objects.create(article=self, reporter=reporter, position=position)

    @factory.post_generation
    def tag_names(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    article = factory.SubFactory(ArticleFactory)
    target = factory.SubFactory(ArticleFactory, published=True)


class ArticleUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleUpdate

    article = factory.SubFactory(ArticleFactory, published=True)
    note = "This story has been updated."


def published_archive(count, section):
    """
    ``count`` published stories in ``section``, one an hour going back from
    now, inserted in one go: enough of an archive for a query plan test to
    see the plan PostgreSQL picks at scale.
    """
    now = timezone.now()
    return Article.objects.bulk_create(
        Article(
            headline=f"Story {n}",
            slug=f"story-{n}",
            body="<p>Text.</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            first_published_at=now - timedelta(hours=n),
        )
        for n in range(1, count + 1)
    )
