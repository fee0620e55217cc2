"""Law texts for a demo or development site, read from a folder of official texts.

The project ships no law text: an administrator imports the official texts
(docs/user-guide/content-editor.md). On a development machine the official texts used as test
input lie in ../shared/laws, and `seed_demo --laws` imports them so that the library has
something to show.

What the demo always has are study notes, in the project's own words, never the official
wording, for the laws whose official text a demo site may not have imported: one Markdown file
a law in demo_content/ (the format is in notefiles.py). Numbers cite the versions in force:
选举法 as amended in 2020, 监督法 as amended in 2024, 地方组织法 as amended in 2022. When an
administrator imports the official text, the reader shows each note under its article.
"""

from pathlib import Path

from .lawtext import read_law_file
from .models import ArticleNote, LawPage
from .notefiles import StudyLaw, read_notes_file
from .services import ImportResult, find_law, import_law, library_index

LAW_SUFFIXES = {".md", ".txt", ".docx"}
CONTENT = Path(__file__).parent / "demo_content"
STUDY_LAWS = ["xuanjufa", "jiandufa", "difangzuzhifa"]  # files of CONTENT, in the library's order


def study_laws() -> list[StudyLaw]:
    """The demo's study laws and their notes, read from their files."""
    return [read_notes_file(CONTENT / f"{slug}.md") for slug in STUDY_LAWS]


def import_law_folder(folder: Path) -> list[ImportResult]:
    """Import every law text in the folder (README.md excepted), oldest version first so that
    the newest ends up in force. Already imported texts are left as they are."""
    files = sorted(
        path
        for path in folder.iterdir()
        if path.suffix.lower() in LAW_SUFFIXES and path.name.lower() != "readme.md"
    )
    parsed = [(path, read_law_file(path.name, path.read_bytes())) for path in files]
    parsed.sort(key=lambda item: (item[1].latest_date is None, item[1].latest_date))
    return [import_law(parsed=law, source_name=path.name) for path, law in parsed]


def seed_study_notes() -> list[LawPage]:
    """Create the study laws' pages where missing (titled as the official text, so that
    importing it later finds the page) and add the notes they lack, and the version they
    follow where the page does not say it yet. Notes editors changed are left as they are."""
    laws = []
    for data in study_laws():
        law = LawPage.objects.filter(slug=data.slug).first() or find_law(data.title)
        if law is None:
            law = LawPage(
                title=data.title,
                slug=data.slug,
                short_name=data.short_name,
                summary=data.summary,
                notes_follow=data.follows,
                live=True,
            )
            library_index().add_child(instance=law)
        elif law.notes_follow is None and data.follows is not None:
            law.notes_follow = data.follows
            law.save(update_fields=["notes_follow"])
        have = set(law.notes.values_list("article", flat=True))
        ArticleNote.objects.bulk_create(
            ArticleNote(law=law, article=number, heading=heading, text=text, sort_order=i)
            for i, (number, heading, text) in enumerate(data.notes)
            if number not in have
        )
        laws.append(law)
    return laws
