"""Law texts for a demo or development site, read from a folder of official texts.

The project ships no law text: an administrator imports the official texts (see the README).
On a development machine the official texts used as test input lie in ../shared/laws, and
`seed_demo --laws` imports them so that the library has something to show.
"""

from pathlib import Path

from .lawtext import read_law_file
from .services import ImportResult, import_law

LAW_SUFFIXES = {".md", ".txt", ".docx"}


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
