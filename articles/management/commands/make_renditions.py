"""
Make lead-image renditions for every story (after a bulk import that
bypassed ``save()``). Each distinct image is resized once and its renditions
written to every story using it in one UPDATE; running it again is cheap.
"""

from django.core.management.base import BaseCommand

from articles.images import lead_image_renditions, rendition_widths
from articles.models import Article


class Command(BaseCommand):
    help = "Make responsive renditions of every story's lead image and store them on the stories."

    def handle(self, *args, **options):
        names = Article.objects.exclude(lead_image="").order_by().values_list("lead_image", flat=True).distinct()
        done = 0
        for name in list(names):
            story = Article.objects.filter(lead_image=name).only("pk", "lead_image", "lead_image_width").first()
            story.lead_renditions = {}
            renditions = lead_image_renditions(story)
            if renditions:
                Article.objects.filter(lead_image=name).update(
                    lead_renditions={"name": name, "widths": rendition_widths(), "renditions": renditions}
                )
                done += 1
        self.stdout.write(self.style.SUCCESS(f"Renditions stored for {done} image(s)."))
