"""
Fill a database with synthetic newsroom data at scale, for benchmarks.

``python manage.py generate_newsroom --stories 1000000`` makes ~20 sections,
~500 reporters, ~20,000 tags with a long-tail (Zipf-like) distribution, and
stories with 3–8 tags, 1–3 reporters, 0–4 READ links, 0–2 update notes,
8–20 paragraph bodies and a few shared lead images, published over ten
years. Rows go in with bulk inserts in batches; the command prints progress.

It bypasses the workflow on purpose: it writes finished, consistent rows
(the check constraints still apply) rather than replaying a decade of
editorial history one story at a time.
"""

import bisect
import itertools
import random
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag

from articles.demo.images import demo_image
from articles.headline_keys import headline_key
from articles.models import Article, ArticleUpdate, Byline, RelatedLink, Section, TaggedArticle
from articles.search import update_search_vectors
from authors.models import Reporter

SECTION_NAMES = [
    "India",
    "World",
    "Business",
    "Science",
    "Sport",
    "Culture",
    "Politics",
    "Technology",
    "Health",
    "Education",
    "Environment",
    "Cities",
    "Opinion",
    "Markets",
    "Cricket",
    "Football",
    "Travel",
    "Food",
    "Books",
    "Film",
]
FIRST_NAMES = [
    "Aarav",
    "Aditi",
    "Amit",
    "Ananya",
    "Arjun",
    "Deepa",
    "Farah",
    "Gaurav",
    "Isha",
    "Jaya",
    "Karan",
    "Kavita",
    "Lakshmi",
    "Manoj",
    "Meera",
    "Naveen",
    "Neha",
    "Pooja",
    "Rahul",
    "Ravi",
    "Sanjay",
    "Shreya",
    "Sunil",
    "Tara",
    "Uma",
    "Varun",
    "Vidya",
    "Yash",
    "Zoya",
    "Omar",
]
LAST_NAMES = [
    "Agarwal",
    "Bhat",
    "Chopra",
    "Das",
    "Fernandes",
    "Ghosh",
    "Iyer",
    "Joshi",
    "Kapoor",
    "Khan",
    "Kulkarni",
    "Menon",
    "Mishra",
    "Nair",
    "Pandey",
    "Patel",
    "Pillai",
    "Rao",
    "Reddy",
    "Sen",
    "Shah",
    "Sharma",
    "Singh",
    "Thomas",
    "Varma",
]
WORDS = (
    "budget rail monsoon court council election market rupee startup cricket stadium hospital "
    "school river forest metro airport port harbour festival museum library bridge highway "
    "farmer village city state nation summit treaty border trade export import energy solar "
    "wind coal water drought flood heatwave vaccine clinic doctor teacher student university "
    "satellite rocket telescope comet robot software data privacy bank loan tax pension housing "
    "rent tenant factory textile steel cement auto battery charging bus tram cycle walking "
    "police fire rescue storm cyclone coast island mountain valley temple heritage film music "
    "book novel poet chef spice tea coffee rice wheat millet sugar cotton"
).split()
PLACES = ["Kaveri Nagar", "Hill Road", "the capital", "the coast", "the plains", "the valley", "Riverside", "Old Town"]
VERBS = ["approves", "rejects", "opens", "delays", "expands", "reviews", "launches", "funds", "questions", "wins"]
SENTENCES = [
    "Officials said the {a} plan would be reviewed again next month.",
    "Residents of {p} have asked for more information about the {a} and the {b}.",
    "The {a} project has been discussed for several years, and critics say the {b} matters more.",
    "Figures released on Monday show the {a} grew faster than expected, while the {b} slowed.",
    "Experts said the lessons from the {a} would be watched closely in {p}.",
    "A public meeting about the {b} is planned, and documents have been published online.",
    "“We have waited a long time for the {a},” said one resident of {p}.",
    "The council said the {b} would be paid for from the existing budget.",
]


def zipf_weights(n, s=1.1, shift=40):
    """Cumulative Zipf–Mandelbrot weights: a long tail, and a head that is big but not absurd."""
    return list(itertools.accumulate(1 / ((rank + shift) ** s) for rank in range(1, n + 1)))


class Command(BaseCommand):
    help = "Generate synthetic sections, reporters, tags and stories for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, required=True, help="How many stories to add.")
        parser.add_argument("--batch", type=int, default=5000, help="Stories per bulk insert (default 5000).")
        parser.add_argument("--tags", type=int, default=20000, help="Size of the tag vocabulary.")
        parser.add_argument("--reporters", type=int, default=500)
        parser.add_argument("--years", type=int, default=10, help="Spread publication times over this many years.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for repeatable data.")

    def handle(self, *args, stories, batch, tags, reporters, years, seed, **options):
        if stories < 1 or batch < 1 or tags < 10 or reporters < 3 or years < 1:
            raise CommandError("--stories and --batch must be positive; --tags ≥ 10, --reporters ≥ 3, --years ≥ 1.")
        self.rng = random.Random(seed)  # noqa: S311 # nosec B311 # repeatable test data, not secrets
        started = time.monotonic()
        self.sections = self.ensure_sections()
        self.reporter_ids = self.ensure_reporters(reporters)
        self.tag_ids = self.ensure_tags(tags)
        self.tag_weights = zipf_weights(len(self.tag_ids))
        self.images = self.ensure_images()
        self.paragraphs = self.paragraph_pool(600)
        self.generate_stories(stories, batch, years)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.0f} s."))

    # Reference data -----------------------------------------------------

    def ensure_sections(self):
        existing = {s.name: s for s in Section.objects.all()}
        for position, name in enumerate(SECTION_NAMES):
            if name not in existing:
                existing[name] = Section.objects.create(name=name, position=position)
        return list(existing.values())

    def ensure_reporters(self, count):
        have = Reporter.objects.count()
        names = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
        self.rng.shuffle(names)
        new = []
        for index in range(have, count):
            name = f"{names[index % len(names)]} {index // len(names) + 1}" if index >= len(names) else names[index]
            new.append(Reporter(name=name, slug=f"generated-reporter-{index}"))
        Reporter.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        return list(Reporter.objects.values_list("pk", flat=True))

    def ensure_tags(self, count):
        have = Tag.objects.count()
        pairs = [f"{a} {b}" for a in WORDS for b in WORDS if a != b]
        self.rng.shuffle(pairs)
        new = [Tag(name=f"{pairs[i % len(pairs)]} {i}", slug=f"tag-{i}") for i in range(have, count)]
        Tag.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
        return list(Tag.objects.order_by("pk").values_list("pk", flat=True))

    def ensure_images(self):
        names = []
        for index, section in enumerate(self.sections[:8]):
            name = f"leads/generated/shared-{index}.jpg"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(demo_image(section.slug, section.name)))
            names.append(name)
        return names

    def paragraph_pool(self, size):
        pool = []
        for _ in range(size):
            sentences = self.rng.sample(SENTENCES, self.rng.randint(2, 4))
            text = " ".join(
                s.format(a=self.rng.choice(WORDS), b=self.rng.choice(WORDS), p=self.rng.choice(PLACES))
                for s in sentences
            )
            pool.append(f"<p>{text}</p>")
        return pool

    # Stories ------------------------------------------------------------

    def headline(self):
        r = self.rng
        place, board, verb = r.choice(PLACES), r.choice(WORDS), r.choice(VERBS)
        return f"{place[0].upper()}{place[1:]} {board} board {verb} {r.choice(WORDS)} {r.choice(WORDS)} plan"

    def body(self):
        r = self.rng
        paragraphs = r.sample(self.paragraphs, r.randint(8, 20))
        paragraphs.insert(len(paragraphs) // 2, f"<h2>The {r.choice(WORDS)} question</h2>")
        if r.random() < 0.5:
            paragraphs.insert(3, f"<blockquote><p>“The {r.choice(WORDS)} matters to everyone here.”</p></blockquote>")
        return "\n".join(paragraphs)

    def pick_tags(self):
        chosen = set()
        want = self.rng.randint(3, 8)
        total = self.tag_weights[-1]
        while len(chosen) < want:
            chosen.add(self.tag_ids[bisect.bisect_left(self.tag_weights, self.rng.random() * total)])
        return chosen

    def generate_stories(self, count, batch_size, years):
        now = timezone.now()
        start = now - timedelta(days=365 * years)
        step = (now - start) / count
        offset = Article.objects.count()
        earlier_ids = list(Article.objects.order_by("-pk").values_list("pk", flat=True)[:5000])
        made, clock = 0, time.monotonic()
        while made < count:
            size = min(batch_size, count - made)
            with transaction.atomic():
                articles = []
                for i in range(made, made + size):
                    published_at = start + step * i + timedelta(seconds=self.rng.randint(0, 59))
                    number = offset + i
                    updated = self.rng.random() < 0.3
                    articles.append(
                        Article(
                            headline=(headline := self.headline()),
                            headline_key=headline_key(headline),
                            slug=f"story-{number}",
                            standfirst="A generated summary of the story for benchmarking the site at scale.",
                            body=self.body(),
                            section=self.rng.choice(self.sections),
                            lead_image=self.rng.choice(self.images),
                            lead_image_width=1200,
                            lead_image_height=675,
                            lead_image_alt="Generated illustration",
                            lead_image_credit=self.rng.choice(["PTI", "Reuters", "self", "Newsroom"]),
                            status=Article.Status.PUBLISHED,
                            first_published_at=published_at,
                            updated_at=published_at + timedelta(hours=3) if updated else published_at,
                            created_at=published_at - timedelta(hours=2),
                            modified_at=published_at,
                        )
                    )
                Article.objects.bulk_create(articles, batch_size=1000)
                self.add_relations(articles, earlier_ids)
                # bulk_create skips save() and the signals that keep search current.
                update_search_vectors([a.pk for a in articles])
            earlier_ids = [a.pk for a in articles[-5000:]]
            made += size
            rate = made / max(time.monotonic() - clock, 1e-6)
            self.stdout.write(f"{made:,} / {count:,} stories ({rate:,.0f}/s)")

    def add_relations(self, articles, earlier_ids):
        r = self.rng
        bylines, tagged, links, notes = [], [], [], []
        for article in articles:
            for position, reporter_id in enumerate(r.sample(self.reporter_ids, r.randint(1, 3))):
                bylines.append(Byline(article_id=article.pk, reporter_id=reporter_id, position=position))
            for tag_id in self.pick_tags():
                tagged.append(TaggedArticle(content_object_id=article.pk, tag_id=tag_id))
            if earlier_ids:
                for position in range(r.randint(0, 4)):
                    links.append(
                        RelatedLink(
                            article_id=article.pk,
                            target_id=r.choice(earlier_ids),
                            position=position,
                            after_paragraph=r.choice([None, None, 2, 4]),
                        )
                    )
            if article.updated_at != article.first_published_at:
                for _ in range(r.randint(1, 2)):
                    notes.append(
                        ArticleUpdate(
                            article_id=article.pk, note="This story has been updated.", noted_at=article.updated_at
                        )
                    )
        Byline.objects.bulk_create(bylines, batch_size=5000)
        TaggedArticle.objects.bulk_create(tagged, batch_size=5000)
        RelatedLink.objects.bulk_create(links, batch_size=5000)
        ArticleUpdate.objects.bulk_create(notes, batch_size=5000)
