"""The sections a newsroom files stories under (India, World, Sport…), in navigation order."""

from django.db import models

from newsroom.addresses import slug_address
from newsroom.slugs import unique_slug


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    description = models.TextField(blank=True, help_text="Shown under the section name on its page.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Sections are listed in this order in the navigation and on the home page."
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, fallback="section")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address("articles:section_detail", self.slug)
