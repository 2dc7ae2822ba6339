"""
Forms the editorial admin uses: the story form (rich-text body, the version
it was based on, the real-update-or-silent-fix choice, a validated lead
image) and the small form behind the workflow buttons.
"""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from .admin_schedule import NewsroomDateTimeField
from .models import Article, ArticleUpdate
from .revisions import TEXT_FIELDS, article_snapshot, revision_at_version, snapshot_diff_html
from .uploads import validate_lead_image


class RichTextWidget(forms.Textarea):
    """A textarea that ``newsroom-admin/richtext.js`` turns into a Quill editor (assets vendored, no CDN)."""

    class Media:
        css = {"all": ["vendor/quill/quill.snow.css", "newsroom-admin/richtext.css"]}
        js = ["vendor/quill/quill.js", "newsroom-admin/richtext.js"]

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-rich-text": "body", "rows": 20, **(attrs or {})})


class CheckedImageField(forms.ImageField):
    """An uploaded picture checked by ``articles.uploads.validate_lead_image`` (clear messages, metadata stripped)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return validate_lead_image(upload)


class ChangeKind:
    REAL_UPDATE = "real_update"
    SILENT_FIX = "silent_fix"
    SCHEDULED_UPDATE = "scheduled_update"
    CHOICES = [
        (REAL_UPDATE, "Real update: moves the public “Updated” time (add an update note below if readers should know)"),
        (SILENT_FIX, "Silent fix: a typo or similar; the public times stay as they are"),
        (
            SCHEDULED_UPDATE,
            "Scheduled update: readers keep the current version until the time below, "
            "then see this one as a real update",
        ),
    ]


class ArticleAdminForm(forms.ModelForm):
    """
    The story form. It remembers the ``version`` it was opened at and refuses
    to save over a newer one; on a live story it asks whether the change is a
    real update or a silent fix.
    """

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_kind = forms.ChoiceField(
        label="This change is a", choices=ChangeKind.CHOICES, widget=forms.RadioSelect, required=False
    )
    update_kind = forms.ChoiceField(label="Note type", choices=ArticleUpdate.Kind.choices, required=False)
    update_note = forms.CharField(
        label="Note to readers",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional, for a real update: shown at the foot of the story with the time.",
    )
    go_live_at = NewsroomDateTimeField(
        label="Scheduled update goes live at",
        required=False,
        help_text="Only for a scheduled update; in the newsroom's time zone.",
    )
    lead_image = CheckedImageField(required=False, widget=AdminFileWidget)

    class Meta:
        model = Article
        # The admin narrows this per user (reporters get no publishing fields).
        fields = [
            "headline",
            "slug",
            "standfirst",
            "body",
            "section",
            "tags",
            "source",
            "lead_image",
            "lead_image_alt",
            "lead_image_caption",
            "lead_image_credit",
            "top_story_position",
            "expire_at",
        ]
        widgets = {"body": RichTextWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set by clean() when someone else saved the story meanwhile; the change form shows it.
        self.conflict = None
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
        if "tags" in self.fields:
            # newsroom-admin/tags.js suggests existing tags as the user types.
            self.fields["tags"].widget.attrs["data-tag-suggest-url"] = reverse("admin:articles_article_tag_suggestions")
        if "change_kind" in self.fields and self.is_live:
            self.fields["change_kind"].required = True

    @property
    def is_live(self):
        return self.instance.pk is not None and self.instance.status == Article.Status.PUBLISHED

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_stale_version(cleaned.get("base_version"))
        kind = cleaned.get("change_kind")
        if kind not in (ChangeKind.REAL_UPDATE, ChangeKind.SCHEDULED_UPDATE) and cleaned.get("update_note"):
            self.add_error(
                "update_note", "A note to readers goes with a real update; choose “Real update” or clear it."
            )
        if "expire_at" in self.fields and "expire_at" in self.changed_data:
            self._check_expiry(cleaned.get("expire_at"))
        if kind == ChangeKind.SCHEDULED_UPDATE:
            self._check_scheduled_update(cleaned.get("go_live_at"))
        elif cleaned.get("go_live_at"):
            self.add_error("go_live_at", "A go-live time goes with a scheduled update; choose it or clear the time.")
        return cleaned

    def _check_expiry(self, expire_at):
        # The checks workflow.article_set_expiry makes (the admin saves the expiry through it),
        # here so they show beside the field instead of as a database error.
        if expire_at is None:
            return
        if expire_at <= timezone.now():
            self.add_error(
                "expire_at", "The expiry time must be in the future; to take the story down now, unpublish it."
            )
        elif self.instance.first_published_at and expire_at <= self.instance.first_published_at:
            self.add_error("expire_at", "The story would expire before it is published.")

    def _check_scheduled_update(self, go_live_at):
        # The same checks workflow.revision_schedule makes, here so they show beside the fields.
        if go_live_at is None:
            self.add_error("go_live_at", "Enter when the update should go live.")
        elif go_live_at <= timezone.now():
            self.add_error("go_live_at", "The update time must be in the future.")
        elif self.instance.expire_at and go_live_at >= self.instance.expire_at:
            self.add_error("go_live_at", "The story expires before that time.")
        pending = self.instance.revisions.filter(go_live_at__isnull=False, applied_at__isnull=True).first()
        if pending is not None:
            self.add_error(
                "change_kind",
                f"An update is already scheduled for {timezone.localtime(pending.go_live_at):%Y-%m-%d %H:%M}; "
                "change or cancel it on the Schedule page first.",
            )

    def _refuse_stale_version(self, base_version):
        # The admin runs clean() and the save in one transaction; locking the
        # row here means no other save can slip in between check and write.
        current = Article.objects.select_for_update().values_list("version", flat=True).get(pk=self.instance.pk)
        if base_version is None:
            raise ValidationError(
                "The form is missing the version it was opened at; reload the page.", code="no_version"
            )
        if base_version == current:
            return
        base = revision_at_version(self.instance, base_version)
        meanwhile = list(
            self.instance.revisions.filter(base_version__gt=base_version).select_related("created_by")[:10]
        )
        editors = sorted({str(r.created_by) for r in meanwhile if r.created_by}) or ["someone else"]
        saved = article_snapshot(self.instance)
        if base is not None:
            diff = snapshot_diff_html(
                base.content,
                saved,
                old_label="When you opened the story",
                new_label="Saved since by " + ", ".join(editors),
            )
        else:
            # No revision of the version the user opened: compare their text with the saved one instead.
            yours = {**saved, **{name: self.cleaned_data[name] for name in TEXT_FIELDS if name in self.cleaned_data}}
            diff = snapshot_diff_html(
                yours, saved, old_label="Your version", new_label="Saved meanwhile by " + ", ".join(editors)
            )
        self.conflict = {"editors": editors, "diff": diff, "current_version": current, "compared_with_base": base}
        # The next save is a deliberate overwrite by someone who has seen the diff.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = current
        raise ValidationError(
            "%(who)s saved this story after you opened it, so your changes were not saved. "
            "Your text is kept below; compare it with what changed meanwhile, then save again to replace "
            "their version with yours.",
            code="stale_version",
            params={"who": ", ".join(editors)},
        )


class WorkflowActionForm(forms.Form):
    """What a workflow button sends: an optional note, a time to schedule at, the kind of an update note."""

    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    # Refuses a time in a daylight-saving gap or overlap with a clear message.
    at = NewsroomDateTimeField(label="Publish at", required=False, help_text="In the newsroom's time zone.")
    kind = forms.ChoiceField(choices=ArticleUpdate.Kind.choices, required=False)
