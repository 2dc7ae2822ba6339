from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget

from articles.forms import CheckedImageField

from .models import Reporter


class ReporterAdminForm(forms.ModelForm):
    # The same checks as lead images: a real picture within bounds, its EXIF (GPS) stripped.
    photo = CheckedImageField(required=False, widget=AdminFileWidget)

    class Meta:
        model = Reporter
        fields = ["user", "name", "slug", "job_title", "bio", "photo", "is_active"]


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    form = ReporterAdminForm
    list_display = ["name", "job_title", "user", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "job_title"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            # Bylines of new stories: inactive reporters keep old bylines but are not offered.
            queryset = queryset.filter(is_active=True)
        return queryset, may_have_duplicates
