"""Demo notices: what a township clerk tells the township's deputies, in the project's own
words."""

from deputies.models import Deputy

from .models import Notification
from .selectors import audience_preview
from .services import send_notice

# The notice's sending token: fixed, so that loading the demo again sends nothing more.
DEMO_TOKEN = "de" * 16

TITLE = "周五上午集中学习监督法"
BODY = (
    "请城关镇各位代表本周五上午九点到城关镇人大代表联络站参加集中学习，"
    "一起学习“监督法与乡镇人大监督”前两课。手机上已为大家安排了这门课，可以先看一看。"
)


def seed_notice(*, township, sender) -> int:
    """The township clerk's notice to every deputy in office in the township, sent once.
    Returns how many were sent now."""
    if Notification.objects.filter(title=TITLE, user__deputy__township=township).exists():
        return 0  # sent before (the township may have new deputies since: a new term)
    deputies = Deputy.objects.filter(township=township, is_active=True)
    return send_notice(
        sender=sender,
        audience=audience_preview(deputies),
        title=TITLE,
        body=BODY,
        token=DEMO_TOKEN,
    )
