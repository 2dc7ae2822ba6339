"""The shapes of the API's answers (see ``articles.api``), which the OpenAPI schema describes."""

from datetime import datetime

from ninja import Schema
from pydantic import Field


class SectionOut(Schema):
    name: str
    slug: str
    description: str
    uri: str


class SubjectOut(Schema):
    name: str
    literal: str = Field(description="The tag's slug.")
    uri: str


class BylineOut(Schema):
    byline: str = Field(description="The reporter's display name.")
    slug: str
    uri: str
    role: str = "author"


class DescriptionOut(Schema):
    role: str
    contenttype: str
    value: str


class RenditionOut(Schema):
    name: str
    href: str
    width: int | None
    height: int | None
    mimetype: str


class AssociationOut(Schema):
    name: str
    type: str
    uri: str
    description_text: str = ""
    by: str = Field("", description="The image credit (“Image: …”).")
    renditions: list[RenditionOut]


class ReadLinkOut(Schema):
    headline: str
    uri: str
    after_paragraph: int | None = Field(description="Shown after this paragraph (1 is the first); null: at the end.")


class UpdateNoteOut(Schema):
    kind: str
    note: str
    noted_at: datetime


class StoryOut(Schema):
    uri: str = Field(description="The story's public address.")
    type: str = "text"
    representationtype: str = Field(description="“partial” in lists, “full” in the story's own answer.")
    version: str
    slug: str
    headline: str
    descriptions: list[DescriptionOut]
    by: str = Field(description="The byline as readers see it: “A, B and C”.")
    bylines: list[BylineOut]
    firstcreated: datetime = Field(description="When the story was first published.")
    versioncreated: datetime = Field(description="The public “Updated” time.")
    section: SectionOut
    subject: list[SubjectOut] = Field(description="The story's tags.")
    associations: list[AssociationOut] = Field(description="The lead image (name “featureimage”), if any.")


class StoryDetailOut(StoryOut):
    body_html: str
    read_links: list[ReadLinkOut]
    update_notes: list[UpdateNoteOut]


class StoryPage(Schema):
    items: list[StoryOut]
    next: str | None = Field(description="The address of the next page; null on the last.")
    next_cursor: str | None


class TagOut(Schema):
    name: str
    slug: str
    uri: str


class TagPage(Schema):
    items: list[TagOut]
    next: str | None
    next_cursor: str | None


class Error(Schema):
    detail: str | list | dict
