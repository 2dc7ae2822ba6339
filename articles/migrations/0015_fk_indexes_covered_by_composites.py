"""
Foreign keys that a composite index already leads with lose their own index.

On a bench database of a million stories none of the four was used
(``pg_stat_user_indexes``) or the planner chose it only over an equivalent
composite: a story's section (``article_by_section_time``), a byline's story
(the ``byline_reporter_once`` constraint) and reporter (``byline_by_reporter``),
and a tag row's tag (``tagged_article_by_tag``). Together 98 MiB there, and an
index write less for every story, byline and tag row.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_admin_search_trigram_indexes"),
        ("authors", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="section",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="articles.section",
            ),
        ),
        migrations.AlterField(
            model_name="byline",
            name="article",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="bylines",
                to="articles.article",
            ),
        ),
        migrations.AlterField(
            model_name="byline",
            name="reporter",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bylines",
                to="authors.reporter",
            ),
        ),
        migrations.AlterField(
            model_name="taggedarticle",
            name="tag",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="%(app_label)s_%(class)s_items",
                to="taggit.tag",
            ),
        ),
    ]
