"""Wagtail's groups under their names in the reader's language.

The groups are stored with Chinese names (deputies migration 0004); the English interface shows
their English names. Wagtail shows a group through `str()` (the user form's checkboxes, page and
collection privacy, workflow tasks) or its `name` (the groups listing), so `Group.__str__` is
made to name known groups in the current language (DeputiesUsersAppConfig.ready), and the
listing's column does the same. A group someone adds keeps the name they gave it.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.users.views.groups import GroupViewSet as WagtailGroupViewSet
from wagtail.users.views.groups import IndexView as WagtailIndexView

from .editor_permissions import GROUP_LABELS


def group_label(group: Group) -> str:
    return str(GROUP_LABELS.get(group.name, group.name))


class IndexView(WagtailIndexView):
    columns = [
        TitleColumn(
            "name",
            accessor=group_label,
            label=_("Group name"),
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        ),
    ]


class GroupViewSet(WagtailGroupViewSet):
    index_view_class = IndexView
