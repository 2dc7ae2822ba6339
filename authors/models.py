from django.conf import settings
from django.db import models

from newsroom.addresses import slug_address
from newsroom.slugs import unique_slug


class ReporterQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Reporter(models.Model):
    """A person who can appear in a byline, with or without a login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporter",
        help_text="The login this reporter uses in the admin. Leave blank for "
        "staff or contributors who are named in bylines but do not log in.",
    )
    name = models.CharField("display name", max_length=120)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Used in the reporter's page address. Filled in from the name if left blank.",
    )
    job_title = models.CharField(max_length=120, blank=True, help_text="For example “Senior Correspondent”.")
    bio = models.TextField("short bio", blank=True, max_length=1000)
    photo = models.ImageField(upload_to="reporters/", blank=True)
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Inactive reporters keep their page and bylines but are not offered for new stories.",
    )

    objects = ReporterQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name, fallback="reporter")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address("authors:reporter_detail", self.slug)
