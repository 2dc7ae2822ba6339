"""
Fill a database with synthetic newsroom data at scale, for benchmarks.

``python manage.py generate_newsroom --stories 1000000`` makes ~20 sections,
~500 reporters, ~20,000 tags with a long-tail (Zipf-like) distribution, and
stories with 3–8 tags, 1–3 reporters, 0–4 READ links, 0–2 update notes,
8–20 paragraph bodies and a few shared lead images (renditions included),
published over ten years. Each batch is one transaction; the command prints
progress.

It bypasses the workflow on purpose: it writes finished, consistent rows
(the check constraints still apply) rather than replaying a decade of
editorial history one story at a time. Rows go in through
``articles.generator.rows`` (``COPY`` on PostgreSQL) and each story's search
vector is composed by ``articles.generator.vectors``, so a million stories
take minutes, not hours. Run one generator at a time per database.
"""

import bisect
import random
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image
from taggit.models import Tag

from articles.demo.images import demo_image
from articles.generator.rows import BackgroundWriter, IdAllocator, RowWriter, secondary_indexes_dropped
from articles.generator.vectors import VectorComposer, strip_tags
from articles.generator.vocabulary import (
    FIRST_NAMES,
    LAST_NAMES,
    PLACES,
    SECTION_NAMES,
    SENTENCES,
    VERBS,
    WORDS,
    zipf_weights,
)
from articles.headline_keys import headline_key
from articles.images import lead_image_renditions
from articles.models import Article, ArticleUpdate, Byline, RelatedLink, Section, TaggedArticle
from authors.models import Reporter

STANDFIRST = "A generated summary of the story for benchmarking the site at scale."
# From this many stories on, the story table's secondary indexes are built once at the end.
BIG_LOAD = 100_000
LOADED_MODELS = [Article, Byline, TaggedArticle, RelatedLink, ArticleUpdate]


class Command(BaseCommand):
    help = "Generate synthetic sections, reporters, tags and stories for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, required=True, help="How many stories to add.")
        parser.add_argument("--batch", type=int, default=5000, help="Stories per transaction (default 5000).")
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
        self.reporters = self.ensure_reporters(reporters)
        self.tags = self.ensure_tags(tags)
        self.tag_ids = list(self.tags)
        self.tag_weights = zipf_weights(len(self.tag_ids))
        self.images = self.ensure_images()
        self.paragraphs = self.paragraph_pool(600)
        self.writer = RowWriter()
        self.vectors = VectorComposer() if connection.vendor == "postgresql" else None
        if connection.vendor == "postgresql" and stories >= BIG_LOAD and not connection.in_atomic_block:
            with secondary_indexes_dropped(Article, out=self.stdout.write):
                self.generate_stories(stories, batch, years)
        else:
            self.generate_stories(stories, batch, years)
        RowWriter.reset_sequences(LOADED_MODELS)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # VACUUM sets the visibility map, so tag and byline lookups are
                # index-only scans from the start, as on a database that has
                # been running; it cannot run inside a caller's transaction.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
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
        return dict(Reporter.objects.values_list("pk", "name"))

    def ensure_tags(self, count):
        have = Tag.objects.count()
        pairs = [f"{a} {b}" for a in WORDS for b in WORDS if a != b]
        self.rng.shuffle(pairs)
        new = [Tag(name=f"{pairs[i % len(pairs)]} {i}", slug=f"tag-{i}") for i in range(have, count)]
        Tag.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
        return dict(Tag.objects.order_by("pk").values_list("pk", "name"))

    def ensure_images(self):
        """A few shared lead images, each with its renditions made once: ``(name, width, height, renditions)``."""
        images = []
        for index, section in enumerate(self.sections[:8]):
            name = f"leads/generated/shared-{index}.jpg"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(demo_image(section.slug, section.name)))
            with default_storage.open(name) as handle, Image.open(handle) as image:
                width, height = image.size
            story = Article(lead_image=name, lead_image_width=width, lead_image_height=height)
            lead_image_renditions(story)  # unsaved: fills story.lead_renditions, writes nothing
            images.append((name, width, height, story.lead_renditions))
        return images

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

    def body_blocks(self):
        r = self.rng
        blocks = r.sample(self.paragraphs, r.randint(8, 20))
        blocks.insert(len(blocks) // 2, f"<h2>The {r.choice(WORDS)} question</h2>")
        if r.random() < 0.5:
            blocks.insert(3, f"<blockquote><p>“The {r.choice(WORDS)} matters to everyone here.”</p></blockquote>")
        return blocks

    def pick_tags(self):
        chosen = {}  # a dict keeps the order they were picked in: the order the rows go in
        want = self.rng.randint(3, 8)
        total = self.tag_weights[-1]
        while len(chosen) < want:
            chosen[self.tag_ids[bisect.bisect_left(self.tag_weights, self.rng.random() * total)]] = None
        return list(chosen)

    def generate_stories(self, count, batch_size, years):
        now = timezone.now()
        start = now - timedelta(days=365 * years)
        step = (now - start) / count
        ids = {model: IdAllocator(model) for model in LOADED_MODELS}
        earlier_ids = list(Article.objects.order_by("-pk").values_list("pk", flat=True)[:5000])
        # Writing on a second thread needs a second connection, so not inside
        # a caller's transaction (as in tests), where it could not see the rows.
        background = connection.vendor == "postgresql" and not connection.in_atomic_block
        writer = BackgroundWriter(self.write_batch) if background else None
        made, clock = 0, time.monotonic()
        try:
            while made < count:
                size = min(batch_size, count - made)
                stories = [
                    self.story(pk, start + step * (made + n), earlier_ids)
                    for n, pk in enumerate(ids[Article].take(size))
                ]
                related_rows = {model: [row for s in stories for row in s[model]] for model in LOADED_MODELS[1:]}
                for model, rows in related_rows.items():
                    for row, pk in zip(rows, ids[model].take(len(rows)), strict=True):
                        row["id"] = pk
                if self.vectors:
                    self.add_search_vectors(stories)
                batch = [self.writer.prepare(Article, [s["article"] for s in stories])]
                batch += [self.writer.prepare(model, rows) for model, rows in related_rows.items()]
                if writer:
                    writer.put(batch)
                else:
                    self.write_batch(batch)
                earlier_ids = [s["article"]["id"] for s in stories[-5000:]]
                made += size
                rate = made / max(time.monotonic() - clock, 1e-6)
                self.stdout.write(
                    f"{made:,} / {count:,} stories ({rate:,.0f}/s, {(count - made) / rate / 60:.1f} min to go)"
                )
        finally:
            if writer:
                writer.close()

    def write_batch(self, batch):
        """Store one batch of prepared rows (``RowWriter.prepare``), stories first, in one transaction."""
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Losing the last batches in a crash is harmless here; waiting for each flush is not.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit = off")
            for prepared in batch:
                RowWriter.write(prepared)

    def story(self, pk, slot, earlier_ids):
        """One story's rows: the article, and its bylines, tags, READ links and notes."""
        r = self.rng
        published_at = slot + timedelta(seconds=r.randint(0, 59))
        updated_at = published_at + timedelta(hours=3) if r.random() < 0.3 else published_at
        headline = self.headline()
        blocks = self.body_blocks()
        image, width, height, renditions = r.choice(self.images)
        reporter_ids = r.sample(list(self.reporters), r.randint(1, 3))
        tag_ids = self.pick_tags()
        article = {
            "id": pk,
            "headline": headline,
            "headline_key": headline_key(headline),
            "slug": f"story-{pk}",
            "standfirst": STANDFIRST,
            "body": "\n".join(blocks),
            "section_id": r.choice(self.sections).pk,
            "lead_image": image,
            "lead_image_width": width,
            "lead_image_height": height,
            "lead_image_alt": "Generated illustration",
            "lead_image_credit": r.choice(["PTI", "Reuters", "self", "Newsroom"]),
            "lead_renditions": renditions,
            "status": Article.Status.PUBLISHED,
            "first_published_at": published_at,
            "updated_at": updated_at,
            "created_at": published_at - timedelta(hours=2),
            "modified_at": updated_at,
        }
        links = []
        if earlier_ids:
            links = [
                {
                    "article_id": pk,
                    "target_id": r.choice(earlier_ids),
                    "position": position,
                    "after_paragraph": r.choice([None, None, 2, 4]),
                }
                for position in range(r.randint(0, 4))
            ]
        notes = []
        if updated_at != published_at:
            notes = [
                {
                    "article_id": pk,
                    "kind": ArticleUpdate.Kind.UPDATE,
                    "note": "This story has been updated.",
                    "noted_at": updated_at,
                }
                for _ in range(r.randint(1, 2))
            ]
        return {
            "article": article,
            "blocks": blocks,
            # The story's time is given, so the copy triggers need not look it up.
            Byline: [
                {"article_id": pk, "reporter_id": reporter_id, "position": position, "published_at": published_at}
                for position, reporter_id in enumerate(reporter_ids)
            ],
            TaggedArticle: [
                {"content_object_id": pk, "tag_id": tag_id, "published_at": published_at} for tag_id in tag_ids
            ],
            RelatedLink: links,
            ArticleUpdate: notes,
        }

    def add_search_vectors(self, stories):
        """What ``articles.search`` stores for each story, composed from fragments PostgreSQL parsed once."""
        for s in stories:
            s["parts"] = [
                ("A", s["article"]["headline"].split(" ")),
                ("B", [STANDFIRST]),
                ("C", [strip_tags(block) for block in s["blocks"]]),
                (
                    "D",
                    [self.tags[row["tag_id"]] for row in s[TaggedArticle]]
                    + [self.reporters[row["reporter_id"]] for row in s[Byline]],
                ),
            ]
        self.vectors.learn(text for s in stories for _, fragments in s["parts"] for text in fragments)
        for s in stories:
            s["article"]["search_vector"] = self.vectors.compose(s["parts"])
