"""Factories shared by the tests and the demo seeding command: the law library's pages, the
versions of a law's text (imported through `materials.services.import_law`, so chapters and
articles are made as an upload makes them) and study notes."""

import factory
import wagtail_factories

from .lawtext import parse_law
from .models import ArticleNote, LawPage, LawVersion
from .services import import_law, library_index

# A short law in the shape official texts take (see materials.lawtext).
LAW_TEXT = """# 某某县代表联络站工作规则

2021年3月1日 某某县人民代表大会常务委员会第三次会议通过

<!-- INFO END -->

某某县代表联络站工作规则

## 第一章　总　则

第一条　为了规范代表联络站工作，制定本规则。

第二条　代表联络站每月至少开放一次。
"""


class LawPageFactory(wagtail_factories.PageFactory):
    """A law in the library (made if there is none) with no official text yet."""

    class Meta:
        model = LawPage

    parent = factory.LazyFunction(library_index)
    title = factory.Sequence(lambda n: f"某某县规则{n}")
    slug = factory.Sequence(lambda n: f"law-{n}")
    short_name = factory.Sequence(lambda n: f"规则{n}")


class LawVersionFactory(factory.django.DjangoModelFactory):
    """A version of a law's text, imported from `text` (Markdown, as materials.lawtext reads
    it) as an upload would be: the law page is made if it is new."""

    class Meta:
        model = LawVersion

    text = LAW_TEXT
    source_name = "law.md"

    @classmethod
    def _create(cls, model_class, *args, text, **kwargs):
        return import_law(parsed=parse_law(text), **kwargs).version


class ArticleNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleNote

    law = factory.SubFactory(LawPageFactory)
    article = 1
    heading = "为什么制定"
    text = "规范工作。"
