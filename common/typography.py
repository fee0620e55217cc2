"""Chinese typography that Django leaves to its translations: the suffix of a form's labels.

Django appends `_(":")` to a label unless the label already ends in one of `_(":?.!")`, and its
own Chinese catalogue keeps both in ASCII: labels read "您是否参加？:" and "姓名:". The two
strings are marked here so that makemessages keeps them in the project's catalogue, whose
translations come before Django's (LOCALE_PATHS). In Chinese the suffix is the full-width "："
and no suffix follows a label that ends in "？", "：", "。" or "！"; English keeps ":".
Every form gets this, Django's and Wagtail's included, with nothing to inherit from.
"""

from django.utils.translation import gettext_noop

LABEL_SUFFIX = gettext_noop(":")
LABEL_ENDINGS = gettext_noop(":?.!")
